import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { keysBesideStore, loadConfig } from '@tilneste/config';
import { SqliteEventStore, type EventStore, type RecordedEvent } from '@tilneste/event-store';
import { ShreddingEventStore, SqlitePersonKeyStore } from '@tilneste/personal-data';
import { LAZY_FIELDS, LazyMap, ReadModelHost, type Catalog } from '@tilneste/projections';
import { reminderLedgerReadModel } from '@tilneste/reminders';
import { DirectSink, generate } from './generate';

// Generating the store takes most of this (about a minute on two busy cores).
jest.setTimeout(900_000);

const EVENTS = 100_000;
/** Where the snapshot is taken: the tail after it makes, completes, carries over and reschedules what came before. */
const AT = 70_000n;

const dir = mkdtempSync(join(tmpdir(), 'tilneste-snapshot-100k-'));
const full = join(dir, 'full.db');
const cut = join(dir, 'cut.db');
const snapshot = join(dir, 'read-models.snapshot');
afterAll(() => {
  Logger.overrideLogger(false);
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The API's read models: the catalog, and the reminder ledger fed by the same pass. By default over the bare
 * SQLite store, which has no read-ahead: every event comes by subscription.
 */
async function readModels(
  path: string,
  snapshotPath: string,
  store: EventStore = new SqliteEventStore({ path }),
) {
  const host = new ReadModelHost(store, loadConfig({ SQLITE_PATH: path, READ_MODEL_SNAPSHOT: snapshotPath }));
  const ledger = host.add(reminderLedgerReadModel);
  await host.start();
  return {
    host,
    ledger,
    /**
     * A hash of each field of each read model, in a canonical text: Maps and Sets as their entries in order,
     * bigints as text. (V8's own serialisation is not canonical: the same string or number can be stored
     * in more than one representation.)
     */
    digest: () => {
      const fields: Record<string, unknown> = {
        ...Object.fromEntries(Object.entries(host.catalog).filter(([key]) => !key.startsWith('derived'))),
        ledgerEntries: ledger.entries,
        ledgerMeetingVersions: ledger.meetingVersions,
        ledgerPosition: ledger.position,
      };
      return Object.fromEntries(
        Object.entries(fields).map(([key, value]) => [
          key,
          createHash('sha256').update(canonical(value)).digest('hex'),
        ]),
      );
    },
    stop: async () => {
      await host.beforeApplicationShutdown();
      await store.close();
    },
  };
}

const logged: string[] = [];

/** How many entries of each of the catalog's lazy fields are still bytes. */
const unopened = (catalog: Catalog) =>
  Object.fromEntries(
    [...LAZY_FIELDS].map((key) => [
      key,
      LazyMap.pending(catalog[key as keyof Catalog] as Map<unknown, unknown>),
    ]),
  ) as Record<string, number>;

/**
 * What every test compares with: the read models of the full store rebuilt by subscription alone, from the
 * bare SQLite store with no snapshot. The same store and the same replay in each test, so it is made once, by
 * whichever test asks first, and kept as plain values (its host stopped).
 */
let rebuilt:
  Promise<{ digest: Record<string, string>; position: bigint | undefined; commitments: number }> | undefined;
const fullRebuild = () =>
  (rebuilt ??= (async () => {
    const models = await readModels(full, 'off');
    try {
      return {
        digest: models.digest(),
        position: models.host.catalog.position,
        commitments: models.host.catalog.commitments.size,
      };
    } finally {
      await models.stop();
    }
  })());

// By tag, not instanceof: jest runs this file in a realm of its own, and a deserialised Map is the host's.
const tag = (v: unknown) => Object.prototype.toString.call(v);
const canonical = (value: unknown) =>
  JSON.stringify(value, (_, v: unknown) =>
    tag(v) === '[object Map]'
      ? ['Map', ...(v as Map<unknown, unknown>)]
      : tag(v) === '[object Set]'
        ? ['Set', ...(v as Set<unknown>)]
        : typeof v === 'bigint'
          ? `${v}n`
          : v,
  );

beforeAll(async () => {
  const keep = (message: unknown) => void logged.push(String(message));
  Logger.overrideLogger({
    log: keep,
    warn: keep,
    error: keep,
    debug: () => undefined,
    verbose: () => undefined,
  });
  const store = new SqliteEventStore({ path: full, writer: 'inline' });
  const options = { seed: 'bench-1', events: EVENTS, years: 8, until: '2026-10-31' };
  await generate(options, new DirectSink(store, options.events, options.seed));
  await store.close();
  // The same history cut at AT: what the store held when the snapshot was taken.
  copyFileSync(full, cut);
  const db = new Database(cut);
  db.prepare('DELETE FROM events WHERE global_position > ?').run(AT);
  db.close();
});

it('a start from a snapshot plus the tail gives the same read models as a full rebuild, for the generated 100k store', async () => {
  const before = await readModels(cut, snapshot);
  expect(before.host.catalog.position).toBe(AT);
  // The start replayed everything, so it serialises the read models before it serves and saves them at AT.
  for (let i = 0; i < 3000 && !before.host.lastSnapshot; i++) await new Promise((r) => setTimeout(r, 20));
  expect(before.host.lastSnapshot).toMatchObject({ by: 'this thread', position: AT });
  expect(logged.filter((l) => l.includes('snapshot after a full rebuild'))).toEqual([
    expect.stringContaining(`øyeblikksbilde lagret ved ${AT} `),
  ]);
  await before.stop();

  const reference = await fullRebuild();
  logged.length = 0;
  const resumed = await readModels(full, snapshot);
  try {
    // It really resumed: loaded the snapshot at AT and replayed only the 30,000 events after it.
    expect(logged.filter((l) => /snapshot and tail|full rebuild/.test(l))).toEqual([
      expect.stringMatching(/øyeblikksbilde ved 70000 og 30000 hendelser etter .* \(snapshot and tail\)$/),
    ]);
    // Lazily: right after the start, the big maps' entries the tail did not read are still bytes.
    const pending = unopened(resumed.host.catalog);
    // (The tail's 30,000 events read a page of the meetings here and there, most of the commitments' not.)
    expect(pending.commitments).toBeGreaterThan(1_000);
    expect(pending.meetings).toBeGreaterThan(0);
    // Stopped at once, it saves a snapshot (on this thread, or its worker) with those entries copied as bytes.
    await resumed.host.beforeApplicationShutdown();
    expect(resumed.host.lastSnapshot).toMatchObject({ position: BigInt(EVENTS) });
    expect(reference.position).toBe(BigInt(EVENTS));
    expect(resumed.host.catalog.position).toBe(BigInt(EVENTS));
    // The digest reads every value, opening the rest.
    expect(resumed.digest()).toEqual(reference.digest);
    expect(reference.commitments).toBeGreaterThan(10_000);
  } finally {
    await resumed.stop();
  }
  // A start from that snapshot gives the same read models again.
  logged.length = 0;
  const again = await readModels(full, snapshot);
  try {
    expect(logged.filter((l) => /snapshot and tail|full rebuild/.test(l))).toEqual([
      expect.stringMatching(/øyeblikksbilde ved 100000 og 0 hendelser etter .* \(snapshot and tail\)$/),
    ]);
    expect(again.digest()).toEqual(reference.digest);
  } finally {
    await again.stop();
  }
});

/**
 * The store the API opens (SQLite behind the personal-data seam, which reads the history ahead on a second
 * thread), with its batches counted, and failing after `failAfter` of them if asked to.
 */
function seamStore(path: string, failAfter = Number.POSITIVE_INFINITY) {
  const seam = new ShreddingEventStore(
    new SqliteEventStore({ path }),
    new SqlitePersonKeyStore(keysBesideStore(path)),
  );
  const counted = { batches: 0 };
  const store = Object.create(seam) as ShreddingEventStore;
  store.readAhead = (after) =>
    (async function* (): AsyncIterable<RecordedEvent[]> {
      // At any size: the store's own minimum would leave 100k events to the subscription.
      for await (const batch of seam.readAhead(after, 1)!) {
        if (counted.batches === failAfter) throw new Error('the disk went away');
        counted.batches += 1;
        yield batch;
      }
    })();
  return { store, counted };
}

it('a start read ahead on a second thread gives the same read models as one by subscription alone, for the generated 100k store', async () => {
  const bySubscription = await fullRebuild();
  const seam = seamStore(full);
  logged.length = 0;
  const readAhead = await readModels(full, 'off', seam.store);
  try {
    expect(seam.counted.batches).toBe(EVENTS / 1000);
    expect(readAhead.host.catalog.position).toBe(BigInt(EVENTS));
    expect(readAhead.digest()).toEqual(bySubscription.digest);
    // The subscription that takes over counts the events read ahead as handled: waiting for one returns at once.
    await readAhead.host.waitFor(BigInt(EVENTS));
    expect(logged.filter((l) => /did not reach|read-ahead/.test(l))).toEqual([]);
  } finally {
    await readAhead.stop();
  }
});

it('a read-ahead that fails half-way is logged, and the subscription reads on from there to the same read models', async () => {
  const bySubscription = await fullRebuild();
  const seam = seamStore(full, 30);
  logged.length = 0;
  const resumed = await readModels(full, 'off', seam.store);
  try {
    expect(logged.filter((l) => l.includes('read-ahead'))).toEqual([
      'lesing på forhånd stoppet ved 30000 (read-ahead stopped: the disk went away); abonnementet leser videre',
    ]);
    expect(resumed.host.catalog.position).toBe(BigInt(EVENTS));
    expect(resumed.digest()).toEqual(bySubscription.digest);
  } finally {
    await resumed.stop();
  }
});
