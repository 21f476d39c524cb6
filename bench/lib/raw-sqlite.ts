import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';

/** Our events table's shape and indexes, with the store's pragmas: what SQLite itself allows on this file system. */
export function openRaw(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  db.exec(`CREATE TABLE IF NOT EXISTS events (global_position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id INTEGER NOT NULL,
    stream_name TEXT NOT NULL, revision INTEGER NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
    metadata TEXT NOT NULL, created_at TEXT NOT NULL, UNIQUE (stream_id, revision), UNIQUE (stream_id, event_id))`);
  return db;
}

/** A `CommitmentMade` as the API writes it: data and metadata of the same size. */
export function commitmentMadeJson(): { data: string; metadata: string } {
  return {
    data: JSON.stringify({
      commitmentId: randomUUID(),
      groupId: randomUUID(),
      meetingId: randomUUID(),
      agendaItemId: null,
      matterId: null,
      text: 'Utarbeide et notat om budsjett for neste år',
      owner: { kind: 'person', personId: randomUUID() },
      due: { kind: 'next-meeting' },
    }),
    metadata: JSON.stringify({
      actor: { kind: 'person', id: randomUUID() },
      via: 'web',
      at: new Date().toISOString(),
      command: 'MakeCommitment',
      correlationId: randomUUID(),
      causationId: null,
    }),
  };
}

/**
 * One row per `BEGIN IMMEDIATE … COMMIT`, in a loop until `deadline` (performance.now()): rows written. Each row
 * is the first of a new stream, numbered one past the highest (as our store numbers streams; it also keeps a
 * row per stream, which this leaves out).
 */
export function rawInsertsUntil(db: Database.Database, deadline: number): number {
  const insert = db.prepare(
    `INSERT INTO events (stream_id, stream_name, revision, event_id, type, data, metadata, created_at)
     VALUES ((SELECT COALESCE(MAX(stream_id), 0) + 1 FROM events), ?, 0, ?, ?, ?, ?, ?)`,
  );
  const { data, metadata } = commitmentMadeJson();
  const one = db.transaction(() =>
    insert.run(
      `commitment-${randomUUID()}`,
      randomUUID(),
      'CommitmentMade',
      data,
      metadata,
      new Date().toISOString(),
    ),
  );
  let rows = 0;
  while (performance.now() < deadline) {
    one.immediate();
    rows += 1;
  }
  return rows;
}
