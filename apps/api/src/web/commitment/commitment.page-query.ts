import { commitmentsEventSchema, type Due, type Owner } from '@tilneste/commitments';
import { importSourceOf, taskView, type Catalog, type ImportSource } from '@tilneste/projections';
import { recorder, type Recorder } from '../matter/matter.page-query';

/** An event of the commitment's stream as the audit trail gives it. */
export interface StoredEvent {
  type: string;
  data: unknown;
  metadata: unknown;
  recordedAt: string;
}

/** A meeting named in the history or a form: enough to link to it and say when it is. */
export interface MeetingRef {
  id: string;
  startsAt: string;
  title: string | null;
}

/** An owner or a deadline as the history names it, worded by the view. */
export type OwnerRef =
  | { kind: 'person'; id: string; name: string | null }
  | { kind: 'working-group'; id: string; name: string | null }
  | { kind: 'secretariat' }
  | { kind: 'none' };
export type DueRef =
  { kind: 'next-meeting' } | { kind: 'meeting'; meeting: MeetingRef | null } | { kind: 'date'; date: string };

/** One change in the commitment's history, with who recorded it, when, and from where. */
export type HistoryEntry = {
  at: string;
  recordedBy: Recorder;
  importedFrom: ImportSource | null;
} & (
  | { type: 'CommitmentMade'; text: string; owner: OwnerRef; due: DueRef; meeting: MeetingRef | null }
  | { type: 'CommitmentReassigned'; owner: OwnerRef; previous: OwnerRef }
  | { type: 'CommitmentDueChanged'; due: DueRef; previous: DueRef }
  | { type: 'CommitmentProgressReported'; text: string }
  | { type: 'CommitmentCompleted'; note: string | null }
  | { type: 'CommitmentCarriedOver'; from: MeetingRef | null; times: number }
  | { type: 'CommitmentWithdrawn'; reason: string | null }
  | { type: 'unknown'; name: string }
);

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'nb');

function meetingRef(catalog: Catalog, id: string): MeetingRef | null {
  const meeting = catalog.meetings.get(id);
  return meeting ? { id: meeting.id, startsAt: meeting.startsAt, title: meeting.title } : null;
}

function ownerRef(catalog: Catalog, owner: Owner): OwnerRef {
  if (owner.kind === 'person')
    return { kind: 'person', id: owner.personId, name: catalog.people.get(owner.personId)?.name ?? null };
  if (owner.kind === 'working-group')
    return {
      kind: 'working-group',
      id: owner.workingGroupId,
      name: catalog.workingGroups.get(owner.workingGroupId)?.name ?? null,
    };
  return owner.kind === 'secretariat' ? { kind: 'secretariat' } : { kind: 'none' };
}

function dueRef(catalog: Catalog, due: Due): DueRef {
  if (due.kind === 'meeting') return { kind: 'meeting', meeting: meetingRef(catalog, due.meetingId) };
  return due;
}

/**
 * The stream's events as history entries, each checked against the commitments' event schema as it is read
 * back; one that does not parse (written by a later version) is named by its type and shown without details.
 */
export function commitmentHistory(catalog: Catalog, events: readonly StoredEvent[]): HistoryEntry[] {
  return events.map((stored) => {
    const meta = (stored.metadata ?? {}) as { actor?: unknown; at?: unknown };
    const common = {
      at: typeof meta.at === 'string' ? meta.at : stored.recordedAt,
      recordedBy: recorder(catalog, meta.actor),
      importedFrom: importSourceOf(stored.metadata),
    };
    const parsed = commitmentsEventSchema.safeParse({ type: stored.type, data: stored.data });
    if (!parsed.success) return { ...common, type: 'unknown', name: stored.type };
    const e = parsed.data;
    switch (e.type) {
      case 'CommitmentMade':
        return {
          ...common,
          type: e.type,
          text: e.data.text,
          owner: ownerRef(catalog, e.data.owner),
          due: dueRef(catalog, e.data.due),
          meeting: meetingRef(catalog, e.data.meetingId),
        };
      case 'CommitmentReassigned':
        return {
          ...common,
          type: e.type,
          owner: ownerRef(catalog, e.data.owner),
          previous: ownerRef(catalog, e.data.previousOwner),
        };
      case 'CommitmentDueChanged':
        return {
          ...common,
          type: e.type,
          due: dueRef(catalog, e.data.due),
          previous: dueRef(catalog, e.data.previousDue),
        };
      case 'CommitmentProgressReported':
        return { ...common, type: e.type, text: e.data.text };
      case 'CommitmentCompleted':
        return { ...common, type: e.type, note: e.data.note };
      case 'CommitmentCarriedOver':
        return {
          ...common,
          type: e.type,
          from: meetingRef(catalog, e.data.fromMeetingId),
          times: e.data.times,
        };
      case 'CommitmentWithdrawn':
        return { ...common, type: e.type, reason: e.data.reason };
    }
  });
}

/**
 * One commitment as its page shows it: the task's facts (owner, deadline, where it came from), the matter it
 * belongs to, its history from the stream, and the choices the secretariat's forms offer, with the current
 * owner and deadline as the forms' starting values.
 */
export function commitmentPage(
  catalog: Catalog,
  commitmentId: string,
  events: readonly StoredEvent[],
  now: Date,
) {
  const commitment = catalog.commitments.get(commitmentId);
  if (!commitment) return undefined;
  const group = catalog.groups.get(commitment.groupId);
  const matter = commitment.matterId ? catalog.matters.get(commitment.matterId) : undefined;
  const members = [...(group?.members.keys() ?? [])]
    .map((id) => catalog.people.get(id))
    .filter((p) => p !== undefined)
    .map((p) => ({ id: p.id, name: p.name }))
    .sort(byName);
  const memberIds = new Set(members.map((p) => p.id));
  const owner = commitment.owner;
  // The owner stays choosable even when they are not a member (a guest who promised something).
  const guest =
    owner.kind === 'person' && !memberIds.has(owner.personId)
      ? catalog.people.get(owner.personId)
      : undefined;
  const anchor = catalog.meetings.get(commitment.anchorMeetingId);
  const due = commitment.due;
  return {
    task: taskView(catalog, commitment, now),
    groupName: group?.name ?? '',
    matter: matter ? { id: matter.id, title: matter.title } : null,
    history: commitmentHistory(catalog, events),
    choices: {
      people: guest ? [...members, { id: guest.id, name: guest.name }] : members,
      workingGroups: [...(group?.workingGroupIds ?? [])]
        .map((id) => catalog.workingGroups.get(id)!)
        .filter((wg) => !wg.dissolved || (owner.kind === 'working-group' && owner.workingGroupId === wg.id))
        .map((wg) => ({ id: wg.id, name: wg.name }))
        .sort(byName),
      // Meetings after the one "next meeting" counts from, not cancelled: where it could fall due.
      meetings: (group?.meetingIds ?? [])
        .map((id) => catalog.meetings.get(id)!)
        .filter((m) => m.status !== 'cancelled')
        .filter((m) => !anchor || Date.parse(m.startsAt) > Date.parse(anchor.startsAt))
        .map((m) => ({ id: m.id, startsAt: m.startsAt, title: m.title })),
    },
    current: {
      ownerKind: owner.kind === 'none' ? 'person' : owner.kind,
      ownerPerson: owner.kind === 'person' ? owner.personId : '',
      ownerWorkingGroup: owner.kind === 'working-group' ? owner.workingGroupId : '',
      dueKind: due.kind,
      dueMeeting: due.kind === 'meeting' ? due.meetingId : '',
      dueDate: due.kind === 'date' ? due.date : '',
    },
  };
}

export type CommitmentPage = NonNullable<ReturnType<typeof commitmentPage>>;
