import { z } from 'zod';
import type { ApiOwner, Catalog, dashboard, MeetingView } from '@tilneste/projections';
import { meetingsAround as sharedMeetingsAround } from '@tilneste/projections';
import type { reminderSummary } from '@tilneste/reminders';

export type DashboardData = ReturnType<typeof dashboard> & ReturnType<typeof reminderSummary>;
export type FollowUpTask = DashboardData['byOwner'][number]['commitments'][number];

/** "Carried over 3 times or more": pulled out on the dashboard as the items that keep slipping. */
export const CARRIED_OFTEN = 3;

/** The dashboard's filter as the form sends it; anything unknown is read as "all". */
export const followUpFilterSchema = z.object({
  ansvarlig: z.string().max(200).optional().catch(undefined),
  arbeidsgruppe: z.string().max(200).optional().catch(undefined),
  status: z.enum(['open', 'overdue', 'carried-over']).optional().catch(undefined),
});
export type FollowUpFilter = z.infer<typeof followUpFilterSchema>;

/** A stable key per owner for the filter's options: `person:<id>`, `working-group:<id>`, `secretariat`, `none`. */
export function ownerKey(owner: ApiOwner): string {
  if (owner === null) return 'none';
  if ('personId' in owner) return `person:${owner.personId}`;
  if ('workingGroupId' in owner) return `working-group:${owner.workingGroupId}`;
  return 'secretariat';
}

export function matchesFilter(task: FollowUpTask, filter: FollowUpFilter): boolean {
  if (filter.ansvarlig && ownerKey(task.owner) !== filter.ansvarlig) return false;
  if (filter.arbeidsgruppe && task.workingGroup?.id !== filter.arbeidsgruppe) return false;
  if (filter.status === 'overdue' && !task.overdue) return false;
  if (filter.status === 'carried-over' && task.carriedOver === 0) return false;
  return true;
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
) {
  const tasks = data.byOwner.flatMap((o) => o.commitments);
  const rows = tasks.filter((t) => matchesFilter(t, filter));
  const carriedOften = tasks.filter((t) => t.carriedOver >= CARRIED_OFTEN);
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
    ownerOptions: data.byOwner.map((o) => ({
      value: ownerKey(o.owner),
      label: o.name,
      secretariat: !!o.owner && 'secretariat' in o.owner,
    })),
    workingGroupOptions: data.workingGroups.map((w) => ({ value: w.id, label: w.name })),
    rows,
    total: tasks.length,
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
