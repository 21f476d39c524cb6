import type { z } from 'zod';
import { compiledSchema } from '@tilneste/event-store';

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

/** Schemas parsed once already: from their second input on they go through zod's generated parser. */
const seen = new WeakSet<z.ZodType>();

/**
 * The schema with zod's generated parser in front (`compiledSchema`, as events have), from its second input on:
 * parsing a `MakeCommitment`'s data took 9,200 instructions through zod's own parse and 3,500 through the
 * generated one, a `CompleteCommitment`'s 16,500 and 900 (bench/README.md, 2026-12-03 12:00). Generating costs far
 * more than a parse, so a schema made for one request (a query's page size) is parsed by zod itself and never
 * generated. The generated parser answers as the schema does: what it cannot accept goes to zod's own parse, so a
 * refusal has the same issues.
 */
function withGeneratedParser<S extends z.ZodType>(schema: S): S {
  if (seen.has(schema)) return compiledSchema(schema);
  seen.add(schema);
  return schema;
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = withGeneratedParser(schema).safeParse(input);
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
