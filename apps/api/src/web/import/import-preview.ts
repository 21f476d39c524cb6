import type { Messages } from '@tilneste/i18n';
import {
  CARRY_OVERS_PENDING,
  countRecorded,
  RECORDED_KINDS,
  type ImportSteps,
  type RecordedKind,
} from '@tilneste/minutes-import/plan';
import { formatWhen } from '../shared/format';
import type { PreviewData, PreviewLine } from './import.view';

type Lookup = Pick<ReadonlyMap<string, string>, 'get'>;

/** What the plan refers to by id and does not create itself: looked up, not copied. */
export interface KnownNames {
  people: Lookup;
  workingGroups: Lookup;
  /** When a known meeting starts, for a plan that adds to a meeting that exists. */
  meetings: Lookup;
  /** A known commitment's text, for one carried over. */
  commitments: Lookup;
  /** A stored agenda item's number and title, for one the plan records on or renumbers without adding it. */
  agendaItems: Pick<ReadonlyMap<string, { number: number | null; title: string }>, 'get'>;
}

/** A commit rehearsed (see MinutesImportService.rehearse): its meeting, and each step with what it would record. */
export interface Rehearsed {
  meetingId: string;
  steps: ImportSteps;
}

export type PlanDescription = Omit<
  PreviewData,
  'id' | 'revision' | 'fileName' | 'groupName' | 'committed' | 'problems'
>;

/** A preview that records nothing yet, for this meeting. */
export function emptyPlanDescription(meeting: PlanDescription['meeting']): PlanDescription {
  return {
    meeting,
    people: [],
    aliases: [],
    members: [],
    attendance: 0,
    held: false,
    items: [],
    renumbered: [],
    matters: [],
    decisions: [],
    commitments: [],
    workingGroups: [],
    workingGroupChanges: [],
    approvals: [],
    carriedOver: [],
    leads: [],
    summary: [],
  };
}

/**
 * A rehearsed commit as the reviewer reads it: names, not ids. Read from the very commands a commit runs, the
 * plan's and those after it, one case for each kind, and only those that record something: the page says what
 * will be recorded, no less and no more.
 */
export function describePlan(rehearsed: Rehearsed, known: KnownNames, m: Messages): PlanDescription {
  const t = m.importPage;
  const commands = rehearsed.steps.planned.filter((s) => s.events.length > 0).map((s) => s.command);
  const followUps = rehearsed.steps.followUps.filter((s) => s.events.length > 0).map((s) => s.command);
  // Names the plan itself gives, over those already known.
  const names = new Map<string, string>();
  const groups = new Map<string, string>();
  const meetings = new Map<string, string>();
  const texts = new Map<string, string>();
  for (const c of commands) {
    if (c.type === 'RegisterPerson') names.set(c.data.personId, c.data.name);
    if (c.type === 'FormWorkingGroup') groups.set(c.data.workingGroupId, c.data.name);
    if (c.type === 'ScheduleMeeting') meetings.set(c.data.meetingId, c.data.startsAt);
    if (c.type === 'MakeCommitment') texts.set(c.data.commitmentId, c.data.text);
  }
  const person = (id: string) => names.get(id) ?? known.people.get(id) ?? id;
  const group = (id: string) => groups.get(id) ?? known.workingGroups.get(id) ?? id;
  const meeting = (id: string) => formatWhen(meetings.get(id) ?? known.meetings.get(id) ?? id, m, false);
  const text = (id: string) => texts.get(id) ?? known.commitments.get(id) ?? id;
  // A working group's typed name is the line's typed value; the lead's name is not marked.
  const leadChange = (workingGroupId: string, leadPersonId: string | null | undefined): PreviewLine => {
    const lead = leadPersonId ? person(leadPersonId) : null;
    return { text: (name) => t.wgLeadChange(name, lead), value: group(workingGroupId) };
  };
  const items = new Map<string, number>();
  // A stored item's number once the plan's renumbers have run: its last one.
  const renumbered = new Map<string, number>();
  for (const c of commands) if (c.type === 'RenumberAgendaItem') renumbered.set(c.data.itemId, c.data.number);
  const numbered = (number: number | null | undefined, title: string) =>
    number ? `${t.itemNo(number)}: ${title}` : title;
  const out = emptyPlanDescription({ date: known.meetings.get(rehearsed.meetingId) ?? '', existing: true });
  // Counted as the commit counts what it stored, so the page says before and after the same numbers.
  out.summary = recordedLines(countRecorded([...rehearsed.steps.planned, ...rehearsed.steps.followUps]), m);
  const itemLabel = (id: string | null | undefined): PreviewLine => {
    const at = items.get(id ?? '');
    if (at !== undefined) return out.items[at];
    const stored = id ? known.agendaItems.get(id) : undefined;
    if (!stored) return { text: () => '', value: '' };
    const number = renumbered.get(id!) ?? stored.number;
    return { text: (title) => numbered(number, title), value: stored.title };
  };
  for (const c of commands) {
    switch (c.type) {
      case 'RegisterPerson':
        out.people.push(c.data.name);
        break;
      case 'AddPersonAlias':
        out.aliases.push({ name: c.data.alias, person: person(c.data.personId) });
        break;
      case 'AddMember':
        out.members.push(t.memberLine(person(c.data.personId), m.start.role[c.data.role] ?? c.data.role));
        break;
      case 'ScheduleMeeting':
        out.meeting = { date: c.data.startsAt, existing: false };
        break;
      case 'RecordAttendance':
        out.attendance += 1;
        break;
      case 'HoldMeeting':
        out.held = true;
        break;
      case 'AddAgendaItem':
        items.set(c.data.itemId, out.items.length);
        out.items.push({ text: (title) => numbered(c.data.number, title), value: c.data.title });
        break;
      case 'RenumberAgendaItem': {
        // An item moved twice (out of another's way first) is said once, with the number it ends with.
        if (renumbered.get(c.data.itemId) !== c.data.number) break;
        const stored = known.agendaItems.get(c.data.itemId);
        out.renumbered.push({
          text: (title) => t.renumberedItem(title, stored?.number ?? null, c.data.number),
          value: stored?.title ?? c.data.itemId,
        });
        break;
      }
      case 'DeferAgendaItem': {
        const at = items.get(c.data.itemId);
        if (at === undefined) break;
        const item = out.items[at];
        out.items[at] = { text: (title) => t.deferredItem(item.text(title)), value: item.value };
        break;
      }
      case 'OpenMatter':
        out.matters.push(c.data.title);
        break;
      case 'RecordDecision':
        out.decisions.push({ item: itemLabel(c.data.agendaItemId), text: c.data.text });
        break;
      case 'MakeCommitment': {
        const owner = c.data.owner;
        out.commitments.push({
          item: itemLabel(c.data.agendaItemId),
          text: c.data.text,
          owner:
            owner.kind === 'person'
              ? person(owner.personId)
              : owner.kind === 'working-group'
                ? group(owner.workingGroupId)
                : owner.kind === 'secretariat'
                  ? m.common.secretariat
                  : m.common.noOwner,
          due:
            c.data.due.kind === 'date'
              ? t.dueBy(formatWhen(c.data.due.date, m))
              : c.data.due.kind === 'meeting'
                ? t.dueAtThisMeeting
                : t.dueAtNextMeeting,
        });
        break;
      }
      case 'FormWorkingGroup':
        out.workingGroups.push({
          name: c.data.name,
          lead: c.data.leadPersonId ? person(c.data.leadPersonId) : null,
          members: (c.data.memberIds ?? []).map(person),
        });
        break;
      case 'ChangeWorkingGroupLead':
        out.workingGroupChanges.push(leadChange(c.data.workingGroupId, c.data.leadPersonId));
        break;
      case 'AddWorkingGroupMember':
        out.workingGroupChanges.push({
          text: (name) => t.wgMemberAdded(name, person(c.data.personId)),
          value: group(c.data.workingGroupId),
        });
        break;
      default: {
        const unknown: never = c;
        throw new Error(`The preview does not describe ${(unknown as { type: string }).type}`);
      }
    }
  }
  for (const c of followUps) {
    switch (c.type) {
      case 'ApproveMinutes':
        out.approvals.push(
          t.approvalLine(meeting(c.data.meetingId), c.data.atMeetingId ? meeting(c.data.atMeetingId) : null),
        );
        break;
      case 'CarryOverCommitment':
        out.carriedOver.push({
          text: (commitment) => t.carriedOverLine(commitment, meeting(c.data.fromMeetingId)),
          value: text(c.data.commitmentId),
        });
        break;
      case 'ChangeWorkingGroupLead':
        out.leads.push(leadChange(c.data.workingGroupId, c.data.leadPersonId));
        break;
      default: {
        const unknown: never = c;
        throw new Error(`The preview does not describe ${(unknown as { type: string }).type}`);
      }
    }
  }
  return out;
}

/** One line of the after-record summary. */
export interface RecordedLine {
  kind: RecordedKind;
  count: number;
  text: string;
}

/**
 * The after-record summary, from the counts the commit returned of the events it recorded (kinds with none left
 * out). Counts stored before every kind was counted read the same way, with what they have.
 */
export function recordedLines(counts: Readonly<Record<string, number>>, m: Messages): RecordedLine[] {
  // Carry-overs the policy had still to make when the commit answered: the carry-over line says how many so far.
  const pending = counts[CARRY_OVERS_PENDING] ?? 0;
  const shown = (kind: RecordedKind) => (counts[kind] ?? 0) > 0 || (kind === 'carriedOver' && pending > 0);
  return RECORDED_KINDS.filter(shown).map((kind) => ({
    kind,
    count: counts[kind] ?? 0,
    text:
      kind === 'carriedOver' && pending > 0
        ? m.importPage.carriedOverSoFar(counts[kind] ?? 0, pending)
        : m.importPage.recorded[kind](counts[kind]),
  }));
}
