import type { SignInMessages } from './sign-in.messages';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

export type SignInPage =
  { kind: 'confirm'; name: string; action: string } | { kind: 'gone' } | { kind: 'invalid' };

/** The sign-in page: a message and, for a live link, one button that POSTs. No script, all data escaped. */
export function renderSignInPage(page: SignInPage, m: SignInMessages): string {
  const body =
    page.kind === 'confirm'
      ? `<p>${escapeHtml(m.confirm(page.name))}</p>\n<form method="post" action="${escapeHtml(page.action)}"><button type="submit">${escapeHtml(m.button)}</button></form>`
      : `<p>${escapeHtml(page.kind === 'gone' ? m.gone : m.invalid)}</p>`;
  return [
    `<!doctype html><html lang="${m.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="robots" content="noindex"><title>${escapeHtml(m.title)}</title></head><body>`,
    `<h1>${escapeHtml(m.title)}</h1>`,
    body,
    '</body></html>',
  ].join('\n');
}
