import { nb, type ReminderMessages } from './reminder.messages';

export interface ReminderEmailItem {
  commitmentId: string;
  text: string;
  sourceMeeting: string | null;
  sourceItem: string | null;
  carriedOver: number;
  ownerName: string | null;
  links: { done: string; progress: string } | null;
}

/** Items under one heading: a working group's name, or null for the recipient's own. */
export interface ReminderEmailSection {
  workingGroup: string | null;
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
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Escapes text for HTML element content and double-quoted attributes. */
export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function placeOf(model: ReminderEmailModel, m: ReminderMessages): string {
  const where = model.place ?? (model.online ? m.online : m.notGiven);
  return model.online && model.place ? `${model.place} (${m.online})` : where;
}

function itemLines(item: ReminderEmailItem, m: ReminderMessages, withOwner: boolean): string[] {
  const lines = [`- ${item.text}`];
  if (item.sourceMeeting) lines.push(`  ${m.from(item.sourceMeeting, item.sourceItem)}`);
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
  const lines = [m.greeting(model.recipientName), '', hasOwn ? m.intro(model.when) : m.introChairOnly(model.when), ''];
  for (const section of model.own) {
    if (section.workingGroup) lines.push(`${m.throughWorkingGroup(section.workingGroup)}:`);
    for (const item of section.items) lines.push(...itemLines(item, m, false));
    lines.push('');
  }
  if (model.digest.length > 0) {
    lines.push(`${m.digestHeading}`, m.digestIntro);
    for (const item of model.digest) lines.push(...itemLines({ ...item, links: null }, m, true));
    lines.push('');
  }
  lines.push(`${m.meetingHeading}: ${model.meetingTitle}`, `${m.time}: ${model.when}`, `${m.place}: ${placeOf(model, m)}`, '');
  if (hasOwn) lines.push(m.linksNote);
  lines.push(m.footer);
  return lines.join('\n') + '\n';
}

function itemHtml(item: ReminderEmailItem, m: ReminderMessages, withOwner: boolean): string {
  const details = [
    item.sourceMeeting ? escapeHtml(m.from(item.sourceMeeting, item.sourceItem)) : null,
    item.carriedOver > 0 ? `<strong>${escapeHtml(m.carriedOver(item.carriedOver))}</strong>` : null,
    withOwner && item.ownerName ? escapeHtml(m.owner(item.ownerName)) : null,
  ].filter((d) => d !== null);
  const links = item.links
    ? `<br><a href="${escapeHtml(item.links.done)}">${escapeHtml(m.markDone)}</a> · <a href="${escapeHtml(item.links.progress)}">${escapeHtml(m.reportProgress)}</a>`
    : '';
  const detailLine = details.length ? `<br><small>${details.join(' · ')}</small>` : '';
  return `<li>${escapeHtml(item.text)}${detailLine}${links}</li>`;
}

/** The HTML part: every piece of data escaped, since names and texts are typed by people. */
export function renderHtml(model: ReminderEmailModel, m: ReminderMessages = nb): string {
  const hasOwn = model.own.some((s) => s.items.length > 0);
  const parts = [
    `<!doctype html><html lang="${m.locale.slice(0, 2)}"><head><meta charset="utf-8"><title>${escapeHtml(m.subject(model.meetingTitle, model.when))}</title></head><body>`,
    `<p>${escapeHtml(m.greeting(model.recipientName))}</p>`,
    `<p>${escapeHtml(hasOwn ? m.intro(model.when) : m.introChairOnly(model.when))}</p>`,
  ];
  if (hasOwn) parts.push(`<h2>${escapeHtml(m.yourItems)}</h2>`);
  for (const section of model.own) {
    if (section.items.length === 0) continue;
    if (section.workingGroup) parts.push(`<h3>${escapeHtml(m.throughWorkingGroup(section.workingGroup))}</h3>`);
    parts.push(`<ul>${section.items.map((i) => itemHtml(i, m, false)).join('')}</ul>`);
  }
  if (model.digest.length > 0) {
    parts.push(`<h2>${escapeHtml(m.digestHeading)}</h2><p>${escapeHtml(m.digestIntro)}</p>`);
    parts.push(`<ul>${model.digest.map((i) => itemHtml({ ...i, links: null }, m, true)).join('')}</ul>`);
  }
  parts.push(
    `<h2>${escapeHtml(m.meetingHeading)}</h2><p>${escapeHtml(model.meetingTitle)}<br>${escapeHtml(m.time)}: ${escapeHtml(model.when)}<br>${escapeHtml(m.place)}: ${escapeHtml(placeOf(model, m))}</p>`,
  );
  if (hasOwn) parts.push(`<p><small>${escapeHtml(m.linksNote)}</small></p>`);
  parts.push(`<p><small>${escapeHtml(m.footer)}</small></p></body></html>`);
  return parts.join('\n');
}

export function renderReminderEmail(model: ReminderEmailModel, m: ReminderMessages = nb): RenderedEmail {
  return { subject: m.subject(model.meetingTitle, model.when), text: renderText(model, m), html: renderHtml(model, m) };
}
