import { wordRe } from './word-boundary';

const MEETING_WORD = wordRe(/\b(møte|meeting|gong|gang)\b/i);
const NEXT_WORD = wordRe(/\b(neste|nest|next)\b/i);

/** A calendar date found in text. `hasYear` is false when the year was inferred. */
export interface FoundDate {
  iso: string;
  index: number;
  length: number;
  hasYear: boolean;
}

export interface TimeRange {
  start: string | null;
  end: string | null;
}

const MONTHS: Record<string, number> = {
  januar: 1,
  jan: 1,
  january: 1,
  februar: 2,
  feb: 2,
  february: 2,
  mars: 3,
  mar: 3,
  march: 3,
  april: 4,
  apr: 4,
  mai: 5,
  may: 5,
  juni: 6,
  jun: 6,
  june: 6,
  juli: 7,
  jul: 7,
  july: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  oct: 10,
  october: 10,
  november: 11,
  nov: 11,
  desember: 12,
  des: 12,
  dec: 12,
  december: 12,
};
const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

const pad = (n: number) => String(n).padStart(2, '0');

/** Builds YYYY-MM-DD, or null when the parts are not a real date. */
export function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Expands a two-digit year: 23 → 2023, 99 → 1999. */
export function fullYear(y: number): number {
  if (y >= 100) return y;
  return y >= 70 ? 1900 + y : 2000 + y;
}

const addDays = (iso: string, days: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The Sunday that ends ISO week `week` of `year` (a deadline "i løpet av uke 12"). */
export function isoWeekSunday(year: number, week: number): string {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = addDays(jan4.toISOString().slice(0, 10), -((jan4.getUTCDay() + 6) % 7));
  return addDays(mondayOfWeek1, (week - 1) * 7 + 6);
}

/** ISO week number of a date. */
export function isoWeekOf(iso: string): { year: number; week: number } {
  const d = new Date(`${iso}T00:00:00Z`);
  const thursday = new Date(d);
  thursday.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7));
  const year = thursday.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week =
    1 + Math.round(((thursday.getTime() - jan4.getTime()) / 86400000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
  return { year, week };
}

/** Resolves a deadline "uke N" against the meeting date: the meeting's year, or the next one if that week has long passed. */
export function weekDeadline(week: number, meetingDate: string | null): string | null {
  if (week < 1 || week > 53) return null;
  if (!meetingDate) return null;
  const { year, week: meetingWeek } = isoWeekOf(meetingDate);
  return isoWeekSunday(week + 8 < meetingWeek ? year + 1 : year, week);
}

/** Picks a year for a day and month written without one, relative to a reference date. */
export function inferYear(
  month: number,
  day: number,
  ref: string | null,
  prefer: 'past' | 'future' | 'nearest',
): number | null {
  if (!ref) return null;
  const refYear = Number(ref.slice(0, 4));
  const candidates = [refYear - 1, refYear, refYear + 1]
    .map((y) => ({ y, iso: isoDate(y, month, day) }))
    .filter((c): c is { y: number; iso: string } => c.iso !== null);
  const ok = candidates.filter((c) =>
    prefer === 'past' ? c.iso < ref : prefer === 'future' ? c.iso >= ref : true,
  );
  const pool = ok.length ? ok : candidates;
  const dist = (iso: string) => Math.abs(Date.parse(iso) - Date.parse(ref));
  pool.sort((a, b) => dist(a.iso) - dist(b.iso));
  return pool[0]?.y ?? null;
}

export interface FindDatesOptions {
  /** Reference date for dates written without a year. */
  ref?: string | null;
  prefer?: 'past' | 'future' | 'nearest';
}

// "20.03.2025", "22.03.23", "19/01/2023"
const NUMERIC = /(?<![\d.,/])(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?![\d/]|\.\d)/g;
// "2025-03-20"
const ISO = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g;
// "16. januar 2025", "31. august", "14 May 2025", "30. – 31 august 2023" (the first day of a range)
const DAY_MONTH = new RegExp(
  `(?<![\\d.])(\\d{1,2})\\.?\\s*(?:[-–]\\s*\\d{1,2}\\.?\\s*)?(${MONTH_ALT})\\.?(?:,?\\s+(\\d{4}))?(?![\\p{L}])`,
  'giu',
);
// "May 14, 2025", "March 3"
const MONTH_DAY = new RegExp(
  `(?<![\\p{L}])(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?(?![\\d])`,
  'giu',
);

/** Finds every date in a piece of text, in order of position. */
export function findDates(text: string, opts: FindDatesOptions = {}): FoundDate[] {
  const found: FoundDate[] = [];
  const taken: Array<[number, number]> = [];
  const overlaps = (a: number, b: number) => taken.some(([s, e]) => a < e && b > s);
  const push = (iso: string | null, index: number, length: number, hasYear: boolean) => {
    if (!iso || overlaps(index, index + length)) return;
    taken.push([index, index + length]);
    found.push({ iso, index, length, hasYear });
  };
  for (const m of text.matchAll(ISO)) push(isoDate(+m[1], +m[2], +m[3]), m.index, m[0].length, true);
  for (const m of text.matchAll(NUMERIC))
    push(isoDate(fullYear(+m[3]), +m[2], +m[1]), m.index, m[0].length, true);
  const withInferred = (
    month: number,
    day: number,
    year: string | undefined,
    index: number,
    length: number,
  ) => {
    if (year) return push(isoDate(+year, month, day), index, length, true);
    const y = inferYear(month, day, opts.ref ?? null, opts.prefer ?? 'nearest');
    if (y !== null) push(isoDate(y, month, day), index, length, false);
  };
  for (const m of text.matchAll(DAY_MONTH)) {
    const month = MONTHS[m[2].toLowerCase()];
    // "mar", "may", "des" etc. are ordinary words too; the short forms count only with a day before them.
    withInferred(month, +m[1], m[3], m.index, m[0].length);
  }
  for (const m of text.matchAll(MONTH_DAY)) {
    if (m[1].length < 3 || !/^[A-Z]/.test(m[1])) continue;
    withInferred(MONTHS[m[1].toLowerCase()], +m[2], m[3], m.index, m[0].length);
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Removes the dates from a text so that "20.03.2025" is not read as a time. */
export function withoutDates(text: string): string {
  let out = text;
  for (const d of findDates(text, { ref: '2000-01-01' }).reverse())
    out = out.slice(0, d.index) + ' '.repeat(d.length) + out.slice(d.index + d.length);
  return out;
}

const hhmm = (h: string, m: string | undefined): string | null => {
  const hour = Number(h);
  const minute = m === undefined ? 0 : Number(m);
  if (hour > 24 || minute > 59) return null;
  return `${pad(hour)}:${pad(minute)}`;
};

const RANGE =
  /(?<![\d.:])(?:(kl\.?|klokka|klokken|fra|from|at)\s*)?(\d{1,2})(?:[.:](\d{2}))?\s*(?:[-–—]|til|to|until)\s*(?:kl\.?\s*)?(\d{1,2})(?:[.:](\d{2}))?(?![\d.:]*\d)/gi;
const SINGLE =
  /(?<![\d.:])(?:kl\.?|klokka|klokken|at)\s*(\d{1,2})(?:[.:](\d{2}))?(?![\d])|(?<![\d.:])(\d{1,2})[:](\d{2})(?![\d])/i;

/**
 * Reads a time span such as "kl. 09.00 – 11.00", "10:00-12:00" or "kl. 10-12" (dates are ignored). `lenient` also takes
 * a bare "13–15", for text known to give the meeting's time.
 */
export function parseTimeRange(text: string, lenient = false): TimeRange {
  const t = withoutDates(text);
  for (const r of t.matchAll(RANGE)) {
    // Without "kl." both ends need minutes, so that "2025-2028" or "3-4" are not read as times.
    if (!r[1] && !lenient && (r[3] === undefined || r[5] === undefined)) continue;
    if (!r[1] && lenient && r[3] === undefined && Number(r[2]) >= Number(r[4])) continue;
    const start = hhmm(r[2], r[3]);
    const end = hhmm(r[4], r[5]);
    if (start && end) return { start, end };
  }
  const s = SINGLE.exec(t);
  if (s) return { start: s[1] !== undefined ? hhmm(s[1], s[2]) : hhmm(s[3], s[4]), end: null };
  return { start: null, end: null };
}

export type Due = 'next-meeting' | string | null;

const NEXT_MEETING = wordRe(
  /\b(?:til|innen|før|på|ved|fram til|for|by|before|at|until)\s+(?:det\s+)?(?:neste|nest|kommande|kommende|the next)\s+(?:møte|møtet|anledning|gong|gang|meeting)\b|\bneste\s+møte\b|\bnext meeting\b/i,
);
const WEEK = wordRe(
  /\b(?:i løpet av|innen|før|til|by|within|during|in)?\s*(?:utgangen av\s+|end of\s+)?(?:uke|veke|week)\s+(\d{1,2})\b/i,
);
const DEADLINE_PREP = wordRe(
  /\b(?:innen|før|frist|senest|by|before|deadline|due|no later than|within)\b[:\s]*(?:den\s+|utgangen av\s+)?$/i,
);

/**
 * Finds a deadline in a commitment text: "til neste møte" → 'next-meeting', "i løpet av uke 12" → the Sunday of that
 * ISO week in the meeting's year, "innen 7. mars" → that date (after the meeting, or with `nearest` the nearer one, as a
 * notice's deadline for preparation often falls before its meeting). Returns undefined when there is none.
 */
export function findDeadline(
  text: string,
  meetingDate: string | null,
  prefer: 'future' | 'nearest' = 'future',
): Due | undefined {
  const week = WEEK.exec(text);
  if (week) {
    const d = weekDeadline(Number(week[1]), meetingDate);
    if (d) return d;
  }
  for (const d of findDates(text, { ref: meetingDate, prefer })) {
    if (DEADLINE_PREP.test(text.slice(Math.max(0, d.index - 25), d.index))) return d.iso;
  }
  if (NEXT_MEETING.test(text)) return 'next-meeting';
  return undefined;
}

/** Reads a value of a "Frist:" / "Deadline:" cell: a date, a week, or "neste møte". */
export function parseDueValue(text: string, meetingDate: string | null): Due {
  if (NEXT_WORD.test(text) && MEETING_WORD.test(text)) return 'next-meeting';
  const week = WEEK.exec(text);
  if (week) return weekDeadline(Number(week[1]), meetingDate);
  return findDates(text, { ref: meetingDate, prefer: 'future' })[0]?.iso ?? null;
}
