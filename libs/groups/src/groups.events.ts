import { z } from 'zod';

export const memberRoles = ['member', 'chair', 'secretariat', 'observer'] as const;
export const memberRole = z.enum(memberRoles);
export type MemberRole = z.infer<typeof memberRole>;

export const groupEstablished = z.object({
  type: z.literal('GroupEstablished'),
  data: z.object({
    groupId: z.string().min(1),
    name: z.string().min(1),
    /** IANA time zone the group's meetings are held in, e.g. `Europe/Oslo`. */
    timeZone: z.string().min(1),
  }),
});

export const memberJoined = z.object({
  type: z.literal('MemberJoined'),
  data: z.object({ groupId: z.string().min(1), personId: z.string().min(1), role: memberRole }),
});

export const memberRoleChanged = z.object({
  type: z.literal('MemberRoleChanged'),
  data: z.object({
    groupId: z.string().min(1),
    personId: z.string().min(1),
    role: memberRole,
    previousRole: memberRole,
  }),
});

export const memberLeft = z.object({
  type: z.literal('MemberLeft'),
  data: z.object({ groupId: z.string().min(1), personId: z.string().min(1) }),
});

export const reminderPolicySet = z.object({
  type: z.literal('ReminderPolicySet'),
  data: z.object({
    groupId: z.string().min(1),
    /** ISO 8601 durations before a meeting; empty means no reminders. */
    offsets: z.array(z.string()),
  }),
});

/** Every event of a `group-<id>` stream; parse recorded events with it. */
export const groupsEventSchema = z.discriminatedUnion('type', [
  groupEstablished,
  memberJoined,
  memberRoleChanged,
  memberLeft,
  reminderPolicySet,
]);

export type GroupsEvent = z.infer<typeof groupsEventSchema>;
export type GroupEstablished = z.infer<typeof groupEstablished>;
export type MemberJoined = z.infer<typeof memberJoined>;
export type MemberRoleChanged = z.infer<typeof memberRoleChanged>;
export type MemberLeft = z.infer<typeof memberLeft>;
export type ReminderPolicySet = z.infer<typeof reminderPolicySet>;

/** Singular aliases, so `group*` and `groups*` both name this context. */
export const groupEventSchema = groupsEventSchema;
export type GroupEvent = GroupsEvent;
