import { defineResourceType } from '../src/engine/resource-type.js'
import { ANY_NAME } from '../src/provider/names.js'
import { NotWritten } from '../src/schemas/common.js'
import { hubs } from './hubs.js'

/** The widget types every hub offers, as the published examples show them (WidgetTypesListByHub, WidgetTypesGet). */
const WIDGET_TYPES = ['ActivityGauge', 'AsterChart']

export const widgetTypes = defineResourceType({
  kind: 'widget type',
  segment: 'widgetTypes',
  nameParameter: 'widgetTypeName',
  parent: hubs,
  nameRule: ANY_NAME,
  versions: {
    '2017-04-26': { definition: NotWritten },
    '2017-01-01': { definition: NotWritten }
  },
  // The service's own, shared by every hub: the examples show them with the tenant '*'.
  catalogue: () => WIDGET_TYPES.map((name) => ({
    name,
    properties: { widgetTypeName: name, tenantId: '*', description: '', definition: '', imageUrl: '', widgetVersion: '2016-01-01' }
  }))
})
