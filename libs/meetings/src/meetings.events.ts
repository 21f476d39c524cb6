import { z } from 'zod';

/** What an agenda item is for; the draft agenda and the minutes import sort by it. */
export const agendaItemKinds = [
  'notice-approval',
  'minutes-approval',
  'decision',
  'discussion',
  'information',
  'round',
  'working-group-report',
  'aob',
  'other',
] as const;
export const agendaItemKind = z.enum(agendaItemKinds);
export type AgendaItemKind = z.infer<typeof agendaItemKind>;

const meetingId = z.string().min(1);
const instant = z.iso.datetime({ offset: true });

export const meetingScheduled = z.object({
  type: z.literal('MeetingScheduled'),
  data: z.object({
    meetingId,
    groupId: z.string().min(1),
    title: z.string().nullable(),
    startsAt: instant,
    endsAt: instant.nullable(),
    location: z.string().nullable(),
    /** True for a digital meeting, false in person, null when not said. */
    online: z.boolean().nullable(),
  }),
});

export const meetingRescheduled = z.object({
  type: z.literal('MeetingRescheduled'),
  data: z.object({ meetingId, startsAt: instant, endsAt: instant.nullable(), previousStartsAt: instant }),
});

export const meetingCancelled = z.object({
  type: z.literal('MeetingCancelled'),
  data: z.object({ meetingId, reason: z.string().nullable() }),
});

export const agendaItemAdded = z.object({
  type: z.literal('AgendaItemAdded'),
  data: z.object({
    meetingId,
    itemId: z.string().min(1),
    /** The "sak nr." of the notice, when it has one. */
    number: z.number().int().nullable(),
    title: z.string().min(1),
    kind: agendaItemKind,
    /** The commitment the item follows up, when it was taken from a draft agenda's follow-ups. */
    commitmentId: z.string().min(1).optional(),
    /** The working group that reports under the item, when it was taken from a draft agenda's reports. */
    workingGroupId: z.string().min(1).optional(),
  }),
});

export const agendaItemDeferred = z.object({
  type: z.literal('AgendaItemDeferred'),
  data: z.object({ meetingId, itemId: z.string().min(1) }),
});

/** An item given another number before the meeting, e.g. "Eventuelt" moved down to stay last. */
export const agendaItemRenumbered = z.object({
  type: z.literal('AgendaItemRenumbered'),
  data: z.object({
    meetingId,
    itemId: z.string().min(1),
    number: z.number().int(),
    previousNumber: z.number().int().nullable(),
  }),
});

export const noticeIssued = z.object({
  type: z.literal('NoticeIssued'),
  data: z.object({ meetingId }),
});

export const attendanceRecorded = z.object({
  type: z.literal('AttendanceRecorded'),
  data: z.object({
    meetingId,
    personId: z.string().min(1),
    remote: z.boolean(),
    /** The person this attendee stood in for ("deltok i stedet for"). */
    substituteFor: z.string().nullable(),
  }),
});

/** Attendance recorded by mistake, taken back: the person is no longer listed as present. */
export const attendanceWithdrawn = z.object({
  type: z.literal('AttendanceWithdrawn'),
  data: z.object({
    meetingId,
    /** The id the attendance was recorded under (a person merged away since keeps their old id here). */
    personId: z.string().min(1),
    reason: z.string().nullable(),
  }),
});

export const meetingHeld = z.object({
  type: z.literal('MeetingHeld'),
  data: z.object({ meetingId }),
});

export const minutesApproved = z.object({
  type: z.literal('MinutesApproved'),
  data: z.object({
    meetingId,
    /** The meeting that approved the minutes; null when approved another way, e.g. by e-mail. */
    atMeetingId: z.string().nullable(),
  }),
});

/** Every event of a `meeting-<id>` stream; parse recorded events with it. */
export const meetingsEventSchema = z.discriminatedUnion('type', [
  meetingScheduled,
  meetingRescheduled,
  meetingCancelled,
  agendaItemAdded,
  agendaItemDeferred,
  agendaItemRenumbered,
  noticeIssued,
  attendanceRecorded,
  attendanceWithdrawn,
  meetingHeld,
  minutesApproved,
]);

export type MeetingsEvent = z.infer<typeof meetingsEventSchema>;
export type MeetingScheduled = z.infer<typeof meetingScheduled>;
export type MeetingRescheduled = z.infer<typeof meetingRescheduled>;
export type MeetingCancelled = z.infer<typeof meetingCancelled>;
export type AgendaItemAdded = z.infer<typeof agendaItemAdded>;
export type AgendaItemDeferred = z.infer<typeof agendaItemDeferred>;
export type AgendaItemRenumbered = z.infer<typeof agendaItemRenumbered>;
export type NoticeIssued = z.infer<typeof noticeIssued>;
export type AttendanceRecorded = z.infer<typeof attendanceRecorded>;
export type AttendanceWithdrawn = z.infer<typeof attendanceWithdrawn>;
export type MeetingHeld = z.infer<typeof meetingHeld>;
export type MinutesApproved = z.infer<typeof minutesApproved>;

/** Singular aliases, so `meeting*` and `meetings*` both name this context. */
export const meetingEventSchema = meetingsEventSchema;
export type MeetingEvent = MeetingsEvent;
