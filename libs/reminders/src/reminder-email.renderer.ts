import { noticeHtml, placeOf, reminderHtml } from './reminder-email.layout';

export { escapeHtml, placeOf } from './reminder-email.layout';
import { nb, type ReminderMessages } from './reminder.messages';

export interface ReminderEmailItem {
  commitmentId: string;
  text: string;
  sourceMeeting: string | null;
  /** The agenda item the commitment was made under, its number apart from its title (the message joins them). */
  sourceItem: { number: number | null; title: string } | null;
  carriedOver: number;
  /** The deadline, formatted for people, when it is a date and not a meeting. */
  dueDate?: string | null;
  ownerName: string | null;
  links: { done: string; progress: string } | null;
}

/** Items under one heading: a working group's name, or null for the recipient's own. */
export interface ReminderEmailSection {
  workingGroup: string | null;
  /** The signed link on which the working group's lead reports its status, no sign-in needed; null for the recipient's own. */
  statusUrl?: string | null;
  items: ReminderEmailItem[];
}

export interface ReminderEmailModel {
  recipientName: string;
  meetingTitle: string;
  /** Already formatted for people: "torsdag 12. juni 2025 kl. 09:00". */
  when: string;
  place: string | null;
  online: boolean | null;
  own: ReminderEmailSection[];
  /** The chair's overview of everything open, or empty. */
  digest: ReminderEmailItem[];
  /** Where the recipient chooses which reminders they get (also the List-Unsubscribe URL). */
  preferencesUrl: string | null;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

function itemLines(item: ReminderEmailItem, m: ReminderMessages, withOwner: boolean): string[] {
  const lines = [`- ${item.text}`];
  if (item.sourceMeeting) lines.push(`  ${m.from(item.sourceMeeting, item.sourceItem)}`);
  if (item.dueDate) lines.push(`  ${m.due(item.dueDate)}`);
  if (item.carriedOver > 0) lines.push(`  ${m.carriedOver(item.carriedOver)}`);
  if (withOwner && item.ownerName) lines.push(`  ${m.owner(item.ownerName)}`);
  if (item.links) {
    lines.push(`  ${m.markDone}: ${item.links.done}`);
    lines.push(`  ${m.reportProgress}: ${item.links.progress}`);
  }
  return lines;
}

/** The plain-text part. */
export function renderText(model: ReminderEmailModel, m: ReminderMessages = nb): string {
  const hasOwn = model.own.some((s) => s.items.length > 0);
  const lines = [
    m.greeting(model.recipientName),
    '',
    hasOwn ? m.intro(model.when) : m.introChairOnly(model.when),
    '',
  ];
  for (const section of model.own) {
    if (section.workingGroup) lines.push(`${m.throughWorkingGroup(section.workingGroup)}:`);
    for (const item of section.items) lines.push(...itemLines(item, m, false));
    if (section.statusUrl) lines.push(`${m.workingGroupStatus}: ${section.statusUrl}`);
    lines.push('');
  }
  if (model.digest.length > 0) {
    lines.push(`${m.digestHeading}`, m.digestIntro);
    for (const item of model.digest) lines.push(...itemLines({ ...item, links: null }, m, true));
    lines.push('');
  }
  lines.push(
    `${m.meetingHeading}: ${model.meetingTitle}`,
    `${m.time}: ${model.when}`,
    `${m.place}: ${placeOf(model, m)}`,
    '',
  );
  if (hasOwn) lines.push(m.linksNote);
  if (model.preferencesUrl) lines.push(`${m.preferencesLink}: ${model.preferencesUrl}`);
  lines.push(m.footer);
  return lines.join('\n') + '\n';
}

/** The e-mail's HTML (MJML, see reminder-email.layout.ts) and its plain-text part. */
export async function renderReminderEmail(
  model: ReminderEmailModel,
  m: ReminderMessages = nb,
): Promise<RenderedEmail> {
  return {
    subject: m.subject(model.meetingTitle, model.when),
    text: renderText(model, m),
    html: await reminderHtml(model, m),
  };
}

/** A meeting moved or cancelled after the recipient was reminded of it. */
export interface NoticeEmailModel {
  kind: 'cancelled' | 'moved';
  recipientName: string;
  meetingTitle: string;
  when: string;
  place: string | null;
  online: boolean | null;
  preferencesUrl: string | null;
}

export async function renderNoticeEmail(
  model: NoticeEmailModel,
  m: ReminderMessages = nb,
): Promise<RenderedEmail> {
  const cancelled = model.kind === 'cancelled';
  const subject = cancelled
    ? m.notice.cancelledSubject(model.meetingTitle, model.when)
    : m.notice.movedSubject(model.meetingTitle, model.when);
  const intro = cancelled
    ? m.notice.cancelledIntro(model.meetingTitle, model.when)
    : m.notice.movedIntro(model.meetingTitle, model.when);
  const place = placeOf({ place: model.place, online: model.online }, m);
  const lines = [m.greeting(model.recipientName), '', intro, ''];
  if (!cancelled) lines.push(`${m.time}: ${model.when}`, `${m.place}: ${place}`, '');
  lines.push(m.notice.calendarNote, '');
  if (model.preferencesUrl) lines.push(`${m.preferencesLink}: ${model.preferencesUrl}`);
  lines.push(m.footer);
  const html = await noticeHtml({ ...model, subject, intro, place: cancelled ? null : place }, m);
  return { subject, text: lines.join('\n') + '\n', html };
}
