import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { EventStore, EventToAppend, JsonObject } from '@tilneste/event-store';

const line = z.object({
  stream: z.string().min(1),
  revision: z.string().regex(/^\d+$/),
  id: z.uuid(),
  type: z.string().min(1),
  data: z.record(z.string(), z.unknown()),
  metadata: z.record(z.string(), z.unknown()),
  recordedAt: z.string(),
});

/** Writes every event as one JSON line, in global order. Returns how many. */
export async function exportEvents(store: EventStore, out: NodeJS.WritableStream): Promise<number> {
  let count = 0;
  for await (const e of store.readAll()) {
    const row = {
      stream: e.streamName,
      revision: e.revision.toString(),
      id: e.id,
      type: e.type,
      data: e.data,
      metadata: e.metadata,
      recordedAt: e.createdAt.toISOString(),
    };
    if (!out.write(`${JSON.stringify(row)}\n`)) await new Promise((r) => out.once('drain', r));
    count += 1;
  }
  return count;
}

export class RestoreError extends Error {}

/**
 * Restores a JSON Lines export into an empty store: same ids, same revisions, same order.
 * The whole file is validated before anything is written, so a bad file writes nothing.
 */
export async function restoreEvents(store: EventStore, path: string): Promise<number> {
  for await (const _ of store.readAll({ maxCount: 1 }))
    throw new RestoreError('Lageret er ikke tomt (the store is not empty)');
  const rows: z.infer<typeof line>[] = [];
  let number = 0;
  for await (const text of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    number += 1;
    if (!text.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new RestoreError(`linje ${number}: ikke gyldig JSON (not JSON)`);
    }
    const parsed = line.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RestoreError(`linje ${number}: ${issue.path.join('.')}: ${issue.message}`);
    }
    rows.push(parsed.data);
  }
  // Consecutive events of one stream go in one append, with the revision they had.
  for (let i = 0; i < rows.length;) {
    const stream = rows[i].stream;
    const batch: EventToAppend[] = [];
    const first = BigInt(rows[i].revision);
    while (i < rows.length && rows[i].stream === stream) {
      const row = rows[i++];
      batch.push({
        id: row.id,
        type: row.type,
        data: row.data as JsonObject,
        metadata: row.metadata as JsonObject,
      });
    }
    await store.appendToStream(stream, batch, { expectedRevision: first === 0n ? 'no_stream' : first - 1n });
  }
  return rows.length;
}

export function openOutput(path: string | undefined): NodeJS.WritableStream {
  // Owner-only: an export holds every name and address in clear (see "Erasing a person" in the README).
  return path ? createWriteStream(path, { mode: 0o600 }) : process.stdout;
}
