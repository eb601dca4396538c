import t from 'tap'
import { HUB, HUB_PATH, buildTestApp, json, storedAt, storedBody, url } from './helpers/app.js'
import { swaggerExample } from './helpers/published.js'
import { storageWithResourceGroup } from './helpers/strict.js'

const ASSIGNMENTS = `${HUB_PATH}/roleAssignments`

function assignmentResource (name: string, properties: Record<string, unknown>, provisioningState = 'Provisioning') {
  return {
    id: `${ASSIGNMENTS}/${name}`,
    name: `${HUB}/${name}`,
    type: 'Microsoft.CustomerInsights/hubs/roleAssignments',
    properties: { ...properties, tenantId: HUB.toLowerCase(), assignmentName: name, provisioningState }
  }
}

t.test('an assignment provisions; principal ids given as 32 hex digits are shown as GUIDs, as the published example does', async (t) => {
  const { app, clock, request } = await buildTestApp(t)
  const example = swaggerExample('RoleAssignmentsCreateOrUpdate', '2017-01-01')
  const created = await request({ method: 'PUT', url: url(`${ASSIGNMENTS}/assignmentName8976`, '2017-01-01'), payload: example.parameters.parameters })
  t.equal(created.statusCode, 201)
  t.ok(created.headers['azure-asyncoperation'])
  const published = example.responses['200']?.body as { properties: Record<string, unknown> }
  t.strictSame((json(created) as { properties: unknown }).properties, { ...published.properties, tenantId: HUB.toLowerCase() },
    'as published, but for the hub, which the example took from another')

  const principals = [{ principalId: '4C54C38FFA9B416BA5A6D6C8A20CBE7E', principalType: 'Group', principalMetadata: { upn: 'a@b' } },
    { principalId: 'not-a-guid', principalType: 'User' }]
  const scoped = { role: 'Reader', principals, displayName: { en: 'Readers' }, profiles: { elements: ['*'], exceptions: ['Secret'] }, segments: { elements: ['s1'] } }
  const updated = await request({ method: 'PUT', url: url(`${ASSIGNMENTS}/assignmentName8976`), payload: { properties: scoped } })
  t.equal(updated.statusCode, 200)
  const shown = { ...scoped, principals: [{ ...principals[0], principalId: '4c54c38f-fa9b-416b-a5a6-d6c8a20cbe7e' }, principals[1]] }
  t.strictSame(json(updated), assignmentResource('assignmentName8976', shown))
  clock.advance(500)
  t.strictSame(json(await request({ method: 'GET', url: url(`${ASSIGNMENTS}/assignmentName8976`) })), assignmentResource('assignmentName8976', shown, 'Succeeded'))
  t.strictSame(storedBody(storedAt(app, `${ASSIGNMENTS}/assignmentName8976`)), assignmentResource('assignmentName8976', shown))

  const removed = await request({ method: 'DELETE', url: url(`${ASSIGNMENTS}/assignmentName8976`) })
  t.equal(removed.statusCode, 200)
  t.equal((await request({ method: 'DELETE', url: url(`${ASSIGNMENTS}/assignmentName8976`) })).statusCode, 204, 'RoleAssignments_Delete declares 204')
})

t.test('a role is one of the six role types; principals are required, each with an id and a type', async (t) => {
  const { request } = await buildTestApp(t)
  const response = await request({ method: 'PUT', url: url(`${ASSIGNMENTS}/a1`), payload: { properties: { role: 'Owner', principals: [{ principalId: 'x' }] } } })
  t.equal(response.statusCode, 400)
  t.match(json(response), {
    error: {
      code: 'ValidationFailed',
      details: [
        { code: 'InvalidPropertyValue', target: 'properties.role', message: "The property 'properties.role' must be one of: Admin, Reader, ManageAdmin, ManageReader, DataAdmin, DataReader." },
        { code: 'MissingRequiredProperty', target: 'properties.principals[0].principalType' }
      ]
    }
  })
})

t.test('under strict references every resource a scope names must exist in the hub, but \'*\' and what the emulator does not serve', async (t) => {
  const { request } = await buildTestApp(t, { references: 'strict', storage: storageWithResourceGroup(t) })
  await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'westus' } })
  const principals = [{ principalId: 'p', principalType: 'User' }]
  const refused = async (scopes: Record<string, unknown>, target: string, kind: string, name: string) => {
    const response = await request({ method: 'PUT', url: url(`${ASSIGNMENTS}/a1`), payload: { properties: { role: 'Admin', principals, ...scopes } } })
    t.equal(response.statusCode, 400, target)
    t.strictSame(json(response), {
      error: { code: 'ReferencedResourceNotFound', message: `The ${kind} '${name}' named by '${target}' does not exist in hub '${HUB}'.`, target }
    })
  }
  await refused({ profiles: { elements: ['*'], exceptions: ['Contact'] } }, 'properties.profiles.exceptions[0]', 'profile type', 'Contact')
  await refused({ kpis: { elements: ['Revenue'] } }, 'properties.kpis.elements[0]', 'KPI', 'Revenue')
  await refused({ sasPolicies: { elements: ['RootManageSharedAccessKey'] } }, 'properties.sasPolicies.elements[0]', 'authorization policy', 'RootManageSharedAccessKey')
  await refused({ widgetTypes: { elements: ['ActivityGauge', 'Speedometer'] } }, 'properties.widgetTypes.elements[1]', 'widget type', 'Speedometer')
  await refused({ roleAssignments: { elements: ['a2'] } }, 'properties.roleAssignments.elements[0]', 'role assignment', 'a2')

  await request({ method: 'PUT', url: url(`${HUB_PATH}/views/Home`), payload: { properties: { definition: '{}' } } })
  const accepted = await request({
    method: 'PUT',
    url: url(`${ASSIGNMENTS}/a1`),
    payload: {
      properties: {
        role: 'Admin',
        principals,
        views: { elements: ['home'] },
        widgetTypes: { elements: ['activitygauge'] },
        conflationPolicies: { elements: ['anything'] },
        segments: { elements: ['anything'] },
        links: { elements: ['*'] }
      }
    }
  })
  t.equal(accepted.statusCode, 201, 'names found case-insensitively; conflation policies and segments are not checked')
  const inUse = await request({ method: 'DELETE', url: url(`${HUB_PATH}/views/Home?userId=*`) })
  t.equal(inUse.statusCode, 409)
  t.match(json(inUse), { error: { code: 'ResourceInUse', message: /role assignment 'a1'/ } })
})
