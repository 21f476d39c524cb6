import type { Request } from 'express';
import { z } from 'zod';
import { ValidationError } from '../../http/validation';

/** The hidden field every page form carries: a key made fresh for each rendering of the form. */
export const FORM_KEY_FIELD = '_key';

const formKey = z.uuid();

/**
 * A form posted twice (a double click, a reload of the answer, a retried request) records once: its key
 * becomes the write's `Idempotency-Key`, so the write path (`WriteService`) answers a replay with the first
 * answer, and the application layer derives the same ids and event ids from it. The key is scoped to the
 * signed-in actor there, so one reader's key never touches another's writes. A post without the field (an
 * old page, a script) is written as before; a malformed one is refused with its field's name.
 */
export function adoptFormKey(req: Request): void {
  const key = postedFormKey(req.body);
  if (key === undefined) return;
  if (key === null)
    throw new ValidationError([
      {
        path: [FORM_KEY_FIELD],
        message: 'must be the key the form was rendered with',
        code: 'invalid_format',
      },
    ]);
  req.headers['idempotency-key'] = `form:${key}`;
}

/** The key a posted form carries: undefined when it has no such field, null when the field is not a key we make. */
export function postedFormKey(body: unknown): string | null | undefined {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[FORM_KEY_FIELD] : undefined;
  if (value === undefined) return undefined;
  return formKey.safeParse(value).data ?? null;
}
