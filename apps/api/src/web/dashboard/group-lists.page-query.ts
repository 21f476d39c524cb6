import type { Catalog, MeetingView } from '@tilneste/projections';

/** How many meetings and matters the dashboard lists before linking to the group's full lists. */
export const DASHBOARD_LIST_SIZE = 5;

export type MeetingRow = Pick<MeetingView, 'id' | 'title' | 'startsAt' | 'status'>;

const row = (m: MeetingView): MeetingRow => ({
  id: m.id,
  title: m.title,
  startsAt: m.startsAt,
  status: m.status,
});

/** An instant as a number to sort by; none (or one unreadable) sorts last. */
const time = (at: string | null) => {
  const ms = at === null ? Number.NaN : Date.parse(at);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
};
const latest = (instants: string[]): string | null =>
  instants.reduce<string | null>((a, b) => (a === null || time(b) > time(a) ? b : a), null);

/** Every meeting of the group, held, cancelled or scheduled, the latest start first. */
export function groupMeetings(catalog: Catalog, groupId: string): MeetingRow[] {
  // `meetingIds` is kept in start order (see the entities projection): reversed, the latest comes first.
  return [...(catalog.groups.get(groupId)?.meetingIds ?? [])].reverse().flatMap((id) => {
    const m = catalog.meetings.get(id);
    return m ? [row(m)] : [];
  });
}

/**
 * Every matter of the group with its state and when it was last dealt with: the start of the latest meeting its
 * history names (minutes imported a year late still date a matter by its meetings), or for a matter no meeting has
 * dealt with, when its last step was recorded. The latest first, then by title, so the order is the same every time.
 *
 * Kept until the next event (`Catalog.derived`): it walks every matter's timeline and sorts them, about 350 µs for
 * the busiest group at 1,000,000 events, which every dashboard page request paid (bench/README.md, 2026-12-04).
 * The list is shared between requests, so callers copy before changing it.
 */
export function groupMatters(catalog: Catalog, groupId: string): readonly MatterRow[] {
  return catalog.derived(`group-matters ${groupId}`, () => sortedMatters(catalog, groupId));
}

function sortedMatters(catalog: Catalog, groupId: string) {
  return [...(catalog.groups.get(groupId)?.matterIds ?? [])]
    .flatMap((id) => {
      const matter = catalog.matters.get(id);
      if (!matter) return [];
      const timeline = catalog.timelines.get(id) ?? [];
      const starts = timeline.flatMap((e) => {
        const startsAt = e.meetingId ? catalog.meetings.get(e.meetingId)?.startsAt : undefined;
        return startsAt ? [startsAt] : [];
      });
      const lastAt = latest(starts.length > 0 ? starts : timeline.map((e) => e.at));
      return [{ id: matter.id, title: matter.title, status: matter.status, lastAt }];
    })
    .sort(
      (a, b) =>
        time(b.lastAt) - time(a.lastAt) || a.title.localeCompare(b.title, 'nb') || a.id.localeCompare(b.id),
    );
}
export type MatterRow = ReturnType<typeof sortedMatters>[number];

/** The first few of a list for the dashboard, with how many there are in all (the full list's link says so). */
export function firstOf<T>(list: readonly T[], size = DASHBOARD_LIST_SIZE) {
  return { shown: list.slice(0, size), total: list.length };
}

/** The group's meetings just before and just after this one by start time, cancelled ones included. */
export function meetingNeighbours(catalog: Catalog, meetingId: string) {
  const meeting = catalog.meetings.get(meetingId);
  const ids = meeting ? (catalog.groups.get(meeting.groupId)?.meetingIds ?? []) : [];
  const at = ids.indexOf(meetingId);
  const find = (i: number) => {
    const m = at < 0 || i < 0 ? undefined : catalog.meetings.get(ids[i]);
    return m ? row(m) : null;
  };
  return { previous: find(at - 1), next: find(at + 1) };
}

/** The page listing all the group's meetings, or all its matters. */
export function groupListPage<T>(catalog: Catalog, groupId: string, rows: readonly T[]) {
  return { groupId, groupName: catalog.groups.get(groupId)?.name ?? '', rows };
}
