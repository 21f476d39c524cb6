import { SubscriptionRunner, type RecordedEvent } from '@tilneste/event-store';
import { meetingHeld } from '@tilneste/meetings';
import { commitmentsDueAt, type Catalog } from '@tilneste/projections';
import { causedBy, POLICY_SETTLE_TIMEOUT_MS, type PolicyDeps } from './policy-context';

/** Pure: the commitments that holding `meetingId` carries over (open, and due at it), in the order made. */
export function carriedOverBy(catalog: Catalog, meetingId: string): string[] {
  const meeting = catalog.meetings.get(meetingId);
  return meeting ? commitmentsDueAt(catalog, meeting).map((c) => c.id) : [];
}

/** What holding a meeting carried over: `carried` by now; `pending`, the rest, which the policy carries over next. */
export interface CarriedOver {
  carried: string[];
  pending: string[];
}

/** Pure: the commitments last carried over from `meetingId`, as a held meeting's answer lists them. */
export function carriedOverFrom(catalog: Catalog, meetingId: string): string[] {
  const groupId = catalog.meetings.get(meetingId)?.groupId;
  return [...(catalog.groups.get(groupId ?? '')?.commitmentIds ?? [])].filter((id) => {
    const c = catalog.commitments.get(id)!;
    return c.carriedOver > 0 && c.anchorMeetingId === meetingId;
  });
}

/**
 * Carry-over as a policy: every stored `MeetingHeld` leads to one `CommitmentCarriedOver` per open
 * commitment due at that meeting, each caused by the held event. It is fed by a subscription with a stored
 * checkpoint, so a crash right after `MeetingHeld` is stored is healed at the next start; a repeat is
 * harmless, since a carried-over commitment is no longer due at that meeting and the decider ignores a
 * second carry-over from the same meeting.
 */
export class CarryOverPolicy {
  private readonly runner: SubscriptionRunner;
  /** Resolves once the policy has caught up with the store: every held meeting stored so far is handled. */
  readonly caughtUp: Promise<void>;

  constructor(private readonly deps: PolicyDeps) {
    let caughtUp!: () => void;
    this.caughtUp = new Promise((resolve) => (caughtUp = resolve));
    this.runner = new SubscriptionRunner({
      id: 'carry-over',
      store: deps.store,
      checkpoints: deps.checkpoints,
      filter: { eventTypes: ['MeetingHeld'] },
      // A held meeting handled twice carries nothing over the second time, so the checkpoint need not follow
      // every one: it is stored every 500 during a catch-up, once caught up, and (as the store reads past other
      // events) at most every few seconds when live. One per held meeting was a transaction and an fsync for
      // each of the store's held meetings at a first start (thousands at a million events). Since it follows
      // how far the store has read, not only the held meetings, a start reads only what the last run had not.
      checkpointEvery: 500,
      handle: (event) => this.handle(event),
      onCaughtUp: caughtUp,
      log: deps.log,
    });
  }

  start(): void {
    this.runner.start();
  }

  stop(): Promise<void> {
    return this.runner.stop();
  }

  /**
   * Resolves once the held event at `position` is handled and its carry-overs are in the read models: true; or,
   * false, once the wait is over (the policy behind, say) with some of them still to come.
   */
  async settled(position: bigint): Promise<boolean> {
    const timeout = this.deps.settleTimeoutMs ?? POLICY_SETTLE_TIMEOUT_MS;
    const done = await this.runner.waitFor(position, timeout);
    if (!done) this.deps.log?.(`carry-over did not reach position ${position} within ${timeout} ms`);
    return done;
  }

  /**
   * What holding `meetingId` (the held event at `position`) carried over, once the policy has handled it or its
   * wait is over: `carried` by then, and `pending`, what it has still to carry over (open and due at the meeting,
   * the set it works through), so an answer given while it runs behind never says fewer than the truth.
   */
  async carriedOverWhenHeld(meetingId: string, position: bigint): Promise<CarriedOver> {
    const settled = await this.settled(position);
    const catalog = this.deps.catalog();
    const carried = carriedOverFrom(catalog, meetingId);
    const pending = settled ? [] : carriedOverBy(catalog, meetingId).filter((id) => !carried.includes(id));
    return { carried, pending };
  }

  private async handle(event: RecordedEvent): Promise<void> {
    const { meetingId } = meetingHeld.parse({ type: event.type, data: event.data }).data;
    await this.deps.readModels.waitFor(event.position);
    const due = carriedOverBy(this.deps.catalog(), meetingId);
    if (!due.length) return;
    const ctx = causedBy(this.deps.app, event, 'carry-over');
    for (const commitmentId of due) {
      await ctx.run('commitment', {
        type: 'CarryOverCommitment',
        data: { commitmentId, fromMeetingId: meetingId },
      });
    }
  }
}
