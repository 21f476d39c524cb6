import { readLabel } from './labels';
import { parsePeopleText, parsePersonLine, splitNames } from './people-lines';
import { collapse, stripBullet, trimEndOf, type SourceLine, type SourceRange } from './text-normaliser';
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
const NUMBERED_GROUP = wordRe(/^(?:arbeids)?gruppe\s+(?:\d{1,2}|[A-H])\b\s*(?:[-–—:.]\s*)?(\S.*)$/i);
// "Arbeidsgruppe velferdsteknologi", "Arbeidsgruppen for destinasjonsmodell", "Working group on skills"
const NAMED_GROUP =
  /^(?:arbeidsgruppe(?:\s+(?:for|om|på))?|arbeidsgrupp(?:a|en)\s+(?:for|om|på)|working\s+group(?:\s+(?:on|for))?|task\s+(?:group|force)(?:\s+(?:on|for))?|subgroup(?:\s+(?:on|for))?)(?:\s*[-–—:])?\s+(\S.*)$/i;
const NAME_END = wordRe(
  / (?:har|hadde|held|holder|heldt|vil|skal|er|var|ble|vart|blir|leverte|la|legger|legg|møttes|møtte|has|have|is|will|had|was|met|reported)\b|[,.;:(]| [-–—] (?=ansvarl|leder|lead)/i,
);
const PERSON = String.raw`\p{Lu}[\p{L}'’-]+(?:\s+[\p{L}][\p{L}'’-]+){1,3}`;
const INLINE_LEAD = [
  wordRe(new RegExp(String.raw`\bansvarl(?:ig|eg)(?:\s*(?:er|:))?\s+(${PERSON})`, 'u')),
  wordRe(
    new RegExp(
      String.raw`\bmed\s+(${PERSON})\s+som\s+(?:ansvarlig|ansvarleg|leder|leiar|gruppeleder|gruppeleiar)\b`,
      'u',
    ),
  ),
  wordRe(new RegExp(String.raw`\b(?:ledes av|leiast av|leies av|led by|lead(?:er)?:?)\s+(${PERSON})`, 'u')),
];
// "Kari Nordmann og Per Hansen er med": the names are read backwards from the verb (see namesBefore).
const MEMBERS_AFTER = wordRe(/ (?:er|blir|vert|are) (?:med(?:lem(?:mer|ar)?)?|members)\b/u);
const INLINE_MEMBERS = [
  wordRe(
    new RegExp(
      String.raw`\bmedlem(?:mer|ar)\s*(?:er|:)\s*((?:${PERSON})(?:\s*,\s*${PERSON})*(?:\s+(?:og|and)\s+${PERSON})?)`,
      'u',
    ),
  ),
];

// "… besluttet å nedsette en arbeidsgruppe …", "sette ned ei jubileumskomité", "set up a working group".
const FORMED = wordRe(
  /\b(?:nedsette|nedsetje|nedsatt|sette ned|setje ned|satt ned|oppnevne|oppnevnt|opprette|oppretta|opprettet|etablere|etablert|danne|dannet|form|formed|set up|establish|established)\s+(?:en\s+|ei\s+|et\s+|eit\s+|a\s+|an\s+)?(?:ny\s+|new\s+)?(\p{L}*(?:gruppe|komité|komite|utvalg|utval|committee|task force|working group)\p{L}*)/iu,
);
const PROSE_LEAD = [
  wordRe(
    new RegExp(String.raw`\b(?:ledet av|leia av|leidd av|ledd av|led by|chaired by)\s+(${PERSON})`, 'u'),
  ),
  wordRe(
    new RegExp(
      String.raw`\bmed\s+(${PERSON})\s+som\s+(?:leder|leiar|gruppeleder|gruppeleiar|chair|lead)\b`,
      'u',
    ),
  ),
];
const MEMBERS_LISTED = wordRe(
  /\b(?:bestående av|beståande av|consisting of|with members|med medlemmene)\s/iu,
);
const MEMBERS_ROLE = wordRe(/ som (?:medlemmer|medlemar|members)\b/u);
const GENERIC_GROUP =
  /^(?:arbeidsgruppe|gruppe|komité|komite|utvalg|utval|working group|committee|task force)$/i;

/** Names listed after a phrase, up to the end of its clause ("bestående av A, B og C, ledet av …"). */
function namesAfter(text: string, start: number): string[] {
  const rest = text.slice(start, start + 300);
  const names: string[] = [];
  for (const part of rest.split(/,| (?:og|and|&|med|with) /)) {
    const words = part.trim().split(' ');
    let k = 0;
    while (k < words.length && k < 4 && /^\p{Lu}/u.test(words[k])) k++;
    const name = trimEndOf(words.slice(0, k).join(' '), '.;:');
    if (!PERSON_ONLY.test(name)) break;
    names.push(name);
    if (k < words.length) break;
  }
  return names;
}

/**
 * Working groups formed in running prose: "Det ble besluttet å nedsette en arbeidsgruppe med Anne Moe som leder og
 * Tor Li og Siri Dal som medlemmer", "sette ned en komité bestående av A, B og C, ledet av A", "ei arbeidsgruppe leidd
 * av X med Y og Z". A group without a name of its own is named after the item. The group is answerable for what
 * "arbeidsgruppen"/"komiteen" promises in the rest of the item.
 */
export function findProseGroups(
  body: readonly SourceLine[],
  agendaItem: number | null,
  itemTitle: string,
  taken: readonly WorkingGroupBlock[],
): WorkingGroupBlock[] {
  const lines = body.filter((l) => l.text);
  const out: WorkingGroupBlock[] = [];
  for (const [i, line] of lines.entries()) {
    if (taken.some((b) => line.no >= b.fromLine && line.no <= b.toLine)) continue;
    const text = collapse(line.text);
    const formed = FORMED.exec(text);
    if (!formed) continue;
    const noun = formed[1].toLowerCase();
    const name = GENERIC_GROUP.test(noun)
      ? `${noun.charAt(0).toUpperCase()}${noun.slice(1)} for ${itemTitle.charAt(0).toLowerCase()}${itemTitle.slice(1)}`
      : noun.charAt(0).toUpperCase() + noun.slice(1);
    const after = text.slice(formed.index + formed[0].length);
    let lead: string | null = null;
    for (const re of PROSE_LEAD) {
      const m = re.exec(after);
      if (m) {
        lead = trimName(m[1]);
        break;
      }
    }
    let members: string[] = [];
    const listed = MEMBERS_LISTED.exec(after);
    if (listed) members = namesAfter(after, listed.index + listed[0].length);
    if (!members.length && MEMBERS_ROLE.test(after)) members = namesBefore(after, MEMBERS_ROLE);
    if (!members.length && lead) {
      const withAfterLead = wordRe(new RegExp(String.raw`${escapeRe(lead)}\s+(?:med|with)\s`, 'u')).exec(
        after,
      );
      if (withAfterLead) members = namesAfter(after, withAfterLead.index + withAfterLead[0].length);
    }
    members = [...new Set(members.filter((m) => m !== lead))];
    if (!lead && !members.length) continue;
    const last = lines[lines.length - 1];
    out.push({
      group: {
        name,
        lead,
        members,
        agendaItem,
        leadNote: null,
        source: { fromLine: line.no, toLine: line.no },
      },
      fromLine: line.no,
      toLine: Math.max(last.no, lines[i].no),
    });
  }
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Reads a working-group heading and returns the group's name, or null. */
export function readGroupHeading(text: string): string | null {
  const t = collapse(stripBullet(text).text);
  const m = NUMBERED_GROUP.exec(t) ?? NAMED_GROUP.exec(t);
  if (!m) return null;
  const cut = NAME_END.exec(m[1]);
  const name = collapse(trimEndOf(cut ? m[1].slice(0, cut.index) : m[1], '-–— \t'));
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
      const open = label.value.indexOf('(');
      const close = open >= 0 ? label.value.indexOf(')', open) : -1;
      if (close > open) cur.group.leadNote = collapse(label.value.slice(open + 1, close));
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
    const before = namesBefore(text, MEMBERS_AFTER);
    if (before.length) group.members = before.filter((n) => n !== group.lead);
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

const PERSON_ONLY = new RegExp(`^${PERSON}$`, 'u');
const CAPITALISED = /^\p{Lu}/u;

/**
 * The names listed just before a phrase ("…, Kari Nordmann og Per Hansen er medlemmer"): the text before it is split at
 * commas and "og"/"and", and names are taken from the end while they read as names. Linear in the text.
 */
export function namesBefore(text: string, phrase: RegExp): string[] {
  const m = phrase.exec(collapse(text));
  if (!m) return [];
  const before = collapse(text).slice(Math.max(0, m.index - 300), m.index);
  const parts = before.split(/,| (?:og|and|&) /).map((p) => p.trim());
  const names: string[] = [];
  for (let i = parts.length - 1; i >= 0; i--) {
    const words = parts[i].split(' ');
    let k = words.length;
    while (k > 0 && CAPITALISED.test(words[k - 1]) && words.length - k < 4) k--;
    const name = words.slice(k).join(' ');
    if (!PERSON_ONLY.test(name)) break;
    names.unshift(name);
    if (k > 0) break;
  }
  return names;
}

// Drops lowercase words picked up after a name ("Terje Kvåle som") and trailing punctuation.
function trimName(name: string): string {
  const words = trimEndOf(collapse(name), '.,;:').split(' ');
  while (words.length > 1 && !/^\p{Lu}/u.test(words[words.length - 1])) words.pop();
  return words.join(' ');
}
