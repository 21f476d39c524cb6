import { z } from 'zod';
import type { EventToAppend, JsonObject, RecordedEvent } from './event-store.port';
import { EventSchemaError, InvalidAppendError } from './errors';

/** The shape every context's events share: a literal `type` and JSON-safe `data`. */
export type DomainEvent = { type: string; data: JsonObject };

export type ParsedEvent<E> = E & {
  streamName: string;
  revision: bigint;
  position: bigint;
  metadata: unknown;
  createdAt: Date;
};

const compiled = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The schema with a parser zod generates for it in front (`z.compile`), made on first use and kept: about four
 * times as fast as zod's own parse on our events. It answers as the schema does: what the generated parser
 * cannot accept goes to zod's own parse, so an error has the same issues; a schema it cannot model is left as it
 * is. `apps/cli/src/compiled-schemas.spec.ts` holds it to zod's answers on every kind of event the generator writes.
 */
export function compiledSchema<S extends z.ZodType>(schema: S): S {
  let fast = compiled.get(schema);
  if (!fast) {
    fast = z.compile(schema);
    compiled.set(schema, fast);
  }
  return fast as S;
}

/**
 * Validates a domain event with its schema on the way in and turns it into an event to append.
 * A failure is a programming error in the caller, reported as `InvalidAppendError`.
 */
export function toEventToAppend<S extends z.ZodType<DomainEvent>>(
  schema: S,
  streamName: string,
  event: z.input<S>,
  envelope: { id: string; metadata?: JsonObject },
): EventToAppend {
  const parsed = compiledSchema(schema).safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidAppendError(streamName, `${issue.path.join('.') || 'event'}: ${issue.message}`);
  }
  return { id: envelope.id, type: parsed.data.type, data: parsed.data.data, metadata: envelope.metadata };
}

/** Validates a recorded event on the way out; a mismatch throws `EventSchemaError`, never passes on. */
export function parseRecordedEvent<S extends z.ZodType<DomainEvent>>(
  schema: S,
  recorded: RecordedEvent,
): ParsedEvent<z.output<S>> {
  const parsed = compiledSchema(schema).safeParse({ type: recorded.type, data: recorded.data });
  if (!parsed.success) {
    throw new EventSchemaError(
      recorded.streamName,
      recorded.revision,
      recorded.type,
      parsed.error.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: i.message,
      })),
    );
  }
  return {
    ...parsed.data,
    streamName: recorded.streamName,
    revision: recorded.revision,
    position: recorded.position,
    metadata: recorded.metadata,
    createdAt: recorded.createdAt,
  };
}
