import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ID, writeOldFile } from '../../testing/old-layout';
import { StreamDeletedError, StreamNotFoundError } from '../errors';
import type { RecordedEvent } from '../event-store.port';
import { NewerLayoutError, SQLITE_LAYOUT } from './schema';
import { SqliteEventStore } from './sqlite-event-store';

const readStream = async (store: SqliteEventStore, name: string): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(name)) events.push(event);
  return events;
};

const layoutOf = (path: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    return Number(db.pragma('user_version', { simple: true }));
  } finally {
    db.close();
  }
};

const summary = (e: RecordedEvent) => [e.position, e.streamName, e.revision, e.id, e.type, e.data];

describe('SQLite layout: a file written before streams were numbered', () => {
  let dir: string;
  let path: string;
  let store: SqliteEventStore;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tilneste-schema-'));
    path = join(dir, 'events.db');
    writeOldFile(path);
    store = new SqliteEventStore({ path, writer: 'inline' });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is brought to the numbered layout when opened, its indexes keyed by stream number', () => {
    expect(store.layoutChange).toEqual({ from: 1, events: 5, ms: expect.any(Number) });
    const db = new Database(path, { readonly: true });
    const columns = (db.pragma('table_info(events)') as { name: string }[]).map((c) => c.name);
    const indexed = (db.pragma('index_list(events)') as { name: string }[]).map((index) =>
      (db.pragma(`index_info(${index.name})`) as { name: string }[]).map((c) => c.name).join(','),
    );
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    db.close();
    expect(columns).toContain('stream_id');
    expect(indexed.sort()).toEqual(['stream_id,event_id', 'stream_id,revision']);
    expect(tables).toEqual(['checkpoints', 'events', 'sqlite_sequence', 'streams']);
    expect(layoutOf(path)).toBe(2);
  });

  it('keeps every event with its position, stream, revision, id, type and data', async () => {
    const all: RecordedEvent[] = [];
    for await (const event of store.readAll()) all.push(event);
    expect(all.map(summary)).toEqual([
      [1n, 'sak-a', 0n, ID(1), 'SakOpprettet', { tittel: 'Budsjett' }],
      [2n, 'sak-a', 1n, ID(2), 'SakEndret', { tittel: 'Budsjett 2027' }],
      [3n, 'sak-b', 0n, ID(3), 'SakOpprettet', { tittel: 'Veier' }],
      [4n, 'sak-a', 2n, ID(4), 'SakEndret', { tittel: 'Budsjett for 2027' }],
      [5n, 'sak-c', 0n, ID(5), 'SakOpprettet', { tittel: 'Havn' }],
    ]);
    expect(all[0].metadata).toEqual({ actor: 'sekretariatet' });
    expect((await readStream(store, 'sak-a')).map((e) => e.position)).toEqual([1n, 2n, 4n]);
  });

  it('keeps deletions, metadata and checkpoints', async () => {
    await expect(readStream(store, 'sak-b')).rejects.toBeInstanceOf(StreamNotFoundError);
    await expect(readStream(store, 'sak-c')).rejects.toBeInstanceOf(StreamDeletedError);
    expect(await store.getStreamMetadata('bare-metadata')).toEqual({
      streamName: 'bare-metadata',
      metadata: { eier: 'utvalget' },
      metadataRevision: 0n,
    });
    expect(await store.checkpointStore().load('read-models')).toBe(4n);
  });

  it('answers a repeated batch with the original result, and never gives a position again', async () => {
    const retried = await store.appendToStream(
      'sak-a',
      [{ id: ID(4), type: 'SakEndret', data: { tittel: 'Budsjett for 2027' } }],
      { expectedRevision: 1n },
    );
    expect(retried).toEqual({ nextExpectedRevision: 2n, position: 4n });

    // The soft-deleted stream goes on from its revision; the position comes after the highest ever given.
    const revived = await store.appendToStream('sak-b', [{ id: ID(6), type: 'SakGjenopptatt', data: {} }], {
      expectedRevision: 0n,
    });
    expect(revived).toEqual({ nextExpectedRevision: 1n, position: 10n });
    expect((await readStream(store, 'sak-b')).map((e) => e.id)).toEqual([ID(6)]);

    await store.appendToStream('sak-ny', [{ id: ID(7), type: 'SakOpprettet', data: {} }], {
      expectedRevision: 'no_stream',
    });
    expect((await readStream(store, 'sak-ny')).map(summary)).toEqual([
      [11n, 'sak-ny', 0n, ID(7), 'SakOpprettet', {}],
    ]);
  });

  it('is left alone when opened again', async () => {
    await store.close();
    store = new SqliteEventStore({ path, writer: 'inline' });
    expect(store.layoutChange).toBeUndefined();
    const positions: bigint[] = [];
    for await (const event of store.readAll()) positions.push(event.position);
    expect(positions).toEqual([1n, 2n, 3n, 4n, 5n, 10n, 11n]);
    expect((await readStream(store, 'sak-a')).map((e) => e.id)).toEqual([ID(1), ID(2), ID(4)]);
  });
});

describe('SQLite layout: the file says which it is', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tilneste-layout-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const event = (n: number) => ({ id: ID(n), type: 'SakOpprettet', data: { tittel: `Sak ${n}` } });

  it('a new file is marked with the current layout', async () => {
    const path = join(dir, 'new.db');
    const store = new SqliteEventStore({ path, writer: 'inline' });
    await store.close();
    expect(layoutOf(path)).toBe(SQLITE_LAYOUT);
  });

  it('a numbered file from before the mark is marked, not rewritten, and keeps its events', async () => {
    const path = join(dir, 'unmarked.db');
    let store = new SqliteEventStore({ path, writer: 'inline' });
    await store.appendToStream('sak-a', [event(1), event(2)]);
    await store.close();
    const db = new Database(path);
    db.pragma('user_version = 0');
    db.close();

    store = new SqliteEventStore({ path, writer: 'inline' });
    expect(store.layoutChange).toBeUndefined();
    expect((await readStream(store, 'sak-a')).map((e) => e.id)).toEqual([ID(1), ID(2)]);
    await store.close();
    expect(layoutOf(path)).toBe(SQLITE_LAYOUT);
  });

  it('a file from a newer version is refused before anything is written to it', () => {
    const path = join(dir, 'newer.db');
    const db = new Database(path);
    db.exec(
      "CREATE TABLE happenings (id INTEGER PRIMARY KEY, what TEXT); INSERT INTO happenings (what) VALUES ('x')",
    );
    db.pragma(`user_version = ${SQLITE_LAYOUT + 1}`);
    db.close();

    expect(() => new SqliteEventStore({ path, writer: 'inline' })).toThrow(NewerLayoutError);
    expect(() => new SqliteEventStore({ path, writer: 'inline' })).toThrow(
      `SQLite-fila er i format ${SQLITE_LAYOUT + 1}`,
    );
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(SQLITE_LAYOUT + 1);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual([
      'happenings',
    ]);
    expect(after.prepare('SELECT what FROM happenings').pluck().all()).toEqual(['x']);
    after.close();
  });
});
