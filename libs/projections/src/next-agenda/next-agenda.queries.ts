import type { Catalog } from '../catalog';
import type { MeetingView } from '../entities/entities.projection';
import {
  API_SECRETARIAT_NAME,
  commitmentsDueAt,
  deferredItems,
  meetingSummary,
  nextMeeting,
  ownerName,
  previousMeeting,
} from '../shared/commitment-terms';

/**
 * What an item of the draft says. One already stored (on the meeting's agenda, or deferred from the last
 * meeting) keeps its stored title; one the draft adds is a key, worded in the reader's language by `AgendaWords`.
 */
export type AgendaWording =
  | { key: 'stored'; title: string }
  | { key: 'notice-approval' }
  | { key: 'minutes-approval' }
  | { key: 'working-group-report'; workingGroup: string }
  | { key: 'follow-up'; text: string; owner: { name: string } | 'secretariat' | null }
  | { key: 'aob' };

/** The words of the items a draft adds, from one language's message catalogue. */
export interface AgendaWords {
  noticeApproval: string;
  minutesApproval: string;
  workingGroupReport: (workingGroup: string) => string;
  followUp: (text: string, owner: string | null) => string;
  secretariat: string;
  aob: string;
}

/** An item's title in these words. */
export function agendaTitle(wording: AgendaWording, words: AgendaWords): string {
  switch (wording.key) {
    case 'stored':
      return wording.title;
    case 'notice-approval':
      return words.noticeApproval;
    case 'minutes-approval':
      return words.minutesApproval;
    case 'working-group-report':
      return words.workingGroupReport(wording.workingGroup);
    case 'follow-up':
      return words.followUp(
        wording.text,
        wording.owner === 'secretariat' ? words.secretariat : (wording.owner?.name ?? null),
      );
    case 'aob':
      return words.aob;
    default: {
      const unknown: never = wording;
      return unknown;
    }
  }
}

/**
 * The draft agenda of a meeting of the group, in the order such a meeting runs: by default the group's
 * next meeting; a page passes the one it shows as next. Items carry a `wording`, not a title: the reader's
 * words make the title (`agendaTitle`, `wordAgenda`).
 */
export function nextAgenda(
  catalog: Catalog,
  groupId: string,
  next: MeetingView | undefined = nextMeeting(catalog, groupId),
) {
  const previous = previousMeeting(catalog, groupId, next);
  const items: { wording: AgendaWording; kind: string; source: Record<string, unknown> }[] = [];
  items.push({
    wording: { key: 'notice-approval' },
    kind: 'notice-approval',
    source: { standard: true },
  });
  if (previous) {
    items.push({
      wording: { key: 'minutes-approval' },
      kind: 'minutes-approval',
      source: { meetingId: previous.id },
    });
  }
  for (const d of deferredItems(catalog, groupId, next)) {
    items.push({
      wording: { key: 'stored', title: d.title },
      kind: d.kind,
      source: { deferredFrom: d.meetingId, itemId: d.itemId },
    });
  }
  const standard = new Set(['notice-approval', 'minutes-approval', 'aob']);
  for (const item of next?.items ?? []) {
    if (!standard.has(item.kind))
      items.push({
        wording: { key: 'stored', title: item.title },
        kind: item.kind,
        source: { itemId: item.itemId },
      });
  }
  const due = next ? commitmentsDueAt(catalog, next) : [];
  for (const id of catalog.groups.get(groupId)?.workingGroupIds ?? []) {
    const wg = catalog.workingGroups.get(id)!;
    if (wg.dissolved) continue;
    const commitments = due.filter(
      (c) => c.owner.kind === 'working-group' && c.owner.workingGroupId === wg.id,
    );
    items.push({
      wording: { key: 'working-group-report', workingGroup: wg.name },
      kind: 'working-group-report',
      source: { workingGroupId: wg.id, commitmentIds: commitments.map((c) => c.id) },
    });
  }
  for (const c of due.filter((c) => c.owner.kind !== 'working-group')) {
    // The secretariat stays a key, worded in the reader's language with the rest of the draft (its name unused).
    const name = ownerName(catalog, c.owner, API_SECRETARIAT_NAME);
    const owner = c.owner.kind === 'secretariat' ? 'secretariat' : name ? { name } : null;
    items.push({
      wording: { key: 'follow-up', text: c.text, owner },
      kind: 'follow-up',
      source: { commitmentId: c.id },
    });
  }
  items.push({ wording: { key: 'aob' }, kind: 'aob', source: { standard: true } });
  return {
    groupId,
    meetingId: next?.id ?? null,
    meeting: meetingSummary(next),
    items: items.map((item, i) => ({ number: i + 1, ...item })),
  };
}

/** The draft with each item's title in these words, as the API gives it: `{ number, title, kind, source }`. */
export function wordAgenda(agenda: ReturnType<typeof nextAgenda>, words: AgendaWords) {
  return {
    ...agenda,
    items: agenda.items.map(({ number, wording, kind, source }) => ({
      number,
      title: agendaTitle(wording, words),
      kind,
      source,
    })),
  };
}
