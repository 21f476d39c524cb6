import type { Catalog } from '../catalog';
import type { MeetingView } from '../entities/entities.projection';
import {
  commitmentsDueAt,
  deferredItems,
  meetingSummary,
  nextMeeting,
  ownerName,
  previousMeeting,
} from '../shared/commitment-terms';

/**
 * The draft agenda of a meeting of the group, in the order such a meeting runs: by default the group's
 * next meeting; a page passes the one it shows as next.
 */
export function nextAgenda(
  catalog: Catalog,
  groupId: string,
  next: MeetingView | undefined = nextMeeting(catalog, groupId),
) {
  const previous = previousMeeting(catalog, groupId, next);
  const items: { title: string; kind: string; source: Record<string, unknown> }[] = [];
  items.push({
    title: 'Godkjenning av innkalling og saksliste',
    kind: 'notice-approval',
    source: { standard: true },
  });
  if (previous) {
    items.push({
      title: 'Godkjenning av referat fra forrige møte',
      kind: 'minutes-approval',
      source: { meetingId: previous.id },
    });
  }
  for (const d of deferredItems(catalog, groupId, next)) {
    items.push({ title: d.title, kind: d.kind, source: { deferredFrom: d.meetingId, itemId: d.itemId } });
  }
  const standard = new Set(['notice-approval', 'minutes-approval', 'aob']);
  for (const item of next?.items ?? []) {
    if (!standard.has(item.kind))
      items.push({ title: item.title, kind: item.kind, source: { itemId: item.itemId } });
  }
  const due = next ? commitmentsDueAt(catalog, next) : [];
  for (const id of catalog.groups.get(groupId)?.workingGroupIds ?? []) {
    const wg = catalog.workingGroups.get(id)!;
    if (wg.dissolved) continue;
    const commitments = due.filter(
      (c) => c.owner.kind === 'working-group' && c.owner.workingGroupId === wg.id,
    );
    items.push({
      title: `Rapport fra ${wg.name}`,
      kind: 'working-group-report',
      source: { workingGroupId: wg.id, commitmentIds: commitments.map((c) => c.id) },
    });
  }
  for (const c of due.filter((c) => c.owner.kind !== 'working-group')) {
    const name = ownerName(catalog, c.owner);
    items.push({
      title: `Oppfølging: ${c.text}${name ? ` (${name})` : ''}`,
      kind: 'follow-up',
      source: { commitmentId: c.id },
    });
  }
  items.push({ title: 'Eventuelt', kind: 'aob', source: { standard: true } });
  return {
    groupId,
    meetingId: next?.id ?? null,
    meeting: meetingSummary(next),
    items: items.map((item, i) => ({ number: i + 1, ...item })),
  };
}
