import type * as BullMQ from 'bullmq';
import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import type { ReminderJobData, ReminderJobSpec } from './reminder-policy';
import { QueueUnavailableError, type QueueCounts, type ReminderQueue } from './reminder-queue.port';

export const REMINDER_QUEUE_NAME = 'reminders';
export const SEND_JOB = 'send';
export const RECONCILE_JOB = 'reconcile';
export const RECONCILE_SCHEDULER_ID = 'reminder-reconcile';

const THIRTY_DAYS_S = 30 * 24 * 60 * 60;

export interface BullmqQueueOptions {
  redisUrl: string;
  /** Key prefix: separates deployments (and test files) sharing one Redis. */
  prefix: string;
  /** Tries per reminder, the first included. */
  attempts: number;
  /** First retry delay; it doubles with each attempt. */
  backoffMs: number;
}

// Loaded with the first queue, not at start: the API makes one only for the embedded worker or the queue's figures.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bullmq = (): typeof BullMQ => require('bullmq');

/** Reconnects for ever, a little slower each time; never more than 5 s apart. */
export const redisRetry = (times: number) => Math.min(times * 250, 5_000);

/** The producer side: fails fast while Redis is away (no offline queue), so callers never hang. */
export class BullmqReminderQueue implements ReminderQueue {
  readonly connection: Redis;
  readonly queue: Queue<ReminderJobData | Record<string, never>>;

  constructor(private readonly options: BullmqQueueOptions) {
    this.connection = new Redis(options.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: redisRetry,
    });
    this.connection.on('error', () => undefined);
    this.queue = new (bullmq().Queue)(REMINDER_QUEUE_NAME, {
      connection: this.connection,
      prefix: options.prefix,
    });
    this.queue.on('error', () => undefined);
  }

  get up(): boolean {
    return this.connection.status === 'ready';
  }

  /** Waits a moment for a connection still being made; fails at once when Redis is known to be away. */
  private async ensureUp(): Promise<void> {
    if (this.up) return;
    if (['connecting', 'connect', 'wait'].includes(this.connection.status)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.connection.off('ready', done);
          resolve();
        };
        const timer = setTimeout(done, 2_000);
        this.connection.once('ready', done);
      });
    }
    if (!this.up) throw new QueueUnavailableError(`Redis is ${this.connection.status}`);
  }

  async schedule(specs: ReminderJobSpec[], now: Date): Promise<void> {
    if (specs.length === 0) return;
    await this.ensureUp();
    await this.queue.addBulk(
      specs.map(({ jobId, ...data }) => ({
        name: SEND_JOB,
        data,
        opts: {
          jobId,
          delay: Math.max(0, Date.parse(data.sendAt) - now.getTime()),
          attempts: this.options.attempts,
          backoff: { type: 'exponential', delay: this.options.backoffMs },
          // Kept for a month so a re-add of the same id is a no-op; the claim guards beyond that.
          removeOnComplete: { age: THIRTY_DAYS_S },
          removeOnFail: { age: THIRTY_DAYS_S },
        },
      })),
    );
  }

  async unschedule(jobIds: string[]): Promise<void> {
    if (jobIds.length === 0) return;
    await this.ensureUp();
    for (const id of jobIds) await this.queue.remove(id);
  }

  async requeueStranded(
    specs: ReminderJobSpec[],
    pending: ReadonlySet<string>,
    now: Date,
  ): Promise<string[]> {
    if (specs.length === 0) return [];
    await this.ensureUp();
    const stranded: ReminderJobSpec[] = [];
    for (const spec of specs) {
      if (pending.has(spec.jobId)) continue;
      // In no list, yet its record is there (a job never added has no record either).
      if ((await this.queue.getJobState(spec.jobId)) === 'unknown' && (await this.queue.getJob(spec.jobId)))
        stranded.push(spec);
    }
    for (const { jobId } of stranded) await this.queue.remove(jobId);
    await this.schedule(stranded, now);
    return stranded.map((spec) => spec.jobId);
  }

  async pendingReminderIds(): Promise<string[]> {
    await this.ensureUp();
    const jobs = await this.queue.getJobs(['delayed', 'waiting', 'prioritized']);
    return jobs.map((job) => job?.id).filter((id): id is string => !!id && id.startsWith('rem_'));
  }

  async counts(): Promise<QueueCounts> {
    await this.ensureUp();
    const counts = await this.queue.getJobCounts(
      'waiting',
      'delayed',
      'active',
      'completed',
      'failed',
      'prioritized',
    );
    return counts as QueueCounts;
  }

  async ensureReconciler(everyMs: number): Promise<void> {
    await this.ensureUp();
    const existing = await this.queue.getJobScheduler(RECONCILE_SCHEDULER_ID);
    if (existing?.every === everyMs) return;
    await this.queue.upsertJobScheduler(
      RECONCILE_SCHEDULER_ID,
      { every: everyMs },
      { name: RECONCILE_JOB, data: {}, opts: { removeOnComplete: true, removeOnFail: 20 } },
    );
  }

  async close(): Promise<void> {
    // A queue that never reached Redis may wait for it on close: give it a moment, then cut the line.
    await Promise.race([
      this.queue.close().catch(() => undefined),
      new Promise((r) => setTimeout(r, 2_000).unref()),
    ]);
    this.connection.disconnect();
  }
}
