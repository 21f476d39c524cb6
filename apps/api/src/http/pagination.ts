import { z } from 'zod';
import { ValidationError } from './validation';

/** `?limit=&cursor=`: a page size up to `max` (default `fallback`), and the cursor a previous page gave. */
export const pageQuery = (max: number, fallback = max) => ({
  limit: z.coerce.number().int().min(1).max(max).default(fallback),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/, 'must be a nextCursor from a previous page')
    .optional(),
});

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** An opaque cursor holding the key of the last item a page showed. */
export const encodeCursor = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');

export function decodeCursor(cursor: string | undefined): string | undefined {
  return cursor === undefined ? undefined : Buffer.from(cursor, 'base64url').toString('utf8');
}

/**
 * One page of a list in a stable order: the items after the cursor's key, at most `limit`. A cursor whose
 * item has gone from the list (closed, removed) is a 400, so a client never silently skips or repeats.
 */
export function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  { limit, cursor }: { limit: number; cursor?: string },
): Page<T> {
  const after = decodeCursor(cursor);
  let start = 0;
  if (after !== undefined) {
    const index = items.findIndex((item) => keyOf(item) === after);
    if (index < 0)
      throw new ValidationError([
        { path: ['cursor'], message: 'no longer points into this list; start again', code: 'invalid_value' },
      ]);
    start = index + 1;
  }
  const page = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return { items: page, nextCursor: more && page.length ? encodeCursor(keyOf(page[page.length - 1])) : null };
}
