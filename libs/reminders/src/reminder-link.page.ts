import { escapeHtml } from './reminder-email.renderer';
import { nb, type ReminderMessages } from './reminder.messages';

export interface LinkPage {
  message: string;
  /** Shown above the message, e.g. "For Kari Nordmann". */
  lead?: string;
  form?: { kind: 'done' | 'progress'; action: string };
}

/** A small page without scripts or outside resources; every piece of data escaped. */
export function renderLinkPage(page: LinkPage, m: ReminderMessages = nb): string {
  const form = !page.form
    ? ''
    : page.form.kind === 'done'
      ? `<form method="post" action="${escapeHtml(page.form.action)}"><button type="submit">${escapeHtml(m.page.doneButton)}</button></form>`
      : `<form method="post" action="${escapeHtml(page.form.action)}"><label for="text">${escapeHtml(m.page.progressLabel)}</label><br><textarea id="text" name="text" rows="5" cols="60" maxlength="5000" required></textarea><br><button type="submit">${escapeHtml(m.page.progressButton)}</button></form>`;
  return [
    `<!doctype html><html lang="${m.locale.slice(0, 2)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="robots" content="noindex"><title>${escapeHtml(m.page.title)}</title></head><body style="font-family: sans-serif; max-width: 40em; margin: 2em auto;">`,
    `<h1>${escapeHtml(m.page.title)}</h1>`,
    page.lead ? `<p>${escapeHtml(page.lead)}</p>` : '',
    `<p>${escapeHtml(page.message)}</p>`,
    form,
    '</body></html>',
  ].join('\n');
}
