import t from 'tap'
import { HUB, HUB_PATH, buildTestApp, json, storedAt, storedBody, storedIn, url } from './helpers/app.js'
import { swaggerExample } from './helpers/published.js'
import { storageWithResourceGroup } from './helpers/strict.js'

const CONNECTORS = `${HUB_PATH}/connectors`

const connector = {
  connectorType: 'AzureBlob',
  displayName: 'testConnector',
  description: 'Test connector',
  connectorProperties: { connectionKeyVaultUrl: { organizationId: 'XXX', organizationUrl: 'https://XXX.crmlivetie.com/' } }
}

/** A connector as the service shows it: its id in the hub, its name, its hub, and its state last; no timestamps. */
function connectorResource (name: string, connectorId: number, properties: Record<string, unknown>, state = 'Creating') {
  return {
    id: `${CONNECTORS}/${name}`,
    name: `${HUB}/${name}`,
    type: 'Microsoft.CustomerInsights/hubs/connectors',
    properties: { connectorId, connectorName: name, ...properties, tenantId: HUB.toLowerCase(), state }
  }
}

const mapping = swaggerExample('ConnectorMappingsCreateOrUpdate').parameters.parameters as { properties: Record<string, unknown> }

/** A mapping as ConnectorMappingsCreateOrUpdate shows it: ready at once, its connector's type, its file format completed. */
function mappingResource (connectorName: string, name: string, dataFormatId: string, extra: Record<string, unknown> = {}) {
  const properties = mapping.properties as { mappingProperties: { format: Record<string, unknown> } }
  return {
    id: `${CONNECTORS}/${connectorName}/mappings/${name}`,
    name: `${HUB}/${connectorName}/${name}`,
    type: 'Microsoft.CustomerInsights/hubs/connectors/mappings',
    properties: {
      connectorMappingName: name,
      connectorName,
      connectorType: 'AzureBlob',
      dataFormatId,
      ...properties,
      ...extra,
      mappingProperties: {
        ...properties.mappingProperties,
        format: { acceptLanguage: '', quoteCharacter: '"', quoteEscapeCharacter: '"', arraySeparator: ';', ...properties.mappingProperties.format }
      },
      state: 'Created',
      tenantId: HUB.toLowerCase()
    }
  }
}

t.test('a connector is "Creating" until its provisioning completes, then "Created"; its id is the hub\'s next', async (t) => {
  const { app, clock, request } = await buildTestApp(t)
  const created = await request({ method: 'PUT', url: url(`${CONNECTORS}/testConnector`), payload: { properties: { ...connector, connectorId: 7, state: 'Ready' } } })
  t.equal(created.statusCode, 201)
  t.ok(created.headers['azure-asyncoperation'], 'Connectors_CreateOrUpdate is long-running')
  t.strictSame(json(created), connectorResource('testConnector', 1, connector))

  const second = await request({ method: 'PUT', url: url(`${CONNECTORS}/Second`), payload: { properties: { connectorType: 'CRM', connectorProperties: {}, isInternal: true } } })
  t.strictSame(json(second), connectorResource('Second', 2, { connectorType: 'CRM', connectorProperties: {}, isInternal: true }))

  clock.advance(500)
  t.strictSame(json(await request({ method: 'GET', url: url(`${CONNECTORS}/testConnector`, '2017-01-01') })), connectorResource('testConnector', 1, connector, 'Created'))
  const updated = await request({ method: 'PUT', url: url(`${CONNECTORS}/testConnector`), payload: { properties: { ...connector, description: 'changed' } } })
  t.equal(updated.statusCode, 200)
  t.strictSame(json(updated), connectorResource('testConnector', 1, { ...connector, description: 'changed' }), 'an update keeps the id and provisions again')
  t.strictSame(storedBody(storedAt(app, `${CONNECTORS}/testConnector`)), json(updated))

  await request({ method: 'DELETE', url: url(`${CONNECTORS}/testConnector`) })
  const third = await request({ method: 'PUT', url: url(`${CONNECTORS}/Third`), payload: { properties: connector } })
  t.equal((json(third) as { properties: { connectorId: number } }).properties.connectorId, 3, 'one more than the highest left')
  const listed = await request({ method: 'GET', url: url(CONNECTORS) })
  t.strictSame((json(listed) as { value: { name: string }[] }).value.map((item) => item.name), [`${HUB}/Second`, `${HUB}/Third`])
})

t.test('a connector whose provisioning fails shows "Failed"', async (t) => {
  const { clock, request } = await buildTestApp(t)
  await request({
    method: 'PUT',
    url: url(`${CONNECTORS}/testConnector`),
    headers: { 'x-emulator-provisioning': JSON.stringify({ outcome: 'Failed', delayMs: 10 }) },
    payload: { properties: connector }
  })
  clock.advance(10)
  t.strictSame(json(await request({ method: 'GET', url: url(`${CONNECTORS}/testConnector`) })), connectorResource('testConnector', 1, connector, 'Failed'))
})

t.test('a mapping is created under its connector, shows what the service computes, and goes with its connector', async (t) => {
  const { app, request } = await buildTestApp(t)
  await request({ method: 'PUT', url: url(`${CONNECTORS}/testConnector8858`), payload: { properties: connector } })
  const path = `${CONNECTORS}/testConnector8858/mappings/testMapping12491`
  const created = await request({ method: 'PUT', url: url(path), payload: { properties: { ...mapping.properties, state: 'Running', runId: 'x' } } })
  t.equal(created.statusCode, 201, 'ConnectorMappings_CreateOrUpdate declares 201')
  t.equal(created.headers['azure-asyncoperation'], undefined, 'a mapping is written at once')
  // With sequential ids: the connector's PUT drew 1–4, the mapping's request 5–6, its operation 7 and its GUID 8.
  const expected = mappingResource('testConnector8858', 'testMapping12491', '00000000000040008000000000000008')
  t.strictSame(json(created), expected)
  const published = swaggerExample('ConnectorMappingsCreateOrUpdate').responses['201']?.body as { properties: Record<string, unknown> }
  t.strictSame(Object.keys(expected.properties).sort(), Object.keys(published.properties).sort(), 'the fields the published example shows')

  const updated = await request({ method: 'PUT', url: url(path, '2017-01-01'), payload: { properties: { ...mapping.properties, connectorType: 'CRM' } } })
  t.equal(updated.statusCode, 200)
  t.strictSame(json(updated), mappingResource('testConnector8858', 'testMapping12491', '00000000000040008000000000000008', { connectorType: 'CRM' }),
    'the GUID is kept; a type the client gives is its own')

  const listed = await request({ method: 'GET', url: url(`${CONNECTORS}/testConnector8858/mappings`) })
  t.strictSame(json(listed), { value: [json(updated)] })
  t.strictSame(json(await request({ method: 'GET', url: url(path) })), json(updated))

  const removed = await request({ method: 'DELETE', url: url(`${CONNECTORS}/testConnector8858`) })
  t.equal(removed.statusCode, 200)
  t.equal(storedAt(app, path), undefined, 'the connector\'s whole key range went with it')
  t.strictSame(storedIn(app, `${CONNECTORS}/testConnector8858/mappings`), [])
  t.equal((await request({ method: 'GET', url: url(path) })).statusCode, 404)
})

t.test('a mapping of a connector that does not exist: implicit by default, without a connector type', async (t) => {
  const { request } = await buildTestApp(t)
  const path = `${CONNECTORS}/Elsewhere/mappings/m1`
  const created = await request({ method: 'PUT', url: url(path), payload: mapping })
  t.equal(created.statusCode, 201)
  t.notOk('connectorType' in (json(created) as { properties: Record<string, unknown> }).properties)
  t.equal((await request({ method: 'DELETE', url: url(path) })).statusCode, 200)
  t.equal((await request({ method: 'DELETE', url: url(path) })).statusCode, 204)
})

t.test('under strict references a mapping needs its connector and the entity type it maps to', async (t) => {
  const { app, request } = await buildTestApp(t, { references: 'strict', storage: storageWithResourceGroup(t) })
  await request({ method: 'PUT', url: url(HUB_PATH), payload: { location: 'westus' } })
  const path = `${CONNECTORS}/testConnector8858/mappings/testMapping12491`
  const orphan = await request({ method: 'PUT', url: url(path), payload: mapping })
  t.equal(orphan.statusCode, 404)
  t.strictSame(json(orphan), {
    error: { code: 'ParentResourceNotFound', message: `Can not perform requested operation on nested resource. Parent resource '${HUB}/testConnector8858' not found.` }
  })
  t.equal((await request({ method: 'GET', url: url(`${CONNECTORS}/testConnector8858/mappings`) })).statusCode, 404)

  await request({ method: 'PUT', url: url(`${CONNECTORS}/testConnector8858`), payload: { properties: connector } })
  const unnamed = await request({ method: 'PUT', url: url(path), payload: mapping })
  t.equal(unnamed.statusCode, 400)
  t.strictSame(json(unnamed), {
    error: {
      code: 'ReferencedResourceNotFound',
      message: `The interaction type 'TestInteractionType2967' named by 'properties.entityTypeName' does not exist in hub '${HUB}'.`,
      target: 'properties.entityTypeName'
    }
  })
  t.equal(storedAt(app, path), undefined, 'nothing written')

  await request({ method: 'PUT', url: url(`${HUB_PATH}/interactions/TestInteractionType2967`), payload: { properties: {} } })
  t.equal((await request({ method: 'PUT', url: url(path), payload: mapping })).statusCode, 201)
  const inUse = await request({ method: 'DELETE', url: url(`${HUB_PATH}/interactions/TestInteractionType2967`) })
  t.equal(inUse.statusCode, 405, 'interaction types are not deleted at all (the swagger declares no delete)')

  await request({ method: 'PUT', url: url(`${HUB_PATH}/profiles/Contact`), payload: { properties: {} } })
  await request({ method: 'PUT', url: url(`${CONNECTORS}/testConnector8858/mappings/ToContact`), payload: { properties: { ...mapping.properties, entityType: 'Profile', entityTypeName: 'Contact' } } })
  const used = await request({ method: 'DELETE', url: url(`${HUB_PATH}/profiles/Contact`) })
  t.equal(used.statusCode, 409)
  t.strictSame(json(used), {
    error: {
      code: 'ResourceInUse',
      message: "The profile type 'Contact' cannot be deleted while other resources refer to it: connector mapping 'ToContact'. Delete or change those first."
    }
  })
})

t.test('a connector\'s type and properties are required; the name follows the swagger\'s rule', async (t) => {
  const { request } = await buildTestApp(t)
  const invalid = await request({ method: 'PUT', url: url(`${CONNECTORS}/c1`), payload: { properties: { connectorType: 'Ftp', connectorProperties: { a: 1 } } } })
  t.equal(invalid.statusCode, 400)
  t.match(json(invalid), {
    error: {
      code: 'ValidationFailed',
      details: [
        { code: 'InvalidPropertyValue', target: 'properties.connectorType' },
        { code: 'InvalidPropertyType', target: 'properties.connectorProperties.a' }
      ]
    }
  })
  const name = await request({ method: 'PUT', url: url(`${CONNECTORS}/1c`), payload: { properties: connector } })
  t.match(json(name), { error: { code: 'InvalidResourceName', target: 'connectorName' } })
  const mappingName = await request({ method: 'PUT', url: url(`${CONNECTORS}/c/mappings/m-1`), payload: mapping })
  t.match(json(mappingName), { error: { code: 'InvalidResourceName', target: 'mappingName' } })
})
