import type { Command } from '@tilneste/domain-kit';
import { z } from 'zod';
import { memberRole } from './groups.events';

/** The most reminders one group may have before a meeting. */
export const MAX_REMINDER_OFFSETS = 10;

const id = z.string().trim().min(1).max(100);

export const establishGroupData = z.strictObject({
  groupId: id,
  name: z.string().trim().min(1).max(200),
});

export const addMemberData = z.strictObject({ groupId: id, personId: id, role: memberRole });

export const removeMemberData = z.strictObject({ groupId: id, personId: id });

/** Offsets are trimmed and upper-cased here; the decider checks that each is a sensible duration. */
export const setReminderPolicyData = z.strictObject({
  groupId: id,
  offsets: z.array(z.string().trim().toUpperCase().min(1).max(40)).max(MAX_REMINDER_OFFSETS),
});

export type EstablishGroup = Command<'EstablishGroup', z.infer<typeof establishGroupData>>;
export type AddMember = Command<'AddMember', z.infer<typeof addMemberData>>;
export type RemoveMember = Command<'RemoveMember', z.infer<typeof removeMemberData>>;
export type SetReminderPolicy = Command<'SetReminderPolicy', z.infer<typeof setReminderPolicyData>>;

export type GroupsCommand = EstablishGroup | AddMember | RemoveMember | SetReminderPolicy;
export type GroupCommand = GroupsCommand;
