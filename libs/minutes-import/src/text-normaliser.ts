import { readLabel } from './labels';
import { wordRe } from './word-boundary';

/** One line of the source document after cleaning; `no` is the 1-based line number in the original text. */
export interface SourceLine {
  no: number;
  /** Cleaned text: trimmed, NBSP and zero-width characters gone, tabs kept as column gaps. */
  text: string;
  /** Leading whitespace width of the original line (tabs count as 4). */
  indent: number;
}

/** A line range in the original text, 1-based and inclusive. */
export interface SourceRange {
  fromLine: number;
  toLine: number;
}

const SPACE_LIKE = /[\u00A0\u2007\u202F\u2000-\u200A\u3000]/g;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// Word exports soft line breaks as vertical tab or U+2028; PDF exports use form feed between pages.
const LINE_BREAKS = /\r\n|\r|\u2028|\u2029|\v|\f/g;
const PAGE_NUMBER = /^(?:side|page|s\.)\s*\d{1,3}\s*(?:av|of|\/)\s*\d{1,3}$|^[-–]\s*\d{1,3}\s*[-–]$/i;

/** Splits raw text into cleaned lines, keeping original line numbers. */
export function splitLines(raw: string): SourceLine[] {
  const text = raw.replace(LINE_BREAKS, '\n').replace(INVISIBLE, '').replace(SPACE_LIKE, ' ');
  return text.split('\n').map((line, i) => {
    const lead = /^[ \t]*/.exec(line)?.[0] ?? '';
    return { no: i + 1, text: cleanLine(line), indent: lead.replace(/\t/g, '    ').length };
  });
}

const MARKDOWN_LINK = /\[([^\]\n]{0,300})\]\([^()\s]{0,1000}\)/g;
const HEADING_MARK = /\s#{1,6}\s/;

function cleanLine(line: string): string {
  let text = line.replace(/\*\*|__/g, '');
  // "[Last ned](…) ## Til stede": an exported page puts a link and the next heading on one line; the heading counts.
  const mark = text.includes('](') ? HEADING_MARK.exec(text) : null;
  if (mark && /\]\([^()\s]*\)\s*$/.test(text.slice(Math.max(0, mark.index - 1000), mark.index)))
    text = text.slice(mark.index + 1);
  text = text.replace(MARKDOWN_LINK, '$1');
  const heading = /^\s*#{1,6}\s+/.exec(text);
  text = (heading ? text.slice(heading[0].length) : text).trimEnd().replace(/^[ \t]+/, '');
  // A Markdown heading that names a list ("## Sekretariat") reads as that label.
  if (heading && !readLabel(text) && readLabel(`${text}:`)) text = `${text}:`;
  return text;
}

/**
 * Removes trailing characters of a set ("Kari Nordmann.;" → "Kari Nordmann"). A loop, not /[.;]+$/, whose unanchored
 * start makes a long run of those characters cost quadratic time.
 */
export function trimEndOf(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1])) end--;
  return s.slice(0, end);
}

/** Removes "(…)" groups without nesting, in one pass ("Kari (digitalt)" → "Kari "). */
export function withoutParentheses(s: string, replacement = ''): string {
  let out = '';
  let open = -1;
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(' && open < 0) open = i;
    else if (s[i] === ')' && open >= 0) {
      out += s.slice(last, open) + replacement;
      last = i + 1;
      open = -1;
    }
  }
  return out + s.slice(last);
}

/** Splits at a separator character and trims each part ("a , b" → ["a", "b"]) in linear time. */
export function splitTrim(s: string, sep: string | RegExp): string[] {
  return s.split(sep).map((p) => p.trim());
}

/** Blanks page numbers ("Side 2 av 3") and the running headers/footers that repeat beside them. */
export function removePageFurniture(lines: SourceLine[]): SourceLine[] {
  const pageIdx = lines.flatMap((l, i) => (PAGE_NUMBER.test(l.text) ? [i] : []));
  if (!pageIdx.length) return lines;
  const counts = new Map<string, number>();
  for (const l of lines) if (l.text) counts.set(collapse(l.text), (counts.get(collapse(l.text)) ?? 0) + 1);
  const nearPage = new Set<string>();
  for (const p of pageIdx) {
    for (let i = Math.max(0, p - 3); i <= Math.min(lines.length - 1, p + 3); i++) {
      const t = collapse(lines[i].text);
      if (t && (counts.get(t) ?? 0) >= 2 && t.length <= 100) nearPage.add(t);
    }
  }
  return lines.map((l) =>
    PAGE_NUMBER.test(l.text) || nearPage.has(collapse(l.text)) ? { ...l, text: '' } : l,
  );
}

const KEEP_HYPHEN_BEFORE = wordRe(/^(?:og|eller|and|or|nor|samt)\b/i);

/** Rejoins words hyphenated across a line break ("sva-" + "kere" → "svakere"), keeping "helse- og" as is. */
export function joinHyphenation(lines: SourceLine[]): SourceLine[] {
  const out = lines.map((l) => ({ ...l }));
  for (let i = 0; i < out.length - 1; i++) {
    const cur = out[i];
    const next = out[i + 1];
    if (
      !cur.text.endsWith('-') ||
      !/\p{Ll}{2}-$/u.test(cur.text.slice(-3)) ||
      !/^\p{Ll}/u.test(next.text) ||
      KEEP_HYPHEN_BEFORE.test(next.text)
    )
      continue;
    const space = next.text.search(/\s/);
    const word = space < 0 ? next.text : next.text.slice(0, space);
    cur.text = cur.text.slice(0, -1) + word;
    next.text = space < 0 ? '' : next.text.slice(space).trimStart();
  }
  return out;
}

/** Full preprocessing: lines, page furniture removed, hyphenation rejoined. */
export function normaliseDocument(raw: string): SourceLine[] {
  return joinHyphenation(removePageFurniture(splitLines(raw)));
}

/** Collapses all whitespace (including column gaps) to single spaces. */
export function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Lowercases, folds dashes and hyphens to spaces and collapses whitespace, for comparisons. */
export function foldForMatch(s: string): string {
  return collapse(
    s
      .normalize('NFC')
      .toLowerCase()
      .replace(/[-–—‒_/]/g, ' ')
      .replace(/[«»"“”'’.,:;!?()]/g, ' '),
  );
}

/** Splits a line into cells at tabs or runs of two or more spaces. */
export function splitCells(text: string): string[] {
  return text
    .split(/\t+| {2,}/)
    .map((c) => c.trim())
    .filter(Boolean);
}

const BULLET = /^(?:[•·▪▫◦●○■□►▶➢➔➜→⇒✓✔*]|->|=>|[-–—](?=\s)|o(?=\s{1,3}\p{Lu}))\s*/u;

/** Removes a leading list bullet ("•", "-", "*", "o") and reports whether there was one. */
export function stripBullet(text: string): { text: string; bullet: boolean } {
  const m = BULLET.exec(text);
  return m ? { text: text.slice(m[0].length).trim(), bullet: true } : { text, bullet: false };
}

/** Token-set Jaccard similarity on folded words. */
export function similarity(a: string, b: string): number {
  const A = new Set(foldForMatch(a).split(' ').filter(Boolean));
  const B = new Set(foldForMatch(b).split(' ').filter(Boolean));
  if (!A.size && !B.size) return 1;
  let inter = 0;
  for (const t of A) if (B.has(t)) inter++;
  return inter / (A.size + B.size - inter);
}
