// Resources keyed by their lower-cased ARM id, each a JSON document, and operations keyed by subscription and id
// without a rowid: a read is one primary-key lookup of few columns instead of a five-column key and a join over
// every column, and a PUT writes two pages, not four.
// The key expression below is db/keys.ts's, over the lower-cased names the earlier tables already kept.
const escaped = (column: string) => `replace(replace(${column}, '%', '%25'), '/', '%2f')`

export const sql = `
CREATE TABLE operations_v3 (
  subscription_key TEXT NOT NULL,
  id               TEXT NOT NULL,
  subscription_id  TEXT NOT NULL,
  resource_id      TEXT NOT NULL,
  started_at       INTEGER NOT NULL,
  completes_at     INTEGER,
  reads_remaining  INTEGER,
  outcome          TEXT NOT NULL CHECK (outcome IN ('Succeeded', 'Failed')),
  error            TEXT,
  PRIMARY KEY (subscription_key, id)
) WITHOUT ROWID;
INSERT INTO operations_v3 SELECT subscription_key, id, subscription_id, resource_id, started_at, completes_at,
  reads_remaining, outcome, error FROM operations;
DROP TABLE operations;
ALTER TABLE operations_v3 RENAME TO operations;
CREATE INDEX operations_pending ON operations (started_at) WHERE completes_at IS NULL;

CREATE TABLE resources_v3 (
  key              TEXT NOT NULL PRIMARY KEY,
  subscription_key TEXT NOT NULL,
  operation_id     TEXT NOT NULL,
  doc              TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO resources_v3 (key, subscription_key, operation_id, doc)
SELECT '/subscriptions/' || ${escaped('r.subscription_key')} || '/resourcegroups/' || ${escaped('r.resource_group_key')}
    || '/providers/microsoft.customerinsights/hubs/' || ${escaped('r.hub_key')}
    || CASE r.resource_type WHEN 'Microsoft.CustomerInsights/hubs/links' THEN '/links/' ELSE '/relationshiplinks/' END
    || ${escaped('r.name_key')},
  r.subscription_key,
  r.operation_id,
  json_object('subscriptionId', r.subscription_id, 'resourceGroupName', r.resource_group_name, 'hubName', r.hub_name,
    'name', r.name, 'definition', json(r.definition), 'guid', r.guid, 'createdAt', r.created_at, 'updatedAt', r.updated_at,
    'operation', json_object('id', o.id, 'subscriptionId', o.subscription_id, 'resourceId', o.resource_id, 'startedAt', o.started_at))
FROM resources r JOIN operations o ON o.id = r.operation_id;
DROP TABLE resources;
ALTER TABLE resources_v3 RENAME TO resources;
`
