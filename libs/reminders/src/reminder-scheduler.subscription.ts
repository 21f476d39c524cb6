import { SubscriptionRunner, type CheckpointStore, type EventStore, type RecordedEvent } from '@tilneste/event-store';
import { applyToCatalog, Catalog } from '@tilneste/projections';
import type { ReminderLogger } from './outage-log';
import { diffPlans, planMeetingReminders, upcomingMeetings, type ReminderWorld } from './reminder-policy';
import type { ReminderQueue } from './reminder-queue.port';
import type { ReminderStateSource } from './reminder.processor';
import { applyToLedger, ReminderLedger } from './reminders.projection';

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

/** The last global position in the store, or undefined for an empty store. */
export async function headPosition(store: EventStore): Promise<bigint | undefined> {
  for await (const event of store.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 })) return event.position;
  return undefined;
}

/** Groups whose upcoming reminders an event may change; reminder events only feed the ledger. */
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
    default:
      return [];
  }
}

/**
 * The scheduler: a subscription from its stored checkpoint that feeds the domain catalog and the reminder
 * ledger, and after each event turns the policy's before/after difference into queue changes. The state
 * before the checkpoint is rebuilt from the store at start, without touching the queue.
 */
export class ReminderScheduler implements ReminderStateSource {
  readonly world: ReminderWorld = { catalog: new Catalog(), ledger: new ReminderLedger() };
  private runner: SubscriptionRunner | undefined;
  private readonly id: string;
  private readonly clock: () => Date;

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
  }

  /** Resolves once every event written so far has been applied. */
  async catchUp(): Promise<void> {
    const head = await headPosition(this.options.store);
    if (head === undefined || !this.runner) return;
    const reached = await this.runner.waitFor(head, this.options.catchUpTimeoutMs ?? 10_000);
    if (!reached) throw new Error(`the reminder state did not reach position ${head}`);
  }

  async stop(): Promise<void> {
    await this.runner?.stop();
  }

  private apply(event: RecordedEvent): void {
    applyToCatalog(this.world.catalog, event);
    applyToLedger(this.world.ledger, event);
  }

  private plan(groups: Set<string>, now: Date) {
    return [...groups].flatMap((groupId) =>
      upcomingMeetings(this.world.catalog, now, groupId).flatMap((m) => planMeetingReminders(this.world, m.id, now)),
    );
  }

  private async handle(event: RecordedEvent): Promise<void> {
    const seen = this.world.catalog.position;
    if (seen !== undefined && event.position <= seen) return;
    const now = this.clock();
    const groups = new Set(affectedGroups(this.world, event));
    const before = this.plan(groups, now);
    this.apply(event);
    for (const group of affectedGroups(this.world, event)) groups.add(group);
    const { add, remove } = diffPlans(before, this.plan(groups, now));
    if (add.length === 0 && remove.length === 0) return;
    try {
      await this.options.queue.unschedule(remove);
      await this.options.queue.schedule(add, now);
      this.options.onQueueOk?.();
    } catch (error) {
      this.options.onQueueError?.(error as Error);
    }
  }
}
