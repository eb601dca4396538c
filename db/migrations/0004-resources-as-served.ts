// Each resource keeps the body its last PUT answered (provisioningState "Provisioning", the last member of the last
// object), so a read answers the stored text with its state swapped in instead of parsing and rendering a document.
// The identity a replacement keeps (guid, createdAt) becomes columns. The body below is the 0003 document rendered as
// the routes rendered it then: the definition, a link's referenceOnly defaulted to false, a relationship link's
// relationshipGuidId, then tenantId, linkName and provisioningState.
// Keys end with the collection and the lower-cased name; names are ASCII letters, digits and '_' (the swagger's pattern).
const isLink = `substr(key, length(key) - length(doc ->> '$.name') - 6, 7) = '/links/'`

export const sql = `
CREATE TABLE resources_v4 (
  key              TEXT NOT NULL PRIMARY KEY,
  subscription_key TEXT NOT NULL,
  operation_id     TEXT NOT NULL,
  guid             TEXT NOT NULL,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  body             TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO resources_v4 (key, subscription_key, operation_id, guid, created_at, updated_at, body)
SELECT key, subscription_key, operation_id, doc ->> '$.guid', doc ->> '$.createdAt', doc ->> '$.updatedAt',
  json_object(
    'id', '/subscriptions/' || (doc ->> '$.subscriptionId') || '/resourceGroups/' || (doc ->> '$.resourceGroupName')
      || '/providers/Microsoft.CustomerInsights/hubs/' || (doc ->> '$.hubName')
      || CASE WHEN ${isLink} THEN '/links/' ELSE '/relationshipLinks/' END || (doc ->> '$.name'),
    'name', (doc ->> '$.hubName') || '/' || (doc ->> '$.name'),
    'type', CASE WHEN ${isLink} THEN 'Microsoft.CustomerInsights/hubs/links' ELSE 'Microsoft.CustomerInsights/hubs/relationshipLinks' END,
    'properties', CASE WHEN ${isLink}
      THEN json_set(doc -> '$.definition',
        '$.referenceOnly', coalesce(doc -> '$.definition.referenceOnly', json('false')),
        '$.tenantId', lower(doc ->> '$.hubName'), '$.linkName', doc ->> '$.name', '$.provisioningState', 'Provisioning')
      ELSE json_set(doc -> '$.definition',
        '$.relationshipGuidId', doc ->> '$.guid',
        '$.tenantId', lower(doc ->> '$.hubName'), '$.linkName', doc ->> '$.name', '$.provisioningState', 'Provisioning')
      END)
FROM resources;
DROP TABLE resources;
ALTER TABLE resources_v4 RENAME TO resources;
`
