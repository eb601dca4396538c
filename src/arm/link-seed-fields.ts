import { conflictingProperties, isJsonObject, renameField, type FlatFieldTranslation } from './body-shape.js'
import type { PropertyProblem } from '../errors.js'

/**
 * The Link seed document uses the field names of the 2017 preview. In the flat shape they are translated
 * to their 2017-04-26 names. `mappings[].isProfileTypeId` has no counterpart and is dropped.
 */
export const translateLinkSeedFields: FlatFieldTranslation = (definition, renamed) => {
  const conflicts: (PropertyProblem | undefined)[] = [
    entityTypeShorthand(definition, 'sourceInteractionType', 'source', 'Interaction', renamed),
    entityTypeShorthand(definition, 'targetProfileType', 'target', 'Profile', renamed)
  ]
  conflicts.push(...translateItems(definition, 'mappings', (item, path) => {
    delete item.isProfileTypeId
    return [
      renameField(item, 'interactionTypePropertyName', 'sourcePropertyName', path, renamed),
      renameField(item, 'profileTypePropertyName', 'targetPropertyName', path, renamed)
    ]
  }))
  conflicts.push(...translateItems(definition, 'participantPropertyReferences', (item, path) => [
    renameField(item, 'interactionPropertyName', 'sourcePropertyName', path, renamed),
    renameField(item, 'profilePropertyName', 'targetPropertyName', path, renamed)
  ]))
  return conflicts.filter((conflict) => conflict !== undefined)
}

/** `sourceInteractionType: X` stands for `sourceEntityType: "Interaction", sourceEntityTypeName: X` (likewise target). */
function entityTypeShorthand (
  definition: Record<string, unknown>, older: string, side: 'source' | 'target', entityType: string, renamed: Map<string, string>
): PropertyProblem | undefined {
  if (!Object.hasOwn(definition, older)) return undefined
  const typeField = `${side}EntityType`
  const nameField = `${side}EntityTypeName`
  const clash = [typeField, nameField].find((field) => Object.hasOwn(definition, field))
  if (clash !== undefined) return conflictingProperties(older, clash)
  definition[typeField] = entityType
  definition[nameField] = definition[older]
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a parsed JSON object, renamed field by field
  delete definition[older]
  renamed.set(typeField, older)
  renamed.set(nameField, older)
  return undefined
}

function translateItems (
  definition: Record<string, unknown>, field: string,
  translate: (item: Record<string, unknown>, path: string) => (PropertyProblem | undefined)[]
): (PropertyProblem | undefined)[] {
  const items = definition[field]
  if (!Array.isArray(items)) return []
  const conflicts: (PropertyProblem | undefined)[] = []
  definition[field] = items.map((item: unknown, index) => {
    if (!isJsonObject(item)) return item
    const copy = { ...item }
    conflicts.push(...translate(copy, `${field}[${index}].`))
    return copy
  })
  return conflicts
}
