import { type Decider, unreachable } from '@tilneste/domain-kit';
import {
  type AddMember,
  type EstablishGroup,
  type GroupsCommand,
  MAX_REMINDER_OFFSETS,
  type RemoveMember,
  type SetReminderPolicy,
} from './groups.commands';
import { groupErrors } from './groups.errors';
import type { GroupsEvent, MemberRole } from './groups.events';
import { durationToMs, parseIsoDuration } from './iso-duration';

/** Every group's meetings are in Norwegian time. */
export const GROUP_TIME_ZONE = 'Europe/Oslo';

/** Applied by readers while a group has no `ReminderPolicySet`: a week and a day before. */
export const DEFAULT_REMINDER_OFFSETS: readonly string[] = ['P7D', 'P1D'];

const MAX_OFFSET_MS = 90 * 24 * 60 * 60 * 1000;

export type EstablishedGroup = {
  status: 'established';
  groupId: string;
  name: string;
  timeZone: string;
  /** Current members by person id. */
  members: Record<string, MemberRole>;
  /** Null until a policy is set; see `reminderOffsetsOf`. */
  reminderOffsets: string[] | null;
};

export type GroupState = { status: 'none' } | EstablishedGroup;

export const initialState = (): GroupState => ({ status: 'none' });

export function evolve(state: GroupState, event: GroupsEvent): GroupState {
  if (event.type === 'GroupEstablished') {
    return { status: 'established', ...event.data, members: {}, reminderOffsets: null };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'MemberJoined':
    case 'MemberRoleChanged':
      return { ...state, members: { ...state.members, [event.data.personId]: event.data.role } };
    case 'MemberLeft':
      return { ...state, members: without(state.members, event.data.personId) };
    case 'ReminderPolicySet':
      return { ...state, reminderOffsets: event.data.offsets };
    default:
      return unreachable(event);
  }
}

export function decide(command: GroupsCommand, state: GroupState): GroupsEvent[] {
  switch (command.type) {
    case 'EstablishGroup':
      return establish(command, state);
    case 'AddMember':
      return addMember(command, established(state, command.data.groupId));
    case 'RemoveMember':
      return removeMember(command, established(state, command.data.groupId));
    case 'SetReminderPolicy':
      return setReminderPolicy(command, established(state, command.data.groupId));
    default:
      return unreachable(command);
  }
}

export const groupsDecider: Decider<GroupState, GroupsCommand, GroupsEvent> = {
  initialState,
  evolve,
  decide,
};
export const groupDecider = groupsDecider;

/** The offsets reminders are sent at: the group's own policy, or the default. */
export const reminderOffsetsOf = (group: EstablishedGroup): readonly string[] =>
  group.reminderOffsets ?? DEFAULT_REMINDER_OFFSETS;

function established(state: GroupState, groupId: string): EstablishedGroup {
  if (state.status === 'none') throw groupErrors.notFound(groupId);
  return state;
}

function establish({ data }: EstablishGroup, state: GroupState): GroupsEvent[] {
  if (state.status !== 'none') throw groupErrors.alreadyEstablished(data.groupId);
  return [
    { type: 'GroupEstablished', data: { groupId: data.groupId, name: data.name, timeZone: GROUP_TIME_ZONE } },
  ];
}

function addMember({ data }: AddMember, group: EstablishedGroup): GroupsEvent[] {
  const { personId, role } = data;
  const previousRole = group.members[personId];
  if (previousRole === role) return [];
  if (previousRole) {
    if (isLastSecretariat(group, personId)) throw groupErrors.lastSecretariat(group.groupId, personId, role);
    return [{ type: 'MemberRoleChanged', data: { groupId: group.groupId, personId, role, previousRole } }];
  }
  return [{ type: 'MemberJoined', data: { groupId: group.groupId, personId, role } }];
}

function removeMember({ data }: RemoveMember, group: EstablishedGroup): GroupsEvent[] {
  if (!group.members[data.personId]) throw groupErrors.notAMember(group.groupId, data.personId);
  if (isLastSecretariat(group, data.personId))
    throw groupErrors.lastSecretariat(group.groupId, data.personId);
  return [{ type: 'MemberLeft', data: { groupId: group.groupId, personId: data.personId } }];
}

/**
 * Whether `personId` is the group's only secretariat member. A group that has a secretariat keeps one: the
 * secretariat records its meetings and manages its members, and without one only an admin could. The rule holds
 * even for a group with no other members (add the next secretary first); a group that never had one is free.
 */
export function isLastSecretariat(group: EstablishedGroup, personId: string): boolean {
  if (group.members[personId] !== 'secretariat') return false;
  return !Object.entries(group.members).some(([id, role]) => id !== personId && role === 'secretariat');
}

function setReminderPolicy({ data }: SetReminderPolicy, group: EstablishedGroup): GroupsEvent[] {
  const lengths = validOffsetLengths(data.offsets);
  // Same durations in any order or spelling (P1D, PT24H) is the same policy.
  if (group.reminderOffsets && sameSet(lengths, group.reminderOffsets.map(lengthOf))) return [];
  return [{ type: 'ReminderPolicySet', data: { groupId: group.groupId, offsets: data.offsets } }];
}

/** The length of each offset in ms, or a thrown `GROUP.INVALID_REMINDER_OFFSET`. */
function validOffsetLengths(offsets: readonly string[]): number[] {
  if (offsets.length > MAX_REMINDER_OFFSETS) {
    throw groupErrors.invalidReminderOffset('too_many', { count: offsets.length, max: MAX_REMINDER_OFFSETS });
  }
  const lengths: number[] = [];
  for (const offset of offsets) {
    const ms = lengthOf(offset);
    if (Number.isNaN(ms)) throw groupErrors.invalidReminderOffset('unparsable', { offset });
    if (ms === 0) throw groupErrors.invalidReminderOffset('zero', { offset });
    if (ms > MAX_OFFSET_MS) throw groupErrors.invalidReminderOffset('too_long', { offset });
    if (lengths.includes(ms)) throw groupErrors.invalidReminderOffset('duplicate', { offset });
    lengths.push(ms);
  }
  return lengths;
}

function lengthOf(offset: string): number {
  const duration = parseIsoDuration(offset);
  return duration ? durationToMs(duration) : Number.NaN;
}

const sameSet = (a: number[], b: number[]) => a.length === b.length && a.every((value) => b.includes(value));

function without<V>(record: Record<string, V>, key: string): Record<string, V> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}
