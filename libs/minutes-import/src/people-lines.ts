import {
  DIRECTIONS,
  NAME_PARTICLES,
  ORGANISATION_SUFFIX,
  ORGANISATION_WORDS,
  PLACES,
} from './organisation-words';
import {
  collapse,
  foldForMatch,
  splitCells,
  stripBullet,
  trimEndOf,
  withoutParentheses,
} from './text-normaliser';
import { wordRe } from './word-boundary';

const SUBSTITUTE_NOTE = wordRe(
  /\b(?:i stedet for|istedenfor|vara for|deltok for|substitute|on behalf of)\b/i,
);
const TIME_NOTE = wordRe(/\b(?:kl|fra|til|from|until|left|arrived|gikk|kom|deler av|part of)\b/i);

/** A person as written on an attendee, invitee or secretariat line. */
export interface PersonEntry {
  name: string;
  organisation: string | null;
  remote: boolean;
  chair: boolean;
  secretariat: boolean;
  /** Whom this person attended instead of ("vara for …", "deltok i stedet for …"). */
  substituteFor: string | null;
  notes: string[];
}

/** What a column of an attendee table holds. */
export type ColumnKind = 'first' | 'last' | 'name' | 'org' | 'role' | 'attendance' | 'substitute' | 'other';

type Marker = 'remote' | 'chair' | 'secretariat' | 'role' | 'note' | 'substitute' | 'org';

const REMOTE =
  /^(?:deltok\s+|deltar\s+|møtte\s+|attended\s+|joined\s+)?(?:digitalt|digital|digitalt\s+oppmøte|via\s+teams|på\s+teams|teams|via\s+zoom|zoom|video|videolink|på\s+video|online|remote|remotely|på\s+nett|nett|fjernmøte|skype|webex|by\s+video)$/i;
const CHAIR =
  /^(?:møteleder|møteleiar|leder|leiar|styreleder|styreleiar|utvalgsleder|rådsleder|forumsleder|nettverksleder|chair|chairperson|chairman|chairwoman|ordstyrer|faggruppeleder|faggruppeleiar|leder\s+av\s+faggruppen)$/i;
const SECRETARIAT =
  /^(?:sekretær|sekretariat|sekretariatet|sekretariatsleder|referent|secretary|secretariat|minutes|minute\s+taker|note\s+taker)$/i;
const OTHER_ROLE =
  /^(?:medlem|member|observatør|observer|nestleder|nestleiar|vice\s+chair|gjest|guest|innleder|foredragsholder|speaker|fysisk|fysisk\s+oppmøte|til\s+stede|tilstede|present|in\s+person|vara|varamedlem|deltaker|deltakar|ja|nei|x)$/i;
const SUBSTITUTE =
  /^(?:vara\s+for|varamedlem\s+for|vararepresentant\s+for|møtte\s+for|deltok\s+for|i\s+stedet\s+for|istedenfor|deltok\s+i\s+stedet\s+for|substitute\s+for|substituting\s+for|on\s+behalf\s+of|for)\s+(\S.*)$/i;

function classifyMarker(inner: string): { kind: Marker; value?: string }[] {
  const parts = inner
    .split(/[,;]| og | and /)
    .map((p) => p.trim())
    .filter(Boolean);
  const one = (p: string): { kind: Marker; value?: string } | null => {
    if (REMOTE.test(p)) return { kind: 'remote' };
    if (CHAIR.test(p)) return { kind: 'chair' };
    if (SECRETARIAT.test(p)) return { kind: 'secretariat' };
    if (OTHER_ROLE.test(p)) return { kind: 'role' };
    const sub = SUBSTITUTE.exec(p);
    if (sub && isNameLike(sub[1])) return { kind: 'substitute', value: sub[1].trim() };
    if (/\d/.test(p) || TIME_NOTE.test(p)) return { kind: 'note', value: p };
    return null;
  };
  const kinds = parts.map(one);
  if (parts.length && kinds.every(Boolean)) return kinds as { kind: Marker; value?: string }[];
  // "(Chair, Sørfjord Municipality)": roles beside the organisation.
  const rest = parts.filter((_, i) => !kinds[i] || kinds[i]?.kind === 'note');
  if (rest.length === 1 && kinds.some((k) => k && k.kind !== 'note')) {
    return [
      ...kinds.filter((k): k is { kind: Marker; value?: string } => k !== null && k.kind !== 'note'),
      { kind: 'org', value: rest[0] },
    ];
  }
  if (SUBSTITUTE_NOTE.test(inner)) return [{ kind: 'note', value: inner.trim() }];
  return [{ kind: 'org', value: inner.trim() }];
}

const isCap = (w: string) => /^\p{Lu}/u.test(w);
const lower = (w: string) => trimEndOf(w.toLowerCase(), ',;:.').replace(/-$/, '');

/** True when a line names an organisation rather than a person ("Sørfjord kommune", "Digitaliseringsnettverket Vest"). */
export function looksLikeOrganisation(text: string): boolean {
  const words = collapse(text).split(' ');
  return words.length <= 8 && words.some((w) => isOrganisationToken(w)) && !isNameLike(text);
}

/** True for a token that on its own signals an organisation or a place. */
export function isOrganisationToken(word: string): boolean {
  const w = lower(word);
  if (!w) return false;
  return (
    ORGANISATION_WORDS.has(w) ||
    ORGANISATION_SUFFIX.test(w) ||
    PLACES.has(w) ||
    DIRECTIONS.has(w) ||
    w.includes('/') ||
    /^[A-ZÆØÅ]{2,5}$/.test(trimEndOf(word, ',;:.-'))
  );
}

const STOP_WORDS = new Set([
  'og',
  'i',
  'for',
  'på',
  'fra',
  'frå',
  'til',
  'med',
  'om',
  'av',
  'er',
  'var',
  'the',
  'of',
  'and',
  'in',
  'at',
  'to',
  'saker',
  'sak',
  'referat',
  'innkalling',
  'navn',
  'namn',
  'name',
  'organisasjon',
  'kommune',
  'dato',
  'tid',
  'sted',
  'møte',
  'møtet',
  'vedtak',
  'eventuelt',
  'agenda',
  'saksliste',
  'godkjent',
  'ingen',
  'alle',
]);

/**
 * True when a string reads as a personal name: 2–5 capitalised words, at most one lowercase word inside. Markup is
 * ignored for the test (the name itself keeps it; escaping is the renderer's job).
 */
export function isNameLike(text: string): boolean {
  const words = collapse(
    text.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ').replace(/<[^<>]*>/g, ' '),
  )
    .split(' ')
    .filter(Boolean);
  if (words.length < 2 || words.length > 5) return false;
  const first = words[0].toLowerCase();
  if (PLACES.has(first) || DIRECTIONS.has(first)) return false;
  let lowercase = 0;
  for (const [i, w] of words.entries()) {
    if (!/^[\p{L}][\p{L}'’.-]*$/u.test(w)) return false;
    const l = w.toLowerCase();
    if (STOP_WORDS.has(l) || ORGANISATION_WORDS.has(l) || ORGANISATION_SUFFIX.test(l)) return false;
    if (isCap(w)) continue;
    if (NAME_PARTICLES.has(l) && i > 0) continue;
    lowercase++;
    if (i === 0 || i === words.length - 1 || lowercase > 1) return false;
  }
  return true;
}

// The place where an organisation begins in a line that runs "Name Surname Organisation" together, or -1.
function organisationStart(words: string[]): number {
  for (let s = 2; s < words.length && s <= 4; s++) {
    const next = words[s + 1];
    if (isOrganisationToken(words[s]) || (next !== undefined && ORGANISATION_WORDS.has(lower(next))))
      return s;
  }
  return -1;
}

/** Splits "Name Surname Organisation" written without a separator, using organisation and place vocabulary. */
export function splitRunTogether(text: string): { name: string; organisation: string | null } {
  const words = collapse(text).split(' ');
  const s = organisationStart(words);
  if (s > 0) return { name: words.slice(0, s).join(' '), organisation: words.slice(s).join(' ') };
  if (words.length <= 3) return { name: words.join(' '), organisation: null };
  return { name: words.slice(0, 2).join(' '), organisation: words.slice(2).join(' ') };
}

const DASH_SEPARATOR = / [-–—] ?|[-–—] /;

// Splits a single cell into name and organisation at a comma or a spaced dash, or by vocabulary.
function splitNameAndOrganisation(text: string): { name: string; organisation: string | null } {
  const comma = splitTopLevel(text, ',');
  if (comma.length > 1 && isNameLike(comma[0]))
    return { name: comma[0], organisation: comma.slice(1).join(', ') || null };
  const dash = DASH_SEPARATOR.exec(text);
  if (dash) {
    const left = collapse(text.slice(0, dash.index));
    const right = collapse(text.slice(dash.index + dash[0].length));
    const leftWords = left.split(' ');
    // "Anne Feltman Asker - Bærum": the dash joins two places, the organisation begins before it.
    const joinsPlaces =
      leftWords.length >= 3 &&
      isOrganisationToken(leftWords[leftWords.length - 1]) &&
      isOrganisationToken(right.split(' ')[0]);
    if (!joinsPlaces && isNameLike(left)) return { name: left, organisation: right || null };
  }
  return splitRunTogether(text);
}

/** Splits at a separator that is not inside parentheses. */
export function splitTopLevel(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === sep && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out.filter(Boolean);
}

const HEADER_WORDS: Array<[RegExp, ColumnKind]> = [
  [/^(?:fornavn|fornamn|first\s*name|given\s*name)$/i, 'first'],
  [/^(?:etternavn|etternamn|last\s*name|surname|family\s*name)$/i, 'last'],
  [/^(?:navn|namn|name|deltaker|deltakar|medlem|person)$/i, 'name'],
  [
    /^(?:organisasjon|organisation|organization|kommune|kommune\s*\/\s*region|region|virksomhet|verksemd|representerer|arbeidsgiver|org\.?|etat|institusjon|affiliation)$/i,
    'org',
  ],
  [/^(?:rolle|role|funksjon|stilling|verv|title|tittel)$/i, 'role'],
  [
    /^(?:møtte\s+for|møtte\s+i\s+stedet\s+for|vara\s+for|i\s+stedet\s+for|substitute\s+for|on\s+behalf\s+of)$/i,
    'substitute',
  ],
  [/^(?:oppmøte|deltakelse|deltaking|digitalt|fysisk|attendance|til\s*stede|møtt|frammøte)$/i, 'attendance'],
  [/^(?:merknad|merknader|kommentar|notes?|e-?post|epost|e-mail|email|telefon|tlf\.?|mobil)$/i, 'other'],
];

/**
 * Recognises a table header such as "Navn\tOrganisasjon\tRolle" or "Fornavn   Etternavn   Organisasjon".
 * Returns the column kinds, `[]` for a header whose columns cannot be told apart ("NAVN KOMMUNE / REGION"), or null.
 */
export function parseTableHeader(text: string): ColumnKind[] | null {
  const cells = splitCells(text);
  const kindOf = (c: string) => HEADER_WORDS.find(([re]) => re.test(c.trim()))?.[1];
  if (cells.length >= 2 && cells.every((c) => kindOf(c))) return cells.map((c) => kindOf(c) as ColumnKind);
  const words = collapse(text).split(/[\s/]/).filter(Boolean);
  // A lone "Navn" or "Organisasjon" is a header cell that a Word table export put on its own line.
  const lone = words.length === 1 && collapse(text).length === words[0].length;
  if (
    words.length >= 1 &&
    words.length <= 6 &&
    words.every((w) => kindOf(w)) &&
    (lone || words.some((w) => kindOf(w) === 'name' || kindOf(w) === 'first'))
  ) {
    return [];
  }
  return null;
}

function emptyEntry(name: string, organisation: string | null): PersonEntry {
  return {
    name: collapse(name),
    organisation: organisation ? collapse(organisation) : null,
    remote: false,
    chair: false,
    secretariat: false,
    substituteFor: null,
    notes: [],
  };
}

function applyMarker(entry: PersonEntry, m: { kind: Marker; value?: string }): void {
  if (m.kind === 'remote') entry.remote = true;
  else if (m.kind === 'chair') entry.chair = true;
  else if (m.kind === 'secretariat') entry.secretariat = true;
  else if (m.kind === 'substitute') entry.substituteFor = m.value ?? null;
  else if (m.kind === 'note' && m.value) entry.notes.push(m.value);
}

// "Leder Gunnar Vestre, …", "Medlem Sara Lindqvist …": a role written before the name.
const LEADING_ROLE =
  /^(møteleder|møteleiar|leder|leiar|nestleder|nestleiar|medlem|varamedlem|vara|observatør|sekretær|referent|chair|vice chair|member|observer|secretary)\s+/i;
// The last cell of a line, after a dash, a comma or a gap; found by scanning backwards (see trailingMarker).
const MARKER_BREAK = /[,\t–—()-]/;
const ENUMERATOR = /^\d{1,3}[.)]\s+/;
const isSpace = (c: string) => c === ' ' || c === '\t';

/**
 * The last cell of a line and where its separator starts: after the last comma, tab or spaced dash, else after the
 * first gap following the last parenthesis or unspaced dash. One backward scan (a regex for this backtracks quadratically).
 */
function trailingMarker(text: string): { index: number; cell: string } | null {
  let b = text.length - 1;
  while (b >= 0 && !MARKER_BREAK.test(text[b])) b--;
  if (b >= 0) {
    const ch = text[b];
    if (ch === ',' || ch === '\t' || ('-–—'.includes(ch) && b > 0 && isSpace(text[b - 1]))) {
      let start = b;
      while (start > 0 && isSpace(text[start - 1])) start--;
      const cell = text.slice(b + 1);
      return cell.trim() ? { index: start, cell } : null;
    }
  }
  for (let i = b + 1; i < text.length; i++) {
    if (!isSpace(text[i])) continue;
    let j = i;
    while (j < text.length && isSpace(text[j])) j++;
    return j < text.length ? { index: i, cell: text.slice(j) } : null;
  }
  return null;
}

/**
 * Parses one attendee line: "Name - Organisation", "Name, Organisation (digitalt)", "Name (Organisation)",
 * "Name Surname Organisation", table cells, or cells matched to a known header. Returns null when the line is not a person.
 */
export function parsePersonLine(line: string, columns?: ColumnKind[] | null): PersonEntry | null {
  const entry = parseMaskedLine(maskTagParentheses(line), columns);
  if (entry) {
    entry.name = unmask(entry.name);
    entry.organisation = entry.organisation && unmask(entry.organisation);
  }
  return entry;
}

// Parentheses inside markup ("<img onerror=alert(1)>", "<script>f()</script>") are not notes; they are hidden while the line is split.
const maskTagParentheses = (s: string) =>
  s.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>|<[^<>]*>/gi, (tag) =>
    tag.replace(/\(/g, '\uE000').replace(/\)/g, '\uE001'),
  );
const unmask = (s: string) => s.replace(/\uE000/g, '(').replace(/\uE001/g, ')');

function parseMaskedLine(line: string, columns?: ColumnKind[] | null): PersonEntry | null {
  let text = stripBullet(line).text.replace(ENUMERATOR, '').trim();
  text = trimEndOf(text, ';,.').trim();
  if (!text || text.length > 160) return null;
  const markers: { kind: Marker; value?: string }[] = [];
  const role = LEADING_ROLE.exec(text);
  if (role && /^\p{Lu}/u.test(text.slice(role[0].length))) {
    markers.push(...classifyMarker(role[1]).filter((m) => m.kind !== 'org'));
    text = text.slice(role[0].length);
  }
  let parenOrganisation: string | null = null;
  text = text
    .replace(/\(([^()]*)\)/g, (_m, inner: string) => {
      for (const m of classifyMarker(inner)) {
        if (m.kind === 'org') parenOrganisation ??= m.value ?? null;
        else markers.push(m);
      }
      return '\t';
    })
    .trim();
  for (let guard = 0; guard < 3; guard++) {
    const m = trailingMarker(text);
    if (!m) break;
    const kinds = classifyMarker(m.cell.trim());
    if (kinds.some((k) => k.kind === 'org' || k.kind === 'note')) break;
    markers.push(...kinds);
    text = text.slice(0, m.index).trim();
  }
  const cells = splitCells(text)
    .map((c) => trimEndOf(c.replace(/^[-–—]\s*/, ''), '-–—').trim())
    .filter(Boolean);
  if (!cells.length) return null;
  const entry =
    columns?.length && cells.length === columns.length
      ? fromColumns(cells, columns, markers)
      : fromCells(cells, markers);
  if (!entry || !isNameLike(entry.name)) return null;
  if (parenOrganisation && !entry.organisation) entry.organisation = collapse(parenOrganisation);
  for (const m of markers) applyMarker(entry, m);
  return entry;
}

function fromColumns(
  cells: string[],
  columns: ColumnKind[],
  markers: { kind: Marker; value?: string }[],
): PersonEntry | null {
  const pick = (k: ColumnKind) => cells.filter((_, i) => columns[i] === k).join(' ');
  const name = pick('name') || [pick('first'), pick('last')].filter(Boolean).join(' ');
  const entry = emptyEntry(name, pick('org') || null);
  for (const [i, kind] of columns.entries()) {
    if (kind === 'role' || kind === 'attendance')
      markers.push(...classifyMarker(cells[i]).filter((m) => m.kind !== 'org'));
    else if (kind === 'substitute' && cells[i])
      markers.push({ kind: 'substitute', value: collapse(cells[i]) });
  }
  return entry;
}

function fromCells(cells: string[], markers: { kind: Marker; value?: string }[]): PersonEntry | null {
  const rest = [...cells];
  let name = rest.shift() as string;
  // "Fornavn   Etternavn   Organisasjon" without its header: two one-word cells make the name.
  if (
    !name.includes(' ') &&
    rest.length >= 2 &&
    !rest[0].includes(' ') &&
    isNameLike(`${name} ${rest[0]}`) &&
    !isOrganisationToken(rest[0])
  ) {
    name = `${name} ${rest.shift()}`;
  }
  let organisation: string | null = null;
  for (const cell of rest) {
    const kinds = classifyMarker(cell);
    if (kinds.every((k) => k.kind !== 'org')) markers.push(...kinds);
    else if (!organisation) organisation = cell;
  }
  if (organisation) return emptyEntry(name, organisation);
  const split = splitNameAndOrganisation(name);
  return emptyEntry(split.name, split.organisation);
}

/**
 * Parses a run of people: one per line, or a list separated by ";" or "," and "og"/"and"
 * ("Øyvind Såtvedt, Mari Strømsvåg og Thelma Bay Bang"). Returns [] when it is not a list of people.
 */
export function parsePeopleText(text: string, columns?: ColumnKind[] | null): PersonEntry[] {
  const t = text.trim();
  if (!t) return [];
  if (splitTopLevel(t, ';').length > 1) {
    const parts = splitTopLevel(t, ';').map((p) => parsePersonLine(p));
    return parts.filter((p): p is PersonEntry => p !== null);
  }
  const parts = splitTopLevel(t, ',').flatMap((p) => splitOnAnd(p));
  if (parts.length > 1) {
    const people = parts.map((p) => parsePersonLine(p));
    if (people.every((p) => p !== null && (p.organisation === null || /\(/.test(t))))
      return people as PersonEntry[];
  }
  const one = parsePersonLine(t, columns);
  if (one) return [one];
  // "daglig leder Mona Kristiansen": a title in lower case before the name.
  const words = t.split(' ');
  const first = words.findIndex((w) => /^\p{Lu}/u.test(w));
  if (first > 0 && first <= 3) {
    const tail = parsePersonLine(words.slice(first).join(' '), columns);
    if (tail) return [tail];
  }
  return [];
}

function splitOnAnd(part: string): string[] {
  const pieces = collapse(part).split(/ (?:og|and|&) /);
  return pieces.length > 1 && pieces.every((p) => isNameLike(withoutParentheses(p))) ? pieces : [part];
}

/** Splits an owner phrase "Kari Nilsen og Silje Haugen" into names. */
export function splitNames(text: string): string[] {
  return collapse(text)
    .split(/,| (?:og|and|&) /)
    .map((s) => collapse(s))
    .filter(Boolean);
}

/** A comparison key for personal names: folded case and dashes, "Haakon" equal to "Håkon". */
export const nameKey = (s: string) => foldForMatch(s).replace(/aa/g, 'å');

/**
 * Resolves a mention ("Hanne Mai", "Eli Bryhni", "Kari") to the full name of a known person when exactly one matches;
 * otherwise returns the mention as written.
 */
export function resolvePersonName(mention: string, roster: readonly string[]): string {
  const m = nameKey(mention);
  if (!m) return mention;
  const exact = roster.find((r) => nameKey(r) === m);
  if (exact) return exact;
  const mw = m.split(' ');
  const matches = [...new Set(roster)].filter((r) => {
    const rw = nameKey(r).split(' ');
    let i = 0;
    for (const w of rw) if (i < mw.length && w === mw[i]) i++;
    return i === mw.length && rw[0] === mw[0];
  });
  const distinct = [...new Set(matches.map(nameKey))];
  return distinct.length === 1 ? matches[0] : collapse(mention);
}
