import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore } from './event-store.module';

describe('createEventStore', () => {
  it('opens the embedded SQLite store by default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tilneste-create-store-'));
    const { store } = createEventStore({
      EVENT_STORE: 'sqlite',
      SQLITE_PATH: join(dir, 'events.db'),
      EVENTSTORE_CONNECTION_STRING: undefined,
    });
    expect(store.kind).toBe('sqlite');
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the EventStoreDB adapter when it is chosen (the client connects on first use, not here)', async () => {
    const { store, checkpoints } = createEventStore({
      EVENT_STORE: 'eventstoredb',
      SQLITE_PATH: 'unused.db',
      KEYS_SQLITE_PATH: ':memory:',
      EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false',
    });
    expect(store.kind).toBe('eventstoredb');
    expect(checkpoints.constructor.name).toBe('EventStoreDbCheckpointStore');
    await store.close();
  });
});
