import type Database from 'better-sqlite3';

/**
 * Idempotent DDL; `events` is append-only and positions are never reused (AUTOINCREMENT).
 *
 * A stream has a number (`streams.id`, given in the order streams are made) and the events' indexes are keyed by
 * it, not by the stream's name. Names hold random ids (`commitment-<uuid>`), so an index keyed by name puts every
 * new stream's entries on some random page: a group commit of 64 new streams wrote about 200 pages to the WAL. By
 * number, a new stream's entries go to the last page of each index. The name stays in `events` for the readers of
 * whole rows and the stream-prefix filter, which scan by position.
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS streams (
  id                INTEGER PRIMARY KEY,
  name              TEXT NOT NULL UNIQUE,
  last_revision     INTEGER NOT NULL,
  truncate_before   INTEGER NOT NULL DEFAULT 0,
  state             INTEGER NOT NULL DEFAULT 0,
  metadata          TEXT,
  metadata_revision INTEGER
);
CREATE TABLE IF NOT EXISTS events (
  global_position INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id       INTEGER NOT NULL,
  stream_name     TEXT NOT NULL,
  revision        INTEGER NOT NULL,
  event_id        TEXT NOT NULL,
  type            TEXT NOT NULL,
  data            TEXT NOT NULL,
  metadata        TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  UNIQUE (stream_id, revision),
  UNIQUE (stream_id, event_id)
);
CREATE TABLE IF NOT EXISTS checkpoints (
  subscription_id TEXT PRIMARY KEY,
  position        INTEGER NOT NULL,
  updated_at      TEXT NOT NULL
);
`;

/**
 * The layout `SCHEMA` makes: 2 since streams have numbers. Files of an older layout are brought to it when opened.
 * The file says its layout in SQLite's `user_version` (files written before that say 0, and their columns tell).
 */
export const SQLITE_LAYOUT = 2;

/**
 * The file was written by a newer Tilneste, in a layout this code does not know (a deploy rolled back, say). It is
 * refused before anything is written to it, so the newer version can open it again as it left it.
 */
export class NewerLayoutError extends Error {
  /** A stable code, as our other errors meant for people carry. */
  readonly code = 'STORE.NEWER_LAYOUT';

  constructor(readonly layout: number) {
    super(
      `SQLite-fila er i format ${layout}, skrevet av en nyere versjon av Tilneste; denne kjenner bare format ` +
        `${SQLITE_LAYOUT} og eldre og lar fila være som den er (the file is in layout ${layout}, written by a newer ` +
        `version; this one knows layouts up to ${SQLITE_LAYOUT} and leaves the file as it is)`,
    );
    this.name = 'NewerLayoutError';
  }
}

/**
 * Makes the tables of a new file, or brings a file written before streams had numbers (its indexes keyed by
 * the stream's name) to the current layout: in one `BEGIN IMMEDIATE` transaction, so another process opening the
 * same file at the same moment waits and then finds it done. Positions, revisions, ids, stream states and
 * metadata are kept as they were, and so is the highest position ever given.
 */
export function prepareSchema(db: Database.Database): LayoutChange | undefined {
  // Another process may be rewriting the file right now (12 s at 1,000,000 events): wait for it, not just 10 s.
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as bigint | number;
  db.pragma(`busy_timeout = ${REWRITE_WAIT_MS}`);
  try {
    return rewriteOrCreate(db);
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

const REWRITE_WAIT_MS = 10 * 60_000;

function rewriteOrCreate(db: Database.Database): LayoutChange | undefined {
  return db
    .transaction(() => {
      const layout = Number(db.pragma('user_version', { simple: true }));
      if (layout > SQLITE_LAYOUT) throw new NewerLayoutError(layout);
      let change: LayoutChange | undefined;
      if (layout < 2 && hasTable(db, 'events') && !columns(db, 'events').includes('stream_id')) {
        const started = performance.now();
        const events = numberStreams(db);
        change = { from: 1, events, ms: Math.round(performance.now() - started) };
      }
      db.exec(SCHEMA);
      if (layout !== SQLITE_LAYOUT) db.pragma(`user_version = ${SQLITE_LAYOUT}`);
      return change;
    })
    .immediate();
}

/** What opening a file of an older layout did to it: the file keeps the freed pages until a `VACUUM`. */
export interface LayoutChange {
  from: number;
  events: number;
  ms: number;
}

const hasTable = (db: Database.Database, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

const columns = (db: Database.Database, table: string): string[] =>
  (db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name);

function numberStreams(db: Database.Database): number {
  const count = () => db.prepare('SELECT COUNT(*) FROM events').pluck().get() as bigint;
  const before = count();
  const sequence = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").pluck().get() as
    bigint | undefined;
  db.exec(`
    ALTER TABLE streams RENAME TO streams_by_name;
    ALTER TABLE events RENAME TO events_by_name;
    ${SCHEMA}
    INSERT INTO streams (name, last_revision, truncate_before, state, metadata, metadata_revision)
      SELECT name, last_revision, truncate_before, state, metadata, metadata_revision
      FROM streams_by_name ORDER BY rowid;
    INSERT OR IGNORE INTO streams (name, last_revision)
      SELECT stream_name, MAX(revision) FROM events_by_name GROUP BY stream_name;
    INSERT INTO events (global_position, stream_id, stream_name, revision, event_id, type, data, metadata, created_at)
      SELECT e.global_position, s.id, e.stream_name, e.revision, e.event_id, e.type, e.data, e.metadata, e.created_at
      FROM events_by_name e JOIN streams s ON s.name = e.stream_name ORDER BY e.global_position;
    DROP TABLE events_by_name;
    DROP TABLE streams_by_name;
  `);
  if (count() !== before)
    throw new Error('numbering the streams would lose events; the file is left as it was');
  if (sequence !== undefined)
    db.prepare("UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = 'events'").run(sequence);
  return Number(before);
}
