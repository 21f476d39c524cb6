import { z } from 'zod';
import type { ApiOwner, Catalog, dashboard, MeetingView } from '@tilneste/projections';
import { groupCommitments, meetingsAround as sharedMeetingsAround, taskBasis } from '@tilneste/projections';
import type { reminderSummary } from '@tilneste/reminders';
import { firstOf, groupMatters, groupMeetings } from './group-lists.page-query';

export type DashboardData = ReturnType<typeof dashboard> & ReturnType<typeof reminderSummary>;
export type FollowUpTask = DashboardData['byOwner'][number]['commitments'][number];

/** "Carried over 3 times or more": pulled out on the dashboard as the items that keep slipping. */
export const CARRIED_OFTEN = 3;

/** The states the follow-up list can be filtered by, as a link names them. */
export const FOLLOW_UP_STATUSES = ['open', 'overdue', 'carried-over', 'done', 'all'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** The filter as read: only the fields given (see `followUpFilterSchema`). */
export interface FollowUpFilter {
  ansvarlig?: string;
  arbeidsgruppe?: string;
  status?: FollowUpStatus;
}

/** An owner's key as `ownerKey` makes it. */
const OWNER_KEY = /^(secretariat|none|person:.+|working-group:.+)$/s;

/** A field left empty (the form's "all", or its first state) is no filter: read as absent. */
const orAbsent = <T extends z.ZodType<string>>(schema: T, message: string) =>
  z
    .union([z.literal(''), schema], { error: message })
    .optional()
    .transform((v) => (v === '' ? undefined : (v as z.output<T> | undefined)));

/**
 * The dashboard's filter as the form (or a link) sends it. A field that is absent or empty is no filter: no status
 * is the open commitments on the page, and every commitment in the CSV, as before. A value the list does not know
 * (a state not among `FOLLOW_UP_STATUSES`, an owner not written as `ownerKey` writes it, a repeated field) is the
 * client's mistake, refused with its field's path, never read as another filter. `done` lists the completed
 * commitments; `all` the open ones and the closed ones (completed or withdrawn) together.
 */
export const followUpFilterSchema = z.object({
  ansvarlig: orAbsent(
    z.string().max(200).regex(OWNER_KEY),
    'must be one owner: secretariat, none, person:<id> or working-group:<id>',
  ),
  arbeidsgruppe: orAbsent(z.string().max(200), 'must be one working group id'),
  status: orAbsent(z.enum(FOLLOW_UP_STATUSES), `must be one of ${FOLLOW_UP_STATUSES.join(', ')}`),
});
export type FilterField = keyof FollowUpFilter;
const FILTER_FIELDS: readonly FilterField[] = ['ansvarlig', 'arbeidsgruppe', 'status'];

/**
 * The filter from a page's query, for the page: each field read on its own, so those that are right still show as
 * chosen, and the ones that are not listed to be shown beside their field (and the page answered with 400).
 */
export function readFollowUpFilter(query: unknown): { filter: FollowUpFilter; invalid: FilterField[] } {
  const given = typeof query === 'object' && query !== null ? (query as Record<string, unknown>) : {};
  const filter: Record<string, unknown> = {};
  const invalid: FilterField[] = [];
  for (const field of FILTER_FIELDS) {
    const parsed = followUpFilterSchema.shape[field].safeParse(given[field]);
    if (!parsed.success) invalid.push(field);
    else if (parsed.data !== undefined) filter[field] = parsed.data;
  }
  return { filter: filter as FollowUpFilter, invalid };
}

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

/** The latest few of the group's meetings and matters, with how many there are in all. */
export function dashboardLists(catalog: Catalog, groupId: string) {
  return {
    meetings: firstOf(groupMeetings(catalog, groupId)),
    matters: firstOf(groupMatters(catalog, groupId)),
  };
}
export type DashboardLists = ReturnType<typeof dashboardLists>;
const NO_LISTS: DashboardLists = { meetings: { shown: [], total: 0 }, matters: { shown: [], total: 0 } };

/** Everything the dashboard page shows, worked out from the read models: the view only lays it out. */
export function dashboardPage(
  data: DashboardData,
  meetings: ReturnType<typeof meetingsAround>,
  groupName: string,
  filter: FollowUpFilter,
  /** The closed commitments (`closedTasks`), needed only when the filter asks for them (`wantsClosed`). */
  closed: readonly FollowUpTask[] = [],
  /** The filter's fields the query got wrong (`readFollowUpFilter`): shown beside them, and no list. */
  invalidFilter: readonly FilterField[] = [],
  /** The group's meetings and matters to list (`dashboardLists`). */
  lists: DashboardLists = NO_LISTS,
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
    lists,
    counts: {
      open: data.open,
      overdue: data.overdue,
      carriedOver: data.carriedOver,
      carriedOften: carriedOften.length,
    },
    carriedOften,
    filter,
    invalidFilter,
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
