// A SQLite file in the layout written before streams were numbered, for the tests of its rewrite.
import Database from 'better-sqlite3';

/** The layout files had before streams were numbered: the events' indexes keyed by the stream's name. */
const BY_NAME = `
CREATE TABLE streams (
  name TEXT PRIMARY KEY, last_revision INTEGER NOT NULL, truncate_before INTEGER NOT NULL DEFAULT 0,
  state INTEGER NOT NULL DEFAULT 0, metadata TEXT, metadata_revision INTEGER
);
CREATE TABLE events (
  global_position INTEGER PRIMARY KEY AUTOINCREMENT, stream_name TEXT NOT NULL, revision INTEGER NOT NULL,
  event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, created_at TEXT NOT NULL,
  UNIQUE (stream_name, revision), UNIQUE (stream_name, event_id)
);
CREATE TABLE checkpoints (subscription_id TEXT PRIMARY KEY, position INTEGER NOT NULL, updated_at TEXT NOT NULL);
`;

export const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

/**
 * A file as the earlier layout left it: live, soft-deleted and tombstoned streams, metadata, a checkpoint; and
 * `more` further events after them, one stream each.
 */
export function writeOldFile(path: string, more = 0): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(BY_NAME);
  const event = db.prepare(
    `INSERT INTO events (global_position, stream_name, revision, event_id, type, data, metadata, created_at)
     VALUES (?, ?, ?, ?, ?, ?, '{"actor":"sekretariatet"}', '2026-11-02T09:00:00.000Z')`,
  );
  event.run(1, 'sak-a', 0, ID(1), 'SakOpprettet', '{"tittel":"Budsjett"}');
  event.run(2, 'sak-a', 1, ID(2), 'SakEndret', '{"tittel":"Budsjett 2027"}');
  event.run(3, 'sak-b', 0, ID(3), 'SakOpprettet', '{"tittel":"Veier"}');
  event.run(4, 'sak-a', 2, ID(4), 'SakEndret', '{"tittel":"Budsjett for 2027"}');
  event.run(5, 'sak-c', 0, ID(5), 'SakOpprettet', '{"tittel":"Havn"}');
  const stream = db.prepare(
    `INSERT INTO streams (name, last_revision, truncate_before, state, metadata, metadata_revision)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  stream.run('sak-a', 2, 0, 0, null, null);
  stream.run('sak-b', 0, 1, 1, null, null); // soft-deleted
  stream.run('sak-c', 0, 1, 2, null, null); // tombstoned
  stream.run('bare-metadata', -1, 0, 0, '{"eier":"utvalget"}', 0);
  db.prepare("INSERT INTO checkpoints VALUES ('read-models', 4, '2026-11-02T09:00:01.000Z')").run();
  db.transaction(() => {
    for (let i = 0; i < more; i++) {
      event.run(
        10 + i,
        `mer-${i}`,
        0,
        `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
        'SakOpprettet',
        '{}',
      );
      stream.run(`mer-${i}`, 0, 0, 0, null, null);
    }
  })();
  // Positions after 5 were given once and then lost (a restore): they must not be given again.
  if (more === 0) db.prepare("UPDATE sqlite_sequence SET seq = 9 WHERE name = 'events'").run();
  db.close();
}
