import {
  deferredItems,
  draftItemsToAdd,
  previousMeeting,
  type Catalog,
  type MeetingView,
} from '@tilneste/projections';
import { meetingPage } from '../meeting/meeting.page-query';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'nb');

/**
 * What the secretariat needs to record a meeting: the meeting as recorded so far, the draft agenda's items and
 * the deferred items of the previous meeting not yet on this agenda (offered first), and the choices the forms
 * offer (people, members, working groups, open matters, later meetings).
 */
export function recordPage(catalog: Catalog, meetingId: string, now: Date) {
  const meeting = catalog.meetings.get(meetingId);
  const shown = meetingPage(catalog, meetingId, now);
  if (!meeting || !shown) return undefined;
  const group = catalog.groups.get(meeting.groupId);
  const members = [...(group?.members.keys() ?? [])]
    .map((id) => catalog.people.get(id))
    .filter((p) => p !== undefined)
    .map((p) => ({ id: p.id, name: p.name }))
    .sort(byName);
  const memberIds = new Set(members.map((p) => p.id));
  // Members first, then everyone else: a guest or a substitute may be from outside the group.
  const others = [...catalog.people.values()]
    .filter((p) => !memberIds.has(p.id))
    .map((p) => ({ id: p.id, name: p.name }))
    .sort(byName);
  const previous = previousMeeting(catalog, meeting.groupId, meeting);
  const later = (group?.meetingIds ?? [])
    .map((id) => catalog.meetings.get(id)!)
    .filter((m) => m.id !== meeting.id && m.status !== 'cancelled')
    .filter((m) => Date.parse(m.startsAt) > Date.parse(meeting.startsAt))
    .map((m) => ({ id: m.id, startsAt: m.startsAt, title: m.title }));
  return {
    ...shown,
    deferredOffer: meeting.status === 'cancelled' ? [] : deferredItems(catalog, meeting.groupId, meeting),
    /** Only ahead of the meeting: once held, what it followed up is settled. */
    draftOffer: meeting.status === 'scheduled' ? draftItemsToAdd(catalog, meeting) : [],
    members,
    /** Approved minutes are final: the attendance they list no longer changes. */
    attendanceFinal: meeting.status === 'held' && meeting.minutesApproved,
    people: [...members, ...others],
    workingGroups: [...(group?.workingGroupIds ?? [])]
      .map((id) => catalog.workingGroups.get(id)!)
      .filter((wg) => !wg.dissolved)
      .map((wg) => ({ id: wg.id, name: wg.name }))
      .sort(byName),
    matters: [...(group?.matterIds ?? [])]
      .map((id) => catalog.matters.get(id)!)
      .filter((mt) => mt.status === 'open')
      .map((mt) => ({ id: mt.id, title: mt.title })),
    laterMeetings: later,
    previous: previous
      ? {
          id: previous.id,
          startsAt: previous.startsAt,
          minutesApproved: previous.minutesApproved,
          /** Where its minutes were approved: null before, or if approved another way (by e-mail). */
          approvedAt: approvedAt(catalog, previous),
        }
      : null,
  };
}

function approvedAt(catalog: Catalog, meeting: MeetingView) {
  const at = meeting.minutesApprovedAtMeetingId
    ? catalog.meetings.get(meeting.minutesApprovedAtMeetingId)
    : undefined;
  return at ? { id: at.id, startsAt: at.startsAt } : null;
}

export type RecordPage = NonNullable<ReturnType<typeof recordPage>>;
