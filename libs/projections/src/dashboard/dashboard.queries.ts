import type { Catalog } from '../catalog';
import type { CommitmentView, MeetingView, WorkingGroupView } from '../entities/entities.projection';
import {
  deferredItems,
  groupCommitments,
  isOverdue,
  meetingSummary,
  nextMeeting,
  notClosedMeetings,
  reachableByEmail,
  type ApiOwner,
} from '../shared/commitment-terms';
import { taskBasis } from '../tasks/tasks.queries';

function workingGroupSummary(catalog: Catalog, wg: WorkingGroupView, commitments: CommitmentView[]) {
  const mine = commitments.filter(
    (c) => c.owner.kind === 'working-group' && c.owner.workingGroupId === wg.id,
  );
  return {
    id: wg.id,
    name: wg.name,
    lead: wg.leadPersonId
      ? { id: wg.leadPersonId, name: catalog.people.get(wg.leadPersonId)?.name ?? null }
      : null,
    status: wg.status,
    statusText: wg.statusText,
    open: mine.filter((c) => c.status === 'open').length,
    done: mine.filter((c) => c.status === 'completed').length,
  };
}

type CommitmentTimes = { made: number; closed: number; meetingId: string }[];

/**
 * Each commitment's instants, parsed once. It counts from the meeting it was made at, not from when it was
 * recorded: minutes entered or imported after the fact still plot at their own meetings.
 */
function commitmentTimes(catalog: Catalog, commitments: CommitmentView[]): CommitmentTimes {
  return commitments.map((c) => ({
    made: Date.parse(catalog.meetings.get(c.meetingId)?.startsAt ?? c.madeAt),
    closed: c.closedAt ? Date.parse(c.closedAt) : Number.NaN,
    meetingId: c.meetingId,
  }));
}

/** At a held meeting: commitments made by then (or at it), and how many of those were closed by then. */
function historyPoint(m: MeetingView, times: CommitmentTimes) {
  const cut = Date.parse(m.startsAt);
  let made = 0;
  let closed = 0;
  for (const t of times) {
    if (!(t.made <= cut || t.meetingId === m.id)) continue;
    made += 1;
    if (t.closed <= cut) closed += 1;
  }
  return { meetingId: m.id, startsAt: m.startsAt, open: made - closed, closed };
}

/** Everything in a group's dashboard that does not depend on the time: computed once between writes. */
function dashboardBasis(catalog: Catalog, groupId: string) {
  const next = nextMeeting(catalog, groupId);
  const commitments = groupCommitments(catalog, groupId);
  const open = commitments
    .filter((c) => c.status === 'open')
    .map((commitment) => ({ commitment, ...taskBasis(catalog, commitment) }));
  const group = catalog.groups.get(groupId);
  const involved = new Set<string>(group?.members.keys() ?? []);
  for (const id of group?.workingGroupIds ?? []) {
    const wg = catalog.workingGroups.get(id)!;
    if (wg.leadPersonId) involved.add(wg.leadPersonId);
  }
  for (const { commitment } of open)
    if (commitment.owner.kind === 'person') involved.add(commitment.owner.personId);
  const times = commitmentTimes(catalog, commitments);
  return {
    nextMeeting: meetingSummary(next),
    open,
    workingGroups: [...(group?.workingGroupIds ?? [])]
      .map((id) => catalog.workingGroups.get(id)!)
      .filter((wg) => !wg.dissolved)
      .map((wg) => workingGroupSummary(catalog, wg, commitments)),
    deferredItems: deferredItems(catalog, groupId, next),
    notClosedMeetings: notClosedMeetings(catalog, groupId).map((m) => meetingSummary(m)!),
    peopleWithoutEmail: [...involved]
      .map((id) => catalog.people.get(id))
      .filter((p) => p && !reachableByEmail(p))
      .map((p) => ({ id: p!.id, name: p!.name })),
    history: (group?.meetingIds ?? [])
      .map((id) => catalog.meetings.get(id)!)
      .filter((m) => m.status === 'held')
      .map((m) => historyPoint(m, times)),
  };
}

/** The chair's overview of one group. */
export function dashboard(catalog: Catalog, groupId: string, now: Date) {
  const basis = catalog.derived(`dashboard ${groupId}`, () => dashboardBasis(catalog, groupId));
  const tasks = basis.open.map(({ commitment, view, due }) => ({
    ...view,
    overdue: isOverdue(commitment, due, now),
  }));
  const byOwner = new Map<
    string,
    {
      owner: ApiOwner;
      name: string | null;
      open: number;
      overdue: number;
      carriedOver: number;
      commitments: typeof tasks;
    }
  >();
  for (const task of tasks) {
    const key = JSON.stringify(task.owner);
    const entry = byOwner.get(key) ?? {
      owner: task.owner,
      name: task.ownerName,
      open: 0,
      overdue: 0,
      carriedOver: 0,
      commitments: [],
    };
    entry.open += 1;
    if (task.overdue) entry.overdue += 1;
    if (task.carriedOver > 0) entry.carriedOver += 1;
    entry.commitments.push(task);
    byOwner.set(key, entry);
  }
  return {
    groupId,
    nextMeeting: basis.nextMeeting,
    open: tasks.length,
    overdue: tasks.filter((t) => t.overdue).length,
    carriedOver: tasks.filter((t) => t.carriedOver > 0).length,
    byOwner: [...byOwner.values()],
    workingGroups: basis.workingGroups,
    deferredItems: basis.deferredItems,
    notClosedMeetings: basis.notClosedMeetings,
    unowned: tasks.filter((t) => t.owner === null),
    peopleWithoutEmail: basis.peopleWithoutEmail,
    history: basis.history,
  };
}
