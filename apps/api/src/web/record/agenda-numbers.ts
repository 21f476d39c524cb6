/**
 * The numbers the next `count` items added to a meeting's agenda without one get: the one definition for
 * the record page's "add an item" and "add the deferred items". An agenda is numbered in order, 1, 2, 3 …
 * (as the draft agenda and the meeting page number it), so a new item comes after every item already on
 * it, numbered or not, and after the highest number given, which the meeting's rules keep unique.
 */
export function nextItemNumbers(items: readonly { number: number | null }[], count: number): number[] {
  const last = items.reduce((highest, item) => Math.max(highest, item.number ?? 0), items.length);
  return Array.from({ length: count }, (_, i) => last + 1 + i);
}
