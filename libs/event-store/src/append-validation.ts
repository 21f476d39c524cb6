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

const eventId = z.uuid();
const eventToAppend = z.object({
  id: eventId,
  type: z
    .string()
    .min(1)
    .max(200)
    .refine((t) => !t.startsWith('$'), 'event types starting with $ are reserved'),
  data: z.record(z.string(), jsonValue),
  metadata: z.record(z.string(), jsonValue).optional(),
});

/** What a batch must be: the reference for what is refused, and what names the problem in a refusal. */
export const appendBatchSchema = z.array(eventToAppend).min(1, 'a batch needs at least one event');

/** The same pattern `z.uuid()` checks with. */
const UUID = eventId._zod.def.pattern!;
/** Deeper than any event we write; past it the schema decides (and a cycle cannot recurse for ever here). */
const MAX_DEPTH = 32;

/**
 * True when the batch is plainly valid: an array of plain objects with a UUID `id`, a `type` of 1 to 200
 * characters not starting with `$`, and `data` (and `metadata`, if given) plain objects of JSON values. It
 * accepts only batches the schema accepts, and does the schema's work in a small fraction of its time (zod's
 * recursive union was about a tenth of a command's CPU). `false` proves nothing: the schema then decides, and
 * names the problem.
 */
export function plainlyValidBatch(events: unknown): boolean {
  if (!Array.isArray(events) || events.length === 0) return false;
  for (let i = 0; i < events.length; i++) {
    const event: unknown = events[i];
    if (!isPlainObject(event)) return false;
    const { id, type, data, metadata } = event as Record<string, unknown>;
    if (typeof id !== 'string' || !UUID.test(id)) return false;
    if (typeof type !== 'string' || type.length < 1 || type.length > 200 || type.startsWith('$'))
      return false;
    if (!isJsonRecord(data, 0)) return false;
    if (metadata !== undefined && !isJsonRecord(metadata, 0)) return false;
  }
  return true;
}

/** An object zod's `z.record` and `z.object` take as it is: its prototype is `Object.prototype` or none. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function isJsonRecord(value: unknown, depth: number): boolean {
  if (!isPlainObject(value) || depth > MAX_DEPTH) return false;
  // A symbol key is refused by the schema's string keys; there is none in JSON.
  if (Object.getOwnPropertySymbols(value).length > 0) return false;
  for (const key of Object.keys(value)) if (!isJsonValue(value[key], depth + 1)) return false;
  return true;
}

function isJsonValue(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      if (value === null) return true;
      if (Array.isArray(value)) {
        if (depth > MAX_DEPTH) return false;
        // By index, so a hole reads as undefined and is refused, as the schema refuses it.
        for (let i = 0; i < value.length; i++) if (!isJsonValue(value[i], depth + 1)) return false;
        return true;
      }
      return isJsonRecord(value, depth);
    default:
      return false;
  }
}

/** Shared by both adapters so that they refuse exactly the same batches. */
export function validateBatch(streamName: string, events: EventToAppend[]): void {
  if (typeof streamName !== 'string' || streamName.length === 0 || streamName.startsWith('$')) {
    throw new InvalidAppendError(String(streamName), 'stream names must be non-empty and not start with $');
  }
  if (!plainlyValidBatch(events)) {
    const result = appendBatchSchema.safeParse(events);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new InvalidAppendError(streamName, `${issue.path.join('.') || 'events'}: ${issue.message}`);
    }
  }
  if (events.length > 1 && new Set(events.map((e) => e.id.toLowerCase())).size !== events.length)
    throw new InvalidAppendError(streamName, 'event ids repeat within the batch');
}

/** Keys starting with `$` are the server's own settings in EventStoreDB; both adapters refuse them. */
export function validateMetadataKeys(streamName: string, metadata: Record<string, unknown>): void {
  const reserved = Object.keys(metadata).find((key) => key.startsWith('$'));
  if (reserved) throw new InvalidAppendError(streamName, `metadata key ${reserved} is reserved`);
}
