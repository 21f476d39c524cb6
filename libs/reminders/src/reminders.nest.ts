import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@tilneste/config';
import { CONFIG } from '@tilneste/event-sourcing';
import { CHECKPOINT_STORE, EVENT_STORE, type CheckpointStore, type EventStore } from '@tilneste/event-store';
import { ReadModelHost } from '@tilneste/projections';
import { BullmqReminderQueue } from './bullmq-reminder-queue.adapter';
import { reminderEngineFromConfig, type ReminderEngine } from './reminder-engine';
import { QueueUnavailableError } from './reminder-queue.port';
import { reminderLedgerReadModel, type ReminderLedger } from './reminders.projection';

/** The reminder ledger for the API's reads: built in the read models' own pass at start, then fed live. */
@Injectable()
export class ReminderLedgerHost {
  readonly ledger: ReminderLedger;

  constructor(private readonly readModels: ReadModelHost) {
    this.ledger = readModels.add(reminderLedgerReadModel);
  }

  /** The same start as the read models' (one pass over the history for both). */
  start(): Promise<void> {
    return this.readModels.start();
  }
}

/** The reminder worker inside the API process (TILNESTE_EMBEDDED_WORKER, on by default). */
@Injectable()
export class EmbeddedReminderWorker implements BeforeApplicationShutdown {
  private engine: ReminderEngine | undefined;
  private starting: Promise<void> | undefined;
  private readonly logger = new Logger('Påminnelser');

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
  ) {}

  /** Resolves once the worker has caught up with the history and runs; calling it again waits for the same start. */
  start(): Promise<void> {
    if (!this.config.TILNESTE_EMBEDDED_WORKER) return Promise.resolve();
    this.starting ??= (async () => {
      this.engine = reminderEngineFromConfig(this.config, this.store, this.checkpoints, this.logger);
      await this.engine.start();
      this.logger.log('påminnelser kjører i API-prosessen (embedded reminder worker)');
    })();
    return this.starting;
  }

  // Before the event store closes: a start under way completes, and a send in progress finishes and records its outcome.
  async beforeApplicationShutdown(): Promise<void> {
    await this.starting?.catch(() => undefined);
    await this.engine?.stop();
  }
}

/** Queue figures for the secretariat, read-only; `null` counts while Redis is away. */
@Injectable()
export class ReminderQueueFigures implements OnApplicationShutdown {
  private queue: BullmqReminderQueue | undefined;

  constructor(@Inject(CONFIG) private readonly config: Config) {}

  private connect(): BullmqReminderQueue {
    this.queue ??= new BullmqReminderQueue({
      redisUrl: this.config.REDIS_URL,
      prefix: this.config.REMINDER_QUEUE_PREFIX,
      attempts: 1,
      backoffMs: 1,
    });
    return this.queue;
  }

  /** The BullMQ queue itself, for the admins' Bull Board; made on first use, so Redis is not touched before. */
  bullQueue() {
    return this.connect().queue;
  }

  async figures() {
    this.queue = this.connect();
    try {
      return {
        redis: 'up' as const,
        prefix: this.config.REMINDER_QUEUE_PREFIX,
        counts: await this.queue.counts(),
      };
    } catch (error) {
      if (!(error instanceof QueueUnavailableError) && this.queue.up) throw error;
      return { redis: 'down' as const, prefix: this.config.REMINDER_QUEUE_PREFIX, counts: null };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
  }
}
