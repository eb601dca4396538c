import type { ResourceType } from '../src/engine/resource-type.js'
import { hubs } from './hubs.js'
import { interactions } from './interactions.js'
import { kpi } from './kpi.js'
import { links } from './links.js'
import { profiles } from './profiles.js'
import { relationshipLinks } from './relationship-links.js'
import { relationships } from './relationships.js'

/** Every resource type of Microsoft.CustomerInsights the emulator serves, parents before their children. */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  hubs,
  profiles,
  interactions,
  relationships,
  links,
  relationshipLinks,
  kpi
]
