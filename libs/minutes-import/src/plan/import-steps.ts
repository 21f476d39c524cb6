import type { CommitmentEvent, CommitmentsCommand } from '@tilneste/commitments';
import type { CommandInput } from '@tilneste/domain-kit';
import type { GroupEvent } from '@tilneste/groups';
import type { MatterEvent } from '@tilneste/matters';
import type { MeetingEvent, MeetingsCommand } from '@tilneste/meetings';
import type { PersonEvent } from '@tilneste/people';
import type { WorkingGroupCommand, WorkingGroupEvent } from '@tilneste/working-groups';
import type { PlannedCommand } from './import-plan';

/**
 * The commands a commit runs after the plan's, from everything imported into the group so far: approving minutes
 * a document approves, carrying over what came due at a held meeting, and the working-group lead the latest
 * document names.
 */
export type FollowUpCommandType = 'ApproveMinutes' | 'CarryOverCommitment' | 'ChangeWorkingGroupLead';

export type FollowUpCommand = Extract<
  | ({ context: 'meeting' } & CommandInput<MeetingsCommand>)
  | ({ context: 'commitment' } & CommandInput<CommitmentsCommand>)
  | ({ context: 'workingGroup' } & CommandInput<WorkingGroupCommand>),
  { type: FollowUpCommandType }
>;

export type ImportCommand = PlannedCommand | FollowUpCommand;

/** One command of an import and the types of the events it recorded, or would record: none when done already. */
export interface ImportStep<C extends ImportCommand = ImportCommand> {
  command: C;
  events: readonly string[];
}

/** What an import ran, or would run: the plan's commands, then the follow-ups (see FollowUpCommandType). */
export interface ImportSteps {
  planned: ImportStep<PlannedCommand>[];
  followUps: ImportStep<FollowUpCommand>[];
}

/** The kinds of record an import leaves, in the order a reader is told about them. */
export const RECORDED_KINDS = [
  'meetings',
  'people',
  'aliases',
  'members',
  'attendance',
  'held',
  'agendaItems',
  'renumbered',
  'deferred',
  'matters',
  'decisions',
  'commitments',
  'workingGroups',
  'workingGroupMembers',
  'leadChanges',
  'minutesApproved',
  'carriedOver',
  'other',
] as const;
export type RecordedKind = (typeof RECORDED_KINDS)[number];

/**
 * Beside the kinds in a commit's counts, not a kind of record: how many carry-overs the policy had still to make
 * when the commit answered (it was behind). They follow; the summary says so beside those carried over so far.
 */
export const CARRY_OVERS_PENDING = 'carryOversPending';

type EventType = (
  CommitmentEvent | GroupEvent | MatterEvent | MeetingEvent | PersonEvent | WorkingGroupEvent
)['type'];

/**
 * The kind each event an import's commands record is counted as (a command may record more than one: a new lead
 * joins the working group first). An event of any other type is counted as `other`, never left out.
 */
const KIND_OF: Partial<Record<EventType, RecordedKind>> = {
  MeetingScheduled: 'meetings',
  PersonRegistered: 'people',
  PersonAliasAdded: 'aliases',
  MemberJoined: 'members',
  AttendanceRecorded: 'attendance',
  MeetingHeld: 'held',
  AgendaItemAdded: 'agendaItems',
  AgendaItemRenumbered: 'renumbered',
  AgendaItemDeferred: 'deferred',
  MatterOpened: 'matters',
  DecisionRecorded: 'decisions',
  CommitmentMade: 'commitments',
  WorkingGroupFormed: 'workingGroups',
  WorkingGroupMemberAdded: 'workingGroupMembers',
  WorkingGroupLeadChanged: 'leadChanges',
  MinutesApproved: 'minutesApproved',
  CommitmentCarriedOver: 'carriedOver',
};

/** How many events of each kind the steps recorded; a kind with none is left out. */
export function countRecorded(steps: readonly ImportStep[]): Partial<Record<RecordedKind, number>> {
  const counts: Partial<Record<RecordedKind, number>> = {};
  for (const { events } of steps)
    for (const type of events) {
      const kind = KIND_OF[type as EventType] ?? 'other';
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
  return counts;
}
