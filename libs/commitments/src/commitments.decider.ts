import { type Decider, unreachable } from '@tilneste/domain-kit';
import type {
  CarryOverCommitment,
  ChangeCommitmentDue,
  CommitmentCommand,
  CompleteCommitment,
  MakeCommitment,
  ReassignCommitment,
  ReportCommitmentProgress,
  WithdrawCommitment,
} from './commitments.commands';
import { commitmentErrors } from './commitments.errors';
import type { CommitmentEvent, Due, Owner } from './commitments.events';

type CommitmentFacts = {
  commitmentId: string;
  groupId: string;
  /** The meeting where it was made. */
  meetingId: string;
  agendaItemId: string | null;
  matterId: string | null;
  text: string;
  owner: Owner;
  due: Due;
  /** The meeting a 'next-meeting' due counts from: where it was made, or last carried over from. */
  anchorMeetingId: string;
  carriedOverTimes: number;
  carriedOverFrom: readonly string[];
  progress: readonly string[];
};

export type CommitmentState =
  | { status: 'none' }
  | ({ status: 'open' } & CommitmentFacts)
  | ({ status: 'completed'; completionNote: string | null } & CommitmentFacts)
  | ({ status: 'withdrawn'; withdrawalReason: string | null } & CommitmentFacts);

type OpenCommitment = Extract<CommitmentState, { status: 'open' }>;

export const initialState = (): CommitmentState => ({ status: 'none' });

/** Blank optional input is stored as null. */
const orNull = (value: string | null | undefined): string | null => value || null;

/** A comparable key, independent of property order. */
export function ownerKey(owner: Owner): string {
  switch (owner.kind) {
    case 'person':
      return `person:${owner.personId}`;
    case 'working-group':
      return `working-group:${owner.workingGroupId}`;
    case 'secretariat':
    case 'none':
      return owner.kind;
    default:
      return unreachable(owner);
  }
}

/** A comparable key, independent of property order. */
export function dueKey(due: Due): string {
  switch (due.kind) {
    case 'next-meeting':
      return due.kind;
    case 'meeting':
      return `meeting:${due.meetingId}`;
    case 'date':
      return `date:${due.date}`;
    default:
      return unreachable(due);
  }
}

const update = (
  state: CommitmentState,
  change: (facts: CommitmentFacts) => Partial<CommitmentFacts>,
): CommitmentState => (state.status === 'none' ? state : { ...state, ...change(state) });

export function evolve(state: CommitmentState, event: CommitmentEvent): CommitmentState {
  switch (event.type) {
    case 'CommitmentMade':
      return {
        status: 'open',
        ...event.data,
        anchorMeetingId: event.data.meetingId,
        carriedOverTimes: 0,
        carriedOverFrom: [],
        progress: [],
      };
    case 'CommitmentReassigned':
      return update(state, () => ({ owner: event.data.owner }));
    case 'CommitmentDueChanged':
      return update(state, () => ({ due: event.data.due }));
    case 'CommitmentProgressReported':
      return update(state, (s) => ({ progress: [...s.progress, event.data.text] }));
    case 'CommitmentCarriedOver': {
      const { fromMeetingId, times } = event.data;
      // Carried over means: due at the first meeting after the one it was carried over from.
      return update(state, (s) => ({
        due: { kind: 'next-meeting' },
        anchorMeetingId: fromMeetingId,
        carriedOverTimes: times,
        carriedOverFrom: [...s.carriedOverFrom, fromMeetingId],
      }));
    }
    case 'CommitmentCompleted':
      return state.status === 'none'
        ? state
        : { ...state, status: 'completed', completionNote: event.data.note };
    case 'CommitmentWithdrawn':
      return state.status === 'none'
        ? state
        : { ...state, status: 'withdrawn', withdrawalReason: event.data.reason };
    default:
      return unreachable(event);
  }
}

/** Every command but making one needs an open commitment. */
function requireOpen(state: CommitmentState, commitmentId: string): OpenCommitment {
  switch (state.status) {
    case 'none':
      throw commitmentErrors.notFound(commitmentId);
    case 'completed':
      throw commitmentErrors.alreadyCompleted(commitmentId);
    case 'withdrawn':
      throw commitmentErrors.withdrawn(commitmentId);
    case 'open':
      return state;
    default:
      return unreachable(state);
  }
}

function makeCommitment({ data }: MakeCommitment, state: CommitmentState): CommitmentEvent[] {
  if (state.status !== 'none') throw commitmentErrors.alreadyMade(data.commitmentId);
  const { commitmentId, groupId, meetingId, text, owner, due } = data;
  return [
    {
      type: 'CommitmentMade',
      data: {
        commitmentId,
        groupId,
        meetingId,
        agendaItemId: orNull(data.agendaItemId),
        matterId: orNull(data.matterId),
        text,
        owner,
        due,
      },
    },
  ];
}

function reassignCommitment({ data }: ReassignCommitment, state: CommitmentState): CommitmentEvent[] {
  const commitment = requireOpen(state, data.commitmentId);
  if (ownerKey(commitment.owner) === ownerKey(data.owner)) return [];
  return [
    {
      type: 'CommitmentReassigned',
      data: { commitmentId: data.commitmentId, owner: data.owner, previousOwner: commitment.owner },
    },
  ];
}

function changeCommitmentDue({ data }: ChangeCommitmentDue, state: CommitmentState): CommitmentEvent[] {
  const commitment = requireOpen(state, data.commitmentId);
  if (dueKey(commitment.due) === dueKey(data.due)) return [];
  return [
    {
      type: 'CommitmentDueChanged',
      data: { commitmentId: data.commitmentId, due: data.due, previousDue: commitment.due },
    },
  ];
}

function reportProgress({ data }: ReportCommitmentProgress, state: CommitmentState): CommitmentEvent[] {
  requireOpen(state, data.commitmentId);
  return [{ type: 'CommitmentProgressReported', data: { commitmentId: data.commitmentId, text: data.text } }];
}

function completeCommitment({ data }: CompleteCommitment, state: CommitmentState): CommitmentEvent[] {
  requireOpen(state, data.commitmentId);
  return [
    { type: 'CommitmentCompleted', data: { commitmentId: data.commitmentId, note: orNull(data.note) } },
  ];
}

function carryOverCommitment({ data }: CarryOverCommitment, state: CommitmentState): CommitmentEvent[] {
  const commitment = requireOpen(state, data.commitmentId);
  // The policy may re-issue the command for the same held meeting; once is enough.
  if (commitment.carriedOverFrom.includes(data.fromMeetingId)) return [];
  return [
    {
      type: 'CommitmentCarriedOver',
      data: {
        commitmentId: data.commitmentId,
        fromMeetingId: data.fromMeetingId,
        times: commitment.carriedOverTimes + 1,
      },
    },
  ];
}

function withdrawCommitment({ data }: WithdrawCommitment, state: CommitmentState): CommitmentEvent[] {
  requireOpen(state, data.commitmentId);
  return [
    { type: 'CommitmentWithdrawn', data: { commitmentId: data.commitmentId, reason: orNull(data.reason) } },
  ];
}

export function decide(command: CommitmentCommand, state: CommitmentState): CommitmentEvent[] {
  switch (command.type) {
    case 'MakeCommitment':
      return makeCommitment(command, state);
    case 'ReassignCommitment':
      return reassignCommitment(command, state);
    case 'ChangeCommitmentDue':
      return changeCommitmentDue(command, state);
    case 'ReportCommitmentProgress':
      return reportProgress(command, state);
    case 'CompleteCommitment':
      return completeCommitment(command, state);
    case 'CarryOverCommitment':
      return carryOverCommitment(command, state);
    case 'WithdrawCommitment':
      return withdrawCommitment(command, state);
    default:
      return unreachable(command);
  }
}

/** The commitment's decider: make, reassign, re-date, report on, complete, carry over and withdraw. */
export const commitmentsDecider: Decider<CommitmentState, CommitmentCommand, CommitmentEvent> = {
  initialState,
  evolve,
  decide,
};

export const commitmentDecider = commitmentsDecider;
