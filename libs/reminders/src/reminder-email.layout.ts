import type { NoticeEmailModel, ReminderEmailItem, ReminderEmailModel } from './reminder-email.renderer';
import type { ReminderMessages } from './reminder.messages';

/** Escapes text for HTML element content and double-quoted attributes. */
export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

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
// Inline on every text and button, as Outlook needs. Segoe UI first: Outlook for Windows is reported to take
// only the first font of a list and fall back to Times New Roman when that one is missing, and every Windows has
// Segoe UI; elsewhere it is missing and Inter, where installed, comes next, so other clients show what they did.
// No Helvetica: every system with it has Arial too, earlier.
const FONT = "'Segoe UI', Inter, Arial, sans-serif";

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
    // MJML also breaks the line after a tag's name and before its `>`: the first is a space, the second nothing.
    html = import('mjml')
      .then(({ default: mjml2html }) => mjml2html(source, { validationLevel: 'strict', keepComments: false }))
      .then((result) =>
        result.html
          .replace(/\n\s+/g, '\n')
          .replace(/<([a-z]+)\n/g, '<$1 ')
          .replace(/\n>/g, '>'),
      );
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
    <mj-button background-color="${colour.accent}" color="#FFFFFF" font-size="16px" font-weight="600" border-radius="6px" inner-padding="10px 18px" padding="4px 24px" align="left" />
    <mj-section background-color="${colour.card}" padding="0" />
  </mj-attributes>
  <mj-style>a:focus { outline: 3px solid #FFDA06; outline-offset: 2px; }
.tln-bar { border-left: 4px solid ${colour.accent}; }
.tln-edge { border-left: 4px solid ${colour.page}; }</mj-style>
</mj-head>`;

/*
 * The whole e-mail is one mj-section with one column and a row for each text or button. An mj-section is
 * a table in a div in an Outlook-only table, about 1.5 KB before any content: with three sections an item
 * the e-mail came to 30-45 KB. The banner and the footer colour their own rows (inline). An item's accent
 * bar is the left border of its rows, set by a class: a client that drops <style> shows the items without
 * the bar. With collapsed borders a browser moves the column's cells half a border to the right once any
 * row has one, which would leave a white stripe beside the banner and the footer; their rows get a left
 * border in their own colour, so whichever way a client lays the borders out, no stripe shows.
 */
const GAP = 20;
const BAR = ' css-class="tln-bar"';

/** Vertical padding of a row in px; every row has 24px at the sides. */
const padding = (top: number, bottom: number) =>
  top === 4 && bottom === 4 ? '' : ` padding="${top}px 24px ${bottom}px"`;

class Rows {
  readonly rows: string[] = [];
  /** Whether the last row ended an item: what follows starts after the gap between items. */
  private afterItem = false;

  get endsItem(): boolean {
    return this.afterItem;
  }

  text(content: string, attributes = '', top = 4, bottom = 4): void {
    this.rows.push(
      `<mj-text${padding(top + (this.afterItem ? GAP : 0), bottom)}${attributes}>${content}</mj-text>`,
    );
    this.afterItem = false;
  }

  item(rows: string[]): void {
    if (this.afterItem) this.rows.push(`<mj-spacer height="${GAP}px" />`);
    this.rows.push(...rows);
    this.afterItem = true;
  }
}

/** An item's rows, each with the bar, which starts 16px above its text and ends 16px below its last row. */
function itemRows(item: ReminderEmailItem, m: ReminderMessages, slots: Slots, withOwner: boolean): string[] {
  const details: string[] = [];
  if (item.sourceMeeting) details.push(slots.text(m.from(item.sourceMeeting, item.sourceItem)));
  if (item.dueDate) details.push(slots.text(m.due(item.dueDate)));
  if (item.carriedOver > 0)
    details.push(
      `<strong style="color:${colour.warning}">${slots.text(m.carriedOver(item.carriedOver))}</strong>`,
    );
  if (withOwner && item.ownerName) details.push(slots.text(m.owner(item.ownerName)));
  const rows: ((bottom: number) => string)[] = [
    (bottom) => `<mj-text${BAR}${padding(16, bottom)} font-weight="600">${slots.text(item.text)}</mj-text>`,
  ];
  if (details.length)
    rows.push(
      (bottom) =>
        `<mj-text${BAR}${padding(4, bottom)} color="${colour.subtle}" font-size="14px" line-height="20px">${details.join(' · ')}</mj-text>`,
    );
  if (item.links) {
    const { done, progress } = item.links;
    rows.push(
      (bottom) =>
        `<mj-button${BAR}${padding(12, bottom)} href="${slots.text(done)}">${slots.text(m.markDone)}</mj-button>`,
      (bottom) =>
        `<mj-button${BAR}${padding(8, bottom)} href="${slots.text(progress)}">${slots.text(m.reportProgress)}</mj-button>`,
    );
  }
  return rows.map((row, i) => row(i === rows.length - 1 ? 16 : 4));
}

/**
 * A real heading, so a screen reader can list and jump between the e-mail's parts. Its look is spelt out
 * inline in plain values (no `inherit`): Outlook's Word engine otherwise applies its own heading styles.
 */
function h(
  level: 1 | 2,
  text: string,
  look: { size: number; line: number; weight: number; color: string },
): string {
  const style = `margin:0;font-family:${FONT};font-size:${look.size}px;line-height:${look.line}px;font-weight:${look.weight};color:${look.color}`;
  return `<h${level} style="${style}">${text}</h${level}>`;
}

const sectionLook = { size: 18, line: 26, weight: 700, color: colour.text };

const heading = (rows: Rows, text: string) =>
  rows.text(h(2, text, sectionLook), '', rows.endsItem ? 20 : 28, 8);

function banner(rows: Rows, heading: string): void {
  const blue = `${BAR} color="#FFFFFF" container-background-color="${colour.accent}"`;
  rows.text('Tilneste', `${blue} font-size="20px" font-weight="700" line-height="28px"`, 16, 0);
  rows.text(h(1, heading, { size: 15, line: 24, weight: 400, color: '#FFFFFF' }), blue, 0, 16);
}

function meetingBlock(rows: Rows, slots: Slots, title: string, lines: [string, string][]): void {
  rows.text(h(2, slots.text(title), { ...sectionLook, line: 24 }), '', 16);
  lines.forEach(([label, value], i) =>
    rows.text(
      `<strong>${slots.text(label)}:</strong> ${slots.text(value)}`,
      '',
      4,
      i === lines.length - 1 ? 16 : 4,
    ),
  );
}

function footer(
  rows: Rows,
  slots: Slots,
  m: ReminderMessages,
  note: string | null,
  preferencesUrl: string | null,
): void {
  const grey = ` css-class="tln-edge" container-background-color="${colour.page}" font-size="14px" line-height="20px"`;
  const subtle = ` color="${colour.subtle}"`;
  const texts: [string, string][] = [];
  if (note) texts.push([slots.text(note), subtle]);
  if (preferencesUrl)
    texts.push([
      `<a href="${slots.text(preferencesUrl)}" style="color:${colour.accent}">${slots.text(m.preferencesLink)}</a>`,
      '',
    ]);
  texts.push([slots.text(m.footer), subtle]);
  texts.forEach(([text, colouring], i) =>
    rows.text(text, grey + colouring, i === 0 ? 20 : 4, i === texts.length - 1 ? 20 : 4),
  );
}

const document = (lang: string, headPart: string, rows: Rows) =>
  `<mjml lang="${lang}">${headPart}<mj-body background-color="${colour.page}" width="600px"><mj-section><mj-column>
${rows.rows.join('\n')}
</mj-column></mj-section></mj-body></mjml>`;

/** The reminder as HTML that Outlook's Word engine and Gmail both lay out: tables, inline styles, real buttons. */
export function reminderHtml(model: ReminderEmailModel, m: ReminderMessages): Promise<string> {
  const slots = new Slots();
  const hasOwn = model.own.some((s) => s.items.length > 0);
  const count = model.own.reduce((n, s) => n + s.items.length, 0) || model.digest.length;
  const title = slots.text(m.subject(model.meetingTitle, model.when));
  const preview = slots.text(m.preview(count));
  const rows = new Rows();
  banner(rows, slots.text(m.meetingHeading + ': ' + model.meetingTitle));
  rows.text(slots.text(m.greeting(model.recipientName)), '', 20);
  rows.text(slots.text(hasOwn ? m.intro(model.when) : m.introChairOnly(model.when)));
  if (hasOwn) heading(rows, slots.text(m.yourItems));
  for (const section of model.own) {
    if (section.items.length === 0) continue;
    if (section.workingGroup)
      rows.text(
        slots.text(m.throughWorkingGroup(section.workingGroup)),
        ` font-weight="700" color="${colour.subtle}"`,
        12,
        8,
      );
    for (const item of section.items) rows.item(itemRows(item, m, slots, false));
    if (section.statusUrl)
      rows.text(
        `<a href="${slots.text(section.statusUrl)}" style="color:${colour.accent}">${slots.text(m.workingGroupStatus)}</a>`,
      );
  }
  if (model.digest.length > 0) {
    heading(rows, slots.text(m.digestHeading));
    rows.text(slots.text(m.digestIntro), '', 0, 12);
    for (const item of model.digest) rows.item(itemRows({ ...item, links: null }, m, slots, true));
  }
  meetingBlock(rows, slots, model.meetingTitle, [
    [m.time, model.when],
    [m.place, placeOf(model, m)],
  ]);
  footer(rows, slots, m, hasOwn ? m.linksNote : null, model.preferencesUrl);
  return fill(document(m.locale.slice(0, 2), head(title, preview), rows), slots);
}

/** "Fylkeshuset (Digitalt)", "Digitalt" or "ikke oppgitt". */
export const placeOf = (model: Pick<ReminderEmailModel, 'place' | 'online'>, m: ReminderMessages) =>
  model.online && model.place
    ? `${model.place} (${m.online})`
    : (model.place ?? (model.online ? m.online : m.notGiven));

/** A cancellation or a move: the same look, no items. */
export function noticeHtml(
  model: NoticeEmailModel & { subject: string; intro: string; place: string | null },
  m: ReminderMessages,
): Promise<string> {
  const slots = new Slots();
  const title = slots.text(model.subject);
  const preview = slots.text(model.intro);
  const rows = new Rows();
  banner(rows, slots.text(model.subject));
  rows.text(slots.text(m.greeting(model.recipientName)), '', 20);
  rows.text(slots.text(model.intro), ' font-weight="600"', 4, 12);
  if (model.place)
    meetingBlock(rows, slots, model.meetingTitle, [
      [m.time, model.when],
      [m.place, model.place],
    ]);
  footer(rows, slots, m, m.notice.calendarNote, model.preferencesUrl);
  return fill(document(m.locale.slice(0, 2), head(title, preview), rows), slots);
}
