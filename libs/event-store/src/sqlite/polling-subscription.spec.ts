import type { RecordedEvent } from '../event-store.port';
import { commitSignal, PollingSubscription } from './polling-subscription';

const event = (position: number): RecordedEvent => ({
  streamName: 's-1',
  id: `${position}`,
  type: 'T',
  revision: BigInt(position - 1),
  position: BigInt(position),
  data: {},
  metadata: {},
  createdAt: new Date(0),
});

describe('PollingSubscription', () => {
  it('lets the event loop turn between full batches while it catches up, so requests are not held off', async () => {
    const log = Array.from({ length: 5_000 }, (_, i) => event(i + 1));
    const subscription = new PollingSubscription({
      cursor: 0n,
      fetch: (after, limit) => ({ events: log.filter((e) => e.position > after).slice(0, limit) }),
      next: (e) => e.position,
      signal: commitSignal(`spec-${Math.random()}`),
      pollIntervalMs: 60_000,
      batchSize: 100,
    });
    let delivered = 0;
    let deliveredWhenTimerRan: number | undefined;
    setImmediate(() => (deliveredWhenTimerRan = delivered));
    for await (const message of subscription) {
      if (message.kind === 'caughtUp') break;
      delivered += 1;
    }
    expect(delivered).toBe(5_000);
    expect(deliveredWhenTimerRan).toBeLessThanOrEqual(100);
  });

  it('delivers an event committed while the consumer was still handling the previous one, without waiting for a poll', async () => {
    const log: RecordedEvent[] = [];
    const signal = commitSignal(`spec-${Math.random()}`);
    const subscription = new PollingSubscription({
      cursor: 0n,
      fetch: (after) => ({ events: log.filter((e) => e.position > after) }),
      next: (e) => e.position,
      signal,
      pollIntervalMs: 60_000,
      batchSize: 100,
    });
    log.push(event(1));
    const seen: bigint[] = [];
    const started = Date.now();
    for await (const message of subscription) {
      if (message.kind !== 'event') continue;
      seen.push(message.event.position);
      // A commit lands and is signalled while this event is being handled.
      if (message.event.position === 1n) {
        log.push(event(2));
        signal.emit();
      }
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([1n, 2n]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('after a short filtered batch, reads on from where the scan ended, not from the last event it delivered', async () => {
    const signal = commitSignal(`spec-${Math.random()}`);
    const reads: bigint[] = [];
    let head = 10n;
    const subscription = new PollingSubscription({
      cursor: 0n,
      // Only position 3 passes the filter; the scan looked at every row up to the head.
      fetch: (after) => {
        reads.push(after);
        return { events: after < 3n ? [event(3)] : head > 10n ? [event(Number(head))] : [], scannedTo: head };
      },
      next: (e) => e.position,
      signal,
      pollIntervalMs: 60_000,
      batchSize: 100,
    });
    const seen: bigint[] = [];
    for await (const message of subscription) {
      if (message.kind === 'caughtUp') {
        head = 12n;
        signal.emit();
        continue;
      }
      if (message.kind !== 'event') continue;
      seen.push(message.event.position);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([3n, 12n]);
    expect(reads).toEqual([0n, 10n]);
  });

  it.each([true, false])(
    'says where a filtered read ended, after the events it covers, only when asked to (%s)',
    async (checkpoints) => {
      const signal = commitSignal(`spec-${Math.random()}`);
      let head = 10n;
      const subscription = new PollingSubscription({
        cursor: 0n,
        // Only position 3 passes the filter.
        fetch: (after) => ({ events: after < 3n ? [event(3)] : [], scannedTo: head }),
        next: (e) => e.position,
        signal,
        checkpoints,
        pollIntervalMs: 60_000,
        batchSize: 100,
      });
      const seen: string[] = [];
      for await (const message of subscription) {
        if (message.kind === 'event') seen.push(`event ${message.event.position}`);
        else if (message.kind === 'checkpoint') seen.push(`checkpoint ${message.position}`);
        else seen.push('caughtUp');
        if (message.kind === 'caughtUp') {
          // Live: a commit of rows it passes over.
          head = 14n;
          signal.emit();
        }
        if (seen.length === (checkpoints ? 4 : 2)) break;
      }
      expect(seen).toEqual(
        checkpoints ? ['event 3', 'checkpoint 10', 'caughtUp', 'checkpoint 14'] : ['event 3', 'caughtUp'],
      );
      await subscription.unsubscribe();
    },
  );

  it('filtered by type, reads again only after a commit that may hold its type, and misses none made while busy', async () => {
    const signal = commitSignal(`spec-${Math.random()}`);
    const log: RecordedEvent[] = [];
    let reads = 0;
    const subscription = new PollingSubscription({
      cursor: 0n,
      fetch: (after) => {
        reads += 1;
        return { events: log.filter((e) => e.position > after && e.type === 'MeetingHeld') };
      },
      next: (e) => e.position,
      signal,
      eventTypes: new Set(['MeetingHeld']),
      pollIntervalMs: 60_000,
      batchSize: 100,
    });
    const held = (position: number) => ({ ...event(position), type: 'MeetingHeld' });
    const seen: bigint[] = [];
    let readsAtCaughtUp = 0;
    let readsBeforeHeld = 0;
    for await (const message of subscription) {
      if (message.kind === 'caughtUp') {
        readsAtCaughtUp = reads;
        // Three commits of other types: none of them wakes it. Then one of its type does.
        const turn = () => new Promise((resolve) => setImmediate(resolve));
        setImmediate(async () => {
          log.push(event(1));
          signal.emit(new Set(['T']));
          await turn();
          signal.emit(new Set(['CommitmentMade', 'T']));
          await turn();
          signal.emit(new Set(['T']));
          await turn();
          readsBeforeHeld = reads;
          log.push(held(2));
          signal.emit(new Set(['T', 'MeetingHeld']));
        });
        continue;
      }
      if (message.kind !== 'event') continue;
      seen.push(message.event.position);
      // Committed (and signalled) while this one is being handled: read again at once, not after a poll.
      if (message.event.position === 2n) {
        log.push(held(3));
        signal.emit(new Set(['MeetingHeld']));
      }
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([2n, 3n]);
    expect(readsBeforeHeld).toBe(readsAtCaughtUp);
    // A commit whose types are not known (a stream deleted) still wakes every subscription.
    expect(signal.lastFor(new Set(['MeetingHeld']))).toBe(signal.generation);
    signal.emit();
    expect(signal.lastFor(new Set(['Other']))).toBe(signal.generation);
  });
});
