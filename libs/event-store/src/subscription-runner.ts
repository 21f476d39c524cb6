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
  /** Store the checkpoint after this many events handled (and when the subscription first catches up). */
  checkpointEvery?: number;
  /**
   * Where the store looked past events the filter passed over, store the checkpoint there at most this often
   * (and when the subscription first catches up, and at `stop`), so that a start after a long stretch without
   * an event for this runner does not read that stretch again. Default 5 s.
   */
  checkpointIntervalMs?: number;
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
  /**
   * Every event up to here is handled: the last one handled, or further where the store has told that it looked
   * past events the filter passed over. The checkpoint, and where a resubscription starts.
   */
  private handledThrough: bigint | undefined;
  private lastStored: bigint | undefined;
  private lastStoredAt = 0;
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
    if (handledUpTo !== undefined) this.lastHandled = this.handledThrough = handledUpTo;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.current?.unsubscribe();
    await this.loop;
    await this.flushCheckpoint();
  }

  /** Resolves once every event up to `position` the filter passes is handled; false on timeout. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.handledThrough !== undefined && this.handledThrough >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      // Cleared when the position is reached: every write waits here, and a timer left to fire 5 s later
      // (thousands pending at once under load) cost a pass over the waiters each.
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs).unref();
      const waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      this.waiters.push(waiter);
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
    const interval = this.options.checkpointIntervalMs ?? 5_000;
    if (this.handledThrough === undefined) {
      // Handled by an earlier run: `waitFor` counts it so, and storing it again would change nothing.
      this.lastStored = await checkpoints.load(id);
      if (this.lastStored !== undefined) this.advance(this.lastStored);
    }
    const subscription = store.subscribeToAll({
      fromPosition: this.handledThrough ?? 'start',
      filter,
      checkpoints: true,
    });
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
      if (message.kind === 'checkpoint') {
        this.advance(message.position);
        // A store passing over other events says so on every read (each poll, when live): stored at most so often.
        if (Date.now() - this.lastStoredAt >= interval) await this.flushCheckpoint();
        continue;
      }
      const { event } = message;
      if (this.handledThrough !== undefined && event.position <= this.handledThrough) continue;
      // A synchronous handler (every read model) costs no promise: a rebuild hands over a million events.
      const pending = this.options.handle(event);
      if (pending) await pending;
      this.lastHandled = event.position;
      this.advance(event.position);
      if (++sinceStored >= every) {
        sinceStored = 0;
        await this.flushCheckpoint();
      }
    }
    if (!this.stopped) throw new Error('the subscription ended');
  }

  private advance(position: bigint): void {
    if (this.handledThrough !== undefined && position <= this.handledThrough) return;
    this.handledThrough = position;
    if (!this.waiters.length) return;
    // One pass, in place: with many writers there are as many waiters, and this runs for every event.
    const ready: { resolve(): void }[] = [];
    let kept = 0;
    for (const waiter of this.waiters) {
      if (waiter.position <= position) ready.push(waiter);
      else this.waiters[kept++] = waiter;
    }
    this.waiters.length = kept;
    for (const waiter of ready) waiter.resolve();
  }

  private async flushCheckpoint(): Promise<void> {
    const position = this.handledThrough;
    if (position === undefined || position === this.lastStored) return;
    await this.options.checkpoints.store(this.options.id, position);
    this.lastStored = position;
    this.lastStoredAt = Date.now();
  }
}
