import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { rowToRecorded, SqliteEventStore, SqliteRowReader, type RecordedEvent } from '@tilneste/event-store';
import { SqlitePersonKeyStore } from './person-key-store';
import { ERASED_PERSON, openEvent } from './personal-fields';
import { readAheadOnThread, type InlineReader } from './read-ahead';
import { ShreddingEventStore } from './shredding-event-store';

// Each test starts a worker thread, which loads its code first: seconds on a busy 2-core machine.
jest.setTimeout(30_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-read-ahead-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const paths = (name: string) => ({
  storePath: join(dir, `${name}.db`),
  keysPath: join(dir, `${name}.keys.db`),
});
const open = (name: string) =>
  new ShreddingEventStore(
    new SqliteEventStore({ path: paths(name).storePath }),
    new SqlitePersonKeyStore(paths(name).keysPath),
  );
const actor = { actor: { kind: 'client', id: 'admin' } };
const register = (personId: string, name: string) => ({
  id: id(),
  type: 'PersonRegistered',
  data: { personId, name, email: `${personId}@example.no`, organisation: null },
  metadata: actor,
});
const established = (groupId: string) => ({
  id: id(),
  type: 'GroupEstablished',
  data: { groupId, name: `Utvalg ${groupId}`, kind: 'committee' },
  metadata: actor,
});

/** Ten people and ten groups by turns: sealed events and events with nothing personal, mixed. */
async function fill(store: ShreddingEventStore): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await store.appendToStream(`person-p${i}`, [register(`p${i}`, `Person Nummer ${i}`)]);
    await store.appendToStream(`group-g${i}`, [established(`g${i}`)]);
  }
}

/** Many events in few appends: people and groups by turns, a hundred to an append. */
async function fillMany(store: ShreddingEventStore, count: number): Promise<void> {
  for (let i = 0; i < count / 100; i++) {
    const events = Array.from({ length: 50 }, (_, j) => [
      register(`q${i}-${j}`, `Person ${i}-${j}`),
      established(`h${i}-${j}`),
    ]);
    await store.appendToStream(`mixed-${i}`, events.flat());
  }
}

/**
 * A reader on this thread as the store's own, which notes the positions it read and takes `pause` ms over each
 * batch, so the other thread is ready before it is done.
 */
function inlineReader(store: ShreddingEventStore, pause: number) {
  const rows = new SqliteRowReader((store.inner as SqliteEventStore).path);
  const read: bigint[] = [];
  let closed = false;
  const reader: InlineReader = {
    read(after, limit) {
      const until = performance.now() + pause;
      while (performance.now() < until);
      const batch = rows.after(after, Number.MAX_SAFE_INTEGER, limit).map((row) => {
        const event = rowToRecorded(row);
        return {
          ...event,
          data: openEvent(store.keys, event.type, event.data, event.streamName),
        } as RecordedEvent;
      });
      read.push(...batch.map((e) => e.position));
      return batch;
    },
    close() {
      closed = true;
      rows.close();
    },
  };
  return { reader, read, closed: () => closed };
}

async function drain(batches: AsyncIterable<RecordedEvent[]>): Promise<RecordedEvent[][]> {
  const out: RecordedEvent[][] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

async function readAll(store: ShreddingEventStore, fromPosition?: bigint): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const e of store.readAll({ fromPosition })) events.push(e);
  return events;
}

describe('reading ahead on a second thread', () => {
  it('gives what readAll gives, opened, in batches of the size asked for, after the position asked for', async () => {
    const store = open('same');
    await fill(store);
    const job = { ...paths('same'), batchSize: 3, ahead: 2 };

    const batches = await drain(readAheadOnThread({ ...job, after: 0 }));
    expect(batches.map((b) => b.length)).toEqual([3, 3, 3, 3, 3, 3, 2]);
    const events = batches.flat();
    expect(events).toEqual(await readAll(store));
    expect(events[0].data).toMatchObject({ name: 'Person Nummer 0', email: 'p0@example.no' });

    const tail = (await drain(readAheadOnThread({ ...job, after: 15 }))).flat();
    expect(tail.map((e) => e.position)).toEqual([16n, 17n, 18n, 19n, 20n]);
    expect(tail).toEqual(await readAll(store, 16n));
    await store.close();
  });

  it('opens sealed fields with keys of its own: the key store of this thread is never asked', async () => {
    const store = open('thread');
    await fill(store);
    const raw = new Database(paths('thread').storePath, { readonly: true });
    const stored = raw
      .prepare<[], { data: string }>('SELECT data FROM events WHERE global_position = 1')
      .get()!;
    raw.close();
    expect(stored.data).not.toContain('Person Nummer 0');
    // Only the other thread has the keys open here: the store's own key store was never asked.
    const asked: string[] = [];
    const keys = store.keys as SqlitePersonKeyStore;
    const existingKey = keys.existingKey.bind(keys);
    keys.existingKey = (person) => (asked.push(`${threadId}:${person}`), existingKey(person));
    const [first] = await drain(
      readAheadOnThread({ ...paths('thread'), after: 0, batchSize: 100, ahead: 1 }),
    );
    expect(first[0].data).toMatchObject({ name: 'Person Nummer 0' });
    expect(asked).toEqual([]);
    await store.close();
  });

  it("reads an erased person's fields as erased, as every other read does", async () => {
    const store = open('erased');
    await fill(store);
    await store.appendToStream('person-p3', [
      { id: id(), type: 'PersonErased', data: { personId: 'p3' }, metadata: actor },
    ]);
    const events = (await drain(store.readAhead('start', 1)!)).flat();
    expect(events).toEqual(await readAll(store));
    expect(events.find((e) => e.streamName === 'person-p3')?.data).toMatchObject({
      name: ERASED_PERSON,
      email: null,
    });
    expect(events.find((e) => e.streamName === 'person-p4')?.data).toMatchObject({ name: 'Person Nummer 4' });
    await store.close();
  });

  it('stops at the head as it was when it started: later appends are left to the subscription', async () => {
    const store = open('head');
    await fill(store);
    const batches = readAheadOnThread({ ...paths('head'), after: 0, batchSize: 5, ahead: 1 })[
      Symbol.asyncIterator
    ]();
    const first = await batches.next();
    expect(first.done).toBe(false);
    await store.appendToStream('person-late', [register('late', 'Kommer Sent')]);
    const rest: RecordedEvent[] = [];
    for (let next = await batches.next(); !next.done; next = await batches.next()) rest.push(...next.value);
    expect(rest.at(-1)?.position).toBe(20n);
    expect((await readAll(store)).at(-1)?.position).toBe(21n);
    await store.close();
  });

  it('ends its thread when the caller stops early, and can be started again', async () => {
    const store = open('early');
    await fill(store);
    for await (const batch of readAheadOnThread({ ...paths('early'), after: 0, batchSize: 2, ahead: 1 })) {
      expect(batch).toHaveLength(2);
      break;
    }
    const again = (await drain(store.readAhead('start', 1)!)).flat();
    expect(again).toHaveLength(20);
    await store.close();
  });

  it('fails with the reason when the store cannot be read', async () => {
    const missing = { storePath: join(dir, 'absent.db'), keysPath: join(dir, 'absent.keys.db') };
    await expect(drain(readAheadOnThread({ ...missing, after: 0, batchSize: 10, ahead: 1 }))).rejects.toThrow(
      'unable to open database file',
    );
  });

  it('reads on this thread until the other one is ready, which goes on where this one stopped', async () => {
    const store = open('handover');
    await fillMany(store, 2000);
    const inline = inlineReader(store, 5);
    const batches = await drain(
      readAheadOnThread({ ...paths('handover'), after: 0, batchSize: 1, ahead: 4 }, inline.reader),
    );
    const events = batches.flat();
    expect(events).toEqual(await readAll(store));
    // Read here first, then by the thread only: the positions this thread read are the first ones, and not all.
    expect(inline.read.length).toBeGreaterThan(0);
    expect(inline.read.length).toBeLessThan(2000);
    expect(inline.read).toEqual(events.slice(0, inline.read.length).map((e) => e.position));
    expect(inline.closed()).toBe(true);
    await store.close();
  });

  it('reads everything on this thread when the other one cannot start', async () => {
    const store = open('no-thread');
    await fill(store);
    const inline = inlineReader(store, 0);
    const missing = { storePath: join(dir, 'gone.db'), keysPath: join(dir, 'gone.keys.db') };
    const events = (
      await drain(readAheadOnThread({ ...missing, after: 0, batchSize: 3, ahead: 1 }, inline.reader))
    ).flat();
    expect(events).toEqual(await readAll(store));
    expect(inline.read).toHaveLength(20);
    await store.close();
  });

  it('below the thread minimum, reads and opens the batches on this thread, with its keys', async () => {
    const store = open('here');
    await fill(store);
    const asked: string[] = [];
    const keys = store.keys as SqlitePersonKeyStore;
    const existingKey = keys.existingKey.bind(keys);
    keys.existingKey = (person) => (asked.push(`${threadId}:${person}`), existingKey(person));
    const events = (await drain(store.readAhead('start', 1, 21)!)).flat();
    expect(asked).toContain(`${threadId}:p0`);
    expect(events).toEqual(await readAll(store));
    await store.close();
  });

  it('is not offered for fewer events than the minimum, which the subscription reads as fast', async () => {
    const store = open('few');
    await fill(store);
    expect(store.readAhead('start', 21)).toBeUndefined();
    expect(store.readAhead(0n, 20)).toBeDefined();
    expect(store.readAhead(1n, 20)).toBeUndefined();
    expect(store.readAhead('start')).toBeUndefined();
    await store.close();
  });

  it('is not offered for a store in memory, where another thread would see another database', async () => {
    const store = new ShreddingEventStore(
      new SqliteEventStore({ path: ':memory:' }),
      new SqlitePersonKeyStore(':memory:'),
    );
    expect(store.readAhead('start', 0)).toBeUndefined();
    await store.close();
  });
});
