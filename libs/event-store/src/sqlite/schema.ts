/** Idempotent DDL; `events` is append-only and positions are never reused (AUTOINCREMENT). */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS streams (
  name              TEXT PRIMARY KEY,
  last_revision     INTEGER NOT NULL,
  truncate_before   INTEGER NOT NULL DEFAULT 0,
  state             INTEGER NOT NULL DEFAULT 0,
  metadata          TEXT,
  metadata_revision INTEGER
);
CREATE TABLE IF NOT EXISTS events (
  global_position INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_name     TEXT NOT NULL,
  revision        INTEGER NOT NULL,
  event_id        TEXT NOT NULL,
  type            TEXT NOT NULL,
  data            TEXT NOT NULL,
  metadata        TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  UNIQUE (stream_name, revision),
  UNIQUE (stream_name, event_id)
);
CREATE TABLE IF NOT EXISTS checkpoints (
  subscription_id TEXT PRIMARY KEY,
  position        INTEGER NOT NULL,
  updated_at      TEXT NOT NULL
);
`;
