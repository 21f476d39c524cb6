import type { EventStore, RecordedEvent, SubscriptionMessage } from './event-store.port';
import { SubscriptionRunner } from './subscription-runner';

/** A store whose one subscription delivers what `push` is given, and waits in between. */
function pushedStore() {
  const queue: SubscriptionMessage[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  const store = {
    subscribeToAll: () => ({
      unsubscribe: async () => {
        closed = true;
        wake?.();
      },
      async *[Symbol.asyncIterator]() {
        while (!closed) {
          const message = queue.shift();
          if (message) yield message;
          else await new Promise<void>((resolve) => (wake = resolve));
        }
      },
    }),
  } as unknown as EventStore;
  const push = (position: number) => {
    const event = { position: BigInt(position) } as RecordedEvent;
    queue.push({ kind: 'event', event });
    wake?.();
  };
  return { store, push };
}

const checkpoints = { load: async () => undefined, store: async () => undefined };

describe('SubscriptionRunner.waitFor', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  it('resolves every waiter a handled event reaches, keeps the others, and leaves no timer behind', async () => {
    const { store, push } = pushedStore();
    const runner = new SubscriptionRunner({ id: 'spec', store, checkpoints, handle: () => undefined });
    runner.start();
    const settled: string[] = [];
    const wait = (position: bigint, name: string) =>
      runner.waitFor(position, 5_000).then((ok) => settled.push(`${name} ${ok}`));
    const waits = [wait(2n, 'a'), wait(1n, 'b'), wait(3n, 'c')];
    expect(jest.getTimerCount()).toBe(3);
    push(1);
    push(2);
    await Promise.all(waits.slice(0, 2));
    expect(settled).toEqual(['b true', 'a true']);
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(5_000);
    await waits[2];
    expect(settled).toEqual(['b true', 'a true', 'c false']);
    push(3);
    expect(await runner.waitFor(3n, 5_000)).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
    await runner.stop();
  });
});
