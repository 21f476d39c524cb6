import type { ReminderPreferences } from '@tilneste/people';
import { escapeHtml, nb, type ReminderMessages } from '@tilneste/reminders';

export interface PreferencesPage {
  personName: string | null;
  preferences: ReminderPreferences | null;
  /** Shown above the form: saved, unsubscribed, or why nothing could be done. */
  notice: string | null;
  action: string;
}

// Designsystemet's accent and focus colours; the page works without script or outside resources.
const STYLE = `body{font-family:Inter,'Segoe UI',Arial,sans-serif;color:#1E2B3C;background:#F1F3F5;margin:0}
main{max-width:36rem;margin:0 auto;padding:1.5rem 1rem;background:#fff;min-height:100vh;box-sizing:border-box}
h1{font-size:1.5rem}fieldset{border:1px solid #D2D7DD;border-radius:6px;margin:0 0 1rem;padding:.75rem 1rem}
legend{font-weight:600;padding:0 .25rem}label{display:block;padding:.35rem 0}
input{width:1.1rem;height:1.1rem;margin-right:.5rem;vertical-align:-2px;accent-color:#0062BA}
button{background:#0062BA;color:#fff;border:0;border-radius:6px;padding:.7rem 1.2rem;font:inherit;font-weight:600;cursor:pointer}
button:focus-visible,input:focus-visible{outline:3px solid #FFDA06;outline-offset:2px}
.notice{background:#E7F1FB;border-left:4px solid #0062BA;padding:.75rem 1rem}`;

/** The page where a person chooses which reminders they get; every piece of data escaped. */
export function renderPreferencesPage(page: PreferencesPage, m: ReminderMessages = nb): string {
  const p = m.preferences;
  const prefs = page.preferences;
  const radio = (value: 'all' | 'last' | 'none', label: string) =>
    `<label><input type="radio" name="reminders" value="${value}"${prefs?.reminders === value ? ' checked' : ''}>${escapeHtml(label)}</label>`;
  const box = (name: 'chairDigest' | 'calendarNotices', label: string) =>
    `<label><input type="checkbox" name="${name}" value="on"${prefs?.[name] ? ' checked' : ''}>${escapeHtml(label)}</label>`;
  const form = prefs
    ? `<form method="post" action="${escapeHtml(page.action)}">
<fieldset><legend>${escapeHtml(p.remindersLegend)}</legend>${radio('all', p.all)}${radio('last', p.last)}${radio('none', p.none)}</fieldset>
<fieldset><legend>${escapeHtml(p.title)}</legend>${box('chairDigest', p.chairDigest)}${box('calendarNotices', p.calendarNotices)}</fieldset>
<button type="submit">${escapeHtml(p.save)}</button>
</form>`
    : '';
  return `<!doctype html><html lang="${m.locale.slice(0, 2)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(p.title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(p.title)}</h1>
${page.notice ? `<p class="notice" role="status">${escapeHtml(page.notice)}</p>` : ''}
${page.personName ? `<p>${escapeHtml(p.intro(page.personName))}</p>` : ''}
${form}
</main></body></html>`;
}
