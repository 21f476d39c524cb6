import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { ownerOnlyFile } from '@tilneste/event-store/rows';

/**
 * Where each person's data key lives, apart from the events it protects. Erasing a person deletes their key
 * for good: what was encrypted under it can never be read again (crypto-shredding). An imported document has
 * a key here too, under `import:<content hash>` (see `importSubject`). Implementations are synchronous, since
 * events are decoded on the hot read path.
 */
export interface PersonKeyStore {
  /** The person's key, made on first use; `undefined` once the person is erased. */
  keyFor(personId: string): Buffer | undefined;
  /** The key if the person has one; never makes one. */
  existingKey(personId: string): Buffer | undefined;
  /** Deletes the key and remembers the erasure. Returns false when the person was already erased. */
  erase(personId: string, at: Date): boolean;
  isErased(personId: string): boolean;
  close(): void;
}

/** The DI token of the key store. */
export const PERSON_KEY_STORE = Symbol('PERSON_KEY_STORE');

const SCHEMA = `
CREATE TABLE IF NOT EXISTS person_keys (person_id TEXT PRIMARY KEY, key BLOB NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS erased_people (person_id TEXT PRIMARY KEY, erased_at INTEGER NOT NULL);
`;

/**
 * The key store in a SQLite file of its own (owner-only, 0600), next to the event store; it serves an
 * EventStoreDB deployment the same way. Keys are cached in memory, and the cache is dropped whenever another
 * connection (a worker process, the CLI) has changed the file, so an erasure elsewhere is seen at once.
 */
export class SqlitePersonKeyStore implements PersonKeyStore {
  private readonly db: Database.Database;
  private readonly cache = new Map<string, Buffer>();
  private seenVersion = -1;
  /** Set once `data_version` has been read in this turn of the event loop; cleared by `setImmediate`. */
  private checkedThisTurn = false;
  private readonly dataVersion: Database.Statement<[], number>;
  private readonly select: Database.Statement<[string], { key: Buffer }>;
  private readonly insert: Database.Statement<[string, Buffer, number]>;
  private readonly erased: Database.Statement<[string], { erased_at: number }>;

  constructor(readonly path: string) {
    ownerOnlyFile(path);
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // A deleted key must stay deleted after a power cut: the erasure is reported done only once it is on disk.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    // Deleted pages are overwritten, so an erased key does not linger in the file's free space.
    this.db.pragma('secure_delete = ON');
    this.db.exec(SCHEMA);
    this.select = this.db.prepare('SELECT key FROM person_keys WHERE person_id = ?');
    this.insert = this.db.prepare(
      'INSERT OR IGNORE INTO person_keys (person_id, key, created_at) VALUES (?, ?, ?)',
    );
    this.erased = this.db.prepare('SELECT erased_at FROM erased_people WHERE person_id = ?');
    this.dataVersion = this.db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  /**
   * Drops the cache when another connection has committed since the last look. The look costs a read
   * transaction (about 2 µs, more than opening the event itself), so it is taken once per turn of the event
   * loop, not per key: what another process commits reaches this one only through I/O, that is in a later
   * turn, so a request (or a rebuild, which opens every event in one turn) sees what was committed before it.
   */
  private fresh(): void {
    if (this.checkedThisTurn) return;
    this.checkedThisTurn = true;
    setImmediate(() => (this.checkedThisTurn = false)).unref();
    const version = this.dataVersion.get()!;
    if (version !== this.seenVersion) {
      this.cache.clear();
      this.seenVersion = version;
    }
  }

  existingKey(personId: string): Buffer | undefined {
    this.fresh();
    const cached = this.cache.get(personId);
    if (cached) return cached;
    const row = this.select.get(personId);
    if (row) this.cache.set(personId, row.key);
    return row?.key;
  }

  keyFor(personId: string): Buffer | undefined {
    const existing = this.existingKey(personId);
    if (existing) return existing;
    return this.db
      .transaction(() => {
        if (this.erased.get(personId)) return undefined;
        this.insert.run(personId, randomBytes(32), Date.now());
        return this.select.get(personId)!.key;
      })
      .immediate();
  }

  erase(personId: string, at: Date): boolean {
    const done = this.db
      .transaction(() => {
        if (this.erased.get(personId)) return false;
        this.db.prepare('DELETE FROM person_keys WHERE person_id = ?').run(personId);
        this.db
          .prepare('INSERT INTO erased_people (person_id, erased_at) VALUES (?, ?)')
          .run(personId, at.getTime());
        return true;
      })
      .immediate();
    this.cache.delete(personId);
    return done;
  }

  isErased(personId: string): boolean {
    return this.erased.get(personId) !== undefined;
  }

  close(): void {
    this.cache.clear();
    if (this.db.open) this.db.close();
  }
}
