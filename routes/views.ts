import { defineResourceType } from '../src/engine/resource-type.js'
import { ANY_NAME } from '../src/provider/names.js'
import { ViewDefinition } from '../src/schemas/view.js'
import { hubs } from './hubs.js'

export const views = defineResourceType({
  kind: 'view',
  segment: 'views',
  nameParameter: 'viewName',
  parent: hubs,
  nameRule: ANY_NAME,
  versions: {
    '2017-04-26': { definition: ViewDefinition },
    '2017-01-01': { definition: ViewDefinition }
  },
  put: { declared: [200], longRunning: false },
  delete: { declared: [200], longRunning: false },
  // The swagger requires the user whose views are read or deleted; every view of the hub is found whatever it names.
  requiredQuery: ['userId'],
  display: { singular: 'App View', plural: 'App Views' },
  properties: (definition, { names, name }) => ({ ...definition, tenantId: (names[0] as string).toLowerCase(), viewName: name })
})
