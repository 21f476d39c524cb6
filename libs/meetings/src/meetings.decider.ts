import { type Decider, unreachable } from '@tilneste/domain-kit';
import type {
  AddAgendaItem,
  ApproveMinutes,
  CancelMeeting,
  DeferAgendaItem,
  HoldMeeting,
  MeetingsCommand,
  RecordAttendance,
  RenumberAgendaItem,
  RescheduleMeeting,
  ScheduleMeeting,
  WithdrawAttendance,
} from './meetings.commands';
import { meetingErrors } from './meetings.errors';
import type { AgendaItemKind, MeetingsEvent } from './meetings.events';

export type AgendaItem = {
  itemId: string;
  number: number | null;
  title: string;
  kind: AgendaItemKind;
  deferred: boolean;
};

export type Attendance = { remote: boolean; substituteFor: string | null };

type MeetingDetails = {
  meetingId: string;
  groupId: string;
  title: string | null;
  startsAt: string;
  endsAt: string | null;
  location: string | null;
  online: boolean | null;
  /** In the order they were added. */
  agenda: AgendaItem[];
  /** By person id. */
  attendance: Record<string, Attendance>;
  noticeIssued: boolean;
};

export type ScheduledMeeting = MeetingDetails & { status: 'scheduled' };
export type HeldMeeting = MeetingDetails & {
  status: 'held';
  minutesApproved: boolean;
  minutesApprovedAtMeetingId: string | null;
};
export type CancelledMeeting = MeetingDetails & { status: 'cancelled'; cancellationReason: string | null };
export type Meeting = ScheduledMeeting | HeldMeeting | CancelledMeeting;

export type MeetingState = { status: 'none' } | Meeting;

export const initialState = (): MeetingState => ({ status: 'none' });

export function evolve(state: MeetingState, event: MeetingsEvent): MeetingState {
  if (event.type === 'MeetingScheduled') {
    return { status: 'scheduled', ...event.data, agenda: [], attendance: {}, noticeIssued: false };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'MeetingRescheduled':
      return { ...state, startsAt: event.data.startsAt, endsAt: event.data.endsAt };
    case 'MeetingCancelled':
      return { ...state, status: 'cancelled', cancellationReason: event.data.reason };
    case 'AgendaItemAdded': {
      const { itemId, number, title, kind } = event.data;
      return { ...state, agenda: [...state.agenda, { itemId, number, title, kind, deferred: false }] };
    }
    case 'AgendaItemDeferred':
      return {
        ...state,
        agenda: state.agenda.map((item) =>
          item.itemId === event.data.itemId ? { ...item, deferred: true } : item,
        ),
      };
    case 'AgendaItemRenumbered':
      return {
        ...state,
        agenda: state.agenda.map((item) =>
          item.itemId === event.data.itemId ? { ...item, number: event.data.number } : item,
        ),
      };
    case 'NoticeIssued':
      return { ...state, noticeIssued: true };
    case 'AttendanceRecorded': {
      const { personId, remote, substituteFor } = event.data;
      return { ...state, attendance: { ...state.attendance, [personId]: { remote, substituteFor } } };
    }
    case 'AttendanceWithdrawn': {
      const { [event.data.personId]: _withdrawn, ...attendance } = state.attendance;
      return { ...state, attendance };
    }
    case 'MeetingHeld':
      return { ...state, status: 'held', minutesApproved: false, minutesApprovedAtMeetingId: null };
    case 'MinutesApproved':
      return state.status === 'held'
        ? { ...state, minutesApproved: true, minutesApprovedAtMeetingId: event.data.atMeetingId }
        : state;
    default:
      return unreachable(event);
  }
}

export function decide(command: MeetingsCommand, state: MeetingState): MeetingsEvent[] {
  if (command.type === 'ScheduleMeeting') return schedule(command, state);
  const meeting = existing(state, command.data.meetingId);
  switch (command.type) {
    case 'RescheduleMeeting':
      return reschedule(command, stillAhead(meeting));
    case 'CancelMeeting':
      return cancel(command, stillAhead(meeting));
    case 'AddAgendaItem':
      return addAgendaItem(command, notCancelled(meeting));
    // Deferring stays open on a cancelled meeting: its items are what carries over to the next one.
    case 'DeferAgendaItem':
      return deferAgendaItem(command, meeting);
    case 'RenumberAgendaItem':
      return renumberAgendaItem(command, stillAhead(meeting));
    case 'IssueNotice':
      return [{ type: 'NoticeIssued', data: { meetingId: notCancelled(meeting).meetingId } }];
    case 'RecordAttendance':
      return recordAttendance(command, notCancelled(meeting));
    case 'WithdrawAttendance':
      return withdrawAttendance(command, notCancelled(meeting));
    case 'HoldMeeting':
      return hold(command, stillAhead(meeting));
    case 'ApproveMinutes':
      return approveMinutes(command, meeting);
    default:
      return unreachable(command);
  }
}

export const meetingsDecider: Decider<MeetingState, MeetingsCommand, MeetingsEvent> = {
  initialState,
  evolve,
  decide,
};
export const meetingDecider = meetingsDecider;

function existing(state: MeetingState, meetingId: string): Meeting {
  if (state.status === 'none') throw meetingErrors.notFound(meetingId);
  return state;
}

function notCancelled(meeting: Meeting): ScheduledMeeting | HeldMeeting {
  if (meeting.status === 'cancelled') throw meetingErrors.cancelled(meeting.meetingId);
  return meeting;
}

/** Neither cancelled nor held: it can still be moved, cancelled or held. */
function stillAhead(meeting: Meeting): ScheduledMeeting {
  const open = notCancelled(meeting);
  if (open.status === 'held') throw meetingErrors.alreadyHeld(open.meetingId);
  return open;
}

/** Whether a meeting starting at `startsAt` has begun at `now` (ms): from then on it may be marked held. */
export function hasBegun(startsAt: string, now: number): boolean {
  return Date.parse(startsAt) <= now;
}

/**
 * A meeting is held once it has begun. Marked ahead of time (the wrong meeting picked, say), it would carry its
 * open commitments over to the next one and leave the group with no coming meeting, and that cannot be undone.
 */
function hold({ metadata }: HoldMeeting, meeting: ScheduledMeeting): MeetingsEvent[] {
  if (!hasBegun(meeting.startsAt, Date.parse(metadata.now)))
    throw meetingErrors.notStarted(meeting.meetingId, meeting.startsAt);
  return [{ type: 'MeetingHeld', data: { meetingId: meeting.meetingId } }];
}

function schedule({ data }: ScheduleMeeting, state: MeetingState): MeetingsEvent[] {
  if (state.status !== 'none') throw meetingErrors.alreadyScheduled(data.meetingId);
  const endsAt = data.endsAt ?? null;
  assertEndsAfterStart(data.startsAt, endsAt);
  return [
    {
      type: 'MeetingScheduled',
      data: {
        meetingId: data.meetingId,
        groupId: data.groupId,
        title: data.title ?? null,
        startsAt: data.startsAt,
        endsAt,
        location: data.location ?? null,
        online: data.online ?? null,
      },
    },
  ];
}

function reschedule({ data }: RescheduleMeeting, meeting: ScheduledMeeting): MeetingsEvent[] {
  const endsAt = data.endsAt === undefined ? keepLength(meeting, data.startsAt) : data.endsAt;
  assertEndsAfterStart(data.startsAt, endsAt);
  if (sameInstant(data.startsAt, meeting.startsAt) && sameInstant(endsAt, meeting.endsAt)) return [];
  return [
    {
      type: 'MeetingRescheduled',
      data: {
        meetingId: meeting.meetingId,
        startsAt: data.startsAt,
        endsAt,
        previousStartsAt: meeting.startsAt,
      },
    },
  ];
}

function cancel({ data }: CancelMeeting, meeting: ScheduledMeeting): MeetingsEvent[] {
  return [{ type: 'MeetingCancelled', data: { meetingId: meeting.meetingId, reason: data.reason ?? null } }];
}

function addAgendaItem({ data }: AddAgendaItem, meeting: Meeting): MeetingsEvent[] {
  const number = data.number ?? null;
  if (meeting.agenda.some((item) => item.itemId === data.itemId)) {
    throw meetingErrors.itemAlreadyAdded(meeting.meetingId, data.itemId);
  }
  if (number !== null && meeting.agenda.some((item) => item.number === number)) {
    throw meetingErrors.itemNumberTaken(meeting.meetingId, number);
  }
  return [
    {
      type: 'AgendaItemAdded',
      data: {
        meetingId: meeting.meetingId,
        itemId: data.itemId,
        number,
        title: data.title,
        kind: data.kind ?? 'other',
        ...(data.commitmentId && { commitmentId: data.commitmentId }),
        ...(data.workingGroupId && { workingGroupId: data.workingGroupId }),
      },
    },
  ];
}

function deferAgendaItem({ data }: DeferAgendaItem, meeting: Meeting): MeetingsEvent[] {
  const item = meeting.agenda.find((candidate) => candidate.itemId === data.itemId);
  if (!item) throw meetingErrors.itemNotFound(meeting.meetingId, data.itemId);
  if (item.deferred) throw meetingErrors.itemAlreadyDeferred(meeting.meetingId, data.itemId);
  return [{ type: 'AgendaItemDeferred', data: { meetingId: meeting.meetingId, itemId: item.itemId } }];
}

/**
 * Only before the meeting: once it is held, its minutes refer to the items by the numbers they had. The number it
 * already has changes nothing and is no change to refuse.
 */
function renumberAgendaItem({ data }: RenumberAgendaItem, meeting: ScheduledMeeting): MeetingsEvent[] {
  const item = meeting.agenda.find((candidate) => candidate.itemId === data.itemId);
  if (!item) throw meetingErrors.itemNotFound(meeting.meetingId, data.itemId);
  if (item.number === data.number) return [];
  if (meeting.agenda.some((other) => other.number === data.number)) {
    throw meetingErrors.itemNumberTaken(meeting.meetingId, data.number);
  }
  return [
    {
      type: 'AgendaItemRenumbered',
      data: {
        meetingId: meeting.meetingId,
        itemId: item.itemId,
        number: data.number,
        previousNumber: item.number,
      },
    },
  ];
}

/**
 * Approved minutes are final, attendance included: once they are, a change to who was there is refused. The same
 * attendance again changes nothing and is no change to refuse (a re-run import, a replayed form).
 */
function recordAttendance({ data }: RecordAttendance, meeting: Meeting): MeetingsEvent[] {
  const remote = data.remote ?? false;
  const substituteFor = data.substituteFor ?? null;
  if (substituteFor === data.personId) throw meetingErrors.invalidSubstitute(data.personId);
  const known = meeting.attendance[data.personId];
  if (known && known.remote === remote && known.substituteFor === substituteFor) return [];
  if (minutesFinal(meeting)) throw meetingErrors.minutesFinal(meeting.meetingId);
  return [
    {
      type: 'AttendanceRecorded',
      data: { meetingId: meeting.meetingId, personId: data.personId, remote, substituteFor },
    },
  ];
}

/**
 * Attendance recorded by mistake is taken back, under each id it was recorded by (the person's own, and any
 * merged into them). Approved minutes are final: what they say about who was there no longer changes.
 */
function withdrawAttendance({ data }: WithdrawAttendance, meeting: Meeting): MeetingsEvent[] {
  if (minutesFinal(meeting)) throw meetingErrors.minutesFinal(meeting.meetingId);
  const recorded = [data.personId, ...(data.mergedIds ?? [])].filter(
    (personId, i, all) => all.indexOf(personId) === i && Object.hasOwn(meeting.attendance, personId),
  );
  if (recorded.length === 0) throw meetingErrors.notAttending(meeting.meetingId, data.personId);
  return recorded.map((personId) => ({
    type: 'AttendanceWithdrawn',
    data: { meetingId: meeting.meetingId, personId, reason: data.reason ?? null },
  }));
}

/** Whether the meeting's minutes are approved (at a meeting or another way): the record no longer changes. */
const minutesFinal = (meeting: Meeting): boolean => meeting.status === 'held' && meeting.minutesApproved;

function approveMinutes({ data }: ApproveMinutes, meeting: Meeting): MeetingsEvent[] {
  if (meeting.status !== 'held') throw meetingErrors.notHeld(meeting.meetingId);
  if (meeting.minutesApproved) throw meetingErrors.minutesAlreadyApproved(meeting.meetingId);
  return [
    {
      type: 'MinutesApproved',
      data: { meetingId: meeting.meetingId, atMeetingId: data.atMeetingId ?? null },
    },
  ];
}

function assertEndsAfterStart(startsAt: string, endsAt: string | null): void {
  if (endsAt !== null && Date.parse(endsAt) <= Date.parse(startsAt)) {
    throw meetingErrors.endsBeforeStart(startsAt, endsAt);
  }
}

/** The new end that keeps the meeting as long as it was, or null if it had no end. */
function keepLength(meeting: ScheduledMeeting, startsAt: string): string | null {
  if (meeting.endsAt === null) return null;
  const length = Date.parse(meeting.endsAt) - Date.parse(meeting.startsAt);
  return new Date(Date.parse(startsAt) + length).toISOString();
}

// Compared as instants, so 10:00+01:00 and 09:00Z are the same time.
const sameInstant = (a: string | null, b: string | null) =>
  a === null || b === null ? a === b : Date.parse(a) === Date.parse(b);
