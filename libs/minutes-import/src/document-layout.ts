import { placeHeading, readAgendaHeading } from './agenda';
import { readLabel, type LabelKind, type LabelLine } from './labels';
import {
  looksLikeOrganisation,
  parsePeopleText,
  parseTableHeader,
  type ColumnKind,
  type PersonEntry,
} from './people-lines';
import { collapse, splitCells, stripBullet, type SourceLine, type SourceRange } from './text-normaliser';

export type PeopleKind = 'present' | 'invited' | 'absent' | 'secretariat';

/** A person with the line they were read from. */
export type LocatedPerson = PersonEntry & { source: SourceRange };

export interface PeopleSection {
  kind: PeopleKind;
  people: LocatedPerson[];
}

export interface LocatedLabel extends LabelLine {
  line: SourceLine;
}

export interface RawAgendaItem {
  number: number;
  title: string;
  heading: SourceRange;
  body: SourceLine[];
}

export type ActionColumn = 'item' | 'task' | 'owner' | 'due' | 'status' | 'other';

export interface ActionTable {
  columns: ActionColumn[];
  rows: Array<{ cells: string[]; line: SourceLine }>;
  /** The agenda item the table sits in, when it sits inside one. */
  item: number | null;
}

/** The document cut into its parts: header, people lists, agenda items with their bodies, action tables. */
export interface DocumentLayout {
  headerLines: SourceLine[];
  labels: LocatedLabel[];
  people: PeopleSection[];
  items: RawAgendaItem[];
  actionTables: ActionTable[];
}

const PEOPLE_KINDS = new Set<LabelKind>(['present', 'invited', 'absent', 'secretariat']);
// Inside an item body only these labels open an attendee list; "Deltakere:" there usually lists a working group.
const STRONG_PEOPLE_LABELS =
  /^(?:til stede|tilstede|til stades|frammøtte|fremmøtte|invitert|inviterte|innkalt|innkalte|innkalte medlemmer|forfall|meldt forfall|present|apologies|invited|absent)/;
const HEADER_LABELS = new Set<LabelKind>([
  'chair',
  'meetingDate',
  'date',
  'time',
  'dateTimePlace',
  'place',
  'writtenDate',
]);

const ACTION_HEADER_WORDS: Array<[RegExp, ActionColumn]> = [
  [/^(?:sak|saknr\.?|sak nr\.?|item|nr\.?|punkt|#)$/i, 'item'],
  [
    /^(?:tiltak|oppgave|oppgåve|hva|kva|action|actions|task|aktivitet|oppfølgingspunkt|oppfølging|beskrivelse|description)$/i,
    'task',
  ],
  [/^(?:ansvar|ansvarlig|ansvarleg|hvem|kven|responsible|owner|who)$/i, 'owner'],
  [/^(?:frist|tidsfrist|deadline|due|due date|når|når\?|when|innen)$/i, 'due'],
  [/^(?:status|merknad|kommentar|comment|notes?)$/i, 'status'],
];

/** Recognises the header row of an action table ("Sak  Tiltak  Ansvar  Frist"). */
export function parseActionHeader(text: string): ActionColumn[] | null {
  const cells = splitCells(text);
  if (cells.length < 2) return null;
  const kinds = cells.map((c) => ACTION_HEADER_WORDS.find(([re]) => re.test(c))?.[1] ?? null);
  if (kinds.some((k) => k === null)) return null;
  const has = (k: ActionColumn) => kinds.includes(k);
  return has('owner') && (has('task') || has('due')) ? (kinds as ActionColumn[]) : null;
}

type Mode =
  | { kind: 'none' }
  | { kind: 'people'; section: PeopleSection; columns: ColumnKind[] | null }
  | { kind: 'action'; table: ActionTable };

/** Walks the lines once, cutting the document into header, people sections, agenda items and action tables. */
export function layoutDocument(lines: readonly SourceLine[]): DocumentLayout {
  const layout: DocumentLayout = { headerLines: [], labels: [], people: [], items: [], actionTables: [] };
  let mode: Mode = { kind: 'none' };
  let item: RawAgendaItem | null = null;
  let revisiting = false;
  let agendaHeaderAt = -1;

  const addPeople = (section: PeopleSection, entries: PersonEntry[], source: SourceRange) => {
    for (const p of entries) section.people.push({ ...p, source });
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const text = line.text;
    if (!text) {
      if (item && mode.kind === 'none') item.body.push(line);
      continue;
    }

    const actionColumns = parseActionHeader(text);
    if (actionColumns) {
      const table: ActionTable = {
        columns: actionColumns,
        rows: [],
        item: mode.kind === 'action' ? mode.table.item : (item?.number ?? null),
      };
      layout.actionTables.push(table);
      mode = { kind: 'action', table };
      continue;
    }

    const label = readLabel(text);
    // "Sekretariat: Lise Brun" after the agenda names the secretariat without ending the item it follows.
    if (label?.kind === 'secretariat' && label.value && item) {
      const section: PeopleSection = { kind: 'secretariat', people: [] };
      layout.people.push(section);
      addPeople(section, parsePeopleText(label.value), { fromLine: line.no, toLine: line.no });
      continue;
    }
    if (label && PEOPLE_KINDS.has(label.kind) && (!item || STRONG_PEOPLE_LABELS.test(label.label))) {
      const section: PeopleSection = { kind: label.kind as PeopleKind, people: [] };
      layout.people.push(section);
      item = null;
      mode = { kind: 'people', section, columns: null };
      if (label.value) {
        const { value, lastIndex } = inlineValue(lines, i, label.value);
        addPeople(section, parsePeopleText(value), { fromLine: line.no, toLine: lines[lastIndex].no });
        i = lastIndex;
        // A one-line label ("Referent: Kari Nordmann") closes its list; a list spread over lines stays open.
        if (label.kind === 'secretariat' || /[,;]/.test(value)) mode = { kind: 'none' };
      }
      continue;
    }
    if (label?.kind === 'agendaHeader') {
      mode = { kind: 'none' };
      if (agendaHeaderAt < 0) agendaHeaderAt = i;
      continue;
    }
    if (label?.kind === 'actionList' && !label.value) {
      item = null;
      const table: ActionTable = { columns: [], rows: [], item: null };
      mode = { kind: 'action', table };
      continue;
    }

    if (mode.kind === 'people' && (label || startsAgendaItem(lines, i, mode.section)))
      mode = { kind: 'none' };
    if (mode.kind === 'people') {
      const header = parseTableHeader(text);
      if (header) {
        mode.columns = header.length ? header : null;
        continue;
      }
      const entries = parsePeopleText(text, mode.columns);
      if (entries.length) {
        addPeople(mode.section, entries, { fromLine: line.no, toLine: line.no });
        continue;
      }
      // A Word table exported cell by cell: the organisation comes on the line after the name.
      const last = mode.section.people[mode.section.people.length - 1];
      if (
        last &&
        !last.organisation &&
        looksLikeOrganisation(text) &&
        last.source.toLine === previousTextLine(lines, i)
      ) {
        last.organisation = collapse(text);
        last.source = { fromLine: last.source.fromLine, toLine: line.no };
        continue;
      }
      mode = { kind: 'none' };
    }

    if (mode.kind === 'action') {
      const cells = splitCells(text);
      if (mode.table.columns.length && cells.length >= 2) {
        mode.table.rows.push({ cells, line });
        continue;
      }
      mode = { kind: 'none' };
    }

    const heading = readAgendaHeading(lines, i);
    if (heading) {
      const placed = placeHeading(layout.items, item?.number ?? null, heading, revisiting);
      if (placed.action !== 'reject') {
        const source = { fromLine: line.no, toLine: lines[heading.lastIndex].no };
        if (placed.action === 'new') {
          item = { number: heading.number, title: heading.title, heading: source, body: [] };
          layout.items.push(item);
          revisiting = false;
        } else {
          item = layout.items[placed.index];
          revisiting = true;
        }
        i = heading.lastIndex;
        continue;
      }
    }

    if (label && HEADER_LABELS.has(label.kind) && !item) {
      const { value, lastIndex } = inlineValue(lines, i, label.value, true);
      layout.labels.push({ ...label, value, line });
      i = lastIndex;
      continue;
    }

    if (item) item.body.push(line);
    else layout.headerLines.push(line);
  }
  if (!layout.items.length && agendaHeaderAt >= 0) unnumberedItems(lines, agendaHeaderAt, layout);
  for (const it of layout.items) it.body.sort((a, b) => a.no - b.no);
  return layout;
}

/**
 * An agenda whose numbering was lost (Word's automatic numbers do not survive a text export): after "Saksliste",
 * each paragraph opening with a bare title line is an item, numbered in order, and the rest of the paragraph its
 * text. Used only when no numbered item was found, and only for two or more such titles.
 */
function unnumberedItems(lines: readonly SourceLine[], agendaHeaderAt: number, layout: DocumentLayout): void {
  const free = new Set(layout.headerLines.filter((l) => l.no > lines[agendaHeaderAt].no));
  const items: RawAgendaItem[] = [];
  let item: RawAgendaItem | null = null;
  let paragraphStart = true;
  for (let j = agendaHeaderAt + 1; j < lines.length; j++) {
    const line = lines[j];
    if (!line.text) {
      paragraphStart = true;
      continue;
    }
    // A line read as something else (a list of people, a label) ends the agenda.
    if (!free.has(line)) break;
    if (paragraphStart && isBareTitle(line.text)) {
      item = {
        number: items.length + 1,
        title: collapse(line.text),
        heading: { fromLine: line.no, toLine: line.no },
        body: [],
      };
      items.push(item);
    } else if (item) item.body.push(line);
    paragraphStart = false;
  }
  if (items.length < 2) return;
  const used = new Set(items.flatMap((it) => [it.heading.fromLine, ...it.body.map((l) => l.no)]));
  layout.headerLines = layout.headerLines.filter((l) => !used.has(l.no));
  layout.items.push(...items);
}

// "Felles skolerute 2026–2027": short, capitalised, no closing punctuation, no label.
function isBareTitle(text: string): boolean {
  const t = collapse(text);
  return (
    t.length >= 3 &&
    t.length <= 120 &&
    /^\p{Lu}/u.test(t) &&
    !/[.!?:;,]$/.test(t) &&
    t.split(' ').length <= 14 &&
    !readLabel(t)
  );
}

// "Sak 10/26 …" never names a person; a bare "1. …" may number the list's own people, so it ends the list only
// after a blank line, once the list has someone ("Forfall: Øystein Aasen", blank, "1. Godkjenning av innkalling").
const KEYWORD_HEADING =
  /^(?:\*\*|__)?(?:sak|saknr\.?|sak\s+nr\.?|item|agenda\s+item|punkt|pkt\.?|ps|rs|os|ds)\s*\d/i;

/** An agenda heading ends a people list rather than being read as a name or an organisation. */
function startsAgendaItem(lines: readonly SourceLine[], i: number, section: PeopleSection): boolean {
  if (!readAgendaHeading(lines, i)) return false;
  if (KEYWORD_HEADING.test(stripBullet(lines[i].text).text)) return true;
  return section.people.length > 0 && i > 0 && !lines[i - 1].text;
}

function previousTextLine(lines: readonly SourceLine[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if (lines[j].text) return lines[j].no;
  return -1;
}

// A label's value may wrap onto following lines (PDF exports): a list continues until a blank line or another label,
// a single value only onto a line that starts in lowercase.
// A label this parser does not know still ends the list before it: "Kopi: …" after "Til: …".
const ANY_ONE_WORD_LABEL = /^\p{L}+\.?:\s/u;

function inlineValue(
  lines: readonly SourceLine[],
  i: number,
  first: string,
  single = false,
): { value: string; lastIndex: number } {
  let value = first;
  let lastIndex = i;
  const isList = !single && /[;,]/.test(first);
  for (let j = i + 1; j < lines.length && first; j++) {
    const t = lines[j].text;
    if (!t || readLabel(t) || ANY_ONE_WORD_LABEL.test(t) || readAgendaHeading(lines, j)) break;
    if (!isList && !/^\p{Ll}/u.test(t)) break;
    value = `${value} ${t}`;
    lastIndex = j;
  }
  return { value: collapse(value), lastIndex };
}
