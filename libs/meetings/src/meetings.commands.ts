import type { Command } from '@tilneste/domain-kit';
import { z } from 'zod';
import { agendaItemKind } from './meetings.events';

const id = z.string().trim().min(1).max(100);
const instant = z.iso.datetime({ offset: true });
const shortText = z.string().trim().min(1).max(200);

export const scheduleMeetingData = z.strictObject({
  meetingId: id,
  groupId: id,
  title: shortText.nullish(),
  startsAt: instant,
  endsAt: instant.nullish(),
  location: shortText.nullish(),
  online: z.boolean().nullish(),
});

/** Without `endsAt` the meeting keeps its length; `endsAt: null` drops the end time. */
export const rescheduleMeetingData = z.strictObject({
  meetingId: id,
  startsAt: instant,
  endsAt: instant.nullish(),
});

export const cancelMeetingData = z.strictObject({
  meetingId: id,
  reason: z.string().trim().min(1).max(2000).nullish(),
});

/**
 * `kind` defaults to `other`. `commitmentId` or `workingGroupId` says which of the draft agenda's follow-ups or
 * working-group reports the item is, so the draft does not list that one a second time.
 */
export const addAgendaItemData = z.strictObject({
  meetingId: id,
  itemId: id,
  number: z.number().int().positive().max(10000).nullish(),
  title: z.string().trim().min(1).max(500),
  kind: agendaItemKind.nullish(),
  commitmentId: id.optional(),
  workingGroupId: id.optional(),
});

export const deferAgendaItemData = z.strictObject({ meetingId: id, itemId: id });

/** Gives a stored item another number; only before the meeting is held, and never one another item has. */
export const renumberAgendaItemData = z.strictObject({
  meetingId: id,
  itemId: id,
  number: z.number().int().positive().max(10000),
});

export const issueNoticeData = z.strictObject({ meetingId: id });

/** `remote` defaults to false (attended in person). */
export const recordAttendanceData = z.strictObject({
  meetingId: id,
  personId: id,
  remote: z.boolean().nullish(),
  substituteFor: id.nullish(),
});

/**
 * Takes back attendance recorded by mistake. `mergedIds` are the ids of people merged into `personId`: the
 * stream still names the one the attendance was recorded under. The API and the pages fill it from the read
 * models; a client does not send it.
 */
export const withdrawAttendanceData = z.strictObject({
  meetingId: id,
  personId: id,
  reason: z.string().trim().min(1).max(2000).nullish(),
  mergedIds: z.array(id).max(100).nullish(),
});

export const holdMeetingData = z.strictObject({ meetingId: id });

export const approveMinutesData = z.strictObject({
  meetingId: id,
  atMeetingId: id.nullish(),
});

export type ScheduleMeeting = Command<'ScheduleMeeting', z.infer<typeof scheduleMeetingData>>;
export type RescheduleMeeting = Command<'RescheduleMeeting', z.infer<typeof rescheduleMeetingData>>;
export type CancelMeeting = Command<'CancelMeeting', z.infer<typeof cancelMeetingData>>;
export type AddAgendaItem = Command<'AddAgendaItem', z.infer<typeof addAgendaItemData>>;
export type DeferAgendaItem = Command<'DeferAgendaItem', z.infer<typeof deferAgendaItemData>>;
export type RenumberAgendaItem = Command<'RenumberAgendaItem', z.infer<typeof renumberAgendaItemData>>;
export type IssueNotice = Command<'IssueNotice', z.infer<typeof issueNoticeData>>;
export type RecordAttendance = Command<'RecordAttendance', z.infer<typeof recordAttendanceData>>;
export type WithdrawAttendance = Command<'WithdrawAttendance', z.infer<typeof withdrawAttendanceData>>;
export type HoldMeeting = Command<'HoldMeeting', z.infer<typeof holdMeetingData>>;
export type ApproveMinutes = Command<'ApproveMinutes', z.infer<typeof approveMinutesData>>;

export type MeetingsCommand =
  | ScheduleMeeting
  | RescheduleMeeting
  | CancelMeeting
  | AddAgendaItem
  | DeferAgendaItem
  | RenumberAgendaItem
  | IssueNotice
  | RecordAttendance
  | WithdrawAttendance
  | HoldMeeting
  | ApproveMinutes;
export type MeetingCommand = MeetingsCommand;
