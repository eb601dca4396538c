// One table for every resource type of the provider and the ARM resources around it (resource groups): each row says its
// type, whether it is tracked (listed across a resource group or subscription: resource groups and hubs, through a
// partial index that only their rows enter), the api-version its body is written in (a body read in another version is
// converted), and its operation, if its type provisions. Relationship links no longer show relationshipGuidId, so it
// leaves their stored bodies. Operations say whether they provision a PUT or stand for a delete, whose polling answers
// the deleted resource's last body (`result`).
export const sql = `
CREATE TABLE resources_v5 (
  key              TEXT NOT NULL PRIMARY KEY,
  type             TEXT NOT NULL,
  tracked          INTEGER NOT NULL,
  subscription_key TEXT NOT NULL,
  operation_id     TEXT,
  api_version      TEXT NOT NULL,
  guid             TEXT NOT NULL,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  body             TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO resources_v5 (key, type, tracked, subscription_key, operation_id, api_version, guid, created_at, updated_at, body)
SELECT key, body ->> '$.type', 0, subscription_key, operation_id, '2017-04-26', guid, created_at, updated_at,
  CASE body ->> '$.type'
    WHEN 'Microsoft.CustomerInsights/hubs/relationshipLinks' THEN json_remove(body, '$.properties.relationshipGuidId')
    ELSE body
  END
FROM resources;
DROP TABLE resources;
ALTER TABLE resources_v5 RENAME TO resources;
CREATE INDEX resources_tracked ON resources (key) WHERE tracked = 1;

ALTER TABLE operations ADD COLUMN kind TEXT NOT NULL DEFAULT 'put' CHECK (kind IN ('put', 'delete'));
ALTER TABLE operations ADD COLUMN result TEXT;
`
