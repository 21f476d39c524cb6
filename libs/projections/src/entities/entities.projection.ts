import { unreachable } from '@tilneste/domain-kit';
import type { CommitmentEvent, Due, Owner } from '@tilneste/commitments';
import type { GroupEvent, MemberRole } from '@tilneste/groups';
import type { MatterEvent } from '@tilneste/matters';
import type { MeetingEvent } from '@tilneste/meetings';
import {
  DEFAULT_REMINDER_PREFERENCES,
  ERASED_PERSON,
  type PersonEvent,
  readReminderPreferences,
  type ReminderPreferences,
} from '@tilneste/people';
import type { WorkingGroupEvent } from '@tilneste/working-groups';
import type { Catalog } from '../catalog';
import type { ImportSource } from '../shared/import-source';

export interface PersonView {
  id: string;
  name: string;
  email: string | null;
  organisation: string | null;
  aliases: string[];
  reminderPreferences: ReminderPreferences;
  /** Names the person's secret calendar key; a reset makes older calendar URLs stop working. */
  calendarKeyGeneration: number;
  /** Set once the person is erased: the name reads "slettet person", the e-mail address is gone. */
  erased?: true;
}
export interface GroupView {
  id: string;
  name: string;
  members: Map<string, MemberRole>;
  reminderOffsets: string[] | null;
  meetingIds: string[];
  /** Start (ms) of the group's latest held meeting: a meeting still scheduled before it was never closed. */
  lastHeldAt?: number | null;
  commitmentIds: Set<string>;
  workingGroupIds: Set<string>;
  matterIds: Set<string>;
}
export interface AgendaItemView {
  itemId: string;
  number: number | null;
  title: string;
  kind: string;
  deferred: boolean;
  /** The draft agenda's follow-up or working-group report the item was taken from, if it was. */
  commitmentId?: string;
  workingGroupId?: string;
}
export interface MeetingView {
  id: string;
  groupId: string;
  title: string | null;
  startsAt: string;
  endsAt: string | null;
  location: string | null;
  online: boolean | null;
  status: 'scheduled' | 'held' | 'cancelled';
  items: AgendaItemView[];
  attendance: { personId: string; remote: boolean; substituteFor: string | null }[];
  minutesApproved: boolean;
  /** The meeting its minutes were approved at; null (or absent) if not approved, or approved another way (by e-mail). */
  minutesApprovedAtMeetingId?: string | null;
  noticeIssued: boolean;
}
/** Who did something, as an event's metadata records it. */
export interface RecordedActor {
  kind: string;
  id: string;
}
export interface CommitmentView {
  id: string;
  groupId: string;
  meetingId: string;
  agendaItemId: string | null;
  matterId: string | null;
  text: string;
  owner: Owner;
  due: Due;
  /** The meeting "next meeting" counts from: where it was made, or the last meeting it was carried over from. */
  anchorMeetingId: string;
  status: 'open' | 'completed' | 'withdrawn';
  carriedOver: number;
  progress: { at: string; text: string }[];
  madeAt: string;
  /** Who recorded it (from the event's metadata), for a matter's history. */
  madeBy: RecordedActor | null;
  /** The imported document and line it was read from (from the event's metadata); null when recorded otherwise. */
  source?: ImportSource | null;
  closedAt: string | null;
}
export interface WorkingGroupView {
  id: string;
  groupId: string;
  name: string;
  leadPersonId: string | null;
  /**
   * When a person last set the lead by hand (through the API, the pages or the CLI: not an import or a policy), as
   * that event's metadata recorded it; null if nobody has. The minutes import leaves such a lead to the documents of
   * later meetings.
   */
  leadSetByHandAt: string | null;
  memberIds: string[];
  mandate: string | null;
  status: 'not-started' | 'active' | 'done';
  statusText: string | null;
  statusReportedAt: string | null;
  /** Every status report, oldest first; the last one is `status`/`statusText`. */
  statusReports: {
    status: 'not-started' | 'active' | 'done';
    text: string | null;
    at: string;
    /** The person who wrote the text (not a client or an import): erasing them erases it. */
    writtenBy: string | null;
  }[];
  dissolved: boolean;
}
export interface MatterView {
  id: string;
  groupId: string;
  title: string;
  status: 'open' | 'closed';
}

/** A parsed event of one of the six contexts, as the one pass hands it to every read model. */
export type ContextEvent =
  PersonEvent | GroupEvent | MeetingEvent | CommitmentEvent | WorkingGroupEvent | MatterEvent;

/**
 * The entities every view joins: people, groups, meetings, commitments, working groups and matters as they
 * stand now. It mutates in place: a rebuild of a million events cannot afford copies.
 */
export function evolveEntities(
  catalog: Catalog,
  category: string,
  event: ContextEvent,
  at: string,
  actor: RecordedActor | null = null,
  source: ImportSource | null = null,
  via: string | null = null,
): void {
  switch (category) {
    case 'person':
      return applyPerson(catalog, event as PersonEvent);
    case 'group':
      return applyGroup(catalog, event as GroupEvent);
    case 'meeting':
      return applyMeeting(catalog, event as MeetingEvent);
    case 'commitment':
      return applyCommitment(catalog, event as CommitmentEvent, at, actor, source);
    case 'workinggroup':
      return applyWorkingGroup(catalog, event as WorkingGroupEvent, at, actor, via);
    case 'matter':
      return applyMatter(catalog, event as MatterEvent);
  }
}

function applyPerson(catalog: Catalog, event: PersonEvent): void {
  const { data } = event;
  switch (event.type) {
    case 'PersonRegistered':
      catalog.people.set(data.personId, {
        id: data.personId,
        name: event.data.name,
        email: event.data.email,
        organisation: event.data.organisation,
        aliases: [],
        reminderPreferences: DEFAULT_REMINDER_PREFERENCES,
        calendarKeyGeneration: 0,
      });
      return;
    case 'PersonDetailsChanged': {
      const person = catalog.people.get(data.personId);
      if (person) Object.assign(person, event.data.changes);
      return;
    }
    case 'PersonAliasAdded':
      catalog.people.get(data.personId)?.aliases.push(event.data.alias);
      return;
    case 'ReminderPreferencesSet': {
      const person = catalog.people.get(data.personId);
      if (person) person.reminderPreferences = readReminderPreferences(event.data.preferences);
      return;
    }
    case 'CalendarKeyReset': {
      const person = catalog.people.get(data.personId);
      if (person) person.calendarKeyGeneration = event.data.generation;
      return;
    }
    case 'PersonMerged':
      return mergePerson(catalog, event.data.personId, event.data.intoPersonId, event.data.name);
    case 'PersonErased':
      return erasePerson(catalog, data.personId);
    default:
      unreachable(event);
  }
}

/** The id a person's records answer to now: itself, or the person it was (perhaps in turn) merged into. */
export function survivingPersonId(catalog: Catalog, personId: string): string {
  let id = personId;
  for (let hops = 0; hops < 100 && catalog.mergedPeople.has(id); hops++) id = catalog.mergedPeople.get(id)!;
  return id;
}

/** The ids of the people merged (perhaps in turn) into `personId`: a stream may still name them. */
export function idsMergedInto(catalog: Catalog, personId: string): string[] {
  return [...catalog.mergedPeople.keys()].filter(
    (id) => id !== personId && survivingPersonId(catalog, id) === personId,
  );
}

/**
 * A person merged into another: everything that names the merged id now names the one that remains (its
 * commitments and their task bucket, memberships, attendance, working groups, the audit index), and the
 * merged name becomes an alias. The merged record leaves the people list; its events stay as they were.
 */
export function mergePerson(catalog: Catalog, fromId: string, intoId: string, name: string): void {
  const from = catalog.people.get(fromId);
  const into = catalog.people.get(intoId);
  if (!into || fromId === intoId) return;
  catalog.mergedPeople.set(fromId, intoId);
  for (const alias of [name, ...(from?.aliases ?? [])])
    if (alias !== into.name && !into.aliases.includes(alias)) into.aliases.push(alias);
  if (!into.email && from?.email) into.email = from.email;
  if (!into.organisation && from?.organisation) into.organisation = from.organisation;
  catalog.people.delete(fromId);
  for (const commitment of catalog.commitments.values())
    if (commitment.owner.kind === 'person' && commitment.owner.personId === fromId)
      commitment.owner = { ...commitment.owner, personId: intoId };
  const fromBucket = catalog.openByOwner.get(`person:${fromId}`);
  if (fromBucket) {
    const key = `person:${intoId}`;
    let bucket = catalog.openByOwner.get(key);
    if (!bucket) catalog.openByOwner.set(key, (bucket = new Set()));
    for (const id of fromBucket) {
      bucket.add(id);
      catalog.openKeyOf.set(id, key);
    }
    catalog.openByOwner.delete(`person:${fromId}`);
  }
  for (const group of catalog.groups.values()) {
    const role = group.members.get(fromId);
    if (role === undefined) continue;
    group.members.delete(fromId);
    // The one who remains keeps a role of their own; otherwise they take the merged record's.
    if (!group.members.has(intoId)) group.members.set(intoId, role);
  }
  for (const meeting of catalog.meetings.values()) {
    if (!meeting.attendance.some((a) => a.personId === fromId || a.substituteFor === fromId)) continue;
    const seen = new Set<string>();
    meeting.attendance = meeting.attendance
      .map((a) => ({
        ...a,
        personId: a.personId === fromId ? intoId : a.personId,
        substituteFor: a.substituteFor === fromId ? intoId : a.substituteFor,
      }))
      .filter((a) => !seen.has(a.personId) && seen.add(a.personId));
  }
  for (const wg of catalog.workingGroups.values()) {
    if (wg.leadPersonId === fromId) wg.leadPersonId = intoId;
    if (wg.memberIds.includes(fromId))
      wg.memberIds = [...new Set(wg.memberIds.map((id) => (id === fromId ? intoId : id)))];
  }
  const fromActs = catalog.byActor.get(fromId);
  if (fromActs) {
    const merged = [...(catalog.byActor.get(intoId) ?? []), ...fromActs].sort((a, b) => a - b);
    catalog.byActor.set(intoId, merged);
    catalog.byActor.delete(fromId);
  }
}

function applyGroup(catalog: Catalog, event: GroupEvent): void {
  const group = catalog.groups.get(event.data.groupId);
  switch (event.type) {
    case 'GroupEstablished':
      catalog.groups.set(event.data.groupId, {
        id: event.data.groupId,
        name: event.data.name,
        members: new Map(),
        reminderOffsets: null,
        meetingIds: [],
        lastHeldAt: null,
        commitmentIds: new Set(),
        workingGroupIds: new Set(),
        matterIds: new Set(),
      });
      return;
    case 'MemberJoined':
    case 'MemberRoleChanged':
      group?.members.set(event.data.personId, event.data.role);
      return;
    case 'MemberLeft':
      group?.members.delete(event.data.personId);
      return;
    case 'ReminderPolicySet':
      if (group) group.reminderOffsets = event.data.offsets;
      return;
    default:
      unreachable(event);
  }
}

function applyMeeting(catalog: Catalog, event: MeetingEvent): void {
  const meeting = catalog.meetings.get(event.data.meetingId);
  switch (event.type) {
    case 'MeetingScheduled': {
      const { data } = event;
      catalog.meetings.set(data.meetingId, {
        id: data.meetingId,
        groupId: data.groupId,
        title: data.title,
        startsAt: data.startsAt,
        endsAt: data.endsAt,
        location: data.location,
        online: data.online,
        status: 'scheduled',
        items: [],
        attendance: [],
        minutesApproved: false,
        minutesApprovedAtMeetingId: null,
        noticeIssued: false,
      });
      const group = catalog.groups.get(data.groupId);
      if (group) insertMeeting(catalog, group, data.meetingId);
      return;
    }
    case 'MeetingRescheduled':
      if (!meeting) return;
      meeting.startsAt = event.data.startsAt;
      meeting.endsAt = event.data.endsAt;
      sortMeetings(catalog, catalog.groups.get(meeting.groupId));
      updateLastHeld(catalog, meeting.groupId);
      return;
    case 'MeetingCancelled':
      if (meeting) meeting.status = 'cancelled';
      if (meeting) updateLastHeld(catalog, meeting.groupId);
      return;
    case 'AgendaItemAdded':
      meeting?.items.push({
        itemId: event.data.itemId,
        number: event.data.number,
        title: event.data.title,
        kind: event.data.kind,
        deferred: false,
        ...(event.data.commitmentId && { commitmentId: event.data.commitmentId }),
        ...(event.data.workingGroupId && { workingGroupId: event.data.workingGroupId }),
      });
      return;
    case 'AgendaItemDeferred': {
      const item = meeting?.items.find((i) => i.itemId === event.data.itemId);
      if (item) item.deferred = true;
      return;
    }
    case 'AgendaItemRenumbered': {
      const item = meeting?.items.find((i) => i.itemId === event.data.itemId);
      if (item) item.number = event.data.number;
      return;
    }
    case 'NoticeIssued':
      if (meeting) meeting.noticeIssued = true;
      return;
    case 'AttendanceRecorded':
      if (!meeting) return;
      meeting.attendance = meeting.attendance.filter((a) => a.personId !== event.data.personId);
      meeting.attendance.push({
        personId: event.data.personId,
        remote: event.data.remote,
        substituteFor: event.data.substituteFor,
      });
      return;
    case 'AttendanceWithdrawn': {
      if (!meeting) return;
      // Recorded under a person since merged away: the list names the one who remains.
      const shown = survivingPersonId(catalog, event.data.personId);
      meeting.attendance = meeting.attendance.filter((a) => a.personId !== shown);
      return;
    }
    case 'MeetingHeld':
      if (meeting) meeting.status = 'held';
      if (meeting) updateLastHeld(catalog, meeting.groupId);
      return;
    case 'MinutesApproved':
      if (!meeting) return;
      meeting.minutesApproved = true;
      meeting.minutesApprovedAtMeetingId = event.data.atMeetingId;
      return;
    default:
      unreachable(event);
  }
}

const startOf = (catalog: Catalog, id: string) => Date.parse(catalog.meetings.get(id)?.startsAt ?? '');

/** `meetingIds` is kept in start order: a new meeting goes after those starting at the same time, where a stable sort puts it. */
function insertMeeting(catalog: Catalog, group: GroupView, meetingId: string): void {
  const at = startOf(catalog, meetingId);
  let low = 0;
  let high = group.meetingIds.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (startOf(catalog, group.meetingIds[middle]) <= at) low = middle + 1;
    else high = middle;
  }
  group.meetingIds.splice(low, 0, meetingId);
}

function updateLastHeld(catalog: Catalog, groupId: string): void {
  const group = catalog.groups.get(groupId);
  if (!group) return;
  // meetingIds is in start order: the last held one is found from the end.
  for (let i = group.meetingIds.length - 1; i >= 0; i--) {
    const m = catalog.meetings.get(group.meetingIds[i]);
    if (m?.status === 'held') {
      group.lastHeldAt = Date.parse(m.startsAt);
      return;
    }
  }
  group.lastHeldAt = null;
}

function sortMeetings(catalog: Catalog, group: GroupView | undefined): void {
  if (!group) return;
  // Parsed once per meeting, not twice per comparison.
  const starts = new Map(group.meetingIds.map((id) => [id, startOf(catalog, id)]));
  group.meetingIds.sort((a, b) => starts.get(a)! - starts.get(b)!);
}

/**
 * What was read before the key was deleted goes too: the same view a rebuild gives, where the store already
 * reads the person's fields as "slettet person". A snapshot taken before the erasure is healed the same way.
 */
function erasePerson(catalog: Catalog, personId: string): void {
  const person = catalog.people.get(personId);
  if (person) Object.assign(person, { name: ERASED_PERSON, email: null, aliases: [], erased: true });
  for (const [commitmentId, index] of catalog.writtenBy.get(personId) ?? []) {
    const entry = catalog.commitments.get(commitmentId)?.progress[index];
    if (entry) entry.text = ERASED_PERSON;
  }
  catalog.writtenBy.delete(personId);
  for (const wg of catalog.workingGroups.values()) {
    for (const report of wg.statusReports)
      if (report.writtenBy === personId && report.text !== null) report.text = ERASED_PERSON;
    const latest = wg.statusReports.at(-1);
    if (latest?.writtenBy === personId && wg.statusText !== null) wg.statusText = ERASED_PERSON;
  }
}

/** Remembers free text a person wrote, so that erasing them can find it in the views. */
function rememberWriter(catalog: Catalog, actor: RecordedActor | null, entry: [string, number]): void {
  if (actor?.kind !== 'person') return;
  const written = catalog.writtenBy.get(actor.id);
  if (written) written.push(entry);
  else catalog.writtenBy.set(actor.id, [entry]);
}

function applyCommitment(
  catalog: Catalog,
  event: CommitmentEvent,
  at: string,
  actor: RecordedActor | null,
  source: ImportSource | null,
): void {
  const commitment = catalog.commitments.get(event.data.commitmentId);
  switch (event.type) {
    case 'CommitmentMade': {
      const { data } = event;
      const view: CommitmentView = {
        id: data.commitmentId,
        groupId: data.groupId,
        meetingId: data.meetingId,
        agendaItemId: data.agendaItemId,
        matterId: data.matterId,
        text: data.text,
        owner: data.owner,
        due: data.due,
        anchorMeetingId: data.meetingId,
        status: 'open',
        carriedOver: 0,
        progress: [],
        madeAt: at,
        madeBy: actor,
        source,
        closedAt: null,
      };
      catalog.commitments.set(data.commitmentId, view);
      catalog.groups.get(data.groupId)?.commitmentIds.add(data.commitmentId);
      return;
    }
    case 'CommitmentReassigned':
      if (commitment) commitment.owner = event.data.owner;
      return;
    case 'CommitmentDueChanged':
      if (commitment) commitment.due = event.data.due;
      return;
    case 'CommitmentProgressReported':
      if (!commitment) return;
      commitment.progress.push({ at, text: event.data.text });
      rememberWriter(catalog, actor, [commitment.id, commitment.progress.length - 1]);
      return;
    case 'CommitmentCompleted':
      if (commitment) Object.assign(commitment, { status: 'completed', closedAt: at });
      return;
    case 'CommitmentCarriedOver':
      if (!commitment) return;
      commitment.carriedOver = event.data.times;
      commitment.anchorMeetingId = event.data.fromMeetingId;
      commitment.due = { kind: 'next-meeting' };
      return;
    case 'CommitmentWithdrawn':
      if (commitment) Object.assign(commitment, { status: 'withdrawn', closedAt: at });
      return;
    default:
      unreachable(event);
  }
}

/** A person's own act, as the metadata's channel says: not an import or a policy (nor an event without a channel). */
const byHand = (via: string | null) => via !== null && via !== 'import' && via !== 'system';

function applyWorkingGroup(
  catalog: Catalog,
  event: WorkingGroupEvent,
  at: string,
  actor: RecordedActor | null,
  via: string | null,
): void {
  const wg = catalog.workingGroups.get(event.data.workingGroupId);
  switch (event.type) {
    case 'WorkingGroupFormed': {
      const { data } = event;
      catalog.workingGroups.set(data.workingGroupId, {
        id: data.workingGroupId,
        groupId: data.groupId,
        name: data.name,
        leadPersonId: data.leadPersonId,
        leadSetByHandAt: data.leadPersonId && byHand(via) ? at : null,
        memberIds: [...data.memberIds],
        mandate: data.mandate,
        status: 'not-started',
        statusText: null,
        statusReportedAt: null,
        statusReports: [],
        dissolved: false,
      });
      catalog.groups.get(data.groupId)?.workingGroupIds.add(data.workingGroupId);
      return;
    }
    case 'WorkingGroupLeadChanged':
      if (wg) {
        wg.leadPersonId = event.data.leadPersonId;
        if (byHand(via)) wg.leadSetByHandAt = at;
      }
      return;
    case 'WorkingGroupMemberAdded':
      if (wg && !wg.memberIds.includes(event.data.personId)) wg.memberIds.push(event.data.personId);
      return;
    case 'WorkingGroupMemberRemoved':
      if (wg) wg.memberIds = wg.memberIds.filter((id) => id !== event.data.personId);
      return;
    case 'WorkingGroupStatusReported':
      if (wg) {
        Object.assign(wg, { status: event.data.status, statusText: event.data.text, statusReportedAt: at });
        const writtenBy = actor?.kind === 'person' ? actor.id : null;
        wg.statusReports.push({ status: event.data.status, text: event.data.text, at, writtenBy });
      }
      return;
    case 'WorkingGroupDissolved':
      if (wg) wg.dissolved = true;
      return;
    default:
      unreachable(event);
  }
}

function applyMatter(catalog: Catalog, event: MatterEvent): void {
  switch (event.type) {
    case 'MatterOpened':
      catalog.matters.set(event.data.matterId, {
        id: event.data.matterId,
        groupId: event.data.groupId,
        title: event.data.title,
        status: 'open',
      });
      catalog.groups.get(event.data.groupId)?.matterIds.add(event.data.matterId);
      return;
    case 'MatterClosed': {
      const matter = catalog.matters.get(event.data.matterId);
      if (matter) matter.status = 'closed';
      return;
    }
    case 'MatterDiscussed':
    case 'ProposalRevised':
    case 'DecisionRecorded':
    case 'DecisionAmended':
    case 'MatterReferred':
      return;
    default:
      unreachable(event);
  }
}
