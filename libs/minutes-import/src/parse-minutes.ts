import { categoriseItem, isMinutesApproval } from './agenda';
import {
  commitmentsFromTable,
  dedupeCommitments,
  findCommitments,
  type CommitmentContext,
  type CommitmentDraft,
} from './commitments';
import { findDates } from './dates';
import { findDecisions, isDeferred } from './decisions';
import { layoutDocument, type LocatedPerson, type PeopleKind } from './document-layout';
import type { DraftCommitment, MinutesDraft } from './draft.schema';
import { MAX_MINUTES_BYTES, MinutesImportError, tooLarge } from './errors';
import { detectKind, readMeetingHeader, statesHeldOnline } from './meeting-header';
import { buildSegments } from './paragraphs';
import { nameKey as key, parsePersonLine } from './people-lines';
import { collapse, normaliseDocument } from './text-normaliser';
import { findProseGroups, findWorkingGroups } from './working-groups';

const ONLINE_ONLY =
  /^(?:teams|zoom|skype|webex|whereby|google meet|digitalt?|video(?:møte)?|nettmøte|online)(?:[- ]møte)?$/i;

export interface ParseMinutesOptions {
  /** The uploaded file's name; a tie-breaker for notice versus minutes, and echoed in the draft. */
  fileName?: string;
}

// Share of control characters (other than tab, newline, carriage return, vertical tab and form feed) and U+FFFD.
function controlShare(sample: string): number {
  let n = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && (c < 0x09 || c > 0x0d)) || c === 0x7f || c === 0xfffd) n++;
  }
  return sample.length ? n / sample.length : 0;
}

function assertText(text: string): void {
  if (text.length > MAX_MINUTES_BYTES) throw tooLarge(text.length);
  if (controlShare(text.slice(0, 200_000)) > 0.01) {
    throw new MinutesImportError(
      'MINUTES.NOT_TEXT',
      'Innholdet ser ikke ut som tekst, men som binærdata (the content looks like binary data, not text).',
    );
  }
}

function uniqueBy<T>(list: readonly T[], k: (t: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((t) => {
    const id = k(t);
    if (!id || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

const toDraftCommitment = (c: CommitmentDraft): DraftCommitment => ({
  owner: c.owner,
  ownerKind: c.ownerKind,
  text: c.text,
  due: c.due,
  workingGroup: c.workingGroup,
  source: c.source,
  ...(c.sourceText && c.sourceText !== c.text ? { sourceText: c.sourceText } : {}),
});

/**
 * Parses the text of minutes (referat) or a notice (innkalling) into a draft for review: meeting date and time, chair,
 * secretariat, attendees, invitees, agenda items with decisions, commitments and deferrals, and working groups. Every
 * element carries the line range it was read from. Pure: no I/O, no clock.
 *
 * @throws MinutesImportError `MINUTES.TOO_LARGE` above 5 MB of text, `MINUTES.NOT_TEXT` for binary content.
 */
export function parseMinutes(text: string, options: ParseMinutesOptions = {}): MinutesDraft {
  assertText(text);
  const lines = normaliseDocument(text);
  const layout = layoutDocument(lines);
  const peopleOf = (kind: PeopleKind): LocatedPerson[] =>
    uniqueBy(
      layout.people.filter((s) => s.kind === kind).flatMap((s) => s.people),
      (p) => key(p.name),
    );
  const present = peopleOf('present');
  const invited = peopleOf('invited');
  const absent = peopleOf('absent');
  const kind = detectKind(layout.headerLines, {
    present: present.length,
    invited: invited.length,
    fileName: options.fileName,
  });
  const header = readMeetingHeader(layout.labels, layout.headerLines);
  // Said to be held online, at no other place, and nobody marked as remote one by one: everyone took part remotely.
  const whollyOnline =
    statesHeldOnline(layout.headerLines) &&
    (!header.location || ONLINE_ONLY.test(header.location)) &&
    !present.some((p) => p.remote);
  const warnings: string[] = [];

  const chairLabel = layout.labels.find((l) => l.kind === 'chair' && l.value);
  const chair = chairLabel
    ? (parsePersonLine(chairLabel.value)?.name ?? collapse(chairLabel.value.split(',')[0]))
    : (present.find((p) => p.chair)?.name ?? null);
  const secretariat = uniqueBy(
    [...peopleOf('secretariat'), ...present.filter((p) => p.secretariat)].map((p) => p.name),
    key,
  );
  const rosterBase = [...present, ...invited, ...absent]
    .map((p) => p.name)
    .concat(secretariat, chair ? [chair] : []);

  const groupsByItem = layout.items.map((it) => {
    const headed = findWorkingGroups(it.body, it.number);
    return [...headed, ...findProseGroups(it.body, it.number, it.title, headed)];
  });
  const groups = groupsByItem.flat();
  const roster = uniqueBy(
    [...rosterBase, ...groups.flatMap((b) => [b.group.lead ?? '', ...b.group.members])],
    key,
  );

  const agendaItems = layout.items.map((it, idx) => {
    const segments = buildSegments(it.body);
    const ctx: CommitmentContext = {
      kind,
      meetingDate: header.date,
      roster,
      chair,
      groups: groupsByItem[idx],
    };
    const decisions = kind === 'minutes' ? findDecisions(segments, it.title) : [];
    const deferred = isDeferred(it.title, segments).deferred;
    const lastLine = it.body.length ? it.body[it.body.length - 1].no : it.heading.toLine;
    return {
      number: it.number,
      title: it.title,
      category: categoriseItem(it.title),
      decisions: decisions.map((d) => d.text),
      decisionDetails: decisions,
      commitments: findCommitments(segments, ctx),
      deferred,
      source: { fromLine: it.heading.fromLine, toLine: Math.max(lastLine, it.heading.toLine) },
    };
  });

  const unassigned: CommitmentDraft[] = [];
  for (const table of layout.actionTables) {
    const ctx: CommitmentContext = { kind, meetingDate: header.date, roster, chair, groups };
    for (const row of commitmentsFromTable(table, ctx)) {
      const target = agendaItems.find((i) => i.number === row.item);
      if (target) target.commitments.push(row.commitment);
      else unassigned.push(row.commitment);
    }
  }

  const approval = agendaItems.find((i) => i.category === 'approve-minutes' || isMinutesApproval(i.title));
  const previousMeetingDate = approval
    ? previousDate(
        approval.title,
        layout.items
          .find((r) => r.number === approval.number)
          ?.body.map((l) => l.text)
          .join(' ') ?? '',
        header.date,
      )
    : null;

  if (!header.date) warnings.push('Fant ikke møtedatoen (meeting date not found).');
  if (!agendaItems.length) warnings.push('Fant ingen nummererte saker (no numbered agenda items found).');
  if (kind === 'minutes' && !present.length)
    warnings.push('Fant ingen deltakerliste (no list of attendees found).');

  return {
    kind,
    meeting: {
      date: header.date,
      startTime: header.startTime,
      endTime: header.endTime,
      location: header.location,
      online: header.online,
      source: header.dateSource,
    },
    chair,
    secretariat,
    previousMeetingDate,
    writtenDate: header.writtenDate,
    attendees: present.map((p) => ({
      name: p.name,
      organisation: p.organisation,
      // A meeting held wholly online (its place is Teams, Zoom …): everyone present took part remotely.
      remote: p.remote || whollyOnline,
      substituteFor: p.substituteFor,
      source: p.source,
    })),
    invited: invited.map((p) => ({ name: p.name, organisation: p.organisation, source: p.source })),
    absent: absent.map((p) => ({ name: p.name, organisation: p.organisation, source: p.source })),
    agendaItems: agendaItems.map((i) => ({
      ...i,
      commitments: dedupeCommitments(i.commitments).map(toDraftCommitment),
    })),
    workingGroups: groups.map((b) => b.group),
    unassignedCommitments: dedupeCommitments(unassigned).map(toDraftCommitment),
    warnings,
    fileName: options.fileName ?? null,
  };
}

// The date of the minutes being approved: in the item's title, else in its text; the latest such date before this meeting.
function previousDate(title: string, body: string, meetingDate: string | null): string | null {
  for (const text of [title, body]) {
    const dates = findDates(text, { ref: meetingDate, prefer: 'past' }).filter(
      (d) => !meetingDate || d.iso < meetingDate,
    );
    if (dates.length) return dates[0].iso;
  }
  return null;
}
