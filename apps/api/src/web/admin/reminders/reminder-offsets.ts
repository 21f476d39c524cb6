import { parseIsoDuration, type IsoDuration } from '@tilneste/groups';
import type { Messages } from '@tilneste/i18n';

/** One time before the meeting as the reader typed it, and as the policy stores it (ISO 8601). */
export interface TypedOffset {
  typed: string;
  iso: string;
}

/** What the policy field says: the offsets, or the first part that is not a time before the meeting. */
export type ParsedOffsets = { offsets: TypedOffset[]; bad: null } | { offsets: null; bad: string };

/*
 * The words a time before the meeting may be typed with, in bokmål and in English alike (whatever the page's
 * language): a number and a unit, e.g. "7 dager", "1 dag 12 timer", "18 hours", "2 uker", "7d". They are what
 * is read, not what is shown: the page shows offsets in the catalogue's words.
 */
const UNITS: Record<string, keyof IsoDuration | 'weeks'> = {
  u: 'weeks',
  uke: 'weeks',
  uker: 'weeks',
  w: 'weeks',
  week: 'weeks',
  weeks: 'weeks',
  d: 'days',
  dag: 'days',
  dager: 'days',
  døgn: 'days',
  day: 'days',
  days: 'days',
  t: 'hours',
  time: 'hours',
  timer: 'hours',
  h: 'hours',
  hour: 'hours',
  hours: 'hours',
  min: 'minutes',
  minutt: 'minutes',
  minutter: 'minutes',
  minute: 'minutes',
  minutes: 'minutes',
};

/** Entries are parted by commas, semicolons, line breaks or "og"/"and" (as the page lists them). */
const SEPARATOR = /\s*(?:[,;\n]|\s(?:og|and)\s)\s*/i;
/** "før", "før møtet", "before", "before the meeting" after an entry say nothing more. */
const BEFORE = /\s+(?:før(?:\s+møtet)?|before(?:\s+the\s+meeting)?)$/i;
const PAIR = /(\d{1,4})\s*([a-zæøå]+)\s*/giy;

/**
 * The policy field's text as offsets: each entry plain words ("7 dager", "18 hours", "1 dag 12 timer") or ISO
 * 8601 ("P7D", "PT18H"; several ISO durations may also be parted by spaces only, as the field once took them).
 * The first entry that is neither comes back whole, as typed, for the error to quote.
 */
export function parseOffsets(text: string): ParsedOffsets {
  const offsets: TypedOffset[] = [];
  for (const raw of (' ' + text + ' ').split(SEPARATOR)) {
    const typed = raw.trim();
    if (typed === '') continue;
    const isoTokens = typed.split(/\s+/);
    if (isoTokens.every((token) => /^p/i.test(token))) {
      for (const token of isoTokens) {
        const iso = token.toUpperCase();
        if (!parseIsoDuration(iso)) return { offsets: null, bad: typed };
        offsets.push({ typed: token, iso });
      }
      continue;
    }
    const iso = wordsToIso(typed.replace(BEFORE, ''));
    if (iso === null) return { offsets: null, bad: typed };
    offsets.push({ typed, iso });
  }
  return { offsets, bad: null };
}

/** "1 dag 12 timer" → P1DT12H; null unless the whole text is numbers with known units. */
function wordsToIso(text: string): string | null {
  const sum: IsoDuration = { days: 0, hours: 0, minutes: 0, seconds: 0 };
  PAIR.lastIndex = 0;
  let read = 0;
  for (let match = PAIR.exec(text); match; match = PAIR.exec(text)) {
    const unit = UNITS[match[2].toLowerCase()];
    if (!unit) return null;
    const n = Number(match[1]);
    if (unit === 'weeks') sum.days += n * 7;
    else sum[unit] += n;
    read = PAIR.lastIndex;
  }
  if (read === 0 || read !== text.length) return null;
  return isoOf(sum);
}

/** The shortest ISO 8601 spelling of a duration: P1DT12H, PT18H, P0D for none. */
function isoOf({ days, hours, minutes, seconds }: IsoDuration): string {
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  if (!days && !time) return 'P0D';
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

/** P1DT12H → "1 dag 12 timer" in the catalogue's words; anything not a duration as it is. */
export function offsetInWords(iso: string, m: Messages): string {
  const duration = parseIsoDuration(iso);
  if (!duration) return iso;
  const u = m.admin.reminders.units;
  const parts = [
    duration.days ? u.days(duration.days) : '',
    duration.hours ? u.hours(duration.hours) : '',
    duration.minutes ? u.minutes(duration.minutes) : '',
    duration.seconds ? u.seconds(duration.seconds) : '',
  ].filter((part) => part !== '');
  return parts.length ? parts.join(' ') : u.days(0);
}

/** P7D → "7 dager før". */
export const offsetBefore = (iso: string, m: Messages): string =>
  m.admin.reminders.before(offsetInWords(iso, m));

/** Several offsets as one sentence's list: "7 dager før og 1 dag før". */
export function offsetsBefore(offsets: readonly string[], m: Messages): string {
  const words = offsets.map((offset) => offsetBefore(offset, m));
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${m.admin.reminders.and} ${words.at(-1)}`;
}
