import { myTasks, type Catalog, type MeetingView } from '@tilneste/projections';
import {
  buildCalendar,
  formatWhen,
  meetingSequence,
  organizerOf,
  type CalendarMeeting,
  type CalendarTodo,
  type ReminderLedger,
} from '@tilneste/reminders';
import { calendarNb, type CalendarMessages } from './calendar.messages';

export interface FeedOptions {
  publicUrl: string;
  /** MAIL_FROM: the ORGANIZER, and its domain ends every UID (the same UIDs as the e-mail attachments). */
  from: string;
  domain: string;
  now: Date;
  messages?: CalendarMessages;
}

const base = (publicUrl: string) => publicUrl.replace(/\/+$/, '');

/** A meeting as the e-mail attachment has it: same UID, SEQUENCE and title, so the entries agree. */
function calendarMeeting(
  catalog: Catalog,
  ledger: ReminderLedger,
  meeting: MeetingView,
  options: FeedOptions,
): CalendarMeeting {
  const m = options.messages ?? calendarNb;
  const groupName = catalog.groups.get(meeting.groupId)?.name ?? '';
  const title = meeting.title ?? groupName;
  const cancelled = meeting.status === 'cancelled';
  return {
    meetingId: meeting.id,
    sequence: meetingSequence(ledger.versionOf(meeting.id), cancelled),
    title: groupName && title !== groupName ? `${title} – ${groupName}` : title,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    location: meeting.location,
    description: m.meetingDescription(groupName),
    status: cancelled ? 'cancelled' : 'confirmed',
    url: `${base(options.publicUrl)}/moter/${encodeURIComponent(meeting.id)}`,
  };
}

const meetingsOf = (catalog: Catalog, groupId: string) =>
  (catalog.groups.get(groupId)?.meetingIds ?? []).map((id) => catalog.meetings.get(id)!);

/** Every meeting of the group, cancelled ones marked so (subscribed calendars then drop them). */
export function groupFeed(
  catalog: Catalog,
  ledger: ReminderLedger,
  groupId: string,
  options: FeedOptions,
): string | undefined {
  const group = catalog.groups.get(groupId);
  if (!group) return undefined;
  const m = options.messages ?? calendarNb;
  return buildCalendar(
    {
      method: null,
      name: m.groupFeedName(group.name),
      organizer: organizerOf(options.from, group.name),
      domain: options.domain,
      now: options.now,
    },
    meetingsOf(catalog, groupId).map((meeting) => calendarMeeting(catalog, ledger, meeting, options)),
  );
}

/** Groups a person takes part in: as a member, through a working group, or by owing something there. */
export function groupsOfPerson(catalog: Catalog, personId: string, owing: Iterable<string>): string[] {
  const ids = new Set<string>(owing);
  for (const group of catalog.groups.values()) if (group.members.has(personId)) ids.add(group.id);
  for (const wg of catalog.workingGroups.values())
    if (!wg.dissolved && (wg.leadPersonId === personId || wg.memberIds.includes(personId)))
      ids.add(wg.groupId);
  return [...ids].filter((id) => catalog.groups.has(id)).sort();
}

/** The meetings of the person's groups, and what they owe as VTODOs due at the meeting (or day) it is due. */
export function personFeed(
  catalog: Catalog,
  ledger: ReminderLedger,
  personId: string,
  options: FeedOptions,
): string | undefined {
  const person = catalog.people.get(personId);
  if (!person) return undefined;
  const m = options.messages ?? calendarNb;
  const tasks = myTasks(catalog, personId, options.now);
  const meetings = groupsOfPerson(
    catalog,
    personId,
    tasks.map((t) => t.groupId),
  ).flatMap((groupId) => meetingsOf(catalog, groupId));
  const todos: CalendarTodo[] = tasks.map((task) => {
    const due = task.dueMeetingId ? catalog.meetings.get(task.dueMeetingId) : undefined;
    const lines = [
      due ? m.dueAt(formatWhen(due.startsAt)) : null,
      task.source.meetingStartsAt ? m.from(formatWhen(task.source.meetingStartsAt)) : null,
      task.carriedOver > 0 ? m.carriedOver(task.carriedOver) : null,
    ].filter((line): line is string => line !== null);
    return {
      commitmentId: task.id,
      summary: task.text,
      description: lines.join('\n') || null,
      due: task.dueAt,
      meetingId: task.dueMeetingId,
      url: `${base(options.publicUrl)}/personer/${encodeURIComponent(personId)}/oppgaver`,
    };
  });
  return buildCalendar(
    {
      method: null,
      name: m.personFeedName(person.name),
      organizer: organizerOf(options.from, null),
      domain: options.domain,
      now: options.now,
    },
    meetings.map((meeting) => calendarMeeting(catalog, ledger, meeting, options)),
    todos,
  );
}
