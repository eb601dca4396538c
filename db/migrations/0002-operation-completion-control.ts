// Operations may now wait to be completed by hand (completes_at NULL) or after a number of reads
// (reads_remaining). SQLite cannot drop a NOT NULL constraint in place, so the table is rebuilt.
export const sql = `
CREATE TABLE operations_new (
  id               TEXT NOT NULL PRIMARY KEY,
  subscription_key TEXT NOT NULL,
  subscription_id  TEXT NOT NULL,
  resource_id      TEXT NOT NULL,
  started_at       INTEGER NOT NULL,
  completes_at     INTEGER,
  reads_remaining  INTEGER,
  outcome          TEXT NOT NULL CHECK (outcome IN ('Succeeded', 'Failed')),
  error            TEXT
);
INSERT INTO operations_new (id, subscription_key, subscription_id, resource_id, started_at, completes_at, outcome, error)
  SELECT id, subscription_key, subscription_id, resource_id, started_at, completes_at, outcome, error FROM operations;
DROP TABLE operations;
ALTER TABLE operations_new RENAME TO operations;
CREATE INDEX operations_by_subscription ON operations (subscription_key);
CREATE INDEX operations_pending ON operations (started_at) WHERE completes_at IS NULL;
`
