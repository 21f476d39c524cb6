import { type Decider, unreachable } from '@tilneste/domain-kit';
import type {
  AddWorkingGroupMember,
  ChangeWorkingGroupLead,
  DissolveWorkingGroup,
  FormWorkingGroup,
  RemoveWorkingGroupMember,
  ReportWorkingGroupStatus,
  WorkingGroupCommand,
} from './working-groups.commands';
import { workingGroupErrors } from './working-groups.errors';
import type { WorkingGroupEvent, WorkingGroupReportStatus } from './working-groups.events';

export type WorkingGroupStatusReport = {
  meetingId: string | null;
  status: WorkingGroupReportStatus;
  text: string | null;
};

type WorkingGroupFacts = {
  workingGroupId: string;
  groupId: string;
  name: string;
  leadPersonId: string | null;
  /** Includes the lead. */
  memberIds: readonly string[];
  mandate: string | null;
  /** The meeting where it was formed. */
  meetingId: string | null;
  lastReport: WorkingGroupStatusReport | null;
};

export type WorkingGroupState =
  | { status: 'none' }
  | ({ status: 'active' } & WorkingGroupFacts)
  | ({ status: 'dissolved'; dissolutionReason: string | null } & WorkingGroupFacts);

type ActiveWorkingGroup = Extract<WorkingGroupState, { status: 'active' }>;

export const initialState = (): WorkingGroupState => ({ status: 'none' });

/** Blank optional input is stored as null. */
const orNull = (value: string | null | undefined): string | null => value || null;

/** Members without duplicates, in the order given, with the lead first if it was missing. */
function membersWithLead(leadPersonId: string | null, memberIds: readonly string[]): string[] {
  const members = [...new Set(memberIds)];
  return leadPersonId && !members.includes(leadPersonId) ? [leadPersonId, ...members] : members;
}

const update = (
  state: WorkingGroupState,
  change: (facts: WorkingGroupFacts) => Partial<WorkingGroupFacts>,
): WorkingGroupState => (state.status === 'none' ? state : { ...state, ...change(state) });

export function evolve(state: WorkingGroupState, event: WorkingGroupEvent): WorkingGroupState {
  switch (event.type) {
    case 'WorkingGroupFormed':
      return { status: 'active', ...event.data, lastReport: null };
    case 'WorkingGroupLeadChanged':
      return update(state, () => ({ leadPersonId: event.data.leadPersonId }));
    case 'WorkingGroupMemberAdded':
      return update(state, (s) => ({
        memberIds: s.memberIds.includes(event.data.personId)
          ? s.memberIds
          : [...s.memberIds, event.data.personId],
      }));
    case 'WorkingGroupMemberRemoved':
      return update(state, (s) => ({ memberIds: s.memberIds.filter((m) => m !== event.data.personId) }));
    case 'WorkingGroupStatusReported': {
      const { meetingId, status, text } = event.data;
      return update(state, () => ({ lastReport: { meetingId, status, text } }));
    }
    case 'WorkingGroupDissolved':
      return state.status === 'none'
        ? state
        : { ...state, status: 'dissolved', dissolutionReason: event.data.reason };
    default:
      return unreachable(event);
  }
}

/** Every command but forming needs an active working group. */
function requireActive(state: WorkingGroupState, workingGroupId: string): ActiveWorkingGroup {
  switch (state.status) {
    case 'none':
      throw workingGroupErrors.notFound(workingGroupId);
    case 'dissolved':
      throw workingGroupErrors.dissolved(workingGroupId);
    case 'active':
      return state;
    default:
      return unreachable(state);
  }
}

function formWorkingGroup({ data }: FormWorkingGroup, state: WorkingGroupState): WorkingGroupEvent[] {
  if (state.status !== 'none') throw workingGroupErrors.alreadyFormed(data.workingGroupId);
  const leadPersonId = orNull(data.leadPersonId);
  return [
    {
      type: 'WorkingGroupFormed',
      data: {
        workingGroupId: data.workingGroupId,
        groupId: data.groupId,
        name: data.name,
        leadPersonId,
        memberIds: membersWithLead(leadPersonId, data.memberIds ?? []),
        mandate: orNull(data.mandate),
        meetingId: orNull(data.meetingId),
      },
    },
  ];
}

function changeLead({ data }: ChangeWorkingGroupLead, state: WorkingGroupState): WorkingGroupEvent[] {
  const group = requireActive(state, data.workingGroupId);
  const { workingGroupId, leadPersonId } = data;
  if (group.leadPersonId === leadPersonId) return [];
  const changed: WorkingGroupEvent = {
    type: 'WorkingGroupLeadChanged',
    data: { workingGroupId, leadPersonId, previousLeadPersonId: group.leadPersonId },
  };
  // The lead is always a member, so a newcomer joins before taking the lead.
  if (leadPersonId && !group.memberIds.includes(leadPersonId)) {
    return [{ type: 'WorkingGroupMemberAdded', data: { workingGroupId, personId: leadPersonId } }, changed];
  }
  return [changed];
}

function addMember({ data }: AddWorkingGroupMember, state: WorkingGroupState): WorkingGroupEvent[] {
  const group = requireActive(state, data.workingGroupId);
  if (group.memberIds.includes(data.personId)) return [];
  return [
    {
      type: 'WorkingGroupMemberAdded',
      data: { workingGroupId: data.workingGroupId, personId: data.personId },
    },
  ];
}

function removeMember({ data }: RemoveWorkingGroupMember, state: WorkingGroupState): WorkingGroupEvent[] {
  const group = requireActive(state, data.workingGroupId);
  if (!group.memberIds.includes(data.personId))
    throw workingGroupErrors.notAMember(data.workingGroupId, data.personId);
  if (group.leadPersonId === data.personId)
    throw workingGroupErrors.cannotRemoveLead(data.workingGroupId, data.personId);
  return [
    {
      type: 'WorkingGroupMemberRemoved',
      data: { workingGroupId: data.workingGroupId, personId: data.personId },
    },
  ];
}

function reportStatus({ data }: ReportWorkingGroupStatus, state: WorkingGroupState): WorkingGroupEvent[] {
  requireActive(state, data.workingGroupId);
  return [
    {
      type: 'WorkingGroupStatusReported',
      data: {
        workingGroupId: data.workingGroupId,
        meetingId: orNull(data.meetingId),
        status: data.status,
        text: orNull(data.text),
      },
    },
  ];
}

function dissolve({ data }: DissolveWorkingGroup, state: WorkingGroupState): WorkingGroupEvent[] {
  requireActive(state, data.workingGroupId);
  return [
    {
      type: 'WorkingGroupDissolved',
      data: { workingGroupId: data.workingGroupId, reason: orNull(data.reason) },
    },
  ];
}

export function decide(command: WorkingGroupCommand, state: WorkingGroupState): WorkingGroupEvent[] {
  switch (command.type) {
    case 'FormWorkingGroup':
      return formWorkingGroup(command, state);
    case 'ChangeWorkingGroupLead':
      return changeLead(command, state);
    case 'AddWorkingGroupMember':
      return addMember(command, state);
    case 'RemoveWorkingGroupMember':
      return removeMember(command, state);
    case 'ReportWorkingGroupStatus':
      return reportStatus(command, state);
    case 'DissolveWorkingGroup':
      return dissolve(command, state);
    default:
      return unreachable(command);
  }
}

/** The working group's decider: form, change lead, add and remove members, report status and dissolve. */
export const workingGroupsDecider: Decider<WorkingGroupState, WorkingGroupCommand, WorkingGroupEvent> = {
  initialState,
  evolve,
  decide,
};

export const workingGroupDecider = workingGroupsDecider;
