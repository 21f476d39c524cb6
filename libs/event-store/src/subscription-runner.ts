import type { CheckpointStore, EventStore, RecordedEvent, SubscriptionFilter } from './event-store.port';

export interface SubscriptionRunnerOptions {
  /** Names the checkpoint; change it to replay from the start. */
  id: string;
  store: EventStore;
  checkpoints: CheckpointStore;
  filter?: SubscriptionFilter;
  /** Must be idempotent: delivery is at least once. */
  handle(event: RecordedEvent): Promise<void> | void;
  onCaughtUp?(): void;
  /** Store the checkpoint after this many events (and whenever the subscription goes idle). */
  checkpointEvery?: number;
  retryDelayMs?: { initial: number; max: number };
  log?: (message: string) => void;
}

/**
 * The one retry-from-checkpoint loop above both adapters: subscribes to `$all` from the stored
 * checkpoint, hands each event to `handle`, stores the checkpoint, and resubscribes after a drop.
 */
export class SubscriptionRunner {
  private stopped = false;
  private current: { unsubscribe(): Promise<void> } | undefined;
  private loop: Promise<void> | undefined;
  private lastHandled: bigint | undefined;
  private lastStored: bigint | undefined;
  private waiters: { position: bigint; resolve(): void }[] = [];
  private caughtUpOnce = false;
  /** How many times the loop has (re)subscribed; a drop makes it grow. */
  subscriptions = 0;

  constructor(private readonly options: SubscriptionRunnerOptions) {}

  /** The global position of the last event handled, if any. */
  get position(): bigint | undefined {
    return this.lastHandled;
  }

  get caughtUp(): boolean {
    return this.caughtUpOnce;
  }

  /**
   * Subscribes from the stored checkpoint, or after `handledUpTo` when the caller has handled the events up to
   * there itself (a catch-up read ahead): `waitFor` then counts them as handled.
   */
  start(handledUpTo?: bigint): void {
    if (this.loop) return;
    if (handledUpTo !== undefined) this.lastHandled = handledUpTo;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.current?.unsubscribe();
    await this.loop;
    await this.flushCheckpoint();
  }

  /** Resolves once an event at or past `position` is handled; false on timeout. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.lastHandled !== undefined && this.lastHandled >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { position, resolve: () => resolve(true) };
      this.waiters.push(waiter);
      setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs).unref();
    });
  }

  private async run(): Promise<void> {
    const { initial, max } = this.options.retryDelayMs ?? { initial: 100, max: 10_000 };
    let delay = initial;
    while (!this.stopped) {
      try {
        await this.consume();
        delay = initial;
      } catch (error) {
        if (this.stopped) return;
        this.options.log?.(
          `subscription ${this.options.id} dropped (${(error as Error).message}); retrying in ${delay} ms`,
        );
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, max);
      }
    }
  }

  private async consume(): Promise<void> {
    const { store, checkpoints, id, filter } = this.options;
    const every = this.options.checkpointEvery ?? 500;
    const from = this.lastHandled ?? (await checkpoints.load(id)) ?? 'start';
    const subscription = store.subscribeToAll({ fromPosition: from, filter });
    this.current = subscription;
    this.subscriptions += 1;
    let sinceStored = 0;
    for await (const message of subscription) {
      if (message.kind === 'caughtUp') {
        await this.flushCheckpoint();
        if (!this.caughtUpOnce) {
          this.caughtUpOnce = true;
          this.options.onCaughtUp?.();
        }
        continue;
      }
      const { event } = message;
      if (this.lastHandled !== undefined && event.position <= this.lastHandled) continue;
      // A synchronous handler (every read model) costs no promise: a rebuild hands over a million events.
      const pending = this.options.handle(event);
      if (pending) await pending;
      this.lastHandled = event.position;
      this.release();
      if (++sinceStored >= every) {
        sinceStored = 0;
        await this.flushCheckpoint();
      }
    }
    if (!this.stopped) throw new Error('the subscription ended');
  }

  private release(): void {
    if (!this.waiters.length) return;
    const handled = this.lastHandled!;
    const ready = this.waiters.filter((w) => w.position <= handled);
    this.waiters = this.waiters.filter((w) => w.position > handled);
    for (const waiter of ready) waiter.resolve();
  }

  private async flushCheckpoint(): Promise<void> {
    if (this.lastHandled === undefined || this.lastHandled === this.lastStored) return;
    await this.options.checkpoints.store(this.options.id, this.lastHandled);
    this.lastStored = this.lastHandled;
  }
}
