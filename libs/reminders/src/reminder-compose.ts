import { GROUP_TIME_ZONE } from '@tilneste/groups';
import { ownerName, type Catalog, type CommitmentView, type MeetingView } from '@tilneste/projections';
import {
  calendarContentType,
  meetingCalendar,
  meetingSequence,
  type CalendarPerson,
} from './meeting-calendar';
import {
  renderNoticeEmail,
  renderReminderEmail,
  type ReminderEmailItem,
  type ReminderEmailSection,
  type RenderedEmail,
} from './reminder-email.renderer';
import { linkUrl, signLink, type LinkBasis } from './reminder-links';
import { automaticMailHeaders, preferencesOf, preferencesUrl } from './reminder-preferences';
import { nb, reminderMessages, type ReminderMessages } from './reminder.messages';
import {
  offsetsOf,
  offsetsFor,
  reminderItems,
  type ReminderJobData,
  type ReminderWorld,
} from './reminder-policy';
import { reminderSendTime } from './reminder-send-time';
import { isNoticeOffset } from './reminders.projection';

export interface ComposeOptions {
  /** The sender, `Name <address>`: also the calendar entries' ORGANIZER. */
  from: string;
  publicUrl: string;
  linkSecret: string;
  /** How long links stay valid after the meeting starts. */
  linkGraceMs: number;
  domain: string;
}

/** The texts of a person's e-mails, in the language they chose (bokmål until they choose); loaded once, picked per send. */
export const messagesOf = (catalog: Catalog, personId: string): ReminderMessages =>
  reminderMessages[preferencesOf(catalog, personId).language];

export type SkipReason =
  | 'unknown-meeting'
  | 'superseded'
  | 'not-scheduled'
  | 'not-cancelled'
  | 'started'
  | 'no-email'
  | 'nothing-open'
  | 'opted-out';

export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export type ComposedReminder =
  | { kind: 'skip'; reason: SkipReason }
  | {
      kind: 'send';
      to: { name: string; address: string };
      commitmentIds: string[];
      messageId: string;
      headers: Record<string, string>;
      attachments: MailAttachment[];
      /**
       * Lays the e-mail out (MJML: a compile the first time for each shape). Its content is taken when
       * composed; the processor renders only once it knows the send is free to claim, so a worker taking
       * over a stalled job decides without rendering.
       */
      render(): Promise<RenderedEmail>;
    };

/** `Tilneste <a@b>` as a calendar ORGANIZER, named after the group when there is one. */
export function organizerOf(from: string, groupName: string | null): CalendarPerson {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
  const name = groupName || /^\s*"?([^"<]*?)"?\s*</.exec(from)?.[1] || 'Tilneste';
  return { name, email: address };
}

/** The deterministic Message-ID of one reminder version: a resend of it is recognisable as the same message. */
export const reminderMessageId = (
  data: Pick<ReminderJobData, 'meetingId' | 'recipientId' | 'offset' | 'version'>,
  domain: string,
) => `<rem.${data.meetingId}.${data.recipientId}.${data.offset}.v${data.version}@${domain}>`;

// Making an Intl.DateTimeFormat costs far more than formatting with one: one per locale and style.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, style: 'when' | 'day'): Intl.DateTimeFormat {
  const key = `${locale}|${style}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      style === 'when'
        ? { timeZone: GROUP_TIME_ZONE, dateStyle: 'full', timeStyle: 'short' }
        : { timeZone: GROUP_TIME_ZONE, dateStyle: 'long' };
    formatters.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  }
  return format;
}

/** "torsdag 12. juni 2025 kl. 09:00" in the group's zone. */
export function formatWhen(iso: string, m: ReminderMessages = nb): string {
  return formatter(m.locale, 'when').format(new Date(iso));
}

const formatDay = (iso: string, m: ReminderMessages) => formatter(m.locale, 'day').format(new Date(iso));

/**
 * What to send for one job, from the state as it is now: nothing when the meeting moved on (another
 * version), was cancelled or started, or when the recipient owes nothing and is not the chair.
 */
export function composeReminder(
  world: ReminderWorld,
  data: ReminderJobData,
  now: Date,
  options: ComposeOptions,
): ComposedReminder {
  if (isNoticeOffset(data.offset)) return composeNotice(world, data, now, options);
  const { catalog, ledger } = world;
  const meeting = catalog.meetings.get(data.meetingId);
  if (!meeting) return { kind: 'skip', reason: 'unknown-meeting' };
  if (ledger.versionOf(meeting.id) !== data.version) return { kind: 'skip', reason: 'superseded' };
  if (meeting.status !== 'scheduled') return { kind: 'skip', reason: 'not-scheduled' };
  if (Date.parse(meeting.startsAt) <= now.getTime()) return { kind: 'skip', reason: 'started' };
  const person = catalog.people.get(data.recipientId);
  if (!person?.email) return { kind: 'skip', reason: 'no-email' };
  const m = messagesOf(catalog, person.id);
  if (!allowedOffset(world, meeting, person.id, data.offset)) return { kind: 'skip', reason: 'opted-out' };
  const { own, digest } = reminderItems(catalog, meeting, person.id);
  if (own.length === 0 && digest.length === 0) return { kind: 'skip', reason: 'nothing-open' };
  const expiresAt = Date.parse(meeting.startsAt) + options.linkGraceMs;
  const link: LinkBasis = {
    personId: person.id,
    meetingId: meeting.id,
    offset: data.offset,
    version: data.version,
    issuedAt: now.getTime(),
    expiresAt,
  };
  const item = (c: CommitmentView, withLinks: boolean) =>
    emailItem(catalog, c, m, withLinks ? links(c, link, options) : null);
  const groupName = catalog.groups.get(meeting.groupId)?.name ?? '';
  const title = meeting.title ?? groupName;
  const when = formatWhen(meeting.startsAt, m);
  const unsubscribe = preferencesUrl(options.publicUrl, person.id, options.linkSecret);
  const model = {
    recipientName: person.name,
    meetingTitle: title,
    when,
    place: meeting.location,
    online: meeting.online,
    own: sections(catalog, own, (c) => item(c, true), link, options),
    digest: digest.map((c) => item(c, false)),
    preferencesUrl: unsubscribe,
  };
  const ics = meetingIcs(
    world,
    meeting,
    'PUBLISH',
    options,
    now,
    `${m.meetingHeading}: ${title}, ${when}`,
    null,
  );
  const commitmentIds = [...new Set([...own, ...digest].map((c) => c.id))].sort();
  return {
    kind: 'send',
    to: { name: person.name, address: person.email },
    headers: automaticMailHeaders(unsubscribe),
    attachments: [{ filename: m.calendarFile, content: ics, contentType: calendarContentType('PUBLISH') }],
    render: () => renderReminderEmail(model, m),
    commitmentIds,
    messageId: reminderMessageId(data, options.domain),
  };
}

/** Whether the recipient's preferences still let this offset through (they may have changed since it was queued). */
function allowedOffset(
  world: ReminderWorld,
  meeting: MeetingView,
  personId: string,
  offset: string,
): boolean {
  const timed = offsetsOf(world.catalog, meeting.groupId).map((o) => ({
    offset: o,
    sendAt: reminderSendTime(meeting.startsAt, o, GROUP_TIME_ZONE) ?? new Date(0),
  }));
  return offsetsFor(world.catalog, personId, timed).some((t) => t.offset === offset);
}

function meetingIcs(
  world: ReminderWorld,
  meeting: MeetingView,
  method: 'PUBLISH' | 'CANCEL',
  options: ComposeOptions,
  now: Date,
  description: string,
  attendee: { name: string; email: string } | null,
): string {
  const groupName = world.catalog.groups.get(meeting.groupId)?.name ?? '';
  const title = meeting.title ?? groupName;
  return meetingCalendar(
    {
      method,
      organizer: organizerOf(options.from, groupName || null),
      attendee: attendee ?? undefined,
      domain: options.domain,
      now,
    },
    {
      meetingId: meeting.id,
      sequence: meetingSequence(world.ledger.versionOf(meeting.id), method === 'CANCEL'),
      title: groupName && title !== groupName ? `${title} – ${groupName}` : title,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      location: meeting.location,
      description,
      status: method === 'CANCEL' ? 'cancelled' : 'confirmed',
    },
  );
}

/**
 * A cancellation (METHOD:CANCEL, same UID, higher SEQUENCE) or a move (the new time, the move's
 * SEQUENCE) for someone who was reminded of the meeting; nothing when the state moved on since.
 */
function composeNotice(
  world: ReminderWorld,
  data: ReminderJobData,
  now: Date,
  options: ComposeOptions,
): ComposedReminder {
  const { catalog, ledger } = world;
  const meeting = catalog.meetings.get(data.meetingId);
  if (!meeting) return { kind: 'skip', reason: 'unknown-meeting' };
  if (ledger.versionOf(meeting.id) !== data.version) return { kind: 'skip', reason: 'superseded' };
  const cancel = data.offset === 'cancel';
  if (cancel && meeting.status !== 'cancelled') return { kind: 'skip', reason: 'not-cancelled' };
  if (!cancel && meeting.status !== 'scheduled') return { kind: 'skip', reason: 'not-scheduled' };
  if (Date.parse(meeting.startsAt) <= now.getTime()) return { kind: 'skip', reason: 'started' };
  const person = catalog.people.get(data.recipientId);
  if (!person?.email) return { kind: 'skip', reason: 'no-email' };
  if (!preferencesOf(catalog, person.id).calendarNotices) return { kind: 'skip', reason: 'opted-out' };
  const m = messagesOf(catalog, person.id);
  const groupName = catalog.groups.get(meeting.groupId)?.name ?? '';
  const title = meeting.title ?? groupName;
  const when = formatWhen(meeting.startsAt, m);
  const unsubscribe = preferencesUrl(options.publicUrl, person.id, options.linkSecret);
  const model = {
    kind: cancel ? ('cancelled' as const) : ('moved' as const),
    recipientName: person.name,
    meetingTitle: title,
    when,
    place: meeting.location,
    online: meeting.online,
    preferencesUrl: unsubscribe,
  };
  const method = cancel ? 'CANCEL' : 'PUBLISH';
  const summary = cancel ? m.notice.cancelledSubject(title, when) : m.notice.movedSubject(title, when);
  const ics = meetingIcs(
    world,
    meeting,
    method,
    options,
    now,
    summary,
    cancel ? { name: person.name, email: person.email } : null,
  );
  return {
    kind: 'send',
    to: { name: person.name, address: person.email },
    headers: automaticMailHeaders(unsubscribe),
    attachments: [{ filename: m.calendarFile, content: ics, contentType: calendarContentType(method) }],
    render: () => renderNoticeEmail(model, m),
    commitmentIds: [],
    messageId: reminderMessageId(data, options.domain),
  };
}

function links(c: CommitmentView, claims: LinkBasis, options: ComposeOptions) {
  const url = (action: 'done' | 'progress') =>
    linkUrl(options.publicUrl, signLink({ ...claims, action, commitmentId: c.id }, options.linkSecret));
  return { done: url('done'), progress: url('progress') };
}

function emailItem(
  catalog: Catalog,
  c: CommitmentView,
  m: ReminderMessages,
  links: ReminderEmailItem['links'],
): ReminderEmailItem {
  const source: MeetingView | undefined = catalog.meetings.get(c.meetingId);
  const agendaItem = source?.items.find((i) => i.itemId === c.agendaItemId);
  return {
    commitmentId: c.id,
    text: c.text,
    sourceMeeting: source ? formatDay(source.startsAt, m) : null,
    sourceItem: agendaItem ? { number: agendaItem.number, title: agendaItem.title } : null,
    // Noon UTC is the same day in the group's zone.
    dueDate: c.due.kind === 'date' ? formatDay(`${c.due.date}T12:00:00Z`, m) : null,
    carriedOver: c.carriedOver,
    ownerName: ownerName(catalog, c.owner, m.secretariat),
    links,
  };
}

/**
 * The recipient's own items first, then one section per working group they answer for, with a signed link
 * on which its lead reports its status without signing in, while the working group lasts.
 */
function sections(
  catalog: Catalog,
  own: CommitmentView[],
  item: (c: CommitmentView) => ReminderEmailItem,
  link: LinkBasis,
  options: ComposeOptions,
): ReminderEmailSection[] {
  const direct = own.filter((c) => c.owner.kind !== 'working-group');
  const byGroup = new Map<string, CommitmentView[]>();
  for (const c of own) {
    if (c.owner.kind !== 'working-group') continue;
    byGroup.set(c.owner.workingGroupId, [...(byGroup.get(c.owner.workingGroupId) ?? []), c]);
  }
  return [
    ...(direct.length ? [{ workingGroup: null, items: direct.map(item) }] : []),
    ...[...byGroup].map(([id, items]) => {
      const workingGroup = catalog.workingGroups.get(id);
      return {
        workingGroup: workingGroup?.name ?? id,
        // A dissolved working group reports no more status; its open items are still reminded of. The link is
        // its lead's, as the page checks again when it is opened and when it posts.
        statusUrl:
          workingGroup && !workingGroup.dissolved && workingGroup.leadPersonId === link.personId
            ? linkUrl(
                options.publicUrl,
                signLink({ ...link, action: 'status', workingGroupId: id }, options.linkSecret),
              )
            : null,
        items: items.map(item),
      };
    }),
  ];
}
