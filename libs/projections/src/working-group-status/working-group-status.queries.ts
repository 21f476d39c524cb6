import type { Catalog } from '../catalog';
import { groupCommitments } from '../shared/commitment-terms';
import { taskView } from '../tasks/tasks.queries';

export function workingGroupStatus(catalog: Catalog, id: string, now: Date) {
  const wg = catalog.workingGroups.get(id);
  if (!wg) return undefined;
  const person = (pid: string) => ({ id: pid, name: catalog.people.get(pid)?.name ?? null });
  const mine = groupCommitments(catalog, wg.groupId).filter(
    (c) => c.owner.kind === 'working-group' && c.owner.workingGroupId === id,
  );
  return {
    id: wg.id,
    groupId: wg.groupId,
    name: wg.name,
    mandate: wg.mandate,
    lead: wg.leadPersonId ? person(wg.leadPersonId) : null,
    members: wg.memberIds.map(person),
    status: wg.status,
    statusText: wg.statusText,
    statusReportedAt: wg.statusReportedAt,
    /** Newest first. */
    reports: wg.statusReports.map(({ status, text, at }) => ({ status, text, at })).reverse(),
    dissolved: wg.dissolved,
    open: mine.filter((c) => c.status === 'open').map((c) => taskView(catalog, c, now)),
    done: mine.filter((c) => c.status === 'completed').map((c) => taskView(catalog, c, now)),
  };
}
