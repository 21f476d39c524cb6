import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { InvalidAppendError, WrongExpectedVersionError } from '../errors';
import type { EventToAppend } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';

const event = (id: string = randomUUID()): EventToAppend => ({
  id,
  type: 'NotatSkrevet',
  data: { tekst: 'til neste møte' },
});

async function streamIds(store: SqliteEventStore, streamName: string): Promise<string[]> {
  const ids: string[] = [];
  try {
    for await (const e of store.readStream(streamName)) ids.push(e.id);
  } catch {
    return [];
  }
  return ids;
}

describe('SQLite group commit', () => {
  let dir: string;
  let path: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tilneste-group-commit-'));
    path = join(dir, 'events.db');
    store = new SqliteEventStore({ path });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes appends made in the same turn in one transaction, in the order they were made', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.appendToStream(`sak-${i}`, [event()], { expectedRevision: 'no_stream' }),
      ),
    );
    expect(store.appendCommits).toBe(1);
    expect(results.map((r) => r.position)).toEqual(results.map((_, i) => results[0].position + BigInt(i)));
  });

  it('checks each expected revision against the appends before it in the group: one of two racers wins', async () => {
    const outcomes = await Promise.allSettled([
      store.appendToStream('sak-1', [event()], { expectedRevision: 'no_stream' }),
      store.appendToStream('sak-1', [event()], { expectedRevision: 'no_stream' }),
      store.appendToStream('sak-1', [event()], { expectedRevision: 0n }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    expect(store.appendCommits).toBe(1);
    expect(await streamIds(store, 'sak-1')).toHaveLength(2);
  });

  it('rolls back a failing append alone, with none of its events, while the rest of the group commits', async () => {
    const existing = randomUUID();
    await store.appendToStream('sak-2', [event(existing)]);
    const outcomes = await Promise.allSettled([
      store.appendToStream('sak-1', [event()]),
      // Its second event repeats an id already in the stream: the first must not stay behind.
      store.appendToStream('sak-2', [event(), event(existing), event()], { expectedRevision: 'any' }),
      store.appendToStream('sak-3', [event()]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(InvalidAppendError);
    expect(await streamIds(store, 'sak-1')).toHaveLength(1);
    expect(await streamIds(store, 'sak-2')).toEqual([existing]);
    expect(await streamIds(store, 'sak-3')).toHaveLength(1);
  });

  it('rolls back a failing append written alone, with none of its events, and writes the next', async () => {
    const existing = randomUUID();
    await store.appendToStream('sak-1', [event(existing)]);
    // Alone in its transaction (no savepoint): its first event must not stay behind.
    await expect(
      store.appendToStream('sak-1', [event(), event(existing)], { expectedRevision: 0n }),
    ).rejects.toBeInstanceOf(InvalidAppendError);
    await expect(store.appendToStream('sak-1', [event()], { expectedRevision: 5n })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    await expect(store.appendToStream('sak-2', [event()], { expectedRevision: 0n })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    expect(await streamIds(store, 'sak-1')).toEqual([existing]);
    expect(await streamIds(store, 'sak-2')).toEqual([]);
    const next = await store.appendToStream('sak-1', [event()], { expectedRevision: 0n });
    expect(next.nextExpectedRevision).toBe(1n);
    expect(await streamIds(store, 'sak-1')).toHaveLength(2);
  });

  it('refuses an event id already in the stream when the append expects the revision the stream is at', async () => {
    const first = event();
    await store.appendToStream('sak-1', [first, event()], { expectedRevision: 'no_stream' });
    // Made at its last revision: the next append expects 1.
    const again = store.appendToStream('sak-1', [event(first.id)], { expectedRevision: 1n });
    await expect(again).rejects.toBeInstanceOf(InvalidAppendError);
    const next = await store.appendToStream('sak-1', [event()], { expectedRevision: 1n });
    expect(next.nextExpectedRevision).toBe(2n);
    expect(await streamIds(store, 'sak-1')).toHaveLength(3);
  });

  it('writes appends still waiting for their group before the file closes', async () => {
    const pending = store.appendToStream('sak-1', [event()]);
    await store.close();
    await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 0n });
    store = new SqliteEventStore({ path });
    expect(await streamIds(store, 'sak-1')).toHaveLength(1);
  });

  it('refuses an invalid batch at once, without holding up the group', async () => {
    await expect(store.appendToStream('sak-1', [])).rejects.toBeInstanceOf(InvalidAppendError);
    expect(store.appendCommits).toBe(0);
  });

  it('keeps the event loop turning while the writer waits for the file, and groups what arrives meanwhile', async () => {
    await store.appendToStream('sak-0', [event()]);
    const commitsBefore = store.appendCommits;
    // Another connection holds the write lock: the writer thread waits for it (busy_timeout), this one must not.
    const blocker = new Database(path);
    blocker.exec('BEGIN IMMEDIATE');
    const first = store.appendToStream('sak-1', [event()]);
    let firstDone = false;
    void first.then(() => (firstDone = true));
    await sleep(100);
    const later: Promise<unknown>[] = [];
    for (let i = 2; i <= 5; i++) {
      later.push(store.appendToStream(`sak-${i}`, [event()]));
      await nextTurn();
    }
    expect(firstDone).toBe(false);
    blocker.exec('COMMIT');
    blocker.close();
    await Promise.all([first, ...later]);
    // The first group held one append; the four made while it waited went together in the next.
    expect(store.appendCommits - commitsBefore).toBe(2);
    for (let i = 1; i <= 5; i++) expect(await streamIds(store, `sak-${i}`)).toHaveLength(1);
  });
});
