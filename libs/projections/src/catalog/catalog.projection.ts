import { unreachable } from '@tilneste/domain-kit';
import { commitmentEventSchema, type CommitmentEvent, type Due, type Owner } from '@tilneste/commitments';
import { groupEventSchema, type GroupEvent } from '@tilneste/groups';
import { matterEventSchema, type MatterEvent } from '@tilneste/matters';
import { meetingEventSchema, type MeetingEvent } from '@tilneste/meetings';
import { personEventSchema, type PersonEvent } from '@tilneste/people';
import { workingGroupEventSchema, type WorkingGroupEvent } from '@tilneste/working-groups';
import { parseRecordedEvent, type DomainEvent, type RecordedEvent } from '@tilneste/event-store';
import type { z } from 'zod';

export interface PersonView {
  id: string;
  name: string;
  email: string | null;
  organisation: string | null;
  aliases: string[];
}
export interface GroupView {
  id: string;
  name: string;
  members: Map<string, 'member' | 'chair' | 'secretariat'>;
  reminderOffsets: string[] | null;
  meetingIds: string[];
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
  noticeIssued: boolean;
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
  closedAt: string | null;
}
export interface WorkingGroupView {
  id: string;
  groupId: string;
  name: string;
  leadPersonId: string | null;
  memberIds: string[];
  mandate: string | null;
  status: 'not-started' | 'active' | 'done';
  statusText: string | null;
  statusReportedAt: string | null;
  dissolved: boolean;
}
/** Who did something, as an event's metadata records it. */
export interface RecordedActor {
  kind: string;
  id: string;
}
export interface TimelineEntry {
  at: string;
  type: string;
  meetingId: string | null;
  text: string | null;
  previousText: string | null;
  actor: RecordedActor | null;
  decisionId?: string;
  kind?: string;
  reason?: string | null;
}
export interface MatterView {
  id: string;
  groupId: string;
  title: string;
  status: 'open' | 'closed';
  timeline: TimelineEntry[];
}

/** Everything the queries join, kept in memory and rebuilt from the events at start. */
export class Catalog {
  people = new Map<string, PersonView>();
  groups = new Map<string, GroupView>();
  meetings = new Map<string, MeetingView>();
  commitments = new Map<string, CommitmentView>();
  /**
   * Open commitments by who answers for them (`person:<id>`, `working-group:<id>`, `secretariat:<groupId>`):
   * a task list reads its few buckets instead of every commitment ever made.
   */
  openByOwner = new Map<string, Map<string, CommitmentView>>();
  /** Each commitment's place in `commitments`, so tasks gathered from several buckets keep that order. */
  madeOrder = new Map<string, number>();
  workingGroups = new Map<string, WorkingGroupView>();
  matters = new Map<string, MatterView>();
  /**
   * Who recorded what: actor id → the global positions of their events, oldest first. Plain numbers, not
   * objects: at a million events this list is most of what a rebuild would otherwise leave for the GC.
   */
  byActor = new Map<string, number[]>();
  position: bigint | undefined;

  private derivedAt: bigint | undefined | null = null;
  private readonly derivedValues = new Map<string, unknown>();

  /**
   * A value computed from the catalog, kept until the next event is applied: reads between two writes
   * share it. The caller must not change it, and it must not depend on anything but the catalog.
   */
  derived<T>(key: string, compute: () => T): T {
    if (this.derivedAt !== this.position) {
      this.derivedValues.clear();
      this.derivedAt = this.position;
    }
    if (this.derivedValues.has(key)) return this.derivedValues.get(key) as T;
    const value = compute();
    this.derivedValues.set(key, value);
    return value;
  }
}

type Meta = { at?: string; actor?: { id?: string; kind?: string } };

/** The metadata's actor when it has the shape one is written with, else null. */
function actorOf(meta: Meta): RecordedActor | null {
  const actor = meta.actor;
  return typeof actor?.kind === 'string' && typeof actor.id === 'string' ? (actor as RecordedActor) : null;
}

/**
 * Applies one recorded event to the catalog. It mutates in place (a rebuild of a million events
 * cannot afford copies) and skips events at or before the catalog's position, so a replay is harmless.
 */
export function applyToCatalog(catalog: Catalog, recorded: RecordedEvent): void {
  if (catalog.position !== undefined && recorded.position <= catalog.position) return;
  catalog.position = recorded.position;
  const meta = (recorded.metadata ?? {}) as Meta;
  const at = meta.at ?? recorded.createdAt.toISOString();
  const category = recorded.streamName.slice(0, recorded.streamName.indexOf('-'));
  const handled = applyByCategory(catalog, category, recorded, at, meta);
  if (handled && meta.actor?.id) {
    const list = catalog.byActor.get(meta.actor.id);
    if (list) list.push(Number(recorded.position));
    else catalog.byActor.set(meta.actor.id, [Number(recorded.position)]);
  }
}

function applyByCategory(
  catalog: Catalog,
  category: string,
  recorded: RecordedEvent,
  at: string,
  meta: Meta,
): boolean {
  switch (category) {
    case 'person':
      applyPerson(catalog, parsed(personEventSchema, recorded));
      return true;
    case 'group':
      applyGroup(catalog, parsed(groupEventSchema, recorded));
      return true;
    case 'meeting':
      applyMeeting(catalog, parsed(meetingEventSchema, recorded));
      return true;
    case 'commitment':
      applyCommitment(catalog, parsed(commitmentEventSchema, recorded), at, meta);
      return true;
    case 'workinggroup':
      applyWorkingGroup(catalog, parsed(workingGroupEventSchema, recorded), at);
      return true;
    case 'matter':
      applyMatter(catalog, parsed(matterEventSchema, recorded), at, actorOf(meta));
      return true;
    default:
      return false;
  }
}

/** Only `type` and `data` are applied, so the envelope `parseRecordedEvent` adds is skipped; a failure throws exactly its error. */
function parsed<S extends z.ZodType<DomainEvent>>(schema: S, recorded: RecordedEvent): z.output<S> {
  const result = schema.safeParse({ type: recorded.type, data: recorded.data });
  return result.success ? result.data : parseRecordedEvent(schema, recorded);
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
    default:
      unreachable(event);
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
      return;
    case 'MeetingCancelled':
      if (meeting) meeting.status = 'cancelled';
      return;
    case 'AgendaItemAdded':
      meeting?.items.push({
        itemId: event.data.itemId,
        number: event.data.number,
        title: event.data.title,
        kind: event.data.kind,
        deferred: false,
      });
      return;
    case 'AgendaItemDeferred': {
      const item = meeting?.items.find((i) => i.itemId === event.data.itemId);
      if (item) item.deferred = true;
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
    case 'MeetingHeld':
      if (meeting) meeting.status = 'held';
      return;
    case 'MinutesApproved':
      if (meeting) meeting.minutesApproved = true;
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

function sortMeetings(catalog: Catalog, group: GroupView | undefined): void {
  if (!group) return;
  // Parsed once per meeting, not twice per comparison.
  const starts = new Map(group.meetingIds.map((id) => [id, startOf(catalog, id)]));
  group.meetingIds.sort((a, b) => starts.get(a)! - starts.get(b)!);
}

function applyCommitment(catalog: Catalog, event: CommitmentEvent, at: string, meta: Meta): void {
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
        madeBy: actorOf(meta),
        closedAt: null,
      };
      // Made twice (never by the decider): it keeps its place in `commitments`, and its bucket moves with it.
      if (commitment) unindexOpen(catalog, commitment);
      else catalog.madeOrder.set(data.commitmentId, catalog.madeOrder.size);
      catalog.commitments.set(data.commitmentId, view);
      indexOpen(catalog, view);
      catalog.groups.get(data.groupId)?.commitmentIds.add(data.commitmentId);
      return;
    }
    case 'CommitmentReassigned':
      if (!commitment) return;
      unindexOpen(catalog, commitment);
      commitment.owner = event.data.owner;
      indexOpen(catalog, commitment);
      return;
    case 'CommitmentDueChanged':
      if (commitment) commitment.due = event.data.due;
      return;
    case 'CommitmentProgressReported':
      commitment?.progress.push({ at, text: event.data.text });
      return;
    case 'CommitmentCompleted':
      if (!commitment) return;
      Object.assign(commitment, { status: 'completed', closedAt: at });
      unindexOpen(catalog, commitment);
      return;
    case 'CommitmentCarriedOver':
      if (!commitment) return;
      commitment.carriedOver = event.data.times;
      commitment.anchorMeetingId = event.data.fromMeetingId;
      commitment.due = { kind: 'next-meeting' };
      return;
    case 'CommitmentWithdrawn':
      if (!commitment) return;
      Object.assign(commitment, { status: 'withdrawn', closedAt: at });
      unindexOpen(catalog, commitment);
      return;
    default:
      unreachable(event);
  }
}

/** The bucket a task list looks in for this commitment; one with no owner is in none. */
export function openOwnerKey(c: CommitmentView): string | undefined {
  switch (c.owner.kind) {
    case 'person':
      return `person:${c.owner.personId}`;
    case 'working-group':
      return `working-group:${c.owner.workingGroupId}`;
    case 'secretariat':
      return `secretariat:${c.groupId}`;
    case 'none':
      return undefined;
  }
}

/** Called before the owner changes or the commitment closes: the key is the one it was filed under. */
function unindexOpen(catalog: Catalog, c: CommitmentView): void {
  const key = openOwnerKey(c);
  if (key !== undefined) catalog.openByOwner.get(key)?.delete(c.id);
}

function indexOpen(catalog: Catalog, c: CommitmentView): void {
  const key = c.status === 'open' ? openOwnerKey(c) : undefined;
  if (key === undefined) return;
  let bucket = catalog.openByOwner.get(key);
  if (!bucket) catalog.openByOwner.set(key, (bucket = new Map()));
  bucket.set(c.id, c);
}

function applyWorkingGroup(catalog: Catalog, event: WorkingGroupEvent, at: string): void {
  const wg = catalog.workingGroups.get(event.data.workingGroupId);
  switch (event.type) {
    case 'WorkingGroupFormed': {
      const { data } = event;
      catalog.workingGroups.set(data.workingGroupId, {
        id: data.workingGroupId,
        groupId: data.groupId,
        name: data.name,
        leadPersonId: data.leadPersonId,
        memberIds: [...data.memberIds],
        mandate: data.mandate,
        status: 'not-started',
        statusText: null,
        statusReportedAt: null,
        dissolved: false,
      });
      catalog.groups.get(data.groupId)?.workingGroupIds.add(data.workingGroupId);
      return;
    }
    case 'WorkingGroupLeadChanged':
      if (wg) wg.leadPersonId = event.data.leadPersonId;
      return;
    case 'WorkingGroupMemberAdded':
      if (wg && !wg.memberIds.includes(event.data.personId)) wg.memberIds.push(event.data.personId);
      return;
    case 'WorkingGroupMemberRemoved':
      if (wg) wg.memberIds = wg.memberIds.filter((id) => id !== event.data.personId);
      return;
    case 'WorkingGroupStatusReported':
      if (wg)
        Object.assign(wg, { status: event.data.status, statusText: event.data.text, statusReportedAt: at });
      return;
    case 'WorkingGroupDissolved':
      if (wg) wg.dissolved = true;
      return;
    default:
      unreachable(event);
  }
}

function applyMatter(catalog: Catalog, event: MatterEvent, at: string, actor: RecordedActor | null): void {
  const matter = catalog.matters.get(event.data.matterId);
  const entry = (fields: Partial<TimelineEntry>): void =>
    void matter?.timeline.push({
      at,
      type: event.type,
      meetingId: null,
      text: null,
      previousText: null,
      actor,
      ...fields,
    });
  switch (event.type) {
    case 'MatterOpened':
      catalog.matters.set(event.data.matterId, {
        id: event.data.matterId,
        groupId: event.data.groupId,
        title: event.data.title,
        status: 'open',
        timeline: [
          { at, type: event.type, meetingId: null, text: event.data.title, previousText: null, actor },
        ],
      });
      catalog.groups.get(event.data.groupId)?.matterIds.add(event.data.matterId);
      return;
    case 'MatterDiscussed':
      entry({ meetingId: event.data.meetingId, text: event.data.summary });
      return;
    case 'ProposalRevised':
      entry({
        meetingId: event.data.meetingId,
        text: event.data.text,
        previousText: event.data.previousText,
        reason: event.data.reason,
      });
      return;
    case 'DecisionRecorded':
      entry({
        meetingId: event.data.meetingId,
        text: event.data.text,
        decisionId: event.data.decisionId,
        kind: event.data.kind,
      });
      return;
    case 'DecisionAmended':
      entry({
        meetingId: event.data.meetingId,
        text: event.data.text,
        previousText: event.data.previousText,
        decisionId: event.data.decisionId,
        reason: event.data.reason,
      });
      return;
    case 'MatterReferred':
      entry({
        meetingId: event.data.meetingId,
        text: `${event.data.to}${event.data.note ? `: ${event.data.note}` : ''}`,
      });
      return;
    case 'MatterClosed':
      if (matter) matter.status = 'closed';
      entry({ text: event.data.reason });
      return;
    default:
      unreachable(event);
  }
}
