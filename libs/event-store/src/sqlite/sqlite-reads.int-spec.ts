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
});
