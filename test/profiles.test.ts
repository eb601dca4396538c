import t from 'tap'
import { HUB_PATH, buildTestApp, json, url } from './helpers/app.js'
import { minimalLinkDefinition, minimalRelationshipLinkDefinition } from './helpers/fixtures.js'

const definition = minimalLinkDefinition

t.test('the swagger profile answers only the codes the 2017-04-26 swagger declares', async (t) => {
  const { request } = await buildTestApp(t, { profile: 'swagger' })
  for (const collection of ['links', 'relationshipLinks']) {
    const payload = collection === 'links'
      ? { properties: definition }
      : { properties: minimalRelationshipLinkDefinition }
    const created = await request({ method: 'PUT', url: url(`${HUB_PATH}/${collection}/Item`), payload })
    t.equal(created.statusCode, 200, `${collection}: create`)
    t.match(json(created), { name: 'sdkTestHub/Item', properties: { provisioningState: 'Provisioning' } })
    t.ok(created.headers['azure-asyncoperation'])
    t.equal((await request({ method: 'PUT', url: url(`${HUB_PATH}/${collection}/Item`), payload })).statusCode, 200, `${collection}: update`)
    const deleted = await request({ method: 'DELETE', url: url(`${HUB_PATH}/${collection}/Item`) })
    t.equal(deleted.statusCode, 200, `${collection}: delete`)
    t.equal(deleted.body, '')
    t.equal((await request({ method: 'DELETE', url: url(`${HUB_PATH}/${collection}/Item`) })).statusCode, 200, `${collection}: delete again`)
    t.equal((await request({ method: 'GET', url: url(`${HUB_PATH}/${collection}/Item`) })).statusCode, 404)
  }
})
