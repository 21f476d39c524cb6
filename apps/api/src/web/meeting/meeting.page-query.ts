import { meetingNeighbours } from '../dashboard/group-lists.page-query';
import { agendaItemNumbers, meetingsAround, nextAgenda, taskView, type Catalog } from '@tilneste/projections';

/**
 * A meeting with its items, the decisions and commitments recorded at it, and who attended. For the group's
 * next meeting (the one its draft agenda is for), how many items that draft has: the draft adds the standard
 * items, items deferred from the meeting before, working-group reports and commitments due, which are not
 * recorded on the meeting itself.
 */
export function meetingPage(catalog: Catalog, meetingId: string, now: Date) {
  const meeting = catalog.meetings.get(meetingId);
  if (!meeting) return undefined;
  const group = catalog.groups.get(meeting.groupId);
  const next = meetingsAround(catalog, meeting.groupId, now).next;
  const draftAgenda =
    next?.id === meeting.id ? { items: nextAgenda(catalog, meeting.groupId, next).items.length } : null;
  const name = (id: string | null) => (id ? (catalog.people.get(id)?.name ?? null) : null);
  const commitments = [...(group?.commitmentIds ?? [])]
    .map((id) => catalog.commitments.get(id)!)
    .filter((c) => c.meetingId === meetingId)
    .map((c) => ({ ...taskView(catalog, c, now), agendaItemId: c.agendaItemId }));
  const decisions = [...(group?.matterIds ?? [])].flatMap((matterId) => {
    const matter = catalog.matters.get(matterId)!;
    const timeline = catalog.timelines.get(matterId) ?? [];
    return timeline
      .filter((e) => e.type === 'DecisionRecorded' && e.meetingId === meetingId)
      .map((e) => {
        // The decision as it reads now: the last amendment, wherever it was made.
        const amendments = timeline.filter(
          (a) => a.type === 'DecisionAmended' && a.decisionId === e.decisionId,
        );
        return {
          matterId,
          matterTitle: matter.title,
          decisionId: e.decisionId ?? null,
          kind: e.kind ?? null,
          text: amendments.at(-1)?.text ?? e.text ?? '',
          amended: amendments.length > 0,
        };
      });
  });
  const itemIds = new Set(meeting.items.map((i) => i.itemId));
  const numbers = agendaItemNumbers(catalog, meeting);
  const approvedAt = meeting.minutesApprovedAtMeetingId
    ? catalog.meetings.get(meeting.minutesApprovedAtMeetingId)
    : undefined;
  return {
    id: meeting.id,
    groupId: meeting.groupId,
    groupName: group?.name ?? '',
    title: meeting.title,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    location: meeting.location,
    online: meeting.online,
    status: meeting.status,
    minutesApproved: meeting.minutesApproved,
    /** How the minutes were approved: at which meeting, or (`atMeeting` null) another way, e.g. by e-mail. */
    minutesApproval: meeting.minutesApproved
      ? {
          atMeeting: approvedAt
            ? { id: approvedAt.id, startsAt: approvedAt.startsAt, title: approvedAt.title }
            : null,
        }
      : null,
    draftAgenda,
    /** The group's meetings just before and after this one by start time, whatever their status. */
    neighbours: meetingNeighbours(catalog, meeting.id),
    // In the order the notice reads them out, not the order they were added in (a number typed, "Eventuelt" moved).
    items: meeting.items
      .map((item) => ({
        ...item,
        // As the notice numbers it: the stored number, or for an item stored without one, the number it is read out as.
        number: numbers.get(item.itemId) ?? item.number,
        commitments: commitments.filter((c) => c.agendaItemId === item.itemId),
      }))
      .sort((a, b) => (a.number ?? Infinity) - (b.number ?? Infinity)),
    otherCommitments: commitments.filter((c) => !c.agendaItemId || !itemIds.has(c.agendaItemId)),
    decisions,
    attendance: meeting.attendance.map((a) => ({
      personId: a.personId,
      name: name(a.personId),
      remote: a.remote,
      substituteFor: a.substituteFor ? { id: a.substituteFor, name: name(a.substituteFor) } : null,
    })),
  };
}

export type MeetingPage = NonNullable<ReturnType<typeof meetingPage>>;
