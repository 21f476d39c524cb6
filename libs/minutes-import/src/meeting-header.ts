import { findDates, parseTimeRange } from './dates';
import type { LocatedLabel } from './document-layout';
import type { LabelKind } from './labels';
import { collapse, splitTrim, trimEndOf, type SourceLine, type SourceRange } from './text-normaliser';
import { wordRe } from './word-boundary';

export type DocumentKind = 'minutes' | 'notice';

export interface MeetingHeader {
  kind: DocumentKind;
  date: string | null;
  startTime: string | null;
  endTime: string | null;
  location: string | null;
  online: boolean | null;
  /** Where the meeting date was read. */
  dateSource: SourceRange | null;
  /** The date the document itself was written, when given apart from the meeting date. */
  writtenDate: string | null;
}

const MINUTES_TITLE = wordRe(
  /^(?:møte|meeting\s+|the\s+)?(?:referat|protokoll|minutes|notes\s+of|record\s+of)\b/i,
);
const NOTICE_TITLE = wordRe(
  /^(?:møte)?(?:innkalling|innkallelse|notice\s+of|invitation\s+to)\b|^(?:sakskart|saksliste|dagsorden|agenda)\s+(?:for|til|to)\b/i,
);

/** Tells minutes from a notice by the document's own title, then by what it contains, then by the file name. */
export function detectKind(
  headerLines: readonly SourceLine[],
  hints: { present: number; invited: number; fileName?: string },
): DocumentKind {
  for (const l of headerLines) {
    if (MINUTES_TITLE.test(l.text)) return 'minutes';
    if (NOTICE_TITLE.test(l.text)) return 'notice';
  }
  if (hints.present > 0) return 'minutes';
  if (hints.invited > 0) return 'notice';
  if (hints.fileName && /innkalling|notice|sakskart|saksliste/i.test(hints.fileName)) return 'notice';
  return 'minutes';
}

// How much a label says about the meeting date; the written date ("Referatdato") never counts.
const DATE_WEIGHT: Partial<Record<LabelKind, number>> = {
  meetingDate: 4,
  time: 3,
  dateTimePlace: 3,
  date: 2,
};
const TITLE_WITH_DATE = wordRe(
  /\b(?:møte|møtet|meeting|referat|minutes|sakskart|saksliste|innkalling|agenda)\b/i,
);
const HELD_ONLINE = wordRe(
  /\b(?:møtet|meeting)\b.* (?:holdes|ble holdt|avholdes|held|gjennomføres|vart halde|vert halde|blir holdt|took place)\b/i,
);
const PLATFORM = wordRe(/\b(teams|zoom|skype|webex|whereby|google meet)\b/i);
const ONLINE = wordRe(
  /\b(?:teams|zoom|digital|digitalt|video|videomøte|nettmøte|online|skype|webex|whereby|hybrid|fjernmøte)\b|teams-møte/i,
);

/** True when the header says the meeting was held online ("Møtet ble holdt på Teams …"). */
export function statesHeldOnline(headerLines: readonly SourceLine[]): boolean {
  return headerLines.some((l) => HELD_ONLINE.test(l.text) && ONLINE.test(l.text));
}

/** Reads date, times, place and whether the meeting is online from the labels and lines before the agenda. */
export function readMeetingHeader(
  labels: readonly LocatedLabel[],
  headerLines: readonly SourceLine[],
): Omit<MeetingHeader, 'kind'> {
  type Candidate = { iso: string; weight: number; line: SourceLine; text: string };
  const candidates: Candidate[] = [];
  for (const l of labels) {
    const weight = DATE_WEIGHT[l.kind];
    const d = findDates(l.value)[0];
    if (weight && d?.hasYear) candidates.push({ iso: d.iso, weight, line: l.line, text: l.value });
  }
  for (const line of headerLines) {
    const d = findDates(line.text).find((x) => x.hasYear);
    if (d)
      candidates.push({
        iso: d.iso,
        weight: TITLE_WITH_DATE.test(line.text) ? 2.5 : 1,
        line,
        text: line.text,
      });
  }
  candidates.sort((a, b) => b.weight - a.weight || a.line.no - b.line.no);
  const best = candidates[0] ?? null;
  const written = labels.find((l) => l.kind === 'writtenDate');
  const writtenDate = written ? (findDates(written.value)[0]?.iso ?? null) : null;

  let times = best ? parseTimeRange(best.text, best.weight >= 2) : { start: null, end: null };
  if (!times.start) {
    for (const l of labels.filter(
      (x) => x.kind === 'time' || x.kind === 'dateTimePlace' || x.kind === 'meetingDate' || x.kind === 'date',
    )) {
      times = parseTimeRange(l.value, l.kind === 'time' || l.kind === 'dateTimePlace');
      if (times.start) break;
    }
  }

  const place = labels.find((l) => l.kind === 'place');
  const combined = labels.find((l) => l.kind === 'dateTimePlace');
  let location = place
    ? cleanLocation(place.value)
    : combined
      ? locationFromCombined(combined.value)
      : best
        ? locationAfterDate(best.text)
        : null;
  if (location === '') location = null;
  const onlineLine = headerLines.find((l) => HELD_ONLINE.test(l.text) && ONLINE.test(l.text));
  // "Møtet ble holdt på Teams …" with no place given: the platform is where the meeting was.
  const platform = onlineLine ? PLATFORM.exec(onlineLine.text) : null;
  if (!location && platform)
    location = platform[1].charAt(0).toUpperCase() + platform[1].slice(1).toLowerCase();
  const online = location ? ONLINE.test(location) : onlineLine ? true : null;
  return {
    date: best?.iso ?? null,
    startTime: times.start,
    endTime: times.end,
    location,
    online,
    dateSource: best ? { fromLine: best.line.no, toLine: best.line.no } : null,
    writtenDate: writtenDate && writtenDate !== best?.iso ? writtenDate : null,
  };
}

// "Møte 04/11/2025, 13–15, Teams": a place may follow the date and time on the same line.
function locationAfterDate(text: string): string | null {
  const parts = splitTrim(text, ',');
  const at = parts.findIndex((p) => findDates(p).length > 0);
  if (at < 0) return null;
  const rest = parts
    .slice(at + 1)
    .filter((p) => !parseTimeRange(p, true).start && !/^(?:kl\.?|klokka)(?![\p{L}])/iu.test(p));
  return rest.length === 1 && rest[0].length <= 60 ? cleanLocation(rest[0]) : null;
}

function cleanLocation(value: string): string {
  return trimEndOf(collapse(value), '.,;');
}

// "12.03.2025 kl. 10–12, Rådhuset" → "Rådhuset"
function locationFromCombined(value: string): string | null {
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter(
      (p) => !findDates(p).length && !parseTimeRange(p).start && !/^(?:kl\.?|klokka)(?![\p{L}])/iu.test(p),
    );
  return parts.length ? cleanLocation(parts.join(', ')) : null;
}
