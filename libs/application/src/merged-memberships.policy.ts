import { DomainError } from '@tilneste/domain-kit';
import { SubscriptionRunner, type RecordedEvent } from '@tilneste/event-store';
import { groupStream, isLastSecretariat, type GroupState } from '@tilneste/groups';
import { personMerged } from '@tilneste/people';
import { survivingPersonId, type Catalog } from '@tilneste/projections';
import { workingGroupStream, type WorkingGroupState } from '@tilneste/working-groups';
import type { InputOf } from './application';
import { causedBy, POLICY_SETTLE_TIMEOUT_MS, type PolicyDeps } from './policy-context';

/**
 * Pure: the commands that make one group's stream agree with the read models after `mergedId` was merged
 * away: the one who remains is a member with the role the read models show (their own, or else the merged
 * record's), and then the merged id leaves. When the merged record was the group's last secretariat member,
 * the one who remains takes that role instead of their own, since a group must keep one; the read models
 * follow from the recorded change. Nothing when the stream does not name the merged id.
 */
export function groupMovesAfterMerge(
  state: GroupState,
  mergedId: string,
  catalog: Catalog,
): InputOf<'group'>[] {
  if (state.status !== 'established' || !state.members[mergedId]) return [];
  const survivor = survivingPersonId(catalog, mergedId);
  if (survivor === mergedId) return [];
  const { groupId } = state;
  const shown = catalog.groups.get(groupId)?.members.get(survivor);
  const role = shown && isLastSecretariat(state, mergedId) ? 'secretariat' : shown;
  const moves: InputOf<'group'>[] = [];
  // Joins before the merged id leaves: the decider refuses to let the last secretariat member go first.
  if (role && state.members[survivor] !== role)
    moves.push({ type: 'AddMember', data: { groupId, personId: survivor, role } });
  moves.push({ type: 'RemoveMember', data: { groupId, personId: mergedId } });
  return moves;
}

/**
 * Pure: the same for one working group's stream: a merged lead hands the lead to whoever the read models
 * show, and a merged member leaves after the one who remains has joined. A dissolved working group's stream is
 * left as it was closed, on purpose: the read models already show the one who remains there (a merge moves
 * every working group's lead and members, dissolved or not, and a replay does the same), and a dissolved group
 * takes no command, so no decider can trip over the merged id, which is why active streams are moved at all.
 * Moving it would record a lead change and members joining and leaving after the group ended, and need a way
 * round the decider's rule for closed groups, to change nothing anyone sees; the merge itself is on record.
 */
export function workingGroupMovesAfterMerge(
  state: WorkingGroupState,
  mergedId: string,
  catalog: Catalog,
): InputOf<'workingGroup'>[] {
  if (state.status !== 'active') return [];
  if (state.leadPersonId !== mergedId && !state.memberIds.includes(mergedId)) return [];
  const survivor = survivingPersonId(catalog, mergedId);
  if (survivor === mergedId) return [];
  const { workingGroupId } = state;
  const shown = catalog.workingGroups.get(workingGroupId);
  const moves: InputOf<'workingGroup'>[] = [];
  // The decider adds a new lead as a member, and adding a member twice decides nothing.
  if (state.leadPersonId === mergedId)
    moves.push({
      type: 'ChangeWorkingGroupLead',
      data: { workingGroupId, leadPersonId: shown?.leadPersonId ?? null },
    });
  if (state.memberIds.includes(mergedId)) {
    if (shown?.memberIds.includes(survivor))
      moves.push({ type: 'AddWorkingGroupMember', data: { workingGroupId, personId: survivor } });
    moves.push({ type: 'RemoveWorkingGroupMember', data: { workingGroupId, personId: mergedId } });
  }
  return moves;
}

/**
 * Memberships follow a merge, as a policy: the read models move a merged record's group and working-group
 * memberships to the person who remains, and every stored `PersonMerged` leads to the same move in each
 * group and working-group stream that names the merged id, each command caused by the merge. Without it the
 * streams' deciders would still know the merged id, so removing the one who remains would be refused. Fed by
 * a subscription with a stored checkpoint, so a merge stored before the policy existed (or before a crash) is
 * healed at the next start; a repeat decides nothing, since the streams no longer name the merged id. The
 * checkpoint follows how far the store has read, not only the merges (as the carry-over's does), so a start
 * reads only what came after the last run even in a store where nobody was ever merged.
 */
export class MergedMembershipsPolicy {
  private readonly runner: SubscriptionRunner;
  /** Resolves once the policy has caught up with the store: every merge stored so far is handled. */
  readonly caughtUp: Promise<void>;

  constructor(private readonly deps: PolicyDeps) {
    let caughtUp!: () => void;
    this.caughtUp = new Promise((resolve) => (caughtUp = resolve));
    this.runner = new SubscriptionRunner({
      id: 'merged-memberships',
      store: deps.store,
      checkpoints: deps.checkpoints,
      filter: { eventTypes: ['PersonMerged'] },
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

  /** Resolves once the merge at `position` is handled and its moves are in the read models. */
  async settled(position: bigint): Promise<void> {
    const done = await this.runner.waitFor(position, POLICY_SETTLE_TIMEOUT_MS);
    if (!done)
      this.deps.log?.(
        `merged-memberships did not reach position ${position} within ${POLICY_SETTLE_TIMEOUT_MS} ms`,
      );
  }

  private async handle(event: RecordedEvent): Promise<void> {
    const { personId: mergedId } = personMerged.parse({ type: event.type, data: event.data }).data;
    await this.deps.readModels.waitFor(event.position);
    const catalog = this.deps.catalog();
    const ctx = causedBy(this.deps.app, event, 'merged-memberships');
    const { group, workingGroup } = this.deps.app.handlers;
    // Every stream, not only those the read models show the survivor in: a later change may hide a stale one.
    // Merges are rare and a council's groups few.
    for (const groupId of [...catalog.groups.keys()]) {
      const { state } = await group.load(groupStream(groupId));
      const moves = groupMovesAfterMerge(state, mergedId, catalog);
      if (moves.length) await this.settle(groupStream(groupId), () => ctx.runAll('group', moves));
    }
    for (const [workingGroupId, shown] of [...catalog.workingGroups]) {
      // Closed history, left as it is: see workingGroupMovesAfterMerge.
      if (shown.dissolved) continue;
      const { state } = await workingGroup.load(workingGroupStream(workingGroupId));
      const moves = workingGroupMovesAfterMerge(state, mergedId, catalog);
      if (moves.length)
        await this.settle(workingGroupStream(workingGroupId), () => ctx.runAll('workingGroup', moves));
    }
  }

  /**
   * A broken rule in one stream (someone removed the merged id in between) is logged and passed over: retrying
   * would not mend it, and would hold up every later merge. Anything else is retried from the checkpoint.
   */
  private async settle(streamName: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.deps.log?.(`merged-memberships left ${streamName} as it was: ${error.code}`);
    }
  }
}
