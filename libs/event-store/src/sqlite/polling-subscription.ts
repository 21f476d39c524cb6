import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RecordedEvent, Subscription, SubscriptionMessage } from '../event-store.port';

/** Wakes subscriptions in this process after a commit to the same file; other processes are seen by polling. */
class CommitSignal {
  private waiters = new Set<() => void>();
  /** Counts commits, so a subscription that was busy when one was signalled can tell it missed it. */
  generation = 0;
  emit(): void {
    this.generation += 1;
    const waiting = this.waiters;
    this.waiters = new Set();
    for (const wake of waiting) wake();
  }
  wait(): { promise: Promise<void>; cancel(): void } {
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => (wake = resolve));
    this.waiters.add(wake);
    return { promise, cancel: () => this.waiters.delete(wake) };
  }
}

const signals = new Map<string, CommitSignal>();

export function commitSignal(path: string): CommitSignal {
  let signal = signals.get(path);
  if (!signal) signals.set(path, (signal = new CommitSignal()));
  return signal;
}

/** One read: the events found, and (for a filtered read) the position up to which every row was looked at. */
export interface Batch {
  events: RecordedEvent[];
  scannedTo?: bigint;
}

interface PollingSubscriptionOptions {
  cursor: bigint;
  fetch(after: bigint, limit: number): Batch;
  next(event: RecordedEvent): bigint;
  signal: CommitSignal;
  pollIntervalMs: number;
  batchSize: number;
}

/** Reads `> cursor` in batches; after the first short batch it says `caughtUp` once, then waits. */
export class PollingSubscription implements Subscription {
  private closed = false;
  private stopWaiting: (() => void) | undefined;
  private readonly closeListeners: (() => void)[] = [];

  constructor(private readonly options: PollingSubscriptionOptions) {}

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  async unsubscribe(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopWaiting?.();
    for (const listener of this.closeListeners) listener();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    const { fetch, next, batchSize, signal } = this.options;
    let cursor = this.options.cursor;
    let caughtUp = false;
    try {
      while (!this.closed) {
        const seen = signal.generation;
        const { events, scannedTo } = fetch(cursor, batchSize);
        for (const event of events) {
          if (this.closed) return;
          cursor = next(event);
          yield { kind: 'event', event };
        }
        if (events.length === batchSize) {
          // Reads are synchronous: without a turn of the event loop between full batches, a subscription
          // catching up with a long history would hold off every request until it is done.
          await nextTurn();
          continue;
        }
        // Rows the filter passed over are not read again on every commit.
        if (scannedTo !== undefined && scannedTo > cursor) cursor = scannedTo;
        if (!caughtUp) {
          caughtUp = true;
          yield { kind: 'caughtUp' };
        }
        // A commit signalled while the consumer held an event would wake no one: read again at once.
        if (!this.closed && signal.generation === seen) await this.idle();
      }
    } finally {
      await this.unsubscribe();
    }
  }

  private async idle(): Promise<void> {
    const waiter = this.options.signal.wait();
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.stopWaiting = resolve;
      timer = setTimeout(resolve, this.options.pollIntervalMs);
      void waiter.promise.then(resolve);
    });
    clearTimeout(timer);
    waiter.cancel();
    this.stopWaiting = undefined;
  }
}
