import { z } from 'zod';
import type { EventToAppend } from './event-store.port';
import { InvalidAppendError } from './errors';

const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.string(),
    z.number().refine(Number.isFinite, 'must be a finite number'),
    z.boolean(),
    z.null(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);

const eventToAppend = z.object({
  id: z.uuid(),
  type: z
    .string()
    .min(1)
    .max(200)
    .refine((t) => !t.startsWith('$'), 'event types starting with $ are reserved'),
  data: z.record(z.string(), jsonValue),
  metadata: z.record(z.string(), jsonValue).optional(),
});

const batch = z.array(eventToAppend).min(1, 'a batch needs at least one event');

/** Shared by both adapters so that they refuse exactly the same batches. */
export function validateBatch(streamName: string, events: EventToAppend[]): void {
  if (typeof streamName !== 'string' || streamName.length === 0 || streamName.startsWith('$')) {
    throw new InvalidAppendError(String(streamName), 'stream names must be non-empty and not start with $');
  }
  const result = batch.safeParse(events);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InvalidAppendError(streamName, `${issue.path.join('.') || 'events'}: ${issue.message}`);
  }
  const ids = new Set(events.map((e) => e.id.toLowerCase()));
  if (ids.size !== events.length)
    throw new InvalidAppendError(streamName, 'event ids repeat within the batch');
}

/** Keys starting with `$` are the server's own settings in EventStoreDB; both adapters refuse them. */
export function validateMetadataKeys(streamName: string, metadata: Record<string, unknown>): void {
  const reserved = Object.keys(metadata).find((key) => key.startsWith('$'));
  if (reserved) throw new InvalidAppendError(streamName, `metadata key ${reserved} is reserved`);
}
