// Keys are the lower-cased names (ARM compares names case-insensitively); the display columns keep
// the casing of the most recent PUT, which is what responses show.
export const sql = `
CREATE TABLE resources (
  subscription_key    TEXT NOT NULL,
  resource_group_key  TEXT NOT NULL,
  hub_key             TEXT NOT NULL,
  resource_type       TEXT NOT NULL,
  name_key            TEXT NOT NULL,
  subscription_id     TEXT NOT NULL,
  resource_group_name TEXT NOT NULL,
  hub_name            TEXT NOT NULL,
  name                TEXT NOT NULL,
  definition          TEXT NOT NULL,
  guid                TEXT NOT NULL,
  operation_id        TEXT NOT NULL,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  PRIMARY KEY (subscription_key, resource_group_key, hub_key, resource_type, name_key)
) WITHOUT ROWID;

CREATE TABLE operations (
  id               TEXT NOT NULL PRIMARY KEY,
  subscription_key TEXT NOT NULL,
  subscription_id  TEXT NOT NULL,
  resource_id      TEXT NOT NULL,
  started_at       INTEGER NOT NULL,
  completes_at     INTEGER NOT NULL,
  outcome          TEXT NOT NULL CHECK (outcome IN ('Succeeded', 'Failed')),
  error            TEXT
);

CREATE INDEX operations_by_subscription ON operations (subscription_key);
`
