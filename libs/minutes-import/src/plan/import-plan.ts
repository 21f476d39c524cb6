import { v5 as uuidv5 } from 'uuid';
import type { CommitmentsCommand, Owner } from '@tilneste/commitments';
import { zonedIsoString, type CommandInput } from '@tilneste/domain-kit';
import type { GroupsCommand, MemberRole } from '@tilneste/groups';
import type { MattersCommand } from '@tilneste/matters';
import type { AgendaItemKind, MeetingsCommand } from '@tilneste/meetings';
import type { PeopleCommand } from '@tilneste/people';
import type { WorkingGroupCommand } from '@tilneste/working-groups';
import { categoriseItem } from '../agenda';
import type { DraftAgendaItem, DraftCommitment, MinutesDraft } from '../draft.schema';
import { matchAgenda, renumbering, type StoredAgendaItem } from './agenda-match';
import {
  foldName,
  resolutionKey,
  resolvePeople,
  type DirectoryPerson,
  type NameMention,
  type Resolution,
} from './resolve-people';

const NAMESPACE = 'b6a2c1f4-2d7e-4e0a-9c55-7f1e3a9d8b20';

export interface ImportContext {
  /** The document's content hash: every id the import creates derives from it, so a re-run creates nothing new. */
  importId: string;
  groupId: string;
  directory: DirectoryPerson[];
  /** personId → role in the group. */
  members: Map<string, string>;
  meetings: {
    id: string;
    startsAt: string;
    status: 'scheduled' | 'held' | 'cancelled';
    /** The meeting's agenda as it stands: set up before the minutes came (from the draft, or a notice's import). */
    items?: StoredAgendaItem[];
  }[];
  matters: { id: string; title: string }[];
  workingGroups: { id: string; name: string; leadPersonId: string | null; memberIds: string[] }[];
  /** Names whose proposed match the reviewer turned down: they become new people. */
  rejectedMatches?: string[];
  /**
   * Working groups (as `foldName` gives their names) whose lead was set for a later time than this document's meeting:
   * a document of a later meeting, imported before this one, names it, or a person set it by hand on that meeting's
   * day or later. That lead stands, and the lead this document names only joins as a member.
   */
  leadSetLater?: string[];
}

/**
 * The commands an import may run. The page that shows a reviewer what will be recorded describes each of them,
 * exhaustively, so a command added here cannot be recorded without being shown first.
 */
export type PlannedCommandType =
  | 'RegisterPerson'
  | 'AddPersonAlias'
  | 'AddMember'
  | 'ScheduleMeeting'
  | 'RecordAttendance'
  | 'AddAgendaItem'
  | 'DeferAgendaItem'
  | 'RenumberAgendaItem'
  | 'HoldMeeting'
  | 'OpenMatter'
  | 'RecordDecision'
  | 'MakeCommitment'
  | 'FormWorkingGroup'
  | 'ChangeWorkingGroupLead'
  | 'AddWorkingGroupMember';

/** A command addressed to its context, typed by that context's command union. */
export type PlannedCommand = Extract<
  | ({ context: 'person' } & CommandInput<PeopleCommand>)
  | ({ context: 'group' } & CommandInput<GroupsCommand>)
  | ({ context: 'meeting' } & CommandInput<MeetingsCommand>)
  | ({ context: 'matter' } & CommandInput<MattersCommand>)
  | ({ context: 'commitment' } & CommandInput<CommitmentsCommand>)
  | ({ context: 'workingGroup' } & CommandInput<WorkingGroupCommand>),
  { type: PlannedCommandType }
> & {
  /** Where in the document this came from, for the events' metadata. */
  source?: { fromLine: number; toLine: number };
};
export type ContextName = PlannedCommand['context'];

export interface ImportPlan {
  meetingId: string;
  resolutions: Resolution[];
  commands: PlannedCommand[];
  /** Commitments made at this meeting need the meeting held after them (minutes only). */
  holdMeeting: boolean;
}

export class ImportPlanError extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message);
    this.name = 'ImportPlanError';
  }
}

const ITEM_KINDS: Record<string, AgendaItemKind> = {
  'approve-notice': 'notice-approval',
  'approve-minutes': 'minutes-approval',
  round: 'round',
  information: 'information',
  aob: 'aob',
  'working-groups': 'working-group-report',
};
const NOT_PEOPLE = /^(sekretariatet|secretariat|alle|all|ingen|none)$/i;

/** A meeting's local date and time in Oslo as an instant with its offset (09:00 when the time is unknown). */
export function osloInstant(date: string, time: string | null): string {
  return zonedIsoString(date, time ?? '09:00', 'Europe/Oslo');
}

function mentionsOf(draft: MinutesDraft, workingGroupNames: Set<string>): NameMention[] {
  const out: NameMention[] = [];
  const add = (name: string | null | undefined, organisation: string | null = null) => {
    if (name && !NOT_PEOPLE.test(name.trim()) && !workingGroupNames.has(foldName(name)))
      out.push({ name: name.trim(), organisation });
  };
  add(draft.chair);
  draft.secretariat.forEach((n) => add(n));
  draft.attendees.forEach((a) => add(a.name, a.organisation));
  draft.attendees.forEach((a) => add(a.substituteFor));
  draft.invited.forEach((a) => add(a.name, a.organisation));
  for (const wg of draft.workingGroups) {
    add(wg.lead);
    wg.members.forEach((m) => add(m));
  }
  for (const item of draft.agendaItems) {
    for (const c of item.commitments)
      if (c.ownerKind !== 'body' && c.ownerKind !== 'secretariat') add(c.owner);
  }
  return out;
}

function itemKind(item: DraftAgendaItem): AgendaItemKind {
  if (item.category && ITEM_KINDS[item.category]) return ITEM_KINDS[item.category];
  return item.decisions.length ? 'decision' : 'discussion';
}

function decisionKind(text: string): 'approved' | 'noted' | 'adopted' {
  if (/etterretning|noted/i.test(text)) return 'noted';
  if (/vedtatt|adopted|sluttet seg/i.test(text)) return 'adopted';
  return 'approved';
}

/**
 * Turns a reviewed draft into the ordinary commands, in the order they must run. Pure: the caller
 * supplies what exists already, and runs the commands.
 */
export function planImport(draft: MinutesDraft, context: ImportContext): ImportPlan {
  if (!draft.meeting.date)
    throw new ImportPlanError(['meeting', 'date'], 'Møtedatoen mangler (the meeting date is missing)');
  // A number is what the document's decisions and the stored agenda refer to an item by: it names one item.
  const numbers = new Set<number>();
  draft.agendaItems.forEach((item, i) => {
    if (item.number > 0 && numbers.has(item.number))
      throw new ImportPlanError(
        ['agendaItems', i, 'number'],
        `Sak ${item.number} står to ganger (item ${item.number} appears twice)`,
      );
    numbers.add(item.number);
  });
  const id = (...parts: (string | number)[]) => uuidv5(`${context.importId}/${parts.join('/')}`, NAMESPACE);
  const commands: PlannedCommand[] = [];

  const draftWorkingGroupNames = new Set(draft.workingGroups.map((w) => foldName(w.name)));
  const rejected = new Set((context.rejectedMatches ?? []).map(resolutionKey));
  const resolutions = resolvePeople(mentionsOf(draft, draftWorkingGroupNames), context.directory, (name) =>
    id('person', foldName(name)),
  ).map((r): Resolution =>
    r.action === 'same-as' && rejected.has(resolutionKey(r.name))
      ? { name: r.name, action: 'new', personId: id('person', foldName(r.name)), organisation: null }
      : r,
  );
  const personOf = (name: string | null | undefined) =>
    name
      ? (resolutions.find((r) => resolutionKey(r.name) === resolutionKey(name.trim()))?.personId ?? null)
      : null;

  const organisations = new Map(
    mentionsOf(draft, draftWorkingGroupNames).map((m) => [resolutionKey(m.name), m.organisation]),
  );
  for (const r of resolutions) {
    if (r.action === 'new') {
      commands.push({
        context: 'person',
        type: 'RegisterPerson',
        data: {
          personId: r.personId,
          name: r.name,
          organisation: organisations.get(resolutionKey(r.name)) ?? null,
        },
      });
    }
  }
  for (const r of resolutions) {
    if (r.action === 'same-as') {
      commands.push({
        context: 'person',
        type: 'AddPersonAlias',
        data: { personId: r.personId, alias: r.name },
      });
    }
  }

  const roles = new Map<string, MemberRole>();
  const join = (personId: string | null, role: MemberRole) => {
    if (personId && !context.members.has(personId) && !roles.has(personId)) roles.set(personId, role);
  };
  join(personOf(draft.chair), 'chair');
  draft.secretariat.forEach((n) => join(personOf(n), 'secretariat'));
  draft.attendees.forEach((a) => join(personOf(a.name), 'member'));
  draft.invited.forEach((a) => join(personOf(a.name), 'member'));
  for (const [personId, role] of roles)
    commands.push({
      context: 'group',
      type: 'AddMember',
      data: { groupId: context.groupId, personId, role },
    });

  const startsAt = osloInstant(draft.meeting.date, draft.meeting.startTime);
  const existing = context.meetings.find(
    (m) => m.status !== 'cancelled' && osloDate(m.startsAt) === draft.meeting.date,
  );
  const meetingId = existing?.id ?? id('meeting');
  if (!existing) {
    commands.push({
      context: 'meeting',
      type: 'ScheduleMeeting',
      data: {
        meetingId,
        groupId: context.groupId,
        title: null,
        startsAt,
        endsAt: draft.meeting.endTime ? osloInstant(draft.meeting.date, draft.meeting.endTime) : null,
        location: draft.meeting.location,
        online: draft.meeting.online,
      },
      source: draft.meeting.source ?? undefined,
    });
  }

  if (draft.kind === 'minutes') {
    for (const a of draft.attendees) {
      const personId = personOf(a.name);
      if (personId) {
        commands.push({
          context: 'meeting',
          type: 'RecordAttendance',
          data: { meetingId, personId, remote: a.remote, substituteFor: personOf(a.substituteFor) },
        });
      }
    }
  }

  // The meeting's own items, when its agenda was set up before the document came: the document records on them,
  // in their words, instead of adding a second item. Still ahead, the stored agenda takes the document's numbers.
  // An item stored without a kind (added through the API, say) is of the kind its title says, as the document's are.
  const stored = (existing?.items ?? []).map((s) =>
    s.kind === 'other' ? { ...s, kind: ITEM_KINDS[categoriseItem(s.title)] ?? 'other' } : s,
  );
  const held = existing?.status === 'held';
  const documentItems = draft.agendaItems.map((item) => ({
    number: item.number,
    title: item.title,
    kind: itemKind(item),
  }));
  const own = matchAgenda(documentItems, stored, held);
  if (!held)
    for (const { itemId, number } of renumbering(documentItems, own, stored))
      commands.push({ context: 'meeting', type: 'RenumberAgendaItem', data: { meetingId, itemId, number } });
  // A held meeting keeps its numbers: an item new to it whose number another item has is added without one.
  const numberTaken = (n: number) => held && stored.some((s) => s.number === n);

  /** Each document item's id on the meeting, by its place in the document. */
  const itemIds: string[] = [];
  draft.agendaItems.forEach((item, i) => {
    const mine = own[i];
    if (mine) {
      itemIds.push(mine.itemId);
      if (item.deferred && !mine.deferred)
        commands.push({
          context: 'meeting',
          type: 'DeferAgendaItem',
          data: { meetingId, itemId: mine.itemId },
        });
      return;
    }
    const itemId = id('item', item.number, foldName(item.title));
    itemIds.push(itemId);
    commands.push({
      context: 'meeting',
      type: 'AddAgendaItem',
      data: {
        meetingId,
        itemId,
        number: item.number > 0 && !numberTaken(item.number) ? item.number : null,
        title: item.title,
        kind: documentItems[i].kind,
      },
      source: item.source,
    });
    if (item.deferred) {
      commands.push({ context: 'meeting', type: 'DeferAgendaItem', data: { meetingId, itemId } });
    }
  });

  const workingGroupIds = new Map<string, string>();
  for (const wg of draft.workingGroups) {
    const lead = personOf(wg.lead);
    const members = wg.members.map(personOf).filter((m): m is string => !!m);
    const known = context.workingGroups.find((w) => foldName(w.name) === foldName(wg.name));
    if (known) {
      workingGroupIds.set(foldName(wg.name), known.id);
      if (lead && lead !== known.leadPersonId) {
        if (!context.leadSetLater?.includes(foldName(wg.name)))
          commands.push({
            context: 'workingGroup',
            type: 'ChangeWorkingGroupLead',
            data: { workingGroupId: known.id, leadPersonId: lead },
          });
        else if (!known.memberIds.includes(lead))
          commands.push({
            context: 'workingGroup',
            type: 'AddWorkingGroupMember',
            data: { workingGroupId: known.id, personId: lead },
          });
      }
      for (const m of members) {
        if (!known.memberIds.includes(m) && m !== lead)
          commands.push({
            context: 'workingGroup',
            type: 'AddWorkingGroupMember',
            data: { workingGroupId: known.id, personId: m },
          });
      }
      continue;
    }
    const workingGroupId = id('working-group', foldName(wg.name));
    workingGroupIds.set(foldName(wg.name), workingGroupId);
    commands.push({
      context: 'workingGroup',
      type: 'FormWorkingGroup',
      data: {
        workingGroupId,
        groupId: context.groupId,
        name: wg.name,
        leadPersonId: lead,
        memberIds: members,
        mandate: null,
        meetingId,
      },
      source: wg.source,
    });
  }

  for (const [index, item] of draft.agendaItems.entries()) {
    const details =
      item.decisionDetails ??
      item.decisions.map((text) => ({ text, kind: decisionKind(text), source: item.source }));
    if (details.length && item.category !== 'approve-notice' && item.category !== 'approve-minutes') {
      const known = context.matters.find(
        (m) => m.title.trim().toLowerCase() === item.title.trim().toLowerCase(),
      );
      const matterId = known?.id ?? id('matter', item.number, foldName(item.title));
      if (!known)
        commands.push({
          context: 'matter',
          type: 'OpenMatter',
          data: { matterId, groupId: context.groupId, title: item.title },
          source: item.source,
        });
      details.forEach((d, i) => {
        commands.push({
          context: 'matter',
          type: 'RecordDecision',
          data: {
            matterId,
            decisionId: id('decision', item.number, i),
            meetingId,
            agendaItemId: itemIds[index],
            text: d.text,
            kind: d.kind,
          },
          source: d.source,
        });
      });
    }
    item.commitments.forEach((c, i) => {
      commands.push({
        context: 'commitment',
        type: 'MakeCommitment',
        data: {
          commitmentId: id('commitment', item.number, i),
          groupId: context.groupId,
          meetingId,
          agendaItemId: itemIds[index],
          matterId: null,
          text: c.text,
          owner: ownerOf(c, item, draft, personOf, workingGroupIds),
          due:
            c.due === 'next-meeting'
              ? { kind: 'next-meeting' }
              : c.due
                ? { kind: 'date', date: c.due }
                : draft.kind === 'notice'
                  ? { kind: 'meeting', meetingId }
                  : { kind: 'next-meeting' },
        },
        source: c.source,
      });
    });
  }

  const holdMeeting = draft.kind === 'minutes' && existing?.status !== 'held';
  if (holdMeeting) commands.push({ context: 'meeting', type: 'HoldMeeting', data: { meetingId } });
  return { meetingId, resolutions, commands, holdMeeting };
}

function ownerOf(
  c: DraftCommitment,
  item: DraftAgendaItem,
  draft: MinutesDraft,
  personOf: (name: string | null | undefined) => string | null,
  workingGroupIds: Map<string, string>,
): Owner {
  if (c.ownerKind === 'secretariat' || (c.owner && /^sekretariatet$/i.test(c.owner.trim())))
    return { kind: 'secretariat' };
  const byName = (name: string | null | undefined) =>
    name ? workingGroupIds.get(foldName(name)) : undefined;
  const named = byName(c.workingGroup) ?? byName(c.owner);
  if (named) return { kind: 'working-group', workingGroupId: named };
  const personId = personOf(c.owner);
  if (!personId) return { kind: 'none' };
  // A working group's commitment is owned by its lead: own it through the group so a new lead inherits it.
  const led = draft.workingGroups.find((w) => w.agendaItem === item.number && personOf(w.lead) === personId);
  if (led) return { kind: 'working-group', workingGroupId: workingGroupIds.get(foldName(led.name))! };
  return { kind: 'person', personId };
}

function osloDate(instant: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date(instant));
}
