import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import {
  EVENT_STORE,
  SubscriptionRunner,
  type CheckpointStore,
  type EventStore,
  type RecordedEvent,
} from '@tilneste/event-store';
import type { ReadModelBarrier } from '@tilneste/event-sourcing';
import { applyToCatalog, Catalog } from './catalog';

/** In memory: every start replays from the beginning, so the checkpoint need not outlive the process. */
class MemoryCheckpoints implements CheckpointStore {
  private readonly positions = new Map<string, bigint>();
  async load(id: string) {
    return this.positions.get(id);
  }
  async store(id: string, position: bigint) {
    this.positions.set(id, position);
  }
}

const READ_YOUR_WRITES_TIMEOUT_MS = 5_000;

/** Another in-memory read model fed by the same pass over the store; it must skip what it does not need cheaply. */
export type ReadModelFeed = (event: RecordedEvent) => void;

/**
 * Hosts the in-memory read models: rebuilt from the store at start, then fed live. The catalog and every
 * feed added before `start` share one subscription, so a start reads the history once, and
 * read-your-writes (`waitFor`) covers all of them.
 */
@Injectable()
export class ReadModelHost implements ReadModelBarrier, OnApplicationShutdown {
  readonly catalog = new Catalog();
  private readonly logger = new Logger('ReadModels');
  private readonly runner: SubscriptionRunner;
  private readonly caughtUp: Promise<void>;
  private readonly feeds: ReadModelFeed[] = [];
  private started: Promise<void> | undefined;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    let resolveCaughtUp!: () => void;
    this.caughtUp = new Promise((resolve) => (resolveCaughtUp = resolve));
    this.runner = new SubscriptionRunner({
      id: 'read-models',
      store,
      checkpoints: new MemoryCheckpoints(),
      checkpointEvery: 10_000,
      handle: (event) => {
        applyToCatalog(this.catalog, event);
        for (const feed of this.feeds) feed(event);
      },
      onCaughtUp: resolveCaughtUp,
      log: (message) => this.logger.warn(message),
    });
  }

  /** Adds a read model to the pass; only before `start`, since the events already read are not handed to it. */
  feed(feed: ReadModelFeed): void {
    if (this.started) throw new Error('a read model feed must be added before the read models start');
    this.feeds.push(feed);
  }

  /** Resolves once the history is applied; calling it again waits for the same start. */
  start(): Promise<void> {
    this.started ??= this.catchUp();
    return this.started;
  }

  private async catchUp(): Promise<void> {
    const started = Date.now();
    this.runner.start();
    await this.caughtUp;
    this.logger.log(
      `lest inn ${String(this.catalog.position ?? 0n)} hendelser på ${Date.now() - started} ms`,
    );
  }

  async waitFor(position: bigint): Promise<void> {
    const applied = await this.runner.waitFor(position, READ_YOUR_WRITES_TIMEOUT_MS);
    if (!applied)
      this.logger.warn(
        `read models did not reach position ${position} within ${READ_YOUR_WRITES_TIMEOUT_MS} ms`,
      );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
