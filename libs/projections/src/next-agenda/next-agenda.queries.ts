import type { Catalog } from '../catalog';
import type { MeetingView } from '../entities/entities.projection';
import {
  API_SECRETARIAT_NAME,
  deferredItems,
  followUpsAt,
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
 * The numbers of an agenda, given in the order the meeting runs: the one numbering of the notice, the draft
 * agenda and the record and meeting pages. An item stored with a number keeps it (the secretariat's, the
 * minutes', or the one this gave it when it was added); every other item takes the lowest number after the
 * item before it that no stored item holds. So the standard items (approving the notice, the previous
 * minutes) count the same way wherever the agenda is shown, and adding an item renumbers none.
 */
export function numberAgenda(stored: readonly (number | null)[]): number[] {
  const taken = new Set(stored.filter((n): n is number => n !== null));
  let last = 0;
  return stored.map((given) => {
    let number = given;
    if (number === null) {
      number = last + 1;
      while (taken.has(number)) number += 1;
      taken.add(number);
    }
    last = Math.max(last, number);
    return number;
  });
}

const STANDARD_KINDS = new Set(['notice-approval', 'minutes-approval', 'aob']);

/** The number a standard item stored on the meeting has (from the minutes, or the secretariat), if any. */
const storedNumber = (meeting: MeetingView | undefined, kind: string) =>
  meeting?.items.find((i) => i.kind === kind)?.number ?? null;

/**
 * "Eventuelt" stored on a meeting still ahead, as the last of its items: it stays last on the notice, numbered
 * after whatever comes before it (`aobNumber`), and moves there when an item is added (`aobMove`). Once the
 * meeting is held, or an item was stored after it (minutes that put it elsewhere), it keeps its number.
 */
function floatingAob(meeting: MeetingView | undefined): { itemId: string; number: number } | null {
  if (meeting?.status !== 'scheduled') return null;
  const aob = meeting.items.find((i) => i.kind === 'aob');
  if (aob?.number == null) return null;
  const number = aob.number;
  const last = meeting.items.every((i) => i === aob || i.number === null || i.number < number);
  return last ? { itemId: aob.itemId, number } : null;
}

/** The stored numbers of an agenda in the order it runs, with a floating "Eventuelt" left to `aobNumber`. */
function storedNumbers(
  meeting: MeetingView | undefined,
  items: readonly { kind: string; stored: number | null }[],
) {
  const floating = floatingAob(meeting);
  const numbers = numberAgenda(items.map((i) => (floating && i.kind === 'aob' ? null : i.stored)));
  return floating
    ? numbers.map((n, i) => (items[i].kind === 'aob' ? Math.max(n, floating.number) : n))
    : numbers;
}

/**
 * Where a floating "Eventuelt" has to move when items with these numbers are added: after all of them and every
 * item stored, or nowhere (null) when it is after them already or does not float. Run before the additions, in
 * the same commit, so no two items ever share a number.
 */
export function aobMove(
  meeting: MeetingView,
  added: readonly (number | null | undefined)[],
): { itemId: string; number: number } | null {
  const floating = floatingAob(meeting);
  const numbers = added.filter((n): n is number => typeof n === 'number');
  if (!floating || !numbers.some((n) => n >= floating.number)) return null;
  const others = meeting.items.filter((i) => i.itemId !== floating.itemId).map((i) => i.number ?? 0);
  return { itemId: floating.itemId, number: Math.max(...others, ...numbers) + 1 };
}

/**
 * The numbers the next `count` items added to the meeting's agenda without a number get: what the notice
 * numbers them, after the standard items and the items already on it (`numberAgenda`), so that the number
 * stored is the number read out. The items the notice adds around them (deferred from the meeting before and
 * not yet taken on, reports, follow-ups) take the numbers left free.
 */
export function newItemNumbers(catalog: Catalog, meeting: MeetingView, count: number): number[] {
  const previous = previousMeeting(catalog, meeting.groupId, meeting);
  const minutes = storedNumber(meeting, 'minutes-approval');
  const numbers = storedNumbers(meeting, [
    { kind: 'notice-approval', stored: storedNumber(meeting, 'notice-approval') },
    ...(previous || minutes !== null ? [{ kind: 'minutes-approval', stored: minutes }] : []),
    ...meeting.items
      .filter((i) => !STANDARD_KINDS.has(i.kind))
      .map((i) => ({ kind: i.kind, stored: i.number })),
    ...Array.from({ length: count }, () => ({ kind: 'new', stored: null })),
    { kind: 'aob', stored: storedNumber(meeting, 'aob') },
  ]);
  return numbers.slice(numbers.length - 1 - count, numbers.length - 1);
}

/** Each agenda item's number as the notice gives it, by item id: for the pages that list the stored items. */
export function agendaItemNumbers(catalog: Catalog, meeting: MeetingView): Map<string, number> {
  const numbers = new Map<string, number>();
  const agenda = nextAgenda(catalog, meeting.groupId, meeting);
  for (const item of agenda.items) {
    const itemId = item.source.itemId;
    if (typeof itemId === 'string' && item.source.deferredFrom === undefined)
      numbers.set(itemId, item.number);
  }
  // A standard item stored on the meeting is the notice's own standard item.
  for (const item of meeting.items) {
    if (!STANDARD_KINDS.has(item.kind)) continue;
    const standard = agenda.items.find((i) => i.kind === item.kind);
    if (standard && !numbers.has(item.itemId)) numbers.set(item.itemId, standard.number);
  }
  return numbers;
}

/**
 * The draft agenda of a meeting of the group, in the order such a meeting runs: by default the group's
 * next meeting; a page passes the one it shows as next. Items carry a `wording`, not a title: the reader's
 * words make the title (`agendaTitle`, `wordAgenda`). Numbered by `numberAgenda`, in number order.
 */
export function nextAgenda(
  catalog: Catalog,
  groupId: string,
  next: MeetingView | undefined = nextMeeting(catalog, groupId),
) {
  const previous = previousMeeting(catalog, groupId, next);
  type Item = {
    wording: AgendaWording;
    kind: string;
    source: Record<string, unknown>;
    /** The number it is stored with on the meeting, if it is stored with one. */
    stored: number | null;
  };
  const items: Item[] = [];
  items.push({
    wording: { key: 'notice-approval' },
    kind: 'notice-approval',
    source: { standard: true },
    stored: storedNumber(next, 'notice-approval'),
  });
  const minutes = storedNumber(next, 'minutes-approval');
  if (previous || minutes !== null) {
    items.push({
      wording: { key: 'minutes-approval' },
      kind: 'minutes-approval',
      source: previous ? { meetingId: previous.id } : { standard: true },
      stored: minutes,
    });
  }
  for (const d of deferredItems(catalog, groupId, next)) {
    items.push({
      wording: { key: 'stored', title: d.title },
      kind: d.kind,
      source: { deferredFrom: d.meetingId, itemId: d.itemId },
      // Its number was the meeting before's.
      stored: null,
    });
  }
  for (const item of next?.items ?? []) {
    if (!STANDARD_KINDS.has(item.kind))
      items.push({
        wording: { key: 'stored', title: item.title },
        kind: item.kind,
        // Taken from a draft's report or follow-up, it still names its working group or commitment.
        source: {
          itemId: item.itemId,
          ...(item.workingGroupId && { workingGroupId: item.workingGroupId }),
          ...(item.commitmentId && { commitmentId: item.commitmentId }),
        },
        stored: item.number,
      });
  }
  // A report or a follow-up already taken onto the meeting's agenda is listed above as stored, not again here.
  const reporting = new Set(next?.items.map((i) => i.workingGroupId));
  const followedUp = new Set(next?.items.map((i) => i.commitmentId));
  const due = next ? followUpsAt(catalog, next).filter((c) => !followedUp.has(c.id)) : [];
  for (const id of catalog.groups.get(groupId)?.workingGroupIds ?? []) {
    const wg = catalog.workingGroups.get(id)!;
    if (wg.dissolved || reporting.has(wg.id)) continue;
    const commitments = due.filter(
      (c) => c.owner.kind === 'working-group' && c.owner.workingGroupId === wg.id,
    );
    items.push({
      wording: { key: 'working-group-report', workingGroup: wg.name },
      kind: 'working-group-report',
      source: { workingGroupId: wg.id, commitmentIds: commitments.map((c) => c.id) },
      stored: null,
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
      stored: null,
    });
  }
  items.push({
    wording: { key: 'aob' },
    kind: 'aob',
    source: { standard: true },
    stored: storedNumber(next, 'aob'),
  });
  const numbers = storedNumbers(next, items);
  return {
    groupId,
    meetingId: next?.id ?? null,
    meeting: meetingSummary(next),
    items: items
      .map(({ stored: _stored, ...item }, i) => ({ number: numbers[i], ...item }))
      .sort((a, b) => a.number - b.number),
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

/** An item of the draft agenda that is not on the meeting's agenda yet, as it would be added there. */
export interface DraftItemToAdd {
  /** Stable for the same item between the page and the form it posts: its kind, or the kind and the id. */
  key: string;
  number: number;
  wording: AgendaWording;
  /**
   * The kind it is stored with: a follow-up is an information item that names its commitment; a deferred item
   * keeps the kind it had at the meeting before.
   */
  kind: string;
  commitmentId?: string;
  workingGroupId?: string;
}

/**
 * The items of the meeting's draft agenda that are not on its agenda yet, with the numbers the draft gives them:
 * the standard items, the items deferred from the meeting before, the working groups' reports and the follow-ups.
 * Added with these numbers and links, they leave the draft as it was, now stored. (Offered together, since an
 * item added later without a number is numbered after the last one stored: a deferred item added after the rest
 * would come after "any other business".)
 */
export function draftItemsToAdd(catalog: Catalog, meeting: MeetingView): DraftItemToAdd[] {
  const agenda = nextAgenda(catalog, meeting.groupId, meeting);
  const stored = new Set(meeting.items.map((i) => i.kind));
  return agenda.items.flatMap((item): DraftItemToAdd[] => {
    const { number, wording } = item;
    if (wording.key === 'stored') {
      // Deferred from the meeting before (the draft takes it by title until an item of that title is added).
      const deferred = item.source.deferredFrom !== undefined;
      return deferred
        ? [{ key: `deferred:${String(item.source.itemId)}`, number, wording, kind: item.kind }]
        : [];
    }
    switch (item.kind) {
      case 'notice-approval':
      case 'minutes-approval':
      case 'aob':
        return stored.has(item.kind) ? [] : [{ key: item.kind, number, wording, kind: item.kind }];
      case 'working-group-report': {
        const workingGroupId = String(item.source.workingGroupId);
        const key = `working-group-report:${workingGroupId}`;
        return [{ key, number, wording, kind: 'working-group-report', workingGroupId }];
      }
      case 'follow-up': {
        const commitmentId = String(item.source.commitmentId);
        return [{ key: `follow-up:${commitmentId}`, number, wording, kind: 'information', commitmentId }];
      }
      default:
        return [];
    }
  });
}
