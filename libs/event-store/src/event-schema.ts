import type { z } from 'zod';
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
  const parsed = schema.safeParse(event);
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
  const parsed = schema.safeParse({ type: recorded.type, data: recorded.data });
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
