import type { NoticeEmailModel, ReminderEmailItem, ReminderEmailModel } from './reminder-email.renderer';
import type { ReminderMessages } from './reminder.messages';

/** Escapes text for HTML element content and double-quoted attributes. */
export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

// Designsystemet's default (Digdir) theme, approximately: accent blue, dark neutral text, a light grey page.
const colour = {
  accent: '#0062BA',
  text: '#1E2B3C',
  subtle: '#4B5563',
  page: '#F1F3F5',
  card: '#FFFFFF',
  border: '#D2D7DD',
  warning: '#8A4B00',
};
const FONT = "Inter, 'Segoe UI', Arial, Helvetica, sans-serif";

/**
 * The MJML source is built with numbered slots in place of every piece of data, so its shape alone
 * (how many items, which details and buttons) decides the compiled HTML. MJML takes tens of
 * milliseconds a compile; a reminder run sends thousands of e-mails of a few shapes, so each shape is
 * compiled once and its slots filled with escaped text.
 */
class Slots {
  readonly values: string[] = [];
  /** Text people typed, escaped when filled in. */
  text(value: string): string {
    this.values.push(escapeHtml(value));
    return `tlnslot${this.values.length - 1}x`;
  }
}

const compiled = new Map<string, Promise<string>>();
const CACHE_LIMIT = 200;

/**
 * Loads MJML ahead of the first e-mail. Loading it blocks the event loop for a moment, which in the middle
 * of a job would hold off BullMQ's lock renewal; the engine calls this before it takes jobs.
 */
export async function preloadEmailLayout(): Promise<void> {
  await import('mjml');
}

async function compile(source: string): Promise<string> {
  let html = compiled.get(source);
  if (!html) {
    if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value!);
    // Indentation is a third of MJML's output; a newline is as good as any run of white space in HTML.
    html = import('mjml')
      .then(({ default: mjml2html }) => mjml2html(source, { validationLevel: 'strict', keepComments: false }))
      .then((result) => result.html.replace(/\n\s+/g, '\n'));
    // A failed compile is not kept: the next e-mail tries again.
    html.catch(() => compiled.delete(source));
    compiled.set(source, html);
  }
  return html;
}

async function fill(source: string, slots: Slots): Promise<string> {
  const html = await compile(source);
  return html.replace(/tlnslot(\d+)x/g, (_, i: string) => slots.values[Number(i)]);
}

const head = (title: string, preview: string) => `<mj-head>
  <mj-title>${title}</mj-title>
  <mj-preview>${preview}</mj-preview>
  <mj-attributes>
    <mj-all font-family="${FONT}" />
    <mj-text color="${colour.text}" font-size="16px" line-height="24px" padding="4px 24px" />
    <mj-button background-color="${colour.accent}" color="#FFFFFF" font-size="16px" font-weight="600" border-radius="6px" inner-padding="10px 18px" padding="4px 24px 4px 24px" align="left" />
    <mj-section background-color="${colour.card}" padding="0" />
  </mj-attributes>
  <mj-style inline="inline">a { color: ${colour.accent}; }</mj-style>
  <mj-style>a.tln-button:focus, a:focus { outline: 3px solid #FFDA06; outline-offset: 2px; }</mj-style>
</mj-head>`;

const banner = (heading: string) => `<mj-section background-color="${colour.accent}" padding="16px 0">
  <mj-column><mj-text color="#FFFFFF" font-size="20px" font-weight="700" line-height="28px" padding="0 24px">Tilneste</mj-text>
  <mj-text color="#FFFFFF" font-size="15px" padding="0 24px">${heading}</mj-text></mj-column>
</mj-section>`;

const spacer = `<mj-section padding="8px 0"><mj-column><mj-spacer height="4px" /></mj-column></mj-section>`;

function itemBlock(item: ReminderEmailItem, m: ReminderMessages, slots: Slots, withOwner: boolean): string {
  const details: string[] = [];
  if (item.sourceMeeting) details.push(slots.text(m.from(item.sourceMeeting, item.sourceItem)));
  if (item.carriedOver > 0) details.push(`<strong style="color:${colour.warning}">${slots.text(m.carriedOver(item.carriedOver))}</strong>`);
  if (withOwner && item.ownerName) details.push(slots.text(m.owner(item.ownerName)));
  const parts = [
    `<mj-section border-left="4px solid ${colour.accent}" padding="12px 0 4px 0"><mj-column>`,
    `<mj-text font-weight="600">${slots.text(item.text)}</mj-text>`,
    details.length ? `<mj-text color="${colour.subtle}" font-size="14px" line-height="20px">${details.join(' · ')}</mj-text>` : '',
    `</mj-column></mj-section>`,
  ];
  if (item.links) {
    // Two columns in a group stay side by side on a phone; each holds one real button.
    parts.push(
      `<mj-section border-left="4px solid ${colour.accent}" padding="0 0 12px 0"><mj-group>`,
      `<mj-column width="50%"><mj-button css-class="tln-button" href="${slots.text(item.links.done)}">${slots.text(m.markDone)}</mj-button></mj-column>`,
      `<mj-column width="50%"><mj-button css-class="tln-button" href="${slots.text(item.links.progress)}">${slots.text(m.reportProgress)}</mj-button></mj-column>`,
      `</mj-group></mj-section>`,
    );
  } else {
    parts.push(`<mj-section border-left="4px solid ${colour.accent}" padding="0 0 8px 0"><mj-column><mj-spacer height="1px" /></mj-column></mj-section>`);
  }
  return parts.join('\n') + '\n' + spacer;
}

const heading = (text: string) =>
  `<mj-section padding="16px 0 4px 0"><mj-column><mj-text font-size="18px" font-weight="700" line-height="26px">${text}</mj-text></mj-column></mj-section>`;

function meetingBlock(slots: Slots, m: ReminderMessages, title: string, rows: [string, string][]): string {
  return `<mj-section padding="12px 0"><mj-column>
  <mj-text font-size="18px" font-weight="700">${slots.text(title)}</mj-text>
  ${rows.map(([label, value]) => `<mj-text><strong>${slots.text(label)}:</strong> ${slots.text(value)}</mj-text>`).join('\n  ')}
</mj-column></mj-section>`;
}

function footer(slots: Slots, m: ReminderMessages, note: string | null, preferencesUrl: string | null): string {
  return `<mj-section background-color="${colour.page}" padding="16px 0"><mj-column>
  ${note ? `<mj-text color="${colour.subtle}" font-size="14px" line-height="20px">${slots.text(note)}</mj-text>` : ''}
  ${preferencesUrl ? `<mj-text font-size="14px" line-height="20px"><a href="${slots.text(preferencesUrl)}">${slots.text(m.preferencesLink)}</a></mj-text>` : ''}
  <mj-text color="${colour.subtle}" font-size="14px" line-height="20px">${slots.text(m.footer)}</mj-text>
</mj-column></mj-section>`;
}

const document = (lang: string, headPart: string, body: string) =>
  `<mjml lang="${lang}">${headPart}<mj-body background-color="${colour.page}" width="600px">${body}</mj-body></mjml>`;

/** The reminder as HTML that Outlook's Word engine and Gmail both lay out: tables, inline styles, real buttons. */
export function reminderHtml(model: ReminderEmailModel, m: ReminderMessages): Promise<string> {
  const slots = new Slots();
  const hasOwn = model.own.some((s) => s.items.length > 0);
  const count = model.own.reduce((n, s) => n + s.items.length, 0) || model.digest.length;
  const title = slots.text(m.subject(model.meetingTitle, model.when));
  const preview = slots.text(m.preview(count));
  const body: string[] = [banner(slots.text(m.meetingHeading + ': ' + model.meetingTitle))];
  body.push(`<mj-section padding="16px 0 8px 0"><mj-column>
  <mj-text>${slots.text(m.greeting(model.recipientName))}</mj-text>
  <mj-text>${slots.text(hasOwn ? m.intro(model.when) : m.introChairOnly(model.when))}</mj-text>
</mj-column></mj-section>`);
  if (hasOwn) body.push(heading(slots.text(m.yourItems)));
  for (const section of model.own) {
    if (section.items.length === 0) continue;
    if (section.workingGroup)
      body.push(`<mj-section padding="8px 0 4px 0"><mj-column><mj-text font-weight="700" color="${colour.subtle}">${slots.text(m.throughWorkingGroup(section.workingGroup))}</mj-text></mj-column></mj-section>`);
    for (const item of section.items) body.push(itemBlock(item, m, slots, false));
  }
  if (model.digest.length > 0) {
    body.push(heading(slots.text(m.digestHeading)));
    body.push(`<mj-section padding="0 0 8px 0"><mj-column><mj-text>${slots.text(m.digestIntro)}</mj-text></mj-column></mj-section>`);
    for (const item of model.digest) body.push(itemBlock({ ...item, links: null }, m, slots, true));
  }
  body.push(
    meetingBlock(slots, m, model.meetingTitle, [
      [m.time, model.when],
      [m.place, placeOf(model, m)],
    ]),
  );
  body.push(footer(slots, m, hasOwn ? m.linksNote : null, model.preferencesUrl));
  return fill(document(m.locale.slice(0, 2), head(title, preview), body.join('\n')), slots);
}

/** "Fylkeshuset (Digitalt)", "Digitalt" or "ikke oppgitt". */
export const placeOf = (model: Pick<ReminderEmailModel, 'place' | 'online'>, m: ReminderMessages) =>
  model.online && model.place ? `${model.place} (${m.online})` : (model.place ?? (model.online ? m.online : m.notGiven));

/** A cancellation or a move: the same look, no items. */
export function noticeHtml(
  model: NoticeEmailModel & { subject: string; intro: string; place: string | null },
  m: ReminderMessages,
): Promise<string> {
  const slots = new Slots();
  const title = slots.text(model.subject);
  const preview = slots.text(model.intro);
  const rows: [string, string][] = model.place ? [[m.time, model.when], [m.place, model.place]] : [];
  const body = [
    banner(slots.text(model.subject)),
    `<mj-section padding="16px 0 8px 0"><mj-column>
  <mj-text>${slots.text(m.greeting(model.recipientName))}</mj-text>
  <mj-text font-weight="600">${slots.text(model.intro)}</mj-text>
</mj-column></mj-section>`,
    rows.length ? meetingBlock(slots, m, model.meetingTitle, rows) : '',
    footer(slots, m, m.notice.calendarNote, model.preferencesUrl),
  ];
  return fill(document(m.locale.slice(0, 2), head(title, preview), body.join('\n')), slots);
}
