import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RecordedEvent, Subscription, SubscriptionMessage } from '../event-store.port';

/** A subscription waiting for a commit; `types` when it reads only events of those types. */
interface Waiter {
  types: ReadonlySet<string> | undefined;
  wake(): void;
}

/**
 * Wakes subscriptions in this process after a commit to the same file; other processes are seen by polling.
 * A commit names the event types it wrote, when it knows them, so a subscription filtered by type (the
 * carry-over policy reads `MeetingHeld` only) is not woken, and does not read, for every other write.
 */
class CommitSignal {
  private waiters = new Set<Waiter>();
  /** Counts commits, so a subscription that was busy when one was signalled can tell it missed it. */
  generation = 0;
  /** The last commit whose event types are not known (a delete, new metadata), and the last one of each type. */
  private lastUntyped = 0;
  private readonly lastOfType = new Map<string, number>();

  /** `types`: the event types the commit wrote; without them it may concern any subscription. */
  emit(types?: ReadonlySet<string>): void {
    this.generation += 1;
    if (types) for (const type of types) this.lastOfType.set(type, this.generation);
    else this.lastUntyped = this.generation;
    for (const waiter of this.waiters) {
      if (types && waiter.types && !overlaps(types, waiter.types)) continue;
      this.waiters.delete(waiter);
      waiter.wake();
    }
  }

  /** The last commit that may hold an event of these types (of any type, without them). */
  lastFor(types: ReadonlySet<string> | undefined): number {
    if (!types) return this.generation;
    let last = this.lastUntyped;
    for (const type of types) last = Math.max(last, this.lastOfType.get(type) ?? 0);
    return last;
  }

  wait(types?: ReadonlySet<string>): { promise: Promise<void>; cancel(): void } {
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => (wake = resolve));
    const waiter: Waiter = { types, wake };
    this.waiters.add(waiter);
    return { promise, cancel: () => this.waiters.delete(waiter) };
  }
}

function overlaps(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const item of a) if (b.has(item)) return true;
  return false;
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
  /** Only events of these types are read: a commit of other types does not wake it. */
  eventTypes?: ReadonlySet<string>;
  /** Say `checkpoint` where a read looked past rows the filter passed over. */
  checkpoints?: boolean;
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
    const { fetch, next, batchSize, signal, eventTypes, checkpoints } = this.options;
    let cursor = this.options.cursor;
    let caughtUp = false;
    try {
      while (!this.closed) {
        const seen = signal.lastFor(eventTypes);
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
        // Rows the filter passed over are not read again on every commit, nor (told so) after a restart.
        if (scannedTo !== undefined && scannedTo > cursor) {
          cursor = scannedTo;
          if (checkpoints && !this.closed) yield { kind: 'checkpoint', position: cursor };
        }
        if (!caughtUp) {
          caughtUp = true;
          yield { kind: 'caughtUp' };
        }
        // A commit signalled while the consumer held an event would wake no one: read again at once.
        if (!this.closed && signal.lastFor(eventTypes) === seen) await this.idle();
      }
    } finally {
      await this.unsubscribe();
    }
  }

  private async idle(): Promise<void> {
    const waiter = this.options.signal.wait(this.options.eventTypes);
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
