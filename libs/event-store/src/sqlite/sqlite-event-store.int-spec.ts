import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from '../../testing/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

const dir = mkdtempSync(join(tmpdir(), 'tilneste-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEventStoreContract('sqlite', {
  createStore: async () => new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 50 }),
  createCheckpoints: (store) => (store as SqliteEventStore).checkpointStore(),
});

// The same file written on the caller's thread, as an in-memory store does: both writers keep the contract.
describeEventStoreContract('sqlite, writing inline', {
  createStore: async () =>
    new SqliteEventStore({ path: join(dir, 'inline.db'), pollIntervalMs: 50, writer: 'inline' }),
  createCheckpoints: (store) => (store as SqliteEventStore).checkpointStore(),
});
