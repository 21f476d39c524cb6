import {
  headPosition,
  SubscriptionRunner,
  type CheckpointStore,
  type EventStore,
  type RecordedEvent,
} from '@tilneste/event-store';
import { applyToCatalog, Catalog } from '@tilneste/projections';
import type { ReminderLogger } from './outage-log';
import {
  diffPlans,
  planMeetingReminders,
  upcomingMeetings,
  type ReminderJobSpec,
  type ReminderWorld,
} from './reminder-policy';
import type { ReminderQueue } from './reminder-queue.port';
import type { ReminderStateSource } from './reminder.processor';
import { applyToLedger, isNoticeOffset, ReminderLedger } from './reminders.projection';

export const REMINDER_SCHEDULER_ID = 'reminder-scheduler';

export interface ReminderSchedulerOptions {
  store: EventStore;
  checkpoints: CheckpointStore;
  queue: ReminderQueue;
  logger: ReminderLogger;
  clock?: () => Date;
  /** Called when the queue could not be changed; the reconciler makes up for it later. */
  onQueueError?: (error: Error) => void;
  onQueueOk?: () => void;
  /** Names the checkpoint; a new id replays every event through the policy (harmless: ids are deterministic). */
  id?: string;
  catchUpTimeoutMs?: number;
}

/**
 * Groups whose upcoming reminders an event may change. Reminder events only feed the ledger, except a
 * person's request to send one again, which the plan turns into a job.
 */
export function affectedGroups(world: ReminderWorld, event: RecordedEvent): string[] {
  const { catalog } = world;
  const data = (event.data ?? {}) as Record<string, string | undefined>;
  const category = event.streamName.slice(0, event.streamName.indexOf('-'));
  const found = (id: string | undefined) => (id ? [id] : []);
  switch (category) {
    case 'group':
      return found(data.groupId);
    case 'meeting':
      return found(data.groupId ?? catalog.meetings.get(data.meetingId ?? '')?.groupId);
    case 'commitment':
      return found(data.groupId ?? catalog.commitments.get(data.commitmentId ?? '')?.groupId);
    case 'workinggroup':
      return found(data.groupId ?? catalog.workingGroups.get(data.workingGroupId ?? '')?.groupId);
    case 'person':
      return [...catalog.groups.keys()];
    case 'reminder':
      if (event.type === 'ReminderResendRequested') return found(data.groupId);
      return wentForAnEarlierTime(world, event) ? found(data.groupId) : [];
    default:
      return [];
  }
}

/**
 * A reminder recorded as gone (sent, or handed over with its outcome unknown) for a meeting version the meeting
 * has since left. The move was planned while this send was under way, before the ledger counted it as reminded,
 * so the move's notice was not planned then; it is now. Reminders for the current time change no plan.
 */
function wentForAnEarlierTime(world: ReminderWorld, event: RecordedEvent): boolean {
  if (event.type !== 'ReminderSent' && event.type !== 'ReminderNeedsAttention') return false;
  const data = (event.data ?? {}) as { meetingId?: string; offset?: string; version?: number };
  if (!data.meetingId || !data.offset || isNoticeOffset(data.offset)) return false;
  return typeof data.version === 'number' && data.version < world.ledger.versionOf(data.meetingId);
}

/** Queue changes wait for this many before a burst of events stops for Redis. */
const FLUSH_AT = 1_000;

/**
 * The scheduler: a subscription from its stored checkpoint that feeds the domain catalog and the reminder
 * ledger, and after each event turns the policy's before/after difference into queue changes. The state
 * before the checkpoint is rebuilt from the store at start, without touching the queue.
 *
 * Queue changes of events handled in one go (a catch-up, an import) are made together: removes first,
 * then adds, which ends in the same jobs as making each event's changes in turn. Like a change that
 * failed while Redis was away, a change lost to a crash before it was made is put right by the
 * reconciler, which runs whenever the worker (re)connects to Redis.
 */
export class ReminderScheduler implements ReminderStateSource {
  readonly world: ReminderWorld = { catalog: new Catalog(), ledger: new ReminderLedger() };
  private runner: SubscriptionRunner | undefined;
  private readonly id: string;
  private readonly clock: () => Date;
  private pending = { add: new Map<string, ReminderJobSpec>(), remove: new Set<string>() };
  private flushing: Promise<void> = Promise.resolve();
  private flushQueued = false;

  constructor(private readonly options: ReminderSchedulerOptions) {
    this.id = options.id ?? REMINDER_SCHEDULER_ID;
    this.clock = options.clock ?? (() => new Date());
  }

  async start(): Promise<void> {
    const { store, checkpoints, logger } = this.options;
    const checkpoint = await checkpoints.load(this.id);
    if (checkpoint !== undefined) {
      for await (const event of store.readAll({ fromPosition: 'start' })) {
        if (event.position > checkpoint) break;
        this.apply(event);
      }
    }
    let caughtUp!: () => void;
    const ready = new Promise<void>((resolve) => (caughtUp = resolve));
    this.runner = new SubscriptionRunner({
      id: this.id,
      store,
      checkpoints,
      checkpointEvery: 100,
      handle: (event) => this.handle(event),
      onCaughtUp: caughtUp,
      log: (message) => logger.warn(message),
    });
    this.runner.start();
    await ready;
    await this.flush();
  }

  /** Resolves once every event written so far has been applied, and its queue changes made. */
  async catchUp(): Promise<void> {
    // Asked before every reminder is sent: a SQLite store answers from its index, without reading an event.
    const head = await headPosition(this.options.store);
    if (head === 0n || !this.runner) return;
    const reached = await this.runner.waitFor(head, this.options.catchUpTimeoutMs ?? 10_000);
    if (!reached) throw new Error(`the reminder state did not reach position ${head}`);
    await this.flush();
  }

  async stop(): Promise<void> {
    await this.runner?.stop();
    await this.flush();
  }

  private apply(event: RecordedEvent): void {
    applyToCatalog(this.world.catalog, event);
    applyToLedger(this.world.ledger, event);
  }

  private plan(groups: Set<string>, now: Date) {
    return [...groups].flatMap((groupId) =>
      upcomingMeetings(this.world.catalog, now, groupId).flatMap((m) =>
        planMeetingReminders(this.world, m.id, now),
      ),
    );
  }

  // Synchronous unless it has to wait for Redis: most events change no job.
  private handle(event: RecordedEvent): Promise<void> | void {
    const seen = this.world.catalog.position;
    if (seen !== undefined && event.position <= seen) return;
    const now = this.clock();
    const groups = new Set(affectedGroups(this.world, event));
    const before = groups.size ? this.plan(groups, now) : [];
    this.apply(event);
    for (const group of affectedGroups(this.world, event)) groups.add(group);
    if (groups.size === 0) return;
    const { add, remove } = diffPlans(before, this.plan(groups, now));
    if (add.length === 0 && remove.length === 0) return;
    for (const id of remove) {
      this.pending.add.delete(id);
      this.pending.remove.add(id);
    }
    for (const spec of add) this.pending.add.set(spec.jobId, spec);
    if (this.pending.add.size + this.pending.remove.size >= FLUSH_AT) return this.flush();
    this.flushSoon();
  }

  /** Once the events at hand are handled: a burst of them runs without a macrotask in between. */
  private flushSoon(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(() => {
      this.flushQueued = false;
      void this.flush();
    });
  }

  /** Makes the pending queue changes, after those already under way. */
  private flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const { add, remove } = this.pending;
      if (add.size === 0 && remove.size === 0) return;
      this.pending = { add: new Map(), remove: new Set() };
      try {
        await this.options.queue.unschedule([...remove]);
        await this.options.queue.schedule([...add.values()], this.clock());
        this.options.onQueueOk?.();
      } catch (error) {
        this.options.onQueueError?.(error as Error);
      }
    });
    return this.flushing;
  }
}
