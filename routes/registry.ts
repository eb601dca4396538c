import type { ResourceType } from '../src/engine/resource-type.js'
import { authorizationPolicies } from './authorization-policies.js'
import { connectorMappings } from './connector-mappings.js'
import { connectors } from './connectors.js'
import { hubs } from './hubs.js'
import { images } from './images.js'
import { interactions } from './interactions.js'
import { kpi } from './kpi.js'
import { links } from './links.js'
import { predictions } from './predictions.js'
import { profiles } from './profiles.js'
import { relationshipLinks } from './relationship-links.js'
import { relationships } from './relationships.js'
import { roleAssignments } from './role-assignments.js'
import { roles } from './roles.js'
import { views } from './views.js'
import { widgetTypes } from './widget-types.js'

/** Every resource type of Microsoft.CustomerInsights the emulator serves, parents before their children. */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  hubs,
  profiles,
  interactions,
  relationships,
  links,
  relationshipLinks,
  kpi,
  views,
  widgetTypes,
  roles,
  roleAssignments,
  authorizationPolicies,
  connectors,
  connectorMappings,
  images,
  predictions
]
