import t from 'tap'
import { HUB, HUB_PATH, RESOURCE_GROUP, buildTestApp, json, url } from './helpers/app.js'
import { swaggerExample } from './helpers/published.js'
import { storageWithResourceGroup } from './helpers/strict.js'

function widgetType (name: string) {
  return {
    id: `${HUB_PATH}/widgetTypes/${name}`,
    name: `${HUB}/${name}`,
    type: 'Microsoft.CustomerInsights/hubs/widgetTypes',
    properties: { widgetTypeName: name, tenantId: '*', description: '', definition: '', imageUrl: '', widgetVersion: '2016-01-01' }
  }
}

t.test('every hub offers the widget types the published examples show, in both versions, without being created', async (t) => {
  const { request } = await buildTestApp(t)
  for (const version of ['2017-04-26', '2017-01-01']) {
    const listed = await request({ method: 'GET', url: url(`${HUB_PATH}/widgetTypes`, version) })
    t.equal(listed.statusCode, 200)
    t.strictSame(json(listed), { value: [widgetType('ActivityGauge'), widgetType('AsterChart')] })
    const got = await request({ method: 'GET', url: url(`${HUB_PATH}/widgetTypes/activitygauge`, version) })
    t.equal(got.statusCode, 200)
    t.strictSame(json(got), widgetType('ActivityGauge'), 'found case-insensitively, shown in the catalogue\'s casing')
  }
  const published = swaggerExample('WidgetTypesGet', '2017-01-01').responses['200']?.body as { properties: unknown }
  t.strictSame(widgetType('ActivityGauge').properties, published.properties, 'as WidgetTypesGet shows it')
})

t.test('a widget type that is not in the catalogue is a 404; widget types are not written', async (t) => {
  const { request } = await buildTestApp(t)
  const missing = await request({ method: 'GET', url: url(`${HUB_PATH}/widgetTypes/Gauge`) })
  t.equal(missing.statusCode, 404)
  t.strictSame(json(missing), {
    error: { code: 'ResourceNotFound', message: `The Resource 'Microsoft.CustomerInsights/hubs/${HUB}/widgetTypes/Gauge' under resource group '${RESOURCE_GROUP}' was not found.` }
  })
  for (const method of ['PUT', 'DELETE', 'PATCH'] as const) {
    const refused = await request({ method, url: url(`${HUB_PATH}/widgetTypes/ActivityGauge`), payload: {} })
    t.equal(refused.statusCode, 405, method)
    t.match(json(refused), { error: { code: 'MethodNotAllowed' } })
  }
})

t.test('roles are listed, every role a role assignment may give, and got by no name', async (t) => {
  const { request } = await buildTestApp(t)
  const listed = await request({ method: 'GET', url: url(`${HUB_PATH}/roles`, '2017-01-01') })
  t.equal(listed.statusCode, 200)
  const roles = (json(listed) as { value: { id: string, name: string, type: string, properties: { roleName: string, description: string } }[] }).value
  t.strictSame(roles.map((role) => role.properties.roleName), ['Admin', 'Reader', 'ManageAdmin', 'ManageReader', 'DataAdmin', 'DataReader'])
  t.strictSame(roles.map(({ id, name, type }) => ({ id, name, type })), roles.map((role) => ({
    id: `${HUB_PATH}/roles/${role.properties.roleName}`, name: `${HUB}/${role.properties.roleName}`, type: 'Microsoft.CustomerInsights/hubs/roles'
  })))
  const published = swaggerExample('RolesListByHub').responses['200']?.body as { value: { properties: unknown }[] }
  t.strictSame(roles[0]?.properties, published.value[0]?.properties, 'Admin as RolesListByHub shows it')
  t.ok(roles.every((role) => role.properties.description.startsWith(`When a role assignment is created for the ${role.properties.roleName} Role`)))

  const got = await request({ method: 'GET', url: url(`${HUB_PATH}/roles/Admin`) })
  t.equal(got.statusCode, 404)
  t.match(json(got), { error: { code: 'NotFound' } })
})

t.test('under strict references, catalogues are a hub\'s: a hub that was not created has none', async (t) => {
  const { request } = await buildTestApp(t, { references: 'strict', storage: storageWithResourceGroup(t) })
  const parentMissing = {
    error: { code: 'ParentResourceNotFound', message: `Can not perform requested operation on nested resource. Parent resource '${HUB}' not found.` }
  }
  for (const path of [`${HUB_PATH}/widgetTypes`, `${HUB_PATH}/widgetTypes/ActivityGauge`, `${HUB_PATH}/roles`]) {
    const response = await request({ method: 'GET', url: url(path) })
    t.equal(response.statusCode, 404, path)
    t.strictSame(json(response), parentMissing)
  }
  await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'westus' } })
  t.equal((await request({ method: 'GET', url: url(`${HUB_PATH}/widgetTypes/ActivityGauge`) })).statusCode, 200)
  t.equal((await request({ method: 'GET', url: url(`${HUB_PATH}/roles`) })).statusCode, 200)
})
