import ICAL from 'ical.js';

/**
 * The one iCalendar builder: the reminder e-mail's attachment, its cancellations and updates, and the
 * calendar feeds. Built with ical.js, which escapes TEXT values and folds long lines.
 */

// RFC 5545: no line longer than 75 octets; ical.js counts the first line's octets and prefixes the
// continuation with one space, so 74 keeps every line within the limit.
ICAL.foldLength = 74;

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarMeeting {
  meetingId: string;
  /** From `meetingSequence`: grows with every move and once more for a cancellation. */
  sequence: number;
  title: string;
  startsAt: string;
  endsAt: string | null;
  location: string | null;
  description: string;
  status: 'confirmed' | 'cancelled';
  url?: string;
}

export interface CalendarTodo {
  commitmentId: string;
  summary: string;
  description: string | null;
  /** An instant (due at a meeting) or a `YYYY-MM-DD` day. */
  due: string | null;
  /** The meeting it is due at, so calendars can show it beside that event. */
  meetingId: string | null;
  url?: string;
}

export interface CalendarOptions {
  /** 'PUBLISH' for attachments and updates, 'CANCEL' for a cancellation, null for a subscribed feed. */
  method: 'PUBLISH' | 'CANCEL' | null;
  /** The feed's name in calendar apps. */
  name?: string;
  organizer: CalendarPerson;
  /** The recipient, named in a cancellation as iTIP requires. */
  attendee?: CalendarPerson;
  /** Ends each UID, so ids stay unique across deployments. */
  domain: string;
  /** When the file is made, for DTSTAMP. */
  now: Date;
}

const DEFAULT_LENGTH_MS = 2 * 60 * 60 * 1000;

export const meetingUid = (meetingId: string, domain: string) => `meeting-${meetingId}@${domain}`;
export const commitmentUid = (commitmentId: string, domain: string) => `commitment-${commitmentId}@${domain}`;

/**
 * SEQUENCE of a meeting's calendar entry: 0 as first scheduled, +1 per move (the meeting's reminder
 * version is 1 + its moves), and one more once cancelled so the cancellation outranks every earlier copy.
 */
export const meetingSequence = (version: number, cancelled: boolean) => version - 1 + (cancelled ? 1 : 0);

const utc = (instant: string | number | Date) => ICAL.Time.fromJSDate(new Date(instant), true);

function dueValue(due: string): ICAL.Time {
  if (/^\d{4}-\d{2}-\d{2}$/.test(due)) return ICAL.Time.fromDateString(due);
  return utc(due);
}

function person(component: ICAL.Component, name: 'organizer' | 'attendee', who: CalendarPerson): void {
  const property = component.addPropertyWithValue(name, `mailto:${who.email}`);
  property.setParameter('cn', who.name);
}

function meetingEvent(meeting: CalendarMeeting, options: CalendarOptions): ICAL.Component {
  const event = new ICAL.Component('vevent');
  const start = Date.parse(meeting.startsAt);
  const end = meeting.endsAt ? Date.parse(meeting.endsAt) : start + DEFAULT_LENGTH_MS;
  event.addPropertyWithValue('uid', meetingUid(meeting.meetingId, options.domain));
  event.addPropertyWithValue('sequence', meeting.sequence);
  event.addPropertyWithValue('dtstamp', utc(options.now));
  event.addPropertyWithValue('dtstart', utc(start));
  event.addPropertyWithValue('dtend', utc(end));
  event.addPropertyWithValue('summary', meeting.title);
  if (meeting.location) event.addPropertyWithValue('location', meeting.location);
  event.addPropertyWithValue('description', meeting.description);
  event.addPropertyWithValue('status', meeting.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED');
  if (meeting.url) event.addPropertyWithValue('url', meeting.url);
  person(event, 'organizer', options.organizer);
  if (options.attendee) person(event, 'attendee', options.attendee);
  return event;
}

function todoComponent(todo: CalendarTodo, options: CalendarOptions): ICAL.Component {
  const component = new ICAL.Component('vtodo');
  component.addPropertyWithValue('uid', commitmentUid(todo.commitmentId, options.domain));
  component.addPropertyWithValue('dtstamp', utc(options.now));
  component.addPropertyWithValue('summary', todo.summary);
  if (todo.description) component.addPropertyWithValue('description', todo.description);
  if (todo.due) component.addPropertyWithValue('due', dueValue(todo.due));
  component.addPropertyWithValue('status', 'NEEDS-ACTION');
  if (todo.meetingId)
    component.addPropertyWithValue('related-to', meetingUid(todo.meetingId, options.domain));
  if (todo.url) component.addPropertyWithValue('url', todo.url);
  person(component, 'organizer', options.organizer);
  return component;
}

/** A VCALENDAR with the meetings as VEVENTs and the commitments as VTODOs; CRLF line ends. */
export function buildCalendar(
  options: CalendarOptions,
  meetings: CalendarMeeting[],
  todos: CalendarTodo[] = [],
): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.addPropertyWithValue('prodid', '-//Tilneste//Tilneste//NO');
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  if (options.method) calendar.addPropertyWithValue('method', options.method);
  if (options.name) calendar.addPropertyWithValue('x-wr-calname', options.name);
  for (const meeting of meetings) calendar.addSubcomponent(meetingEvent(meeting, options));
  for (const todo of todos) calendar.addSubcomponent(todoComponent(todo, options));
  return calendar.toString().replace(/\r?\n/g, '\r\n') + '\r\n';
}

/** The Content-Type of a calendar attachment, whose method parameter must match the file's METHOD. */
export const calendarContentType = (method: 'PUBLISH' | 'CANCEL') =>
  `text/calendar; charset=utf-8; method=${method}`;

/*
 * A reminder's .ics is the same for every recipient of the meeting but for DTSTAMP, which ical.js writes in
 * whole seconds: kept by every input, the time in seconds, a burst of reminders for one meeting builds it
 * once a second instead of once an e-mail (ical.js was about 0.2 ms of CPU an e-mail in the reminders row).
 */
const recentCalendars = new Map<string, string>();
const RECENT_CALENDARS = 32;

/** `buildCalendar` of one meeting, reused while every input and the second of `now` stay the same. */
export function meetingCalendar(options: CalendarOptions, meeting: CalendarMeeting): string {
  const key = JSON.stringify([{ ...options, now: Math.floor(options.now.getTime() / 1000) }, meeting]);
  let ics = recentCalendars.get(key);
  if (ics === undefined) {
    if (recentCalendars.size >= RECENT_CALENDARS)
      recentCalendars.delete(recentCalendars.keys().next().value!);
    ics = buildCalendar(options, [meeting]);
    recentCalendars.set(key, ics);
  }
  return ics;
}
