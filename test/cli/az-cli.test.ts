// `npm run test:cli`: the Azure CLI (Debian's azure-cli 2.45) against the built emulator over HTTPS, as a user drives it:
// it registers the emulator as a cloud, logs in to it, and manages resource groups, hubs and links with `az group`,
// `az resource` and `az rest`. It needs `az`, so it is not part of `npm test`; .ci/cli.sh installs it when missing.
// The CLI keeps its state in a directory of its own, trusts the emulator through REQUESTS_CA_BUNDLE, sends no telemetry,
// and reaches the world only through a proxy that does not exist: a request to anything but the emulator fails the test.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBuiltEmulator, type BuiltEmulator } from '../helpers/built-emulator.js'
import t, { type Test } from 'tap'
import { LINK_SEED_BODY } from '../fixtures/seed-documents.js'

const SUBSCRIPTION = 'c1a0c1a0-0000-4000-8000-000000000001'
const TENANT = 'c1a0c1a0-0000-4000-8000-0000000000f0'
const CLOUD = 'CiEmulator'
const GROUP = 'rg-cli'
const HUB = 'hubcli'
/** A port nothing listens on: a proxy there refuses every connection at once. */
const NO_PROXY_PORT = 9

/** The built emulator as a user runs it: on free ports, in memory, requiring a token as ARM does. */
async function startEmulator (): Promise<BuiltEmulator> {
  // The CLI must send the token it got from the emulator's token service.
  return await startBuiltEmulator({ EMULATOR_REQUIRE_AUTH: '1' })
}

const emulator = await startEmulator()
t.teardown(emulator.stop)
/** The HTTPS origin as a user writes it: the certificate names localhost. */
const origin = emulator.https.replace('127.0.0.1', 'localhost')
const configDir = mkdtempSync(join(tmpdir(), 'ci-emulator-az-'))
t.teardown(() => { rmSync(configDir, { recursive: true, force: true }) })
const caFile = join(configDir, 'emulator-ca.pem')
writeFileSync(caFile, await (await fetch(`${emulator.http}/_emulator/ca.pem`)).text())
// The CLI's own settings, written before its first run: no telemetry, no survey, no upgrade check, no extension installs.
writeFileSync(join(configDir, 'config'), [
  '[core]', 'collect_telemetry = false', 'survey_message = false', 'no_color = true', 'only_show_errors = true', 'output = json',
  '[auto-upgrade]', 'enable = no',
  '[extension]', 'use_dynamic_install = no'
].join('\n') + '\n')

const azEnv: NodeJS.ProcessEnv = {
  ...process.env,
  AZURE_CONFIG_DIR: configDir,
  REQUESTS_CA_BUNDLE: caFile,
  AZURE_CORE_COLLECT_TELEMETRY: 'false',
  AZURE_CORE_SURVEY_MESSAGE: 'false',
  AZURE_CORE_ONLY_SHOW_ERRORS: 'true',
  AZURE_CORE_NO_COLOR: 'true',
  AZURE_CORE_OUTPUT: 'json',
  HTTP_PROXY: `http://127.0.0.1:${NO_PROXY_PORT}`,
  HTTPS_PROXY: `http://127.0.0.1:${NO_PROXY_PORT}`,
  NO_PROXY: 'localhost,127.0.0.1',
  http_proxy: `http://127.0.0.1:${NO_PROXY_PORT}`,
  https_proxy: `http://127.0.0.1:${NO_PROXY_PORT}`,
  no_proxy: 'localhost,127.0.0.1'
}

interface AzResult { code: number | null, stdout: string, stderr: string, json: unknown }

let commands = 0
/** One `az` command to its end; never rejects for a non-zero exit. `json` is what it printed, parsed, if anything. */
async function az (...args: string[]): Promise<AzResult> {
  commands++
  const child = spawn('az', args, { env: azEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new Error('az is not installed: .ci/cli.sh installs Debian\'s azure-cli') : error)
    })
    child.once('close', resolve)
  })
  let json: unknown
  try {
    json = stdout.trim() === '' ? undefined : JSON.parse(stdout)
  } catch {
    json = undefined
  }
  return { code, stdout, stderr, json }
}

/** What the emulator stores in the subscription, as ARM shows it. */
async function stored (): Promise<{ id: string, [key: string]: unknown }[]> {
  const response = await fetch(`${emulator.http}/_emulator/resources?subscriptionId=${SUBSCRIPTION}`)
  return ((await response.json()) as { value: { id: string }[] }).value
}

function ok (t: Test, result: AzResult, what: string): void {
  t.equal(result.code, 0, `${what} exits 0`, { stderr: result.stderr })
}

const groupId = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${GROUP}`
const hubId = `${groupId}/providers/Microsoft.CustomerInsights/hubs/${HUB}`
const linkDefinition = {
  sourceEntityType: 'Interaction',
  targetEntityType: 'Profile',
  sourceEntityTypeName: 'WebVisits',
  targetEntityTypeName: 'Contact',
  participantPropertyReferences: [{ sourcePropertyName: 'ContactId', targetPropertyName: 'ContactId' }],
  displayName: { 'en-us': 'Web visits to contacts' }
}
const started = Date.now()

t.test('az cloud register reads the metadata, az cloud set switches to it, az login --service-principal logs in', async (t) => {
  const register = await az('cloud', 'register', '--name', CLOUD, '--endpoint-resource-manager', `${origin}/`)
  ok(t, register, 'az cloud register')
  const cloud = await az('cloud', 'show', '--name', CLOUD)
  ok(t, cloud, 'az cloud show')
  t.match(cloud.json, {
    name: CLOUD,
    endpoints: {
      activeDirectory: `${origin}/adfs`,
      activeDirectoryResourceId: `${origin}/`,
      activeDirectoryGraphResourceId: `${origin}/`,
      resourceManager: `${origin}/`,
      management: `${origin}/`
    }
  })
  ok(t, await az('cloud', 'set', '--name', CLOUD), 'az cloud set')

  const login = await az('login', '--service-principal', '--username', 'ci-app', '--password', 'any-secret', '--tenant', TENANT)
  ok(t, login, 'az login')
  t.strictSame(login.json, [{
    cloudName: CLOUD,
    homeTenantId: TENANT,
    id: SUBSCRIPTION,
    isDefault: true,
    managedByTenants: [],
    name: 'Customer Insights emulator',
    state: 'Enabled',
    tenantId: TENANT,
    user: { name: 'ci-app', type: 'servicePrincipal' }
  }])
  const token = await az('account', 'get-access-token', '--query', '{type: tokenType, subscription: subscription, tenant: tenant}')
  ok(t, token, 'az account get-access-token')
  t.strictSame(token.json, { type: 'Bearer', subscription: SUBSCRIPTION, tenant: TENANT })
})

t.test('az group create, show, exists and list', async (t) => {
  const created = await az('group', 'create', '--name', GROUP, '--location', 'westus', '--tags', 'env=ci')
  ok(t, created, 'az group create')
  const group = { id: groupId, location: 'westus', managedBy: null, name: GROUP, properties: { provisioningState: 'Succeeded' }, tags: { env: 'ci' }, type: 'Microsoft.Resources/resourceGroups' }
  t.strictSame(created.json, group)
  t.strictSame((await stored()).find(({ id }) => id === groupId), {
    id: groupId, name: GROUP, type: 'Microsoft.Resources/resourceGroups', location: 'westus', tags: { env: 'ci' }, properties: { provisioningState: 'Succeeded' }
  }, 'stored as ARM shows it')

  const [show, exists, list, tagged, missing] = await Promise.all([
    az('group', 'show', '--name', GROUP),
    az('group', 'exists', '--name', GROUP),
    az('group', 'list', '--query', '[].name'),
    az('group', 'list', '--tag', 'env=ci', '--query', '[].name'),
    az('group', 'exists', '--name', 'rg-none')
  ])
  ok(t, show, 'az group show')
  t.strictSame(show.json, group)
  ok(t, exists, 'az group exists')
  t.equal(exists.json, true)
  t.strictSame(list.json, [GROUP])
  t.strictSame(tagged.json, [GROUP])
  t.equal(missing.json, false)
})

t.test('az resource create of a hub (the api-version from the provider) and of links (with and without --api-version)', async (t) => {
  const hub = await az('resource', 'create', '--resource-group', GROUP, '--name', HUB, '--resource-type', 'Microsoft.CustomerInsights/hubs',
    '--location', 'westus', '--properties', JSON.stringify({ hubBillingInfo: { skuName: 'B0', minUnits: 1, maxUnits: 5 } }))
  ok(t, hub, 'az resource create (hub)')
  t.match(hub.json, {
    id: hubId,
    name: HUB,
    type: 'Microsoft.CustomerInsights/hubs',
    location: 'westus',
    resourceGroup: GROUP,
    properties: { hubBillingInfo: { skuName: 'B0', minUnits: 1, maxUnits: 5 }, provisioningState: 'Succeeded', tenantFeatures: 0 }
  }, 'the CLI waited for provisioning to succeed')

  const [link, seedLink] = await Promise.all([
    az('resource', 'create', '--resource-group', GROUP, '--namespace', 'Microsoft.CustomerInsights', '--parent', `hubs/${HUB}`,
      '--resource-type', 'links', '--name', 'WebToContact', '--properties', JSON.stringify(linkDefinition)),
    az('resource', 'create', '--resource-group', GROUP, '--namespace', 'Microsoft.CustomerInsights', '--parent', `hubs/${HUB}`,
      '--resource-type', 'links', '--name', 'SeedLink', '--api-version', '2017-01-01', '--properties', JSON.stringify(LINK_SEED_BODY))
  ])
  ok(t, link, 'az resource create (link)')
  t.strictSame((link.json as { properties: unknown }).properties, {
    ...linkDefinition, referenceOnly: false, tenantId: HUB, linkName: 'WebToContact', provisioningState: 'Succeeded'
  })
  ok(t, seedLink, 'az resource create --api-version 2017-01-01 (the seed document\'s link)')
  t.match(seedLink.json, {
    name: `${HUB}/SeedLink`,
    properties: { sourceInteractionType: 'testInteraction1949', targetProfileType: 'testProfile1446', linkName: 'SeedLink', provisioningState: 'Succeeded' }
  }, 'read back in 2017-01-01 as written')

  const links = (await stored()).filter(({ id }) => id.startsWith(`${hubId}/links/`))
  t.strictSame(links.map(({ id }) => id).sort(), [`${hubId}/links/SeedLink`, `${hubId}/links/WebToContact`])
  t.notOk(links.some((resource) => 'location' in resource), 'the location az sends atop a link is not kept')
})

t.test('az resource show, list (subscription, group, type) and az rest with a relative URL', async (t) => {
  const [hub, link, all, inGroup, ofType, named, rest] = await Promise.all([
    az('resource', 'show', '--resource-group', GROUP, '--name', HUB, '--resource-type', 'Microsoft.CustomerInsights/hubs'),
    az('resource', 'show', '--ids', `${hubId}/links/WebToContact`, '--api-version', '2017-04-26'),
    az('resource', 'list', '--query', '[].id'),
    az('resource', 'list', '--resource-group', GROUP, '--query', '[].{name: name, state: provisioningState}'),
    az('resource', 'list', '--resource-type', 'Microsoft.CustomerInsights/hubs', '--query', '[].name'),
    az('resource', 'list', '--name', HUB, '--location', 'westus', '--query', '[].name'),
    az('rest', '--method', 'get', '--url', `${hubId}/links?api-version=2017-04-26`, '--query', 'value[].name')
  ])
  ok(t, hub, 'az resource show (hub)')
  t.match(hub.json, { id: hubId, properties: { apiEndpoint: `https://${HUB}.api.customerinsights.localhost`, provisioningState: 'Succeeded' } })
  ok(t, link, 'az resource show --ids (link)')
  t.match(link.json, { id: `${hubId}/links/WebToContact`, properties: { sourceEntityTypeName: 'WebVisits' } })
  ok(t, all, 'az resource list')
  t.strictSame(all.json, [hubId], 'a subscription lists its hubs, not their links')
  t.strictSame(inGroup.json, [{ name: HUB, state: 'Succeeded' }])
  t.strictSame(ofType.json, [HUB])
  t.strictSame(named.json, [HUB])
  ok(t, rest, 'az rest')
  t.strictSame(rest.json, [`${HUB}/SeedLink`, `${HUB}/WebToContact`])
})

t.test('az resource update --set, az resource tag, az resource wait', async (t) => {
  const [hub, link] = await Promise.all([
    az('resource', 'update', '--resource-group', GROUP, '--name', HUB, '--resource-type', 'Microsoft.CustomerInsights/hubs',
      '--set', 'properties.hubBillingInfo.maxUnits=7'),
    az('resource', 'update', '--ids', `${hubId}/links/WebToContact`, '--set', 'properties.displayName.en-us=Visits to contacts')
  ])
  ok(t, hub, 'az resource update (hub)')
  t.match(hub.json, { properties: { hubBillingInfo: { skuName: 'B0', minUnits: 1, maxUnits: 7 } } })
  ok(t, link, 'az resource update (link)')
  t.strictSame((link.json as { properties: { displayName: unknown } }).properties.displayName, { 'en-us': 'Visits to contacts' })

  const tagged = await az('resource', 'tag', '--resource-group', GROUP, '--name', HUB, '--resource-type', 'Microsoft.CustomerInsights/hubs', '--tags', 'team=data')
  ok(t, tagged, 'az resource tag')
  t.strictSame((tagged.json as { tags: unknown }).tags, { team: 'data' })
  const resources = await stored()
  t.match(resources.find(({ id }) => id === hubId), { tags: { team: 'data' }, properties: { hubBillingInfo: { maxUnits: 7 } } })
  t.match(resources.find(({ id }) => id === `${hubId}/links/WebToContact`), { properties: { displayName: { 'en-us': 'Visits to contacts' } } })

  const [created, custom, byTag] = await Promise.all([
    az('resource', 'wait', '--resource-group', GROUP, '--name', HUB, '--resource-type', 'Microsoft.CustomerInsights/hubs', '--created', '--timeout', '60'),
    az('resource', 'wait', '--ids', `${hubId}/links/SeedLink`, '--api-version', '2017-01-01', '--custom', "properties.provisioningState=='Succeeded'", '--timeout', '60'),
    az('resource', 'list', '--tag', 'team=data', '--query', '[].name')
  ])
  ok(t, created, 'az resource wait --created')
  ok(t, custom, 'az resource wait --custom')
  t.strictSame(byTag.json, [HUB])
})

t.test('a group named only in a provider URL exists while it holds resources (implicit references)', async (t) => {
  const implicitGroup = 'rg-implicit'
  const link = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${implicitGroup}/providers/Microsoft.CustomerInsights/hubs/hubx/links/OnlyLink`
  const put = await az('rest', '--method', 'put', '--url', `${link}?api-version=2017-04-26`, '--body', JSON.stringify({ properties: linkDefinition }))
  ok(t, put, 'az rest --method put')
  const shown = await az('group', 'show', '--name', implicitGroup)
  ok(t, shown, 'az group show (implicit)')
  t.match(shown.json, { name: implicitGroup, location: 'westus', properties: { provisioningState: 'Succeeded' } })
  ok(t, await az('group', 'delete', '--name', implicitGroup, '--yes'), 'az group delete (implicit)')
  const [gone, exists] = await Promise.all([az('group', 'show', '--name', implicitGroup), az('group', 'exists', '--name', implicitGroup)])
  t.equal(gone.code, 3, 'az group show fails: the group is gone')
  t.match(gone.stderr, /ResourceGroupNotFound/)
  t.equal(exists.json, false)
  t.notOk((await stored()).some(({ id }) => id.startsWith(`/subscriptions/${SUBSCRIPTION}/resourceGroups/${implicitGroup}/`)), 'nor anything in it')
})

t.test('az resource delete, az group delete removes everything in the group', async (t) => {
  ok(t, await az('resource', 'delete', '--ids', `${hubId}/links/SeedLink`), 'az resource delete (link)')
  t.notOk((await stored()).some(({ id }) => id === `${hubId}/links/SeedLink`))

  const again = await az('resource', 'create', '--resource-group', GROUP, '--name', 'hubtwo', '--resource-type', 'Microsoft.CustomerInsights/hubs',
    '--location', 'westus', '--properties', '{}')
  ok(t, again, 'az resource create (a second hub)')
  ok(t, await az('resource', 'delete', '--resource-group', GROUP, '--name', 'hubtwo', '--resource-type', 'Microsoft.CustomerInsights/hubs'),
    'az resource delete (hub)')
  t.strictSame((await stored()).map(({ id }) => id).sort(), [groupId, hubId, `${hubId}/links/WebToContact`])

  const deleted = await az('group', 'delete', '--name', GROUP, '--yes')
  ok(t, deleted, 'az group delete')
  t.strictSame(await stored(), [], 'the group, its hub and its link are gone')
  const [exists, list] = await Promise.all([az('group', 'exists', '--name', GROUP), az('group', 'list')])
  t.equal(exists.json, false)
  t.strictSame(list.json, [])
})

t.test('every request reached the emulator and carried a token', async (t) => {
  t.comment(`${commands} az commands in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  const log = emulator.output()
  t.notMatch(log, /"statusCode":401/, 'no request was refused for want of a token')
  t.notMatch(log, /"statusCode":5\d\d/, 'no request failed on the emulator')
})
