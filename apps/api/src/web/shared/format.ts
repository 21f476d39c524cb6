import type { Messages } from '@tilneste/i18n';

const ZONE = 'Europe/Oslo';
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/**
 * The texts already made, by language, style and the value as stored. A page shows the same few thousand dates on
 * every request, and `Intl` formatting was an eighth of the dashboard page's time at 1,000,000 events (bench/README.md,
 * 2026-12-04). The zone is fixed, so a text never goes stale; the map is emptied when full, so it stays small.
 */
const texts = new Map<string, string>();
export const TEXTS_KEPT = 20_000;

function remembered(key: string, make: () => string): string {
  let text = texts.get(key);
  if (text === undefined) {
    if (texts.size >= TEXTS_KEPT) texts.clear();
    texts.set(key, (text = make()));
  }
  return text;
}

/** A date alone ("2025-06-19") or an instant, in the group's zone; anything unreadable is shown as given. */
export function formatWhen(value: string | null, m: Messages, withTime = true): string {
  if (!value) return '';
  return remembered(`${m.locale} ${withTime ? 'when' : 'day'} ${value}`, () =>
    when(value, m.locale, withTime),
  );
}

function when(value: string, locale: string, withTime: boolean): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return formatter(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${value}T12:00:00Z`));
  }
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  return formatter(
    locale,
    withTime
      ? { dateStyle: 'long', timeStyle: 'short', timeZone: ZONE }
      : { dateStyle: 'long', timeZone: ZONE },
  ).format(at);
}

/** A meeting's time: its start, and its end, as the time alone when it ends the day it starts. */
export function formatSpan(startsAt: string, endsAt: string | null, m: Messages): string {
  const start = formatWhen(startsAt, m);
  if (!endsAt) return start;
  const end = new Date(endsAt);
  if (Number.isNaN(end.getTime()) || formatWhen(startsAt, m, false) !== formatWhen(endsAt, m, false))
    return `${start} – ${formatWhen(endsAt, m)}`;
  return `${start} – ${formatter(m.locale, { timeStyle: 'short', timeZone: ZONE }).format(end)}`;
}

/** A short date for table columns and the plot's axis. */
export function formatShortDate(value: string, m: Messages): string {
  return remembered(`${m.locale} short ${value}`, () => {
    const at = new Date(value);
    if (Number.isNaN(at.getTime())) return value;
    return formatter(m.locale, { day: 'numeric', month: 'short', year: '2-digit', timeZone: ZONE }).format(
      at,
    );
  });
}

/** A path segment for a link: ids come from the store, but never reach an href unencoded. */
export const seg = (id: string) => encodeURIComponent(id);
