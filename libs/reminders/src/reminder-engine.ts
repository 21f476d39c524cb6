import { redactUrl, type Config } from '@tilneste/config';
import type { CheckpointStore, EventStore } from '@tilneste/event-store';
import { durationToMs, parseIsoDuration } from '@tilneste/groups';
import { BullmqReminderQueue } from './bullmq-reminder-queue.adapter';
import { BullmqReminderWorker } from './bullmq-reminder-worker.adapter';
import type { Mailer } from './mailer.port';
import { OutageLog, type ReminderLogger } from './outage-log';
import { preloadEmailLayout } from './reminder-email.layout';
import { linkSecretFrom } from './reminder-links';
import { reconcileReminders } from './reminder-reconciler';
import { ReminderScheduler } from './reminder-scheduler.subscription';
import { ReminderProcessor } from './reminder.processor';
import { mailDomain, SmtpMailer } from './smtp-mailer.adapter';

export interface ReminderEngineOptions {
  store: EventStore;
  checkpoints: CheckpointStore;
  redisUrl: string;
  smtpUrl: string;
  queuePrefix: string;
  mailFrom: string;
  publicUrl: string;
  linkSecret: string;
  reconcileEveryMs: number;
  attempts: number;
  backoffMs: number;
  /** How long a claim protects a send in progress. */
  leaseMs?: number;
  /** How long e-mail links work after the meeting has started. */
  linkGraceMs?: number;
  concurrency?: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  smtp?: { connectionTimeoutMs?: number; greetingTimeoutMs?: number; socketTimeoutMs?: number };
  logger: ReminderLogger;
  clock?: () => Date;
  /** For tests: a mailer other than SMTP. */
  mailer?: Mailer;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const isoMs = (text: string) => durationToMs(parseIsoDuration(text)!);

/**
 * The reminder worker: the scheduler subscription, the BullMQ worker and its processor, the periodic
 * reconciler, and one log line per Redis or SMTP outage. Runs inside the API or on its own.
 */
export class ReminderEngine {
  readonly queue: BullmqReminderQueue;
  readonly scheduler: ReminderScheduler;
  private worker: BullmqReminderWorker | undefined;
  private readonly mailer: Mailer;
  private readonly processor: ReminderProcessor;
  private readonly redis: OutageLog;
  private readonly smtp: OutageLog;
  private watchdog: NodeJS.Timeout | undefined;
  private stopping: Promise<void> | undefined;

  constructor(private readonly options: ReminderEngineOptions) {
    const { logger } = options;
    const clock = options.clock ?? (() => new Date());
    this.redis = new OutageLog(
      logger,
      (reason) =>
        `Påminnelser venter til køen i ${redactUrl(options.redisUrl)} er tilbake (reminders paused: ${reason})`,
      'Påminnelser går igjen: Redis er tilbake (reminders resumed)',
    );
    this.smtp = new OutageLog(
      logger,
      (reason) => `E-post kan ikke sendes nå; påminnelser prøves igjen senere (SMTP unreachable: ${reason})`,
      'E-post går igjen (SMTP is back)',
    );
    this.queue = new BullmqReminderQueue({
      redisUrl: options.redisUrl,
      prefix: options.queuePrefix,
      attempts: options.attempts,
      backoffMs: options.backoffMs,
    });
    this.scheduler = new ReminderScheduler({
      store: options.store,
      checkpoints: options.checkpoints,
      queue: this.queue,
      logger,
      clock,
      onQueueError: (error) => this.redis.reportDown(error.message),
    });
    this.mailer = options.mailer ?? new SmtpMailer({ url: options.smtpUrl, ...options.smtp });
    this.processor = new ReminderProcessor(
      options.store,
      this.scheduler,
      this.mailer,
      {
        from: options.mailFrom,
        publicUrl: options.publicUrl,
        linkSecret: options.linkSecret,
        linkGraceMs: options.linkGraceMs ?? 14 * DAY_MS,
        domain: mailDomain(options.mailFrom),
        leaseMs: options.leaseMs ?? 5 * 60_000,
      },
      clock,
      (outcome) =>
        outcome.kind === 'unreachable' ? this.smtp.reportDown(outcome.reason) : this.smtp.reportUp(),
    );
  }

  /** Rebuilds the state and catches up; Redis need not be there (the work waits for it). */
  async start(): Promise<void> {
    await preloadEmailLayout();
    await this.scheduler.start();
    const clock = this.options.clock ?? (() => new Date());
    this.worker = new BullmqReminderWorker(
      {
        redisUrl: this.options.redisUrl,
        prefix: this.options.queuePrefix,
        concurrency: this.options.concurrency,
        lockDurationMs: this.options.lockDurationMs,
        stalledIntervalMs: this.options.stalledIntervalMs,
      },
      {
        send: (run) => this.processor.process(run),
        reconcile: async () => void (await reconcileReminders(this.scheduler, this.queue, clock())),
        onRedisError: (error) => this.redis.reportDown(error.message),
        onRedisReady: () => void this.healAfterOutage(),
      },
    );
    this.watchdog = setInterval(() => void this.ensureReconciler(), this.options.reconcileEveryMs);
    this.watchdog.unref();
  }

  /** Runs the reconciler now, e.g. after Redis came back. */
  async reconcileNow() {
    return reconcileReminders(this.scheduler, this.queue, (this.options.clock ?? (() => new Date()))());
  }

  /** Lets a send in progress finish, then stops everything. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.watchdog) clearInterval(this.watchdog);
      await this.worker?.close();
      await this.scheduler.stop();
      await this.queue.close();
      await this.mailer.close();
    })();
    return this.stopping;
  }

  private async healAfterOutage(): Promise<void> {
    this.redis.reportUp();
    await this.ensureReconciler();
    // Changes made while Redis was away (or before this process ran) never reached the queue.
    await this.reconcileNow().catch((error: Error) => this.redis.reportDown(error.message));
  }

  /** The job scheduler lives in Redis and goes with a flush; put it back when it is missing. */
  private async ensureReconciler(): Promise<void> {
    try {
      await this.queue.ensureReconciler(this.options.reconcileEveryMs);
    } catch (error) {
      this.redis.reportDown((error as Error).message);
    }
  }
}

/** The engine as the configuration describes it. */
export function reminderEngineFromConfig(
  config: Config,
  store: EventStore,
  checkpoints: CheckpointStore,
  logger: ReminderLogger,
) {
  return new ReminderEngine({
    store,
    checkpoints,
    redisUrl: config.REDIS_URL,
    smtpUrl: config.SMTP_URL,
    queuePrefix: config.REMINDER_QUEUE_PREFIX,
    mailFrom: config.MAIL_FROM,
    publicUrl: config.PUBLIC_URL,
    linkSecret: linkSecretFrom(config),
    reconcileEveryMs: isoMs(config.REMINDER_RECONCILE_EVERY),
    attempts: config.REMINDER_ATTEMPTS,
    backoffMs: isoMs(config.REMINDER_RETRY_BASE),
    logger,
  });
}
