import type { z } from 'zod';

export interface IssueView {
  path: (string | number)[];
  message: string;
  code: string;
}

/** A client's input failed its schema: HTTP 400 with every issue and its field path. */
export class ValidationError extends Error {
  readonly code = 'VALIDATION';
  constructor(
    readonly issues: IssueView[],
    message = 'Ugyldig forespørsel (invalid request)',
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ValidationError(
      result.error.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: i.message,
        code: i.code,
      })),
    );
  }
  return result.data;
}

/** The JSON body as an object, with the path's ids laid over it (the path wins). */
export function bodyWith(body: unknown, ids: Record<string, string> = {}): Record<string, unknown> {
  if (body === undefined || body === null || body === '') return { ...ids };
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError([
      { path: [], message: 'the body must be a JSON object', code: 'invalid_type' },
    ]);
  }
  return { ...(body as Record<string, unknown>), ...ids };
}
