import type { DraftAgendaItem } from './draft.schema';
import { collapse, similarity, splitCells, stripBullet, trimEndOf, type SourceLine } from './text-normaliser';
import { wordRe } from './word-boundary';

const MINUTES_TITLE = wordRe(/\b(?:referat|referatet|protokoll|minutes)\b/i);
const APPROVAL_TITLE = wordRe(/\b(?:godkjenning|godkjenne|godkjent|approval|approve)\b/i);

/** A line that reads as an agenda item heading, with the lines its title used. */
export interface AgendaHeading {
  number: number;
  title: string;
  /** Index (in the line array) of the last line the heading used. */
  lastIndex: number;
}

/** The kind of an agenda item, from its title. */
export type AgendaItemCategory = NonNullable<DraftAgendaItem['category']>;

// "Sak 1.", "Sak 01/25", "Item 3:", "Punkt 2 –" with the title after it, or on the next line; a case system's
// "PS 3/25" (political case; RS, OS, DS alike) only with its year, so that a stray "ps 3" is no heading.
const SAK =
  /^(?:sak|saknr\.?|sak\s+nr\.?|item|agenda\s+item|punkt|pkt\.?|(?:ps|rs|os|ds)(?=\s+\d{1,3}\s*\/\s*\d{2,4}))\s*(\d{1,3})(?:\s*\/\s*\d{2,4})?(?:\s*[.:)]|\s+[-–—])?(?:\s+|$|(?=\S))(\S.*)?$/i;
// "1. Title", "1) Title"
const NUMBERED = /^(\d{1,2})\s*[.)]\s+(\S.*)$/;
// "1<TAB>Title" from a flattened agenda table
const TABBED = /^(\d{1,2})\t+([^\t].*)$/;
const SUB_ITEM = /^(?:[a-h]|i{1,3}|iv|v|vi{0,3})\s*[.)]\s/i;
const TITLE_START = /^[\p{Lu}«"“'‘\d]/u;

const cleanTitle = (t: string) => collapse(trimEndOf(t.replace(/\*\*|__/g, '').trimEnd(), ':*'));

function validTitle(title: string): boolean {
  return title.length >= 2 && title.length <= 160 && TITLE_START.test(title) && !/^\d+\s*$/.test(title);
}

/** Reads an agenda heading at `lines[i]`, taking a wrapped title from the next line when it continues in lowercase. */
export function readAgendaHeading(lines: readonly SourceLine[], i: number): AgendaHeading | null {
  const text = stripBullet(lines[i].text).text.replace(/^\*\*|^__/, '');
  let number: number | null = null;
  let title = '';
  let lastIndex = i;
  const sak = SAK.exec(text);
  const numbered = NUMBERED.exec(text) ?? TABBED.exec(lines[i].text);
  if (sak) {
    number = Number(sak[1]);
    title = sak[2] ?? '';
    if (!title.trim()) {
      const next = nextNonEmpty(lines, i);
      if (next === -1) return null;
      title = lines[next].text;
      lastIndex = next;
    }
  } else if (numbered) {
    number = Number(numbered[1]);
    title = numbered[2];
  } else return null;
  // A row of a flattened table ("2  Utarbeide uttalelse  Tone Fjeldstad  02.05.2025") is not a heading.
  if (splitCells(title).length >= 3) return null;
  title = cleanTitle(title);
  if (!validTitle(title)) return null;
  const follow = lines[lastIndex + 1];
  if (
    follow &&
    follow.text &&
    /^\p{Ll}/u.test(follow.text) &&
    !SUB_ITEM.test(follow.text) &&
    !/[.!?:]$/.test(title) &&
    follow.text.length <= 80
  ) {
    title = cleanTitle(`${title} ${follow.text}`);
    lastIndex++;
  }
  return { number, title, lastIndex };
}

function nextNonEmpty(lines: readonly SourceLine[], i: number): number {
  for (let j = i + 1; j < lines.length && j <= i + 3; j++) if (lines[j].text) return j;
  return -1;
}

/** How a heading relates to the items read so far. */
export type HeadingDecision = { action: 'new' } | { action: 'revisit'; index: number } | { action: 'reject' };

/**
 * Keeps agenda numbering sane: a new item continues the sequence (a gap of up to two is tolerated); a heading with the
 * number and title of an earlier item returns to it (an agenda list followed by the minutes of each item); anything
 * else, such as "3." inside a quoted list, is body text.
 */
export function placeHeading(
  items: ReadonlyArray<{ number: number; title: string }>,
  current: number | null,
  h: AgendaHeading,
  revisiting: boolean,
): HeadingDecision {
  if (!items.length) return h.number <= 99 ? { action: 'new' } : { action: 'reject' };
  const existing = items.findIndex((it) => it.number === h.number);
  if (existing >= 0) {
    const old = items[existing].title.toLowerCase();
    const neu = h.title.toLowerCase();
    const same = similarity(old, neu) >= 0.5 || old.includes(neu) || neu.includes(old);
    const nextInRevisit = revisiting && current !== null && h.number === current + 1;
    return same || nextInRevisit ? { action: 'revisit', index: existing } : { action: 'reject' };
  }
  const last = current ?? Math.max(...items.map((it) => it.number));
  const highest = Math.max(...items.map((it) => it.number));
  if (h.number > highest && h.number <= last + 3) return { action: 'new' };
  return { action: 'reject' };
}

const CATEGORIES: Array<[RegExp, AgendaItemCategory]> = [
  [wordRe(/\b(?:referat|protokoll|minutes)\b/i), 'approve-minutes'],
  [wordRe(/\b(?:innkalling|saksliste|sakliste|dagsorden|agenda)\b/i), 'approve-notice'],
  [wordRe(/\brunde(?:n)? rundt bordet\b|\bround[- ]the[- ]table\b|\btour de table\b/i), 'round'],
  [wordRe(/\beventuelt\b|\bany other business\b|\baob\b/i), 'aob'],
  [
    wordRe(/\borientering|\borienteringssak|\binformasjon(?:ssak)?|\bupdates?\b|\binformation\b/i),
    'information',
  ],
  [wordRe(/\barbeidsgrupp|\bworking groups?\b/i), 'working-groups'],
];

/** Classifies an item by its title: approval of notice or minutes, round-the-table, information, AOB or an ordinary matter. */
export function categoriseItem(title: string): AgendaItemCategory {
  const approval = APPROVAL_TITLE.test(title);
  for (const [re, cat] of CATEGORIES) {
    if ((cat === 'approve-minutes' || cat === 'approve-notice') && !approval) continue;
    if (re.test(title)) return cat;
  }
  return 'matter';
}

/** True for an item approving earlier minutes ("Godkjenning av referat fra møtet 19.01.23"). */
export function isMinutesApproval(title: string): boolean {
  return MINUTES_TITLE.test(title) && !/\bfra sekretariatet\b/i.test(title);
}
