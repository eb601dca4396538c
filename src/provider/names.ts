import type { NameRule } from '../engine/resource-type.js'

// The swagger's rules for names given on PUT.
/** Links, relationship links, relationships, KPIs. */
export const CHILD_NAME: NameRule = { pattern: '^[a-zA-Z][a-zA-Z0-9_]+$', maxLength: 512 }
/** Profiles, interactions, connectors, mappings, role assignments. */
export const TYPE_NAME: NameRule = { pattern: '^[a-zA-Z][a-zA-Z0-9_]+$', maxLength: 128 }
/** Hubs. */
export const HUB_NAME: NameRule = { pattern: '^[a-zA-Z][a-zA-Z0-9]+$', maxLength: 64 }
/** Authorization policies. */
export const POLICY_NAME: NameRule = { pattern: '^[A-Za-z0-9]$|^[A-Za-z0-9][\\w-\\.]*[A-Za-z0-9]$', maxLength: 50 }
/** Views and predictions: the swagger gives no pattern. */
export const ANY_NAME: NameRule = { maxLength: 512 }
