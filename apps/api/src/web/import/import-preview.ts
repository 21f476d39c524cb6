import type { Messages } from '@tilneste/i18n';
import type { ImportPlan } from '@tilneste/minutes-import/plan';
import { formatWhen } from '../shared/format';
import type { PreviewData } from './import.view';

type Lookup = Pick<ReadonlyMap<string, string>, 'get'>;

/** What the plan refers to by id and does not create itself: looked up, not copied. */
export interface KnownNames {
  people: Lookup;
  workingGroups: Lookup;
  /** When a known meeting starts, for a plan that adds to a meeting that exists. */
  meetings: Lookup;
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
    matters: [],
    decisions: [],
    commitments: [],
    workingGroups: [],
    workingGroupChanges: [],
  };
}

/**
 * The plan's commands as the reviewer reads them: names, not ids. Read from the very commands a commit runs,
 * one case for each kind, so the page cannot say less than what is recorded.
 */
export function describePlan(plan: ImportPlan, known: KnownNames, m: Messages): PlanDescription {
  const t = m.importPage;
  // Names the plan itself gives, over those already known.
  const names = new Map<string, string>();
  const groups = new Map<string, string>();
  for (const c of plan.commands) {
    if (c.type === 'RegisterPerson') names.set(c.data.personId, c.data.name);
    if (c.type === 'FormWorkingGroup') groups.set(c.data.workingGroupId, c.data.name);
  }
  const person = (id: string) => names.get(id) ?? known.people.get(id) ?? id;
  const group = (id: string) => groups.get(id) ?? known.workingGroups.get(id) ?? id;
  const items = new Map<string, number>();
  const out = emptyPlanDescription({ date: known.meetings.get(plan.meetingId) ?? '', existing: true });
  const itemLabel = (id: string | null | undefined) => {
    const at = items.get(id ?? '');
    return at === undefined ? '' : out.items[at];
  };
  for (const c of plan.commands) {
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
        out.items.push(c.data.number ? `${t.itemNo(c.data.number)}: ${c.data.title}` : c.data.title);
        break;
      case 'DeferAgendaItem': {
        const at = items.get(c.data.itemId);
        if (at !== undefined) out.items[at] = t.deferredItem(out.items[at]);
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
              ? formatWhen(c.data.due.date, m)
              : c.data.due.kind === 'meeting'
                ? t.dueAtThisMeeting
                : t.dueKinds['next-meeting'],
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
        out.workingGroupChanges.push(
          t.wgLeadChange(
            group(c.data.workingGroupId),
            c.data.leadPersonId ? person(c.data.leadPersonId) : null,
          ),
        );
        break;
      case 'AddWorkingGroupMember':
        out.workingGroupChanges.push(t.wgMemberAdded(group(c.data.workingGroupId), person(c.data.personId)));
        break;
      default: {
        const unknown: never = c;
        throw new Error(`The preview does not describe ${(unknown as { type: string }).type}`);
      }
    }
  }
  return out;
}
