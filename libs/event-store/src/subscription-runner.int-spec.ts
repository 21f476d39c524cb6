import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  EventStore,
  SubscribeToAllOptions,
  Subscription,
  SubscriptionMessage,
} from './event-store.port';
import { SubscriptionDroppedError } from './errors';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { SubscriptionRunner } from './subscription-runner';

const dir = mkdtempSync(join(tmpdir(), 'tilneste-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Wraps a real store so that its subscriptions drop after `dropAfter` events, as a lost connection would. */
function droppingStore(inner: EventStore, dropAfter: number): EventStore {
  return Object.assign(Object.create(inner) as EventStore, {
    subscribeToAll(options: Parameters<EventStore['subscribeToAll']>[0]): Subscription {
      const real = inner.subscribeToAll(options);
      return {
        unsubscribe: () => real.unsubscribe(),
        async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
          let delivered = 0;
          for await (const message of real) {
            if (message.kind === 'event' && delivered++ === dropAfter) {
              await real.unsubscribe();
              throw new SubscriptionDroppedError('connection reset');
            }
            yield message;
          }
        },
      };
    },
  });
}

const batch = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: randomUUID(), type: 'Counted', data: { i } }));
const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('SubscriptionRunner', () => {
  it('resubscribes from its checkpoint after a drop, handling every event once', async () => {
    const sqlite = new SqliteEventStore({ path: join(dir, 'drop.db'), pollIntervalMs: 20 });
    const written = batch(10);
    await sqlite.appendToStream('tally-1', written);
    const handled: string[] = [];
    const logs: string[] = [];
    const runner = new SubscriptionRunner({
      id: 'tally',
      store: droppingStore(sqlite, 4),
      checkpoints: sqlite.checkpointStore(),
      handle: (e) => void handled.push(e.id),
      retryDelayMs: { initial: 5, max: 20 },
      log: (m) => logs.push(m),
    });
    runner.start();
    await until(() => handled.length === 10);
    await runner.stop();
    expect(handled).toEqual(written.map((e) => e.id));
    expect(runner.subscriptions).toBeGreaterThanOrEqual(3);
    expect(logs[0]).toMatch(/dropped \(Subscription dropped: connection reset\)/);
    expect(await sqlite.checkpointStore().load('tally')).toBe(runner.position);
    await sqlite.close();
  });

  it('stores its checkpoint where the store read past events its filter passed over, at most so often', async () => {
    const sqlite = new SqliteEventStore({ path: join(dir, 'filtered.db'), pollIntervalMs: 10 });
    const checkpoints = sqlite.checkpointStore();
    const { position: head } = await sqlite.appendToStream('tally-3', batch(5));
    const from: SubscribeToAllOptions['fromPosition'][] = [];
    const watched = Object.assign(Object.create(sqlite) as EventStore, {
      subscribeToAll(options: SubscribeToAllOptions): Subscription {
        from.push(options.fromPosition);
        return sqlite.subscribeToAll(options);
      },
    });
    const handled: string[] = [];
    const runner = () =>
      new SubscriptionRunner({
        id: 'rare',
        store: watched,
        checkpoints,
        filter: { eventTypes: ['Rare'] },
        checkpointIntervalMs: 60_000,
        handle: (e) => void handled.push(e.id),
      });

    const first = runner();
    first.start();
    expect(await first.waitFor(head, 5_000)).toBe(true);
    // Caught up: stored at once, though no event was the runner's.
    await until(() => first.caughtUp);
    expect(await checkpoints.load('rare')).toBe(head);
    // Live, the store reads past more of them: the runner counts them handled, and stores that at most once a minute.
    const { position: later } = await sqlite.appendToStream('tally-3', batch(3));
    expect(await first.waitFor(later, 5_000)).toBe(true);
    expect(await checkpoints.load('rare')).toBe(head);
    await first.stop();
    expect(await checkpoints.load('rare')).toBe(later);

    const rare = { id: randomUUID(), type: 'Rare', data: {} };
    await sqlite.appendToStream('tally-3', [rare]);
    const second = runner();
    second.start();
    await until(() => handled.length === 1);
    await second.stop();
    expect(handled).toEqual([rare.id]);
    expect(from).toEqual(['start', later]);
    await sqlite.close();
  });

  it('resolves waitFor once the position is handled, and times out otherwise', async () => {
    const sqlite = new SqliteEventStore({ path: join(dir, 'wait.db'), pollIntervalMs: 20 });
    const runner = new SubscriptionRunner({
      id: 'waiter',
      store: sqlite,
      checkpoints: sqlite.checkpointStore(),
      handle: () => undefined,
    });
    runner.start();
    const { position } = await sqlite.appendToStream('tally-2', batch(2));
    expect(await runner.waitFor(position, 5_000)).toBe(true);
    expect(await runner.waitFor(position + 100n, 50)).toBe(false);
    await runner.stop();
    await sqlite.close();
  });
});
