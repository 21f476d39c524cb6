import { readLabel } from './labels';
import { parsePeopleText, parsePersonLine, splitNames } from './people-lines';
import { collapse, stripBullet, type SourceLine, type SourceRange } from './text-normaliser';
import { wordRe } from './word-boundary';

export interface WorkingGroupDraft {
  name: string;
  lead: string | null;
  members: string[];
  agendaItem: number | null;
  /** Who stood in for the lead at this meeting, as written ("Trond Arne Ingvoldstad deltok i stedet for Harriet"). */
  leadNote: string | null;
  source: SourceRange;
}

/** A working group and the body lines that report on it. */
export interface WorkingGroupBlock {
  group: WorkingGroupDraft;
  fromLine: number;
  toLine: number;
}

// "Gruppe 1 - Internasjonal rekruttering", "Arbeidsgruppe 2: Klima"
const NUMBERED_GROUP = wordRe(/^(?:arbeids)?gruppe\s+(?:\d{1,2}|[A-H])\b\s*[-–—:.]?\s*(.+)$/i);
// "Arbeidsgruppe velferdsteknologi", "Arbeidsgruppen for destinasjonsmodell", "Working group on skills"
const NAMED_GROUP =
  /^(?:arbeidsgruppe(?:\s+(?:for|om|på))?|arbeidsgrupp(?:a|en)\s+(?:for|om|på)|working\s+group(?:\s+(?:on|for))?|task\s+(?:group|force)(?:\s+(?:on|for))?|subgroup(?:\s+(?:on|for))?)\s*[-–—:]?\s+(.+)$/i;
const NAME_END = wordRe(
  /\s+(?:har|hadde|held|holder|heldt|vil|skal|er|var|ble|vart|blir|leverte|la|legger|legg|møttes|møtte|has|have|is|will|had|was|met|reported)\b|[,.;:(]|\s+[-–—]\s+(?=ansvarl|leder|lead)/i,
);
const PERSON = String.raw`\p{Lu}[\p{L}'’-]+(?:\s+[\p{L}][\p{L}'’-]+){1,3}`;
const INLINE_LEAD = [
  wordRe(new RegExp(String.raw`\bansvarl(?:ig|eg)\s*(?:er|:)?\s+(${PERSON})`, 'u')),
  wordRe(
    new RegExp(
      String.raw`\bmed\s+(${PERSON})\s+som\s+(?:ansvarlig|ansvarleg|leder|leiar|gruppeleder|gruppeleiar)\b`,
      'u',
    ),
  ),
  wordRe(new RegExp(String.raw`\b(?:ledes av|leiast av|leies av|led by|lead(?:er)?:?)\s+(${PERSON})`, 'u')),
];
const INLINE_MEMBERS = [
  wordRe(
    new RegExp(
      String.raw`((?:${PERSON})(?:\s*,\s*${PERSON})*(?:\s+(?:og|and)\s+${PERSON})?)\s+(?:er|blir|vert|are)\s+(?:med(?:lem(?:mer|ar)?)?|members)\b`,
      'u',
    ),
  ),
  wordRe(
    new RegExp(
      String.raw`\bmedlem(?:mer|ar)\s*(?:er|:)\s*((?:${PERSON})(?:\s*,\s*${PERSON})*(?:\s+(?:og|and)\s+${PERSON})?)`,
      'u',
    ),
  ),
];

/** Reads a working-group heading and returns the group's name, or null. */
export function readGroupHeading(text: string): string | null {
  const t = stripBullet(text).text;
  const m = NUMBERED_GROUP.exec(t) ?? NAMED_GROUP.exec(t);
  if (!m) return null;
  const cut = NAME_END.exec(m[1]);
  const name = collapse((cut ? m[1].slice(0, cut.index) : m[1]).replace(/[-–—\s]+$/, ''));
  if (name.length < 2 || name.length > 90 || !/^[\p{L}«"]/u.test(name)) return null;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

const personName = (text: string): string | null => parsePersonLine(text)?.name ?? (collapse(text) || null);

/**
 * Finds the working groups reported on in an item's body: a heading ("Gruppe 2 - Sirkulærøkonomi",
 * "Arbeidsgruppe velferdsteknologi"), its lead ("Ansvarlig: …", "ansvarlig er …", "med … som ansvarleg") and members.
 */
export function findWorkingGroups(
  body: readonly SourceLine[],
  agendaItem: number | null,
): WorkingGroupBlock[] {
  const blocks: WorkingGroupBlock[] = [];
  const lines = body.filter((l) => l.text);
  let cur: WorkingGroupBlock | null = null;
  let blockIndent: number | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const name = readGroupHeading(line.text);
    if (name) {
      // The heading's sentence may wrap onto lowercase continuation lines ("…, ansvarlig" / "er Ove Gjesdal").
      let text = line.text;
      let last = line;
      while (lines[i + 1] && /^\p{Ll}/u.test(lines[i + 1].text) && !readLabel(lines[i + 1].text)) {
        text = `${text} ${lines[++i].text}`;
        last = lines[i];
      }
      const group: WorkingGroupDraft = {
        name,
        lead: null,
        members: [],
        agendaItem,
        leadNote: null,
        source: { fromLine: line.no, toLine: last.no },
      };
      applyInline(group, text);
      cur = { group, fromLine: line.no, toLine: last.no };
      blocks.push(cur);
      blockIndent = null;
      continue;
    }
    if (!cur) continue;
    // An indented block ends when the text returns to the margin.
    if (blockIndent === null && line.indent > 0) blockIndent = line.indent;
    if (blockIndent !== null && line.indent === 0 && !stripBullet(line.text).bullet) {
      cur = null;
      continue;
    }
    cur.toLine = line.no;
    const label = readLabel(line.text);
    if (label?.kind === 'owner' && label.value && !cur.group.lead) {
      const lead = parsePersonLine(label.value);
      cur.group.lead = lead?.name ?? personName(label.value);
      const note = /\(([^)]*)\)/.exec(label.value);
      if (note) cur.group.leadNote = collapse(note[1]);
    } else if ((label?.kind === 'members' || label?.kind === 'present') && label.value) {
      cur.group.members.push(...parsePeopleText(label.value).map((p) => p.name));
    } else if (!label) applyInline(cur.group, line.text);
  }
  for (const b of blocks) b.group.source = { fromLine: b.fromLine, toLine: b.toLine };
  return blocks;
}

function applyInline(group: WorkingGroupDraft, text: string): void {
  if (!group.lead) {
    for (const re of INLINE_LEAD) {
      const m = re.exec(text);
      if (m) {
        group.lead = trimName(m[1]);
        break;
      }
    }
  }
  if (!group.members.length) {
    for (const re of INLINE_MEMBERS) {
      const m = re.exec(text);
      if (m) {
        group.members = splitNames(m[1])
          .map(trimName)
          .filter((n) => n !== group.lead);
        break;
      }
    }
  }
}

// Drops lowercase words picked up after a name ("Terje Kvåle som") and trailing punctuation.
function trimName(name: string): string {
  const words = collapse(name)
    .replace(/[.,;:]+$/, '')
    .split(' ');
  while (words.length > 1 && !/^\p{Lu}/u.test(words[words.length - 1])) words.pop();
  return words.join(' ');
}
