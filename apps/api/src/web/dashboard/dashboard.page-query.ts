import { z } from 'zod';
import type { ApiOwner, Catalog, dashboard, MeetingView } from '@tilneste/projections';
import { groupCommitments, meetingsAround as sharedMeetingsAround, taskBasis } from '@tilneste/projections';
import type { reminderSummary } from '@tilneste/reminders';

export type DashboardData = ReturnType<typeof dashboard> & ReturnType<typeof reminderSummary>;
export type FollowUpTask = DashboardData['byOwner'][number]['commitments'][number];

/** "Carried over 3 times or more": pulled out on the dashboard as the items that keep slipping. */
export const CARRIED_OFTEN = 3;

/**
 * The dashboard's filter as the form sends it; an unknown owner or working group is read as "all", an unknown
 * status as open. `done` lists the completed commitments; `all` the open ones and the closed ones (completed
 * or withdrawn) together.
 */
export const followUpFilterSchema = z.object({
  ansvarlig: z.string().max(200).optional().catch(undefined),
  arbeidsgruppe: z.string().max(200).optional().catch(undefined),
  status: z.enum(['open', 'overdue', 'carried-over', 'done', 'all']).optional().catch(undefined),
});
export type FollowUpFilter = z.infer<typeof followUpFilterSchema>;

/** A stable key per owner for the filter's options: `person:<id>`, `working-group:<id>`, `secretariat`, `none`. */
export function ownerKey(owner: ApiOwner): string {
  if (owner === null) return 'none';
  if ('personId' in owner) return `person:${owner.personId}`;
  if ('workingGroupId' in owner) return `working-group:${owner.workingGroupId}`;
  return 'secretariat';
}

/** What the filter looks at in a row: the dashboard's tasks and the CSV's (`taskView`) both have it. */
type Filterable = Pick<FollowUpTask, 'owner' | 'workingGroup' | 'overdue' | 'carriedOver' | 'status'>;

export function matchesFilter(task: Filterable, filter: FollowUpFilter): boolean {
  if (filter.ansvarlig && ownerKey(task.owner) !== filter.ansvarlig) return false;
  if (filter.arbeidsgruppe && task.workingGroup?.id !== filter.arbeidsgruppe) return false;
  if (filter.status === 'overdue' && !task.overdue) return false;
  if (filter.status === 'carried-over' && task.carriedOver === 0) return false;
  return true;
}

/** Whether a commitment is in the pool the filter's status picks: open ones (the default), completed ones, or all. */
export function inStatusPool(task: Pick<FollowUpTask, 'status'>, filter: FollowUpFilter): boolean {
  if (filter.status === 'done') return task.status === 'completed';
  if (filter.status === 'all') return true;
  return task.status === 'open';
}

/** The dashboard's filter as the query of a link (the CSV's): the status always named, open by default. */
export function followUpQuery(filter: FollowUpFilter): string {
  const query = new URLSearchParams();
  if (filter.ansvarlig) query.set('ansvarlig', filter.ansvarlig);
  if (filter.arbeidsgruppe) query.set('arbeidsgruppe', filter.arbeidsgruppe);
  query.set('status', filter.status ?? 'open');
  return `?${query.toString()}`;
}

/** Whether the filter's status asks for closed commitments too, which the dashboard's read model leaves out. */
export const wantsClosed = (filter: FollowUpFilter): boolean =>
  filter.status === 'done' || filter.status === 'all';

/** The group's completed and withdrawn commitments, as the follow-up list shows a row (never overdue). */
export function closedTasks(catalog: Catalog, groupId: string): FollowUpTask[] {
  return groupCommitments(catalog, groupId)
    .filter((c) => c.status !== 'open')
    .map((c) => ({ ...taskBasis(catalog, c).view, overdue: false }));
}

/** The group's meetings as the chair sees them (the shared definition), in the few fields the page shows. */
export function meetingsAround(catalog: Catalog, groupId: string, now: Date) {
  const { next, unclosed } = sharedMeetingsAround(catalog, groupId, now);
  const summary = (m: MeetingView) => ({
    id: m.id,
    title: m.title,
    startsAt: m.startsAt,
    location: m.location,
  });
  return { next: next ? summary(next) : null, unclosed: unclosed.map(summary) };
}

/** Everything the dashboard page shows, worked out from the read models: the view only lays it out. */
export function dashboardPage(
  data: DashboardData,
  meetings: ReturnType<typeof meetingsAround>,
  groupName: string,
  filter: FollowUpFilter,
  /** The closed commitments (`closedTasks`), needed only when the filter asks for them (`wantsClosed`). */
  closed: readonly FollowUpTask[] = [],
) {
  const tasks = data.byOwner.flatMap((o) => o.commitments);
  // The status picks the pool ("Viser 3 av 12": of that pool); owner and working group narrow it.
  // The read model's tasks are the open ones; the closed ones come from `closed`.
  const pool = [
    ...(inStatusPool({ status: 'open' }, filter) ? tasks : []),
    ...closed.filter((t) => inStatusPool(t, filter)),
  ];
  const rows = pool.filter((t) => matchesFilter(t, filter));
  const carriedOften = tasks.filter((t) => t.carriedOver >= CARRIED_OFTEN);
  // An owner with closed commitments only can still be picked once closed ones are listed.
  const openOwners = new Set(data.byOwner.map((o) => ownerKey(o.owner)));
  const closedOwners = new Map<string, FollowUpTask>();
  for (const t of pool) if (!openOwners.has(ownerKey(t.owner))) closedOwners.set(ownerKey(t.owner), t);
  return {
    groupId: data.groupId,
    groupName,
    next: meetings.next,
    unclosed: meetings.unclosed,
    counts: {
      open: data.open,
      overdue: data.overdue,
      carriedOver: data.carriedOver,
      carriedOften: carriedOften.length,
    },
    carriedOften,
    filter,
    ownerOptions: [
      ...data.byOwner.map((o) => ({
        value: ownerKey(o.owner),
        label: o.name,
        secretariat: !!o.owner && 'secretariat' in o.owner,
      })),
      ...[...closedOwners].map(([value, t]) => ({
        value,
        label: t.ownerName,
        secretariat: !!t.owner && 'secretariat' in t.owner,
      })),
    ],
    workingGroupOptions: data.workingGroups.map((w) => ({ value: w.id, label: w.name })),
    rows,
    total: pool.length,
    byOwner: data.byOwner.map((o) => ({
      key: ownerKey(o.owner),
      name: o.name,
      secretariat: !!o.owner && 'secretariat' in o.owner,
      open: o.open,
      overdue: o.overdue,
      carriedOver: o.carriedOver,
    })),
    workingGroups: data.workingGroups,
    deferredItems: data.deferredItems,
    unowned: data.unowned,
    cannotRemind: data.cannotRemind,
    reminders: data.reminders,
    history: data.history,
  };
}

export type DashboardPage = ReturnType<typeof dashboardPage>;
