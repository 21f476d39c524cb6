import type * as BullMQ from 'bullmq';
import type { Job, Worker } from 'bullmq';
import Redis from 'ioredis';
import { RECONCILE_JOB, REMINDER_QUEUE_NAME, redisRetry } from './bullmq-reminder-queue.adapter';
import type { ReminderJobData } from './reminder-policy';
import type { JobRun, ProcessResult } from './reminder.processor';

export interface BullmqWorkerOptions {
  redisUrl: string;
  prefix: string;
  concurrency?: number;
  /** A job whose lock is not renewed for this long is stalled and runs again (elsewhere). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

export interface WorkerHandlers {
  send(run: JobRun): Promise<ProcessResult>;
  reconcile(): Promise<void>;
  onRedisError(error: Error): void;
  onRedisReady(): void;
}

// Loaded when the first worker is made, not when the API starts (see bullmq-reminder-queue.adapter.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bullmq = (): typeof BullMQ => require('bullmq');

/** The consumer side: BullMQ decides when; the processor decides whether and records what happened. */
export class BullmqReminderWorker {
  readonly connection: Redis;
  readonly worker: Worker;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(options: BullmqWorkerOptions, handlers: WorkerHandlers) {
    // Blocking commands must wait through a reconnect rather than fail: BullMQ requires null here.
    this.connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null, retryStrategy: redisRetry });
    this.connection.on('error', (error) => handlers.onRedisError(error));
    this.connection.on('ready', () => handlers.onRedisReady());
    this.worker = new (bullmq().Worker)(
      REMINDER_QUEUE_NAME,
      (job: Job) => this.track(this.run(job, handlers)),
      {
        connection: this.connection,
        prefix: options.prefix,
        concurrency: options.concurrency ?? 2,
        lockDuration: options.lockDurationMs ?? 60_000,
        stalledInterval: options.stalledIntervalMs ?? 30_000,
        autorun: true,
      },
    );
    this.worker.on('error', (error) => handlers.onRedisError(error));
  }

  private async track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(work);
    }
  }

  private async run(job: Job, handlers: WorkerHandlers): Promise<unknown> {
    if (job.name === RECONCILE_JOB) return handlers.reconcile();
    const result = await handlers.send({
      data: job.data as ReminderJobData,
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
    });
    if (result.kind === 'retry') throw new Error(result.reason);
    if (result.kind === 'failed' || result.kind === 'needs-attention')
      throw new (bullmq().UnrecoverableError)(`${result.kind}: ${result.reason}`);
    return result;
  }

  /** Waits for jobs in progress to finish (a send is never cut off), then disconnects. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    // Without Redis, BullMQ's graceful close would wait for a connection that may never come back.
    const force = this.connection.status !== 'ready';
    await Promise.race([
      this.worker.close(force).catch(() => undefined),
      new Promise((r) => setTimeout(r, 5_000).unref()),
    ]);
    this.connection.disconnect();
  }
}
