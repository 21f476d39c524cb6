import { findDates, findDeadline as findDeadlineAfter, parseDueValue, type Due } from './dates';
import type { ActionColumn, ActionTable } from './document-layout';
import type { DraftCommitment } from './draft.schema';
import { readLabel, type LabelKind } from './labels';
import { splitSentences, type Segment, type Sentence } from './paragraphs';
import { isNameLike, looksLikeOrganisation, resolvePersonName, splitNames } from './people-lines';
import { collapse, foldForMatch, similarity, trimEndOf, type SourceRange } from './text-normaliser';
import { wordRe } from './word-boundary';
import type { WorkingGroupBlock } from './working-groups';

export type OwnerKind = NonNullable<DraftCommitment['ownerKind']>;

export interface CommitmentDraft {
  owner: string | null;
  ownerKind: OwnerKind;
  text: string;
  due: Due;
  /** The working group whose lead owns this, when it was made in a group's report. */
  workingGroup: string | null;
  source: SourceRange;
  /** The sentence or line as written, beside the reader's wording in `text`. */
  sourceText?: string;
}

export interface CommitmentContext {
  kind: 'minutes' | 'notice';
  meetingDate: string | null;
  /** Full names of everyone known from the document, for resolving "Hanne Mai" to "Hanne-Mai Eriksen". */
  roster: readonly string[];
  chair: string | null;
  groups: readonly WorkingGroupBlock[];
}

export const SECRETARIAT_OWNER = 'Sekretariatet';

// A notice asks for work before its meeting as well as after it: "innen 20. januar" in a notice for 27 January is
// that January, not the next one. Minutes look ahead.
const findDeadline = (text: string, meetingDate: string | null, kind: CommitmentContext['kind']) =>
  findDeadlineAfter(text, meetingDate, kind === 'notice' ? 'nearest' : 'future');

// Present-tense and modal verbs that make "<someone> <verb> …" a promise of work (bokmål, nynorsk, English).
const ACTION_VERBS = [
  'følger opp',
  'følgjer opp',
  'følger med på',
  'deler',
  'sender ut',
  'sender',
  'sendar',
  'lager',
  'lagar',
  'utarbeider',
  'utarbeidar',
  'sjekker',
  'sjekkar',
  'undersøker',
  'undersøkjer',
  'kontakter',
  'kontaktar',
  'tar kontakt',
  'tek kontakt',
  'kaller inn',
  'kallar inn',
  'innkaller',
  'bearbeider',
  'sørger for',
  'syter for',
  'ordner',
  'ordnar',
  'oppdaterer',
  'distribuerer',
  'sammenstiller',
  'samanstiller',
  'koordinerer',
  'inviterer',
  'skriver',
  'melder tilbake',
  'gir tilbakemelding',
  'kommer tilbake',
  'kommer med',
  'kjem med',
  'går videre med',
  'går vidare med',
  'tar ansvar for',
  'tek ansvar for',
  'har ansvar for',
  'påtar seg',
  'legger fram',
  'legg fram',
  'forbereder',
  'førebur',
  'avklarer',
  'avklarar',
  'henter inn',
  'hentar inn',
  'innhenter',
  'setter opp',
  'set opp',
  'booker',
  'bestiller',
  'formidler',
  'videresender',
  'purrer',
  'publiserer',
  'tar med',
  'tek med',
  'ser på',
  'ser gjennom',
  'går gjennom',
  'leser',
  'les gjennom',
  'ser nærmere på',
  'ser nærare på',
  'vurderer',
  'utreder',
  'greier ut',
  'lyser ut',
  'arrangerer',
  'planlegger',
  'tar initiativ',
  'sikrer',
  'leverer',
  'rapporterer',
  'presenterer',
  'sirkulerer',
  'tar sikte på',
  'tek sikte på',
  'tar saken opp med',
  'tar dette opp med',
  'tar det opp med',
  'tek saka opp med',
  'tar saken videre',
  'tar dette videre',
  'orienterer på neste',
  'skal',
  'vil',
  'to',
  'will',
  'agreed to',
  'undertook to',
  'is to',
  'are to',
  'to follow up',
];
const VERB_ALT = ACTION_VERBS.map((v) => v.replace(/ /g, '\\s+')).join('|');
const CAP_WORD = String.raw`\p{Lu}[\p{L}'’-]*`;
const NAME = String.raw`${CAP_WORD}(?:\s+${CAP_WORD}){0,3}`;
const COLLECTIVE = String.raw`[Ss]ekretariatet|[Aa]dministrasjonen|[Ss]ekretæren|[Ss]ekretær|[Mm]øteleder(?:en)?|[Mm]øteleiar(?:en)?|[Ll]ederen|[Ll]eiaren|[Aa]rbeidsgrupp(?:a|en)|[Gg]rupp(?:a|en)|[Pp]rogramkomiteen|[Kk]omit[eé]en|[Uu]tvalget|[Tt]he\s+committee|[Ss]tyringsgrupp(?:a|en)|[Pp]rosjektgrupp(?:a|en)|[Tt]he\s+secretariat|[Tt]he\s+chair|[Tt]he\s+working\s+group`;
const SUBJECT = wordRe(
  new RegExp(
    String.raw`^(?:(?:derfor|så|også|videre|deretter|then)\s+)?((?:${COLLECTIVE})|${NAME}(?:\s*(?:,|og|and|&)\s*${NAME})*)(?:\s+v\/\s*${NAME})?\s+(?:derfor\s+|også\s+|nå\s+|så\s+|videre\s+)?(${VERB_ALT})\b`,
    'u',
  ),
);
// "X skal/vil" needs a working verb after it: "Osloregionen skal delta" or "vil være" is not a task.
const WEAK_AUX = /^(?:skal|vil|will)$/i;
const NOT_WORK_AFTER_AUX = wordRe(/^(?:være|vere|bli|verte|ha|ikke|ikkje|gjerne|nok|be|have|not)\b/i);

// Work asked of the members: "Medlemmene bes lese …". A notice also asks in softer words ("innspill ønskes").
const REQUEST = wordRe(
  /\b(?:bes|bedes|vert\s+bedne?\s+om|blir\s+bedt\s+om|members\s+are\s+(?:asked|requested)\s+to)\b/i,
);
const NOTICE_REQUEST = wordRe(
  /\b(?:ønskes|ønsker\s+vi\s+at\s+dere|vi\s+ber\s+(?:om|dere|medlemmene)|ber\s+(?:medlemmene|dere|alle)|ønsker\s+(?:seg\s+)?innspill|oppfordres\s+til|som\s+forberedelse|members\s+are\s+invited\s+to|please\s+(?:read|prepare|send|bring|review))\b/i,
);
// "Vi må ha et snarlig møte i programkomiteen" — the committee named owes the meeting.
const BODY_MEETING = wordRe(
  /\b(?:må|skal)\s+(?:ha|holde|kalle\s+inn\s+til)\s+(?:et|eit)\s+(?:\p{L}+\s+)?møte\s+i\s+(\p{L}+(?:komiteen|gruppa|gruppen|utvalget|rådet))/iu,
);
const GROUP_FUTURE = wordRe(
  /\b(?:vil|skal|tek\s+sikte\s+på|tar\s+sikte\s+på)\s+(?!være\b|vere\b|bli\b|ikke\b|ikkje\b)\p{L}+/iu,
);
const GROUP_SUBJECT = wordRe(
  /^(?:gruppa|gruppen|arbeidsgruppa|arbeidsgruppen|vi|de|dei|gruppe\s+\d+|the\s+group|we)\b/i,
);
const COMMITMENT_LABELS = new Set<LabelKind>(['commitment', 'nextMeeting', 'nextStep', 'preparation']);

const groupAt = (ctx: CommitmentContext, line: number) =>
  ctx.groups.find((b) => line >= b.fromLine && line <= b.toLine)?.group ?? null;

interface Owner {
  owner: string | null;
  kind: OwnerKind;
}

// Turns a subject phrase into owners: the secretariat, the chair, a working group's lead, a committee or people.
function resolveOwners(subject: string, ctx: CommitmentContext, line: number): Owner[] | null {
  const s = collapse(subject);
  if (/^(?:sekretariatet|sekretæren|sekretær|the secretariat)$/i.test(s))
    return [{ owner: SECRETARIAT_OWNER, kind: 'secretariat' }];
  if (/^administrasjonen$/i.test(s)) return [{ owner: 'Administrasjonen', kind: 'secretariat' }];
  if (/^(?:møteleder(?:en)?|møteleiar(?:en)?|lederen|leiaren|the chair)$/i.test(s))
    return [{ owner: ctx.chair, kind: ctx.chair ? 'person' : 'unassigned' }];
  if (
    /^(?:arbeidsgrupp(?:a|en)|grupp(?:a|en)|the working group|komit[eé]en|utvalget|the committee)$/i.test(s)
  ) {
    const g = groupAt(ctx, line);
    if (g) return [{ owner: g.lead, kind: g.lead ? 'person' : 'unassigned' }];
    if (!/komit|utval|committee/i.test(s)) return null;
  }
  if (/(?:komiteen|gruppa|gruppen|utvalget)$/i.test(s))
    return [{ owner: s.charAt(0).toUpperCase() + s.slice(1), kind: 'body' }];
  const owners: Owner[] = [];
  for (const n of splitNames(s)) {
    const full = resolvePersonName(n, ctx.roster);
    const known = ctx.roster.some((r) => foldForMatch(r) === foldForMatch(full));
    if (!known && !isNameLike(full)) return null;
    owners.push({ owner: full, kind: 'person' });
  }
  return owners.length ? owners : null;
}

/** Reads "<owner> <action verb> …" at the start of a sentence; returns the owners, or null when it is no promise. */
export function readSubjectCommitment(
  sentence: string,
  ctx: CommitmentContext,
  line: number,
): Owner[] | null {
  const m = SUBJECT.exec(sentence);
  if (!m) return null;
  const verb = m[2].toLowerCase();
  if (WEAK_AUX.test(verb) && NOT_WORK_AFTER_AUX.test(sentence.slice(m.index + m[0].length).trim()))
    return null;
  if (verb === 'to' && !/^\p{Lu}/u.test(m[1])) return null;
  return resolveOwners(m[1], ctx, line);
}

function ownerFromLabelValue(value: string, ctx: CommitmentContext, line: number): Owner[] {
  const v = trimEndOf(collapse(value), '.;');
  if (/^(?:sekretariat|sekretariatet|sekretær|sekretæren|secretariat|the secretariat)$/i.test(v))
    return [{ owner: SECRETARIAT_OWNER, kind: 'secretariat' }];
  return resolveOwners(v, ctx, line) ?? [{ owner: v || null, kind: v ? 'person' : 'unassigned' }];
}

/** Finds commitments in an item's segments: labelled actions, "<person> <verb> …" promises, requests to members. */
export function findCommitments(segments: readonly Segment[], ctx: CommitmentContext): CommitmentDraft[] {
  const out: CommitmentDraft[] = [];
  const requests: CommitmentDraft[] = [];
  const make = (
    owners: Owner[],
    text: string,
    due: Due,
    source: SourceRange,
    line: number,
    asWritten = text,
  ) => {
    const g = groupAt(ctx, line);
    for (const o of owners)
      out.push({
        owner: o.owner,
        ownerKind: o.kind,
        text: readerText(text),
        due,
        workingGroup: g?.name ?? null,
        source,
        sourceText: collapse(asWritten),
      });
  };
  const consumed = labelBlocks(segments, ctx, make);

  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const kind = seg.label?.kind;
    if (consumed.has(i) || kind === 'decision' || kind === 'proposal') continue;
    if (!kind) {
      // A bullet may pair an owner and a task with a dash, a colon or an arrow; a line that is no bullet only with an arrow.
      const pair = ownerTaskPair(seg.text, ctx, seg.source.fromLine, seg.bullet);
      if (pair) {
        make(
          pair.owners,
          pair.task,
          findDeadline(pair.task, ctx.meetingDate, ctx.kind) ?? null,
          seg.source,
          seg.source.fromLine,
          seg.text,
        );
        continue;
      }
    }
    if (kind && COMMITMENT_LABELS.has(kind)) {
      if (!seg.text) continue;
      const line = seg.source.fromLine;
      let owners: Owner[] | null = null;
      let due: Due | undefined;
      let source = seg.source;
      // "Tiltak: …" followed by "Ansvar: …" and "Frist: …" lines.
      for (let j = i + 1; j < segments.length && j <= i + 2; j++) {
        const next = segments[j];
        if (next.label?.kind === 'owner')
          owners = ownerFromLabelValue(next.label.value || next.text, ctx, line);
        else if (next.label?.kind === 'deadline')
          due = parseDueValue(next.label.value || next.text, ctx.meetingDate);
        else break;
        source = { fromLine: source.fromLine, toLine: next.source.toLine };
        i = j;
      }
      owners ??= readSubjectCommitment(seg.text, ctx, line) ?? inlineOwner(seg.text, ctx, line);
      const g = groupAt(ctx, line);
      owners ??= g
        ? [{ owner: g.lead, kind: g.lead ? 'person' : 'unassigned' }]
        : [{ owner: null, kind: 'unassigned' }];
      due ??= findDeadline(seg.text, ctx.meetingDate, ctx.kind);
      // "Tiltak: …" with nobody to do it and no deadline is a measure in a plan, not a promise.
      if (
        PLAN_MEASURE.test(seg.label?.label ?? '') &&
        owners.every((o) => o.owner === null) &&
        due === undefined
      )
        continue;
      if (due === undefined && kind === 'nextMeeting') due = 'next-meeting';
      if (due === undefined && kind === 'preparation') due = ctx.meetingDate;
      const draft = { text: seg.text, due: due ?? null, source };
      if (kind === 'preparation' && owners.every((o) => o.owner === null)) {
        requests.push({ owner: null, ownerKind: 'unassigned', ...draft, workingGroup: null });
      } else make(owners, draft.text, draft.due, draft.source, line);
      continue;
    }
    if (kind && kind !== 'discussed') continue;
    let previous: CommitmentDraft[] = [];
    for (const s of splitSentences(seg)) {
      const found = sentenceCommitment(s, ctx);
      if (found === 'request') {
        const due =
          findDeadline(s.text, ctx.meetingDate, ctx.kind) ?? (ctx.kind === 'notice' ? ctx.meetingDate : null);
        requests.push({
          owner: null,
          ownerKind: 'unassigned',
          text: requestText(s.text),
          sourceText: collapse(s.text),
          due: due === 'next-meeting' && ctx.kind === 'notice' ? ctx.meetingDate : due,
          workingGroup: null,
          source: s.source,
        });
        previous = [];
      } else if (found) {
        const before = out.length;
        make(
          found,
          s.text,
          findDeadline(s.text, ctx.meetingDate, ctx.kind) ?? null,
          s.source,
          s.source.fromLine,
        );
        previous = out.slice(before);
      } else if (previous.length) {
        // "Sekretariatet bearbeider notatet. Det tas sikte på å sende det … i løpet av uke 12." — the deadline belongs to the promise.
        const due = findDeadline(s.text, ctx.meetingDate, ctx.kind);
        if (due !== undefined) {
          for (const p of previous) {
            p.text = `${p.text} ${s.text}`;
            p.sourceText = `${p.sourceText ?? ''} ${s.text}`.trim();
            if (p.due === null) p.due = due;
            p.source = { fromLine: p.source.fromLine, toLine: s.source.toLine };
          }
        }
        previous = [];
      }
    }
  }
  const merged = mergeRequests(requests);
  return merged ? [...out, merged] : out;
}

// One item's requests to members ("bes lese …", "ta med innspill …") are one piece of preparation.
function mergeRequests(requests: CommitmentDraft[]): CommitmentDraft | null {
  if (!requests.length) return null;
  const dated = requests.find((r) => r.due !== null && r.due !== 'next-meeting') ?? requests[0];
  return {
    ...requests[0],
    text: requests.map((r) => r.text).join('. '),
    sourceText: requests.map((r) => r.sourceText ?? r.text).join(' '),
    due: dated.due,
    source: {
      fromLine: Math.min(...requests.map((r) => r.source.fromLine)),
      toLine: Math.max(...requests.map((r) => r.source.toLine)),
    },
  };
}

// "Oppsummert: sekretariatet sender planen …": a short lead-in with a colon, then the promise.
function afterLead(text: string, ctx: CommitmentContext, line: number): Owner[] | null {
  const colon = text.indexOf(': ');
  if (colon < 2 || colon > 30 || !/^[\p{L} ]+$/u.test(text.slice(0, colon))) return null;
  return readSubjectCommitment(text.slice(colon + 2), ctx, line);
}

function sentenceCommitment(s: Sentence, ctx: CommitmentContext): Owner[] | 'request' | null {
  const text = s.text;
  if (/\?\s*$/.test(text)) return null;
  const subject =
    readSubjectCommitment(text, ctx, s.source.fromLine) ?? afterLead(text, ctx, s.source.fromLine);
  if (subject) return subject;
  if (REQUEST.test(text) || (ctx.kind === 'notice' && NOTICE_REQUEST.test(text))) return 'request';
  // "Forberedelse: …" inside a paragraph, or work given to every member alike ("Hver kommune tar med …").
  if (readLabel(text)?.kind === 'preparation' || everyMember(text)) return 'request';
  const body = BODY_MEETING.exec(text);
  if (body) return [{ owner: body[1].charAt(0).toUpperCase() + body[1].slice(1), kind: 'body' }];
  const g = groupAt(ctx, s.source.fromLine);
  const isHeading = g && s.source.fromLine === g.source.fromLine;
  if (g && (GROUP_SUBJECT.test(text) || isHeading) && GROUP_FUTURE.test(text))
    return [{ owner: g.lead, kind: g.lead ? 'person' : 'unassigned' }];
  return null;
}

const PLAN_MEASURE = /^(?:tiltak|measure|measures)$/;

// "Hver kommune tar med …", "Alle medlemmene sender …", "Each member brings …": asked of every member, owned by none.
const EVERY_MEMBER = wordRe(
  new RegExp(String.raw`^(?:hver|hvert|kvar|kvart|alle|each|every|all)\s+\p{L}+\s+(${VERB_ALT})\b`, 'iu'),
);

function everyMember(text: string): RegExpExecArray | null {
  const m = EVERY_MEMBER.exec(text);
  if (!m) return null;
  const aux = WEAK_AUX.test(m[1]) || m[1].toLowerCase() === 'to';
  return aux && NOT_WORK_AFTER_AUX.test(text.slice(m[0].length).trim()) ? null : m;
}

const ASKED_OF_MEMBERS = wordRe(
  /^(?:vi\s+ber\s+(?:medlemmene|dere|alle)|(?:medlemmene|alle|dere)\s+(?:bes|bedes))\s+(?:om\s+)?(?:å\s+)?/iu,
);

/** The work a request asks for, as a reader writes it: "Vi ber medlemmene sende innspill innen 20. januar" → "Sende innspill". */
export function requestText(sentence: string): string {
  const label = readLabel(sentence);
  let t = collapse(label?.kind === 'preparation' && label.value ? label.value : sentence);
  const every = everyMember(t);
  if (every) return readerText(t.slice(every.index + every[0].length - every[1].length), true);
  const asked = ASKED_OF_MEMBERS.exec(t);
  if (asked) t = t.slice(asked[0].length);
  return readerText(t);
}

/**
 * A run of labelled lines that names who is responsible: "Vedtak: … ber sekretariatet utarbeide et forslag" /
 * "Ansvar: Sekretariatet" / "Frist: 15.10.2025", in any order, with "Oppgave:" or the decision as the task. Returns the
 * segments it used, so that they are not read again.
 */
function labelBlocks(
  segments: readonly Segment[],
  ctx: CommitmentContext,
  make: (owners: Owner[], text: string, due: Due, source: SourceRange, line: number) => void,
): Set<number> {
  const used = new Set<number>();
  const inBlock = (s: Segment | undefined) =>
    !!s?.label && ['decision', 'commitment', 'owner', 'deadline'].includes(s.label.kind);
  for (let i = 0; i < segments.length; i++) {
    if (segments[i].label?.kind !== 'owner') continue;
    let from = i;
    while (from > 0 && inBlock(segments[from - 1]) && i - from < 3) from--;
    let to = i;
    while (to + 1 < segments.length && inBlock(segments[to + 1]) && to - i < 3) to++;
    const block = segments.slice(from, to + 1);
    const task = block.find((s) => s.label?.kind === 'commitment' && s.text);
    const decision = block.find((s) => s.label?.kind === 'decision' && s.text);
    // A commitment label before "Ansvar:" is read by the ordinary path; this handles the rest.
    if (task && segments.indexOf(task) < i) continue;
    const text = task?.text ?? (decision ? askedTask(decision.text) : '');
    if (!text) continue;
    const ownerSeg = segments[i];
    const line = ownerSeg.source.fromLine;
    const owners = ownerFromLabelValue(ownerSeg.label!.value || ownerSeg.text, ctx, line);
    const deadline = block.find((s) => s.label?.kind === 'deadline');
    const due = deadline
      ? parseDueValue(deadline.label!.value || deadline.text, ctx.meetingDate)
      : (findDeadline(text, ctx.meetingDate, ctx.kind) ?? null);
    make(
      owners,
      text,
      due,
      { fromLine: block[0].source.fromLine, toLine: block[block.length - 1].source.toLine },
      line,
    );
    for (let k = from; k <= to; k++) if (segments[k].label?.kind !== 'decision') used.add(k);
  }
  return used;
}

// "… og ber sekretariatet utarbeide et forslag" → "utarbeide et forslag"; otherwise the decision as written.
function askedTask(decision: string): string {
  const m = ASKS.exec(decision);
  return m ? decision.slice(m.index + m[0].length) : decision;
}
const ASKS = wordRe(
  /\bber\s+(?:sekretariatet|administrasjonen|\p{Lu}\p{L}+(?: \p{Lu}\p{L}+){0,2})\s+(?:om\s+å\s+|å\s+)?/u,
);

const DASHES = [' – ', ' — ', ' - ', ': '];
const ARROWS = [' → ', ' -> ', ' ⇒ ', ' => ', ' ➔ ', ' ➜ '];

// The first of the separators in a line, or null (indexOf, so linear in the line).
function firstSeparator(text: string, separators: readonly string[]): { at: number; width: number } | null {
  let found: { at: number; width: number } | null = null;
  for (const sep of separators) {
    const at = text.indexOf(sep);
    if (at > 0 && (!found || at < found.at)) found = { at, width: sep.length };
  }
  return found;
}

/**
 * An owner and a task in one list line: "Morten Aas – oppsummering av erfaringene til neste møte", "Eva Kvarberg:
 * lage utkast …", "Kari Holm → sende referatet", or the task first, "Oppdatere nettsiden -> Kari Holm". The owner must
 * be known from the document or read as a name; a right side that names an organisation is an attendee, not a task.
 * Dashes and colons count only in a bullet; an arrow also in a line of its own.
 */
export function ownerTaskPair(
  text: string,
  ctx: CommitmentContext,
  line: number,
  bullet: boolean,
): { owners: Owner[]; task: string } | null {
  const arrow = firstSeparator(text, ARROWS);
  const dash = bullet ? firstSeparator(text, DASHES) : null;
  const sep = arrow && (!dash || arrow.at < dash.at) ? arrow : dash;
  if (!sep || sep.at > 200) return null;
  const left = text.slice(0, sep.at).trim();
  const right = text.slice(sep.at + sep.width).trim();
  const forward = sep.at <= 60 ? ownerThenTask(left, right, ctx, line) : null;
  if (forward || sep !== arrow) return forward;
  // "task → owner": the owner stands alone on the right, the task on the left is no name.
  const owners = namedOwners(trimEndOf(right, '.;'), ctx, line);
  if (!owners || right.length > 60 || left.split(' ').length < 2 || resolveOwners(left, ctx, line))
    return null;
  return { owners, task: left };
}

function namedOwners(who: string, ctx: CommitmentContext, line: number): Owner[] | null {
  const owners = resolveOwners(who, ctx, line);
  return owners?.every((o) => o.owner) ? owners : null;
}

function ownerThenTask(
  who: string,
  task: string,
  ctx: CommitmentContext,
  line: number,
): { owners: Owner[]; task: string } | null {
  if (task.split(' ').length < 2 || looksLikeOrganisation(task) || !/^\p{Ll}|^[A-ZÆØÅ]\p{Ll}+e\b/u.test(task))
    return null;
  const owners = namedOwners(who, ctx, line);
  if (!owners) return null;
  // "Kari Holm → sender referatet": with its subject back, the verb is put in the infinitive like any promise.
  const asSentence = `${who} ${task}`;
  return { owners, task: SUBJECT.test(asSentence) ? asSentence : task };
}

const NORWEGIAN_IRREGULAR: Record<string, string> = {
  tar: 'ta',
  tek: 'ta',
  går: 'gå',
  gir: 'gi',
  ser: 'se',
  har: 'ha',
  gjør: 'gjøre',
  legg: 'leggje',
  set: 'setje',
  kjem: 'komme',
  får: 'få',
  blir: 'bli',
};
const AUXILIARY = wordRe(/^(?:skal|vil|må|will|shall|to|agreed\s+to|undertook\s+to|is\s+to|are\s+to)\s+/i);

/**
 * The task as a reader writes it: without the owner and the deadline, the verb in the infinitive, capitalised
 * ("Sekretariatet skriver utkast til søknad innen 14. februar" → "Skrive utkast til søknad").
 */
export function readerText(sentence: string, startsWithVerb = false): string {
  let t = collapse(sentence);
  const subject = startsWithVerb ? null : SUBJECT.exec(t);
  if (subject) t = t.slice(subject.index + subject[0].length - subject[2].length);
  t = t.replace(AUXILIARY, '');
  t = withoutDuePhrase(t);
  const space = t.indexOf(' ');
  const verb = (space < 0 ? t : t.slice(0, space)).toLowerCase();
  const rest = space < 0 ? '' : t.slice(space);
  let inf = NORWEGIAN_IRREGULAR[verb];
  if (!inf && (subject || startsWithVerb)) {
    if (/\p{L}{2}er$/u.test(verb)) inf = verb.slice(0, -1);
    else if (/\p{L}{2}ar$/u.test(verb)) inf = `${verb.slice(0, -2)}e`;
    else if (/^[a-z]{3,}s$/.test(verb) && !verb.endsWith('ss'))
      inf = verb.endsWith('es') && /(?:sh|ch|x|ss)es$/.test(verb) ? verb.slice(0, -2) : verb.slice(0, -1);
  }
  const out = trimEndOf(((inf ?? verb) + rest).trim(), '.;,:');
  return out ? out.charAt(0).toUpperCase() + out.slice(1) : collapse(sentence);
}

// Cuts "til neste møte", "innen 1. mars", "i løpet av uke 38", "by 1 October 2025" out of a task.
function withoutDuePhrase(text: string): string {
  let t = text;
  const next = DUE_NEXT.exec(t);
  if (next) t = t.slice(0, next.index) + t.slice(next.index + next[0].length);
  const week = DUE_WEEK.exec(t);
  if (week) t = t.slice(0, week.index) + t.slice(week.index + week[0].length);
  for (const d of findDates(t, { ref: '2000-01-01' }).reverse()) {
    const before = t.slice(Math.max(0, d.index - 20), d.index);
    const prep = DUE_PREP.exec(before);
    if (prep) t = t.slice(0, d.index - before.length + prep.index) + t.slice(d.index + d.length);
  }
  return collapse(t);
}
const DUE_NEXT = wordRe(
  / (?:til|innen|før|by|before|for|until) (?:det |the )?(?:neste|next) (?:møte|møtet|meeting|gong|gang)\b/i,
);
const DUE_WEEK = wordRe(/ (?:i løpet av|innen|før|by|in|during) (?:uke|veke|week) \d{1,2}\b/i);
const DUE_PREP = wordRe(/ (?:innen|før|by|before|til|senest|no later than)(?: den)? ?$/i);

const INLINE_OWNER = wordRe(/\b(?:ansvar|ansvarlig|ansvarleg|responsible|owner)\s*:\s*([^,;)]+)/i);

// "(ansvar: Kari Nordmann)" or "ansvarlig: Kari Nordmann" inside the text of an action.
function inlineOwner(text: string, ctx: CommitmentContext, line: number): Owner[] | null {
  const m = INLINE_OWNER.exec(text);
  return m ? ownerFromLabelValue(m[1], ctx, line) : null;
}

/** Reads the rows of an action table ("Sak | Tiltak | Ansvar | Frist") as commitments, keyed by agenda item. */
export function commitmentsFromTable(
  table: ActionTable,
  ctx: CommitmentContext,
): Array<{ item: number | null; commitment: CommitmentDraft }> {
  const out: Array<{ item: number | null; commitment: CommitmentDraft }> = [];
  for (const row of table.rows) {
    const cell = (k: ActionColumn) => {
      const idx = table.columns.indexOf(k);
      return idx >= 0 && idx < row.cells.length ? row.cells[idx] : '';
    };
    const text =
      cell('task') ||
      row.cells.find(
        (_, i) => table.columns[i] !== 'item' && table.columns[i] !== 'owner' && table.columns[i] !== 'due',
      ) ||
      '';
    if (!text) continue;
    const itemNo = Number.parseInt(cell('item'), 10);
    const ownerText = cell('owner');
    const owner = ownerText
      ? ownerFromLabelValue(ownerText, ctx, row.line.no)[0]
      : { owner: null, kind: 'unassigned' as OwnerKind };
    out.push({
      item: Number.isFinite(itemNo) ? itemNo : table.item,
      commitment: {
        owner: owner.owner,
        ownerKind: owner.kind,
        text: collapse(text),
        due: cell('due') ? parseDueValue(cell('due'), ctx.meetingDate) : null,
        workingGroup: null,
        source: { fromLine: row.line.no, toLine: row.line.no },
      },
    });
  }
  return out;
}

/** Drops a commitment that repeats an earlier one (the same owner and much the same text), keeping the first. */
export function dedupeCommitments(list: readonly CommitmentDraft[]): CommitmentDraft[] {
  const out: CommitmentDraft[] = [];
  for (const c of list) {
    const twin = out.find(
      (o) =>
        foldForMatch(o.owner ?? '') === foldForMatch(c.owner ?? '') &&
        (similarity(o.text, c.text) >= 0.5 || foldForMatch(o.text).includes(foldForMatch(c.text))),
    );
    if (twin) {
      if (twin.due === null) twin.due = c.due;
    } else out.push(c);
  }
  return out;
}
