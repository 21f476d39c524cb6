import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';

describe('SQLite long reads', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tilneste-reads-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db'), batchSize: 100 });
    for (let batch = 0; batch < 10; batch++) {
      const events = Array.from({ length: 200 }, () => ({
        id: randomUUID(),
        type: 'NotatSkrevet',
        data: { batch },
      }));
      await store.appendToStream(`sak-${batch}`, events, { expectedRevision: 'no_stream' });
    }
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets the event loop turn between batches of a read of $all, so requests are not held off', async () => {
    let read = 0;
    let readWhenTimerRan: number | undefined;
    setImmediate(() => (readWhenTimerRan = read));
    for await (const event of store.readAll()) if (event) read += 1;
    expect(read).toBe(2_000);
    expect(readWhenTimerRan).toBeLessThanOrEqual(100);
  });

  it('reads as many events as asked for, whatever the limit, forwards and backwards', async () => {
    // More distinct limits than the store keeps statements for: the rest are bound, with the same answers.
    for (const maxCount of [1, 2, 3, 5, 8, 13, 21, 34, 55, 99, 100, 101, 199, 250]) {
      const forwards: bigint[] = [];
      for await (const event of store.readStream('sak-3', { maxCount })) forwards.push(event.revision);
      expect(forwards).toEqual(Array.from({ length: Math.min(maxCount, 200) }, (_, i) => BigInt(i)));
      const backwards: bigint[] = [];
      for await (const event of store.readStream('sak-3', { maxCount, direction: 'backwards' }))
        backwards.push(event.revision);
      expect(backwards).toEqual(Array.from({ length: Math.min(maxCount, 200) }, (_, i) => BigInt(199 - i)));
      let all = 0;
      for await (const event of store.readAll({ maxCount })) if (event) all += 1;
      expect(all).toBe(maxCount);
    }
  });
});
