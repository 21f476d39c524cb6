import { readLabel, type LabelLine } from './labels';
import { collapse, stripBullet, type SourceLine, type SourceRange } from './text-normaliser';
import { wordRe } from './word-boundary';

/** A run of text that belongs together: a paragraph, a bullet, or a label with its value. */
export interface Segment {
  text: string;
  source: SourceRange;
  label: LabelLine | null;
  bullet: boolean;
  /** Offsets in `text` where each source line starts, for mapping sentences back to lines. */
  lineStarts: Array<{ offset: number; no: number }>;
}

export interface Sentence {
  text: string;
  source: SourceRange;
  segment: Segment;
}

const ENDS_SENTENCE = /[.!?]["»”)]?$/;
const STARTS_LOWER = /^[\p{Ll}\d(«"“]/u;

/**
 * Groups body lines into segments. A label line or a bullet starts a new segment; a line after a blank joins the
 * previous one only when it continues a sentence (PDF and Word exports put blank lines inside paragraphs).
 */
export function buildSegments(lines: readonly SourceLine[]): Segment[] {
  const segments: Segment[] = [];
  let cur: Segment | null = null;
  let blanks = 0;
  for (const line of lines) {
    if (!line.text) {
      blanks++;
      continue;
    }
    const label = readLabel(line.text);
    const { text, bullet } = stripBullet(line.text);
    const content = collapse(label ? (label.value ? text.slice(text.indexOf(label.value)) : '') : text);
    const prev: string = cur ? cur.text : '';
    const labelAwaitingValue = cur?.label && !cur.label.value && cur.text === '' && blanks <= 2;
    const continues =
      cur !== null &&
      !label &&
      !bullet &&
      (labelAwaitingValue ||
        (blanks === 0 && !(cur.label && ENDS_SENTENCE.test(prev) && !STARTS_LOWER.test(text))) ||
        (blanks <= 1 && !ENDS_SENTENCE.test(prev) && !prev.endsWith(':') && STARTS_LOWER.test(text)));
    if (continues && cur) {
      const sep = cur.text ? ' ' : '';
      cur.lineStarts.push({ offset: cur.text.length + sep.length, no: line.no });
      cur.text += sep + content;
      cur.source.toLine = line.no;
    } else {
      cur = {
        text: content,
        source: { fromLine: line.no, toLine: line.no },
        label,
        bullet,
        lineStarts: [{ offset: 0, no: line.no }],
      };
      segments.push(cur);
    }
    blanks = 0;
  }
  return segments;
}

const lineAt = (seg: Segment, offset: number): number => {
  let no = seg.source.fromLine;
  for (const s of seg.lineStarts) if (s.offset <= offset) no = s.no;
  return no;
};

// Abbreviations whose full stop does not end a sentence.
const ABBREVIATION = wordRe(
  /\b(?:bl\.a|f\.eks|pga|kl|ca|nr|jf|jfr|mht|dvs|evt|ref|ifm|iht|inkl|ekskl|mv|osv|o\.l|m\.m|st|vedr|tlf|e\.g|i\.e|etc|approx|vs|dr|mr|mrs|ms)\.$/i,
);
// An initial ("K. Nordmann") does not end a sentence.
const INITIAL = /(?<![\p{L}])\p{Lu}\.$/u;

/** Splits a segment into sentences, each with its own line range. */
export function splitSentences(seg: Segment): Sentence[] {
  const out: Sentence[] = [];
  const re = /[.!?]["»”)]?\s+(?=[\p{Lu}«"“])/gu;
  let start = 0;
  const push = (end: number) => {
    const raw = seg.text.slice(start, end);
    const text = raw.trim();
    if (text) {
      const lead = raw.length - raw.trimStart().length;
      out.push({
        text,
        source: { fromLine: lineAt(seg, start + lead), toLine: lineAt(seg, start + lead + text.length - 1) },
        segment: seg,
      });
    }
  };
  for (const m of seg.text.matchAll(re)) {
    const end = m.index + m[0].trimEnd().length;
    const tail = seg.text.slice(Math.max(0, end - 8), end);
    if (ABBREVIATION.test(tail) || INITIAL.test(tail)) continue;
    push(end);
    start = end;
  }
  push(seg.text.length);
  return out;
}
