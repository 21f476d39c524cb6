import type { AgendaItemKind } from '@tilneste/meetings';
import { foldName } from './resolve-people';

/** An item a meeting's agenda held before the document came (from the notice, the draft agenda or the record page). */
export interface StoredAgendaItem {
  itemId: string;
  number: number | null;
  title: string;
  kind: string;
  deferred: boolean;
}

/** A document's agenda item as the plan sees it: 0 is an item without a number. */
export interface DocumentAgendaItem {
  number: number;
  title: string;
  kind: AgendaItemKind;
}

/** A meeting has one of each: the item of that kind is the same item whatever its number or words. */
const ONE_PER_MEETING = new Set<string>(['notice-approval', 'minutes-approval', 'aob']);

/**
 * Words nearly every agenda uses, which say what sort of item it is rather than what it is about: two titles
 * sharing only these may be different items. Folded as `foldTitle` folds.
 */
const GENERIC_WORDS = [
  'godkjenning',
  'godkjenne',
  'godkjent',
  'innkalling',
  'dagsorden',
  'saksliste',
  'sakskart',
  'referat',
  'protokoll',
  'moete',
  'moeter',
  'saker',
  'status',
  'orientering',
  'orienteringssak',
  'informasjon',
  'oppdatering',
  'diskusjon',
  'droefting',
  'fremlegg',
  'innspill',
  'runde',
  'rundt',
  'bordet',
  'eventuelt',
  'rapport',
  'andre',
  'oevrige',
  'forrige',
  'neste',
  'denne',
  'dette',
  'etter',
  'over',
  'under',
  'mellom',
  'hvem',
  'noen',
  'eller',
  'samt',
  'ogsaa',
  'approval',
  'minutes',
  'notice',
  'agenda',
  'meeting',
  'update',
  'information',
  'discussion',
  'report',
  'other',
  'previous',
  'from',
  'with',
  'about',
];

/** A title as the matching compares it: lower case, Norwegian letters folded, no parentheses, digits kept. */
export function foldTitle(title: string): string {
  return foldName(title, 'keep');
}

/** The same word, or the same with an inflected ending ("budsjett", "budsjettet"; "klynge", "klyngene"). */
function sameWord(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short === long || (short.length >= 5 && long.startsWith(short) && long.length - short.length <= 3);
}

/** The words of a folded title that say what the item is about: four letters or more, not a number, not generic. */
function subjectWords(folded: string): string[] {
  return folded
    .split(' ')
    .filter((w) => w.length >= 4 && /[a-z]/.test(w) && !GENERIC_WORDS.some((g) => sameWord(w, g)));
}

/**
 * The subject words two or more of these titles use (as `foldTitle` folds them): a group's own name, or a theme
 * several of its items share ("næringspolitisk"), does not tell one of those items from another.
 */
export function wordsInCommon(titles: readonly string[]): Set<string> {
  // Each word's titles, then each word against the words it starts (next to it, sorted): not every title against
  // every other, as a draft sent to the API may hold thousands.
  const usedIn = new Map<string, number[]>();
  titles.forEach((title, i) => {
    for (const w of new Set(subjectWords(foldTitle(title)))) {
      const at = usedIn.get(w);
      if (at) at.push(i);
      else usedIn.set(w, [i]);
    }
  });
  const common = new Set<string>();
  for (const [w, at] of usedIn) if (at.length > 1) common.add(w);
  const words = [...usedIn.keys()].sort();
  words.forEach((short, k) => {
    for (let j = k + 1; j < words.length && words[j].startsWith(short); j++) {
      const long = words[j];
      const [a, b] = [usedIn.get(short)!, usedIn.get(long)!];
      if (sameWord(short, long) && (a.length > 1 || b.length > 1 || a[0] !== b[0])) {
        common.add(short);
        common.add(long);
      }
    }
  });
  return common;
}

/**
 * Whether two titles can name the same item: the same words, the words of one a run of the other's ("Stier" in
 * "Merking av stier"), or a word about the item's subject in common that `common` (see `wordsInCommon`) does not
 * hold ("Orienteringer fra sekretariatet" and "Øvrige orienteringssaker fra sekretariatet"). A notice and the
 * minutes of one meeting word an item apart as often as alike; titles with none of these in common are different
 * items.
 */
export function similarTitles(a: string, b: string, common: ReadonlySet<string> = new Set()): boolean {
  const x = foldTitle(a);
  const y = foldTitle(b);
  if (!x || !y) return false;
  if (` ${x} `.includes(` ${y} `) || ` ${y} `.includes(` ${x} `)) return true;
  const telling = (folded: string) => subjectWords(folded).filter((w) => !common.has(w));
  const ours = telling(y);
  return telling(x).some((w) => ours.some((v) => sameWord(w, v)));
}

const isAob = (kind: string) => kind === 'aob';

/**
 * Which stored item each document item is (null: a new item), in the document's order; a stored item is at most
 * one document item's. "Eventuelt" is only ever the stored "Eventuelt" and never another item.
 *
 * A meeting still ahead may have been renumbered, and its "Eventuelt" moves to the end as items are added, so a
 * number alone does not say which item it is. In turn: the same number and words; the same words, whatever the
 * number; the same number and a similar title (`similarTitles`, not counting words several items of either agenda
 * use), or the same one-per-meeting kind (approval of the notice or of the minutes, "Eventuelt"); then that kind
 * whatever the number.
 *
 * A held meeting's numbers are the ones its minutes used, and stay: there the number decides, then the same words,
 * then the one-per-meeting kind.
 */
export function matchAgenda(
  items: readonly DocumentAgendaItem[],
  stored: readonly StoredAgendaItem[],
  held: boolean,
): (StoredAgendaItem | null)[] {
  const matched: (StoredAgendaItem | null)[] = items.map(() => null);
  const taken = new Set<StoredAgendaItem>();
  const pass = (same: (item: DocumentAgendaItem, candidate: StoredAgendaItem) => boolean) =>
    items.forEach((item, i) => {
      if (matched[i]) return;
      const found = stored.find((s) => !taken.has(s) && isAob(s.kind) === isAob(item.kind) && same(item, s));
      if (found) {
        matched[i] = found;
        taken.add(found);
      }
    });
  const sameNumber = (item: DocumentAgendaItem, s: StoredAgendaItem) =>
    item.number > 0 && s.number === item.number;
  const folded = new Map<string, string>();
  const fold = (title: string) => folded.get(title) ?? folded.set(title, foldTitle(title)).get(title)!;
  const sameWords = (item: DocumentAgendaItem, s: StoredAgendaItem) => fold(s.title) === fold(item.title);
  const oneOfAKind = (item: DocumentAgendaItem, s: StoredAgendaItem) =>
    ONE_PER_MEETING.has(item.kind) && s.kind === item.kind;
  // A word several items of either agenda use does not say which of them an item is.
  let common: Set<string> | undefined;
  const similar = (item: DocumentAgendaItem, s: StoredAgendaItem) => {
    common ??= new Set([
      ...wordsInCommon(items.map((i) => i.title)),
      ...wordsInCommon(stored.map((t) => t.title)),
    ]);
    return similarTitles(s.title, item.title, common);
  };

  if (held) {
    pass(sameNumber);
    pass(sameWords);
  } else {
    pass((item, s) => sameNumber(item, s) && sameWords(item, s));
    pass(sameWords);
    pass((item, s) => sameNumber(item, s) && (oneOfAKind(item, s) || similar(item, s)));
  }
  pass(oneOfAKind);
  return matched;
}

/** A stored item moved to another number. */
export interface Renumber {
  itemId: string;
  number: number;
}

/**
 * The renumbers that bring a meeting still ahead to the document's numbers, in an order where no item is ever
 * given a number another item has at that moment (the meetings context refuses that): each stored item a document
 * item is takes that item's number; an item the document does not have keeps its number unless the document uses
 * it, and then moves after everything. Items that swap numbers go through a free number first.
 */
export function renumbering(
  items: readonly DocumentAgendaItem[],
  matched: readonly (StoredAgendaItem | null)[],
  stored: readonly StoredAgendaItem[],
): Renumber[] {
  const used = new Set(items.map((i) => i.number).filter((n) => n > 0));
  let spare = Math.max(0, ...used, ...stored.map((s) => s.number ?? 0));
  const free = () => ++spare;

  const target = new Map<StoredAgendaItem, number>();
  for (const s of stored) {
    const i = matched.indexOf(s);
    if (i >= 0 && items[i].number > 0) target.set(s, items[i].number);
    else if (s.number !== null && used.has(s.number)) target.set(s, free());
  }

  const holder = new Map<number, StoredAgendaItem>();
  const at = new Map<StoredAgendaItem, number | null>();
  for (const s of stored) {
    at.set(s, s.number);
    if (s.number !== null) holder.set(s.number, s);
  }
  const out: Renumber[] = [];
  const move = (s: StoredAgendaItem, number: number) => {
    const from = at.get(s);
    if (from != null) holder.delete(from);
    holder.set(number, s);
    at.set(s, number);
    out.push({ itemId: s.itemId, number });
  };
  let pending = [...target].filter(([s, number]) => at.get(s) !== number);
  while (pending.length > 0) {
    const ready = pending.find(([, number]) => !holder.has(number));
    // Nothing can move: the rest hold each other's numbers in rings, and one of them steps aside first.
    if (ready) move(...ready);
    else move(pending[0][0], free());
    pending = pending.filter(([s, number]) => at.get(s) !== number);
  }
  return out;
}
