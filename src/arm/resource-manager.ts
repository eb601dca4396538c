/**
 * ARM's own resources around the provider, Microsoft.Resources: the api-versions each route accepts, newest first, as
 * the published specifications list them (azure-rest-api-specs, specification/resources).
 */

/** Resource groups, resource providers, the listing of resources. */
export const RESOURCES_API_VERSIONS = [
  '2024-11-01', '2024-07-01', '2024-03-01', '2023-07-01', '2022-09-01', '2021-04-01', '2021-01-01', '2020-10-01', '2020-08-01',
  '2020-06-01', '2019-10-01', '2019-08-01', '2019-07-01', '2019-05-10', '2019-05-01', '2019-03-01', '2018-05-01', '2018-02-01',
  '2017-05-10', '2016-09-01', '2016-07-01', '2016-02-01', '2015-11-01'
] as const

/** Subscriptions and tenants. */
export const SUBSCRIPTIONS_API_VERSIONS = [
  '2022-12-01', '2021-01-01', '2020-01-01', '2019-11-01', '2019-06-01', '2018-06-01', '2016-06-01', '2015-11-01'
] as const

export const RESOURCES_NAMESPACE = 'Microsoft.Resources'
