import { createHash } from 'node:crypto'

/**
 * The emulator as a cloud: what a client that discovers a cloud (the Azure CLI's `az cloud register`, Terraform's
 * `metadata_host`) reads, and the identity it then logs in to. Every endpoint named here is on the emulator's own
 * origin: nothing a client is told to call leaves this machine.
 */

/** The subscription every login finds, even before anything is stored; a stable GUID, so scripts can name it. */
export const DEFAULT_SUBSCRIPTION_ID = 'c1a0c1a0-0000-4000-8000-000000000001'
/** The tenant every token and subscription belongs to. */
export const DEFAULT_TENANT_ID = 'c1a0c1a0-0000-4000-8000-0000000000f0'

/** The name the cloud documents give the emulator. */
export const CLOUD_NAME = 'CustomerInsightsEmulator'
export const CLOUD_DISPLAY_NAME = 'Customer Insights emulator'
/** The tenant's domain: `.localhost` names resolve to this machine. */
export const TENANT_DOMAIN = 'customerinsights.localhost'

/** Where the ADFS-shaped token service lives: a login endpoint ending in `/adfs` is one the Azure CLI 2.45 accepts as local. */
export const ADFS_PATH = '/adfs'

/** Subscription and tenant ids are GUIDs: 8-4-4-4-12 hexadecimal digits. */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The tenant a URL's tenant segment stands for: a GUID is itself; `common`, `organizations`, a domain name or none is the
 * emulator's tenant.
 */
export function tenantOf (segment: string | undefined, defaultTenantId: string): string {
  return segment !== undefined && GUID_PATTERN.test(segment)
    ? segment.toLowerCase()
    : defaultTenantId
}

/** A GUID that always stands for the same name: the object id of a user or application that logs in. */
export function stableGuid (name: string): string {
  const hex = createHash('sha256').update(name).digest('hex')
  // Shaped as a name-based GUID: version 5, variant 8.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** The resource manager's audience: a token for it is asked for with this resource, or with `{audience}.default`. */
export function audienceOf (origin: string): string {
  return `${origin}/`
}

/** The 2015-01-01 form, which `az cloud register --endpoint-resource-manager` reads (msrestazure). */
export function endpointsDocument (origin: string) {
  return {
    galleryEndpoint: `${origin}/`,
    // The CLI requires a graph endpoint; nothing the emulator serves calls it.
    graphEndpoint: `${origin}/`,
    portalEndpoint: `${origin}/`,
    authentication: {
      loginEndpoint: `${origin}${ADFS_PATH}`,
      audiences: [audienceOf(origin)]
    }
  }
}

/**
 * The 2019-05-01 and later form of one cloud. `login` says which token service it names: `adfs`, the form the Azure
 * CLI 2.45 accepts as a local login endpoint (with `ARM_CLOUD_METADATA_URL`), or `aad`, the `{tenant}/oauth2/v2.0` form
 * that Terraform and clients built on MSAL with instance discovery off use.
 */
export function cloudDocument (origin: string, login: 'adfs' | 'aad', tenantId: string) {
  const audience = audienceOf(origin)
  return {
    portal: `${origin}/`,
    authentication: login === 'adfs'
      ? { loginEndpoint: `${origin}${ADFS_PATH}`, audiences: [audience], tenant: 'adfs', identityProvider: 'ADFS' }
      : { loginEndpoint: `${origin}/`, audiences: [audience], tenant: tenantId, identityProvider: 'AAD' },
    graphAudience: audience,
    graph: `${origin}/`,
    microsoftGraphResourceId: audience,
    name: CLOUD_NAME,
    resourceManager: `${origin}/`,
    suffixes: {}
  }
}

/** A subscription as ARM lists it: every one the emulator knows is enabled and belongs to its tenant. */
export function subscriptionDocument (subscriptionId: string, tenantId: string) {
  return {
    id: `/subscriptions/${subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId,
    tenantId,
    displayName: CLOUD_DISPLAY_NAME,
    state: 'Enabled',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' }
  }
}

export function tenantDocument (tenantId: string) {
  return {
    id: `/tenants/${tenantId}`,
    tenantId,
    countryCode: 'US',
    displayName: CLOUD_DISPLAY_NAME,
    domains: [TENANT_DOMAIN],
    tenantCategory: 'Home',
    defaultDomain: TENANT_DOMAIN,
    tenantType: 'AAD'
  }
}
