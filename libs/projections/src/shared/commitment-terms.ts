import type { Owner } from '@tilneste/commitments';
import { zoneOffsetMs } from '@tilneste/domain-kit';
import { GROUP_TIME_ZONE } from '@tilneste/groups';
import type { Catalog } from '../catalog';
import type { CommitmentView, MeetingView, PersonView } from '../entities/entities.projection';

/*
 * The terms every view uses, each defined once: when a commitment is due ("next meeting" resolved now),
 * whether it is overdue, who answers for it, who can be reached by e-mail, the next and previous meeting.
 */

/** The owner as the HTTP API spells it. */
export type ApiOwner = { personId: string } | { workingGroupId: string } | { secretariat: true } | null;

export function toApiOwner(owner: Owner): ApiOwner {
  switch (owner.kind) {
    case 'person':
      return { personId: owner.personId };
    case 'working-group':
      return { workingGroupId: owner.workingGroupId };
    case 'secretariat':
      return { secretariat: true };
    case 'none':
      return null;
  }
}

/** The group's first meeting, not cancelled, that starts after `meeting`. */
export function meetingAfter(catalog: Catalog, meeting: MeetingView): MeetingView | undefined {
  const ids = catalog.groups.get(meeting.groupId)?.meetingIds ?? [];
  const after = Date.parse(meeting.startsAt);
  // `meetingIds` is kept in start order: find the first one starting later, then skip cancelled ones.
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (Date.parse(catalog.meetings.get(ids[middle])!.startsAt) > after) high = middle;
    else low = middle + 1;
  }
  for (let i = low; i < ids.length; i++) {
    const candidate = catalog.meetings.get(ids[i])!;
    if (candidate.status !== 'cancelled' && !isNotClosed(catalog, candidate)) return candidate;
  }
  return undefined;
}

/**
 * True for a meeting still scheduled although a later meeting of its group has been held: it is known only from a
 * notice and was never closed (no minutes came). It is neither the next meeting nor the meeting anything is due at.
 * Derived from the history, so importing documents in any order gives the same answer.
 */
export function isNotClosed(catalog: Catalog, meeting: MeetingView): boolean {
  const lastHeld = catalog.groups.get(meeting.groupId)?.lastHeldAt ?? null;
  return meeting.status === 'scheduled' && lastHeld !== null && Date.parse(meeting.startsAt) < lastHeld;
}

/** The meeting a commitment is due at, resolved now: moving a meeting moves the deadline. */
export function dueMeeting(catalog: Catalog, commitment: CommitmentView): MeetingView | undefined {
  if (commitment.due.kind === 'meeting') return catalog.meetings.get(commitment.due.meetingId);
  if (commitment.due.kind === 'date') return undefined;
  const anchor = catalog.meetings.get(commitment.anchorMeetingId);
  return anchor && meetingAfter(catalog, anchor);
}

/**
 * Open commitments due at a meeting, "next meeting" resolved now so that a move or a cancellation follows:
 * what a meeting carries over when it is held, and the first part of `followUpsAt`. Worked out once between
 * writes; the caller must not change the list.
 */
export function commitmentsDueAt(catalog: Catalog, meeting: MeetingView): readonly CommitmentView[] {
  return catalog.derived(`due-at ${meeting.id}`, () => {
    const due: CommitmentView[] = [];
    for (const id of catalog.groups.get(meeting.groupId)?.commitmentIds ?? []) {
      const commitment = catalog.commitments.get(id);
      if (commitment?.status === 'open' && dueMeeting(catalog, commitment)?.id === meeting.id)
        due.push(commitment);
    }
    return due;
  });
}

/**
 * What a meeting follows up, the one definition behind the draft agenda and the reminders before it: the open
 * commitments due at it (`commitmentsDueAt`), then, by date, the group's open commitments whose deadline is a
 * date on or before the meeting's day (in the group's time zone). Nothing carries a commitment with a date to a
 * meeting, so without the second part one that ran out before the meeting, or long ago, would never come up at
 * one, nor be reminded of. Worked out once between writes; the caller must not change the list.
 */
export function followUpsAt(catalog: Catalog, meeting: MeetingView): readonly CommitmentView[] {
  return catalog.derived(`follow-ups ${meeting.id}`, () => {
    const startsAt = Date.parse(meeting.startsAt);
    const meetingDay = new Date(startsAt + zoneOffsetMs(startsAt, GROUP_TIME_ZONE))
      .toISOString()
      .slice(0, 10);
    const byDate: { commitment: CommitmentView; date: string }[] = [];
    for (const id of catalog.groups.get(meeting.groupId)?.commitmentIds ?? []) {
      const commitment = catalog.commitments.get(id);
      if (
        commitment?.status === 'open' &&
        commitment.due.kind === 'date' &&
        commitment.due.date <= meetingDay
      )
        byDate.push({ commitment, date: commitment.due.date });
    }
    byDate.sort((a, b) => a.date.localeCompare(b.date));
    return [...commitmentsDueAt(catalog, meeting), ...byDate.map((d) => d.commitment)];
  });
}

export function dueAt(catalog: Catalog, commitment: CommitmentView): string | null {
  if (commitment.due.kind === 'date') return commitment.due.date;
  return dueMeeting(catalog, commitment)?.startsAt ?? null;
}

/** `due` is the commitment's `dueMeeting`, resolved once by the caller. */
export function isOverdue(commitment: CommitmentView, due: MeetingView | undefined, now: Date): boolean {
  if (commitment.status !== 'open') return false;
  if (commitment.due.kind === 'date') return commitment.due.date < now.toISOString().slice(0, 10);
  return !!due && (due.status === 'held' || Date.parse(due.startsAt) < now.getTime());
}

/** Who is answerable for a commitment: its person, its working group's lead, or none. */
export function responsiblePersonId(catalog: Catalog, commitment: CommitmentView): string | null {
  if (commitment.owner.kind === 'person') return commitment.owner.personId;
  if (commitment.owner.kind === 'working-group') {
    return catalog.workingGroups.get(commitment.owner.workingGroupId)?.leadPersonId ?? null;
  }
  return null;
}

/**
 * How the HTTP API's JSON names the secretariat as an owner (a task's `ownerName`, the dashboard's
 * `byOwner[].name`): always this, whatever the reader's language, as API.md has it.
 */
export const API_SECRETARIAT_NAME = 'Sekretariatet';

/**
 * The owner's name: the person's, the working group's, or `secretariat`, the secretariat's in the words of
 * whoever reads it (the catalogue's, or `API_SECRETARIAT_NAME` for the API); null for no owner or one not known.
 */
export function ownerName(catalog: Catalog, owner: Owner, secretariat: string): string | null {
  switch (owner.kind) {
    case 'person':
      return catalog.people.get(owner.personId)?.name ?? null;
    case 'working-group':
      return catalog.workingGroups.get(owner.workingGroupId)?.name ?? null;
    case 'secretariat':
      return secretariat;
    case 'none':
      return null;
  }
}

/**
 * The group's meetings as a person looks at them now: the next one is never in the past, and past ones
 * never held or cancelled stand apart (for the secretariat to close). The pages use this; the API's
 * `nextMeeting` below reads no clock: the earliest meeting still open and not passed over by a held one.
 */
export function meetingsAround(
  catalog: Catalog,
  groupId: string,
  now: Date,
): { next: MeetingView | undefined; unclosed: MeetingView[] } {
  const scheduled = (catalog.groups.get(groupId)?.meetingIds ?? [])
    .map((id) => catalog.meetings.get(id)!)
    .filter((m) => m.status === 'scheduled');
  // A meeting left unclosed before a held one (isNotClosed) is never next, even if its date is still ahead.
  const unclosed = (m: MeetingView) => Date.parse(m.startsAt) < now.getTime() || isNotClosed(catalog, m);
  return { next: scheduled.find((m) => !unclosed(m)), unclosed: scheduled.filter(unclosed) };
}

/** The group's next meeting: the earliest one neither held nor cancelled, nor left unclosed before a held one. */
export function nextMeeting(catalog: Catalog, groupId: string): MeetingView | undefined {
  const group = catalog.groups.get(groupId);
  return (group?.meetingIds ?? [])
    .map((id) => catalog.meetings.get(id)!)
    .find((m) => m.status === 'scheduled' && !isNotClosed(catalog, m));
}

/** Meetings known only from a notice and never closed, oldest first (see isNotClosed). */
export function notClosedMeetings(catalog: Catalog, groupId: string): MeetingView[] {
  return (catalog.groups.get(groupId)?.meetingIds ?? [])
    .map((id) => catalog.meetings.get(id)!)
    .filter((m) => isNotClosed(catalog, m));
}

export function previousMeeting(
  catalog: Catalog,
  groupId: string,
  before: MeetingView | undefined,
): MeetingView | undefined {
  const group = catalog.groups.get(groupId);
  const meetings = (group?.meetingIds ?? [])
    .map((id) => catalog.meetings.get(id)!)
    .filter((m) => m.status === 'held');
  const limit = before ? Date.parse(before.startsAt) : Number.POSITIVE_INFINITY;
  return meetings.filter((m) => Date.parse(m.startsAt) < limit).at(-1);
}

export const meetingSummary = (m: MeetingView | undefined) =>
  m
    ? {
        id: m.id,
        title: m.title,
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        location: m.location,
        online: m.online,
      }
    : null;

export function groupCommitments(catalog: Catalog, groupId: string): CommitmentView[] {
  return [...(catalog.groups.get(groupId)?.commitmentIds ?? [])].map((id) => catalog.commitments.get(id)!);
}

export function deferredItems(catalog: Catalog, groupId: string, next: MeetingView | undefined) {
  const previous = previousMeeting(catalog, groupId, next);
  if (!previous) return [];
  const taken = new Set(next?.items.map((i) => i.title.toLowerCase()) ?? []);
  return previous.items
    .filter((i) => i.deferred && !taken.has(i.title.toLowerCase()))
    .map((i) => ({
      meetingId: previous.id,
      itemId: i.itemId,
      number: i.number,
      title: i.title,
      kind: i.kind,
    }));
}

/** Who answers for a commitment: its person, its working group's lead, or the group's secretariat. */
export function answerableFor(catalog: Catalog, commitment: CommitmentView): string[] {
  if (commitment.owner.kind === 'secretariat') {
    const members = catalog.groups.get(commitment.groupId)?.members ?? new Map<string, string>();
    return [...members].filter(([, role]) => role === 'secretariat').map(([id]) => id);
  }
  const person = responsiblePersonId(catalog, commitment);
  return person ? [person] : [];
}

/** Whether e-mail can reach a person: an address is on record (the decider accepts only valid ones). */
export const reachableByEmail = (person: PersonView | undefined): boolean => !!person?.email;
