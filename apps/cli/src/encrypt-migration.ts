import { existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { keysBesideStore } from '@tilneste/config';
import {
  SqliteEventStore,
  type EventStore,
  type EventToAppend,
  type JsonObject,
} from '@tilneste/event-store';
import { isSealed, personalValues, ShreddingEventStore, SqlitePersonKeyStore } from '@tilneste/personal-data';
import { applyToCatalog, Catalog } from '@tilneste/projections';
import { applyToLedger, ReminderLedger } from '@tilneste/reminders';

export class MigrationError extends Error {}

export interface MigrationResult {
  events: number;
  sealedFields: number;
  keysPath: string;
}

/**
 * The one-off copy that encrypts a store written before personal data was: reads `from` as stored (names in
 * clear), writes every event in the same order to the empty store `to` through the personal-data seam (which
 * seals each personal field under its person's key, and each imported document under its import's key, made in
 * `<to>.keys.db`), then rebuilds every read model from both and refuses the result unless they are identical.
 * `from` is never changed.
 */
export async function encryptStore(fromPath: string, toPath: string): Promise<MigrationResult> {
  if (!existsSync(fromPath)) throw new MigrationError(`Fant ikke ${fromPath} (no such store)`);
  const keysPath = keysBesideStore(toPath);
  if (existsSync(toPath) || existsSync(keysPath))
    throw new MigrationError(
      `${toPath} eller ${keysPath} finnes allerede: velg en ny fil (the target must be new)`,
    );
  const source = new SqliteEventStore({ path: fromPath, writer: 'inline' });
  const target = new ShreddingEventStore(
    new SqliteEventStore({ path: toPath, writer: 'inline' }),
    new SqlitePersonKeyStore(keysPath),
  );
  try {
    const { events, sealedFields } = await copy(source, target);
    const before = await readModels(source);
    const after = await readModels(target);
    const differences = compare(before, after);
    if (differences.length > 0)
      throw new MigrationError(
        `Lesemodellene er ikke like før og etter (the read models differ): ${differences.join(', ')}. ` +
          `${toPath} er ikke i orden og må ikke tas i bruk (do not use it).`,
      );
    const raw = await countSealed(target.inner);
    if (raw !== sealedFields)
      throw new MigrationError(
        `${raw} av ${sealedFields} personfelt er kryptert i ${toPath} (not every field was sealed)`,
      );
    return { events, sealedFields, keysPath };
  } finally {
    await source.close();
    await target.close();
  }
}

async function copy(
  source: EventStore,
  target: EventStore,
): Promise<{ events: number; sealedFields: number }> {
  let events = 0;
  let sealedFields = 0;
  let batch: EventToAppend[] = [];
  let stream = '';
  let first = 0n;
  const flush = async () => {
    if (batch.length === 0) return;
    await target.appendToStream(stream, batch, { expectedRevision: first === 0n ? 'no_stream' : first - 1n });
    batch = [];
  };
  for await (const e of source.readAll()) {
    for (const { value, sealable } of personalValues(e.type, e.data, e.metadata, e.streamName)) {
      if (isSealed(value))
        throw new MigrationError(
          `${e.streamName}@${e.revision}: allerede kryptert (the store is already encrypted)`,
        );
      if (sealable) sealedFields += 1;
    }
    if (e.streamName !== stream || batch.length >= 500) {
      await flush();
      stream = e.streamName;
      first = e.revision;
    }
    batch.push({ id: e.id, type: e.type, data: e.data as JsonObject, metadata: e.metadata as JsonObject });
    events += 1;
  }
  await flush();
  return { events, sealedFields };
}

async function countSealed(raw: EventStore): Promise<number> {
  let sealed = 0;
  for await (const e of raw.readAll())
    sealed += personalValues(e.type, e.data, e.metadata, e.streamName).filter((v) =>
      isSealed(v.value),
    ).length;
  return sealed;
}

interface ReadModels {
  catalog: Catalog;
  ledger: ReminderLedger;
  /** Global positions in order: the copy's differ, so positions are compared by their rank. */
  positions: bigint[];
}

async function readModels(store: EventStore): Promise<ReadModels> {
  const catalog = new Catalog();
  const ledger = new ReminderLedger();
  const positions: bigint[] = [];
  for await (const event of store.readAll()) {
    applyToCatalog(catalog, event);
    applyToLedger(ledger, event);
    positions.push(event.position);
  }
  return { catalog, ledger, positions };
}

/** Every field of every read model, positions replaced by their rank; the names of those that differ. */
function compare(before: ReadModels, after: ReadModels): string[] {
  if (before.positions.length !== after.positions.length)
    return [`${before.positions.length} mot ${after.positions.length} hendelser`];
  const rank = (positions: bigint[]) => new Map(positions.map((p, i) => [p, i]));
  const normalise = (models: ReadModels) => {
    const ranks = rank(models.positions);
    const { catalog, ledger } = models;
    return {
      ...Object.fromEntries(Object.entries(catalog).filter(([key]) => !key.startsWith('derived'))),
      position: catalog.position === undefined ? undefined : ranks.get(catalog.position),
      byActor: new Map(
        [...catalog.byActor].map(([actor, list]) => [actor, list.map((p) => ranks.get(BigInt(p)))]),
      ),
      ledger: {
        entries: ledger.entries,
        byMeeting: ledger.byMeeting,
        meetingVersions: ledger.meetingVersions,
        position: ledger.position === undefined ? undefined : ranks.get(ledger.position),
      },
    } as Record<string, unknown>;
  };
  const a = normalise(before);
  const b = normalise(after);
  return Object.keys({ ...a, ...b }).filter((key) => !isDeepStrictEqual(a[key], b[key]));
}
