import { randomUUID } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { threadId } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@tilneste/config';
import { SqliteEventStore, type JsonObject } from '@tilneste/event-store';
import type { Catalog } from '../catalog';
import { LAZY_FIELDS } from '../catalog-read-model';
import { ReadModelHost } from '../read-model-host';
import { LazyMap, lazyMapImage, openLazyMapsInBackground, type LoadedLazyMapImage } from './lazy-map';
import { loadSnapshot, takeSnapshot, writeSnapshot, type SnapshotPart } from './read-model-snapshot';
import { prefetchSnapshot, takePrefetchedSnapshot } from './snapshot-prefetch';

const registered = (personId: string, name: string) => ({
  id: randomUUID(),
  type: 'PersonRegistered',
  data: { personId, name, email: null, organisation: null },
  metadata: { actor: { kind: 'person', id: 'sekretær' }, at: '2026-11-02T09:00:00.000Z' },
});

const recorded = (type: string, data: JsonObject) => ({
  id: randomUUID(),
  type,
  data,
  metadata: { actor: { kind: 'person', id: 'kari' }, at: '2026-11-02T10:00:00.000Z' },
});

// By tag, not instanceof: jest runs this file in a realm of its own, and a deserialised Map is the host's.
const tag = (v: unknown) => Object.prototype.toString.call(v);
/** Every field of a catalog as canonical text: Maps and Sets as their entries in order, bigints as text. */
const canonical = (catalog: Catalog) =>
  JSON.stringify(
    Object.entries(catalog).filter(([key]) => !key.startsWith('derived')),
    (_, v: unknown) =>
      tag(v) === '[object Map]'
        ? ['Map', ...(v as Map<unknown, unknown>)]
        : tag(v) === '[object Set]'
          ? ['Set', ...(v as Set<unknown>)]
          : typeof v === 'bigint'
            ? `${v}n`
            : v,
  );
/** How many entries of each of the catalog's lazy fields are still bytes. */
const unopened = (catalog: Catalog) =>
  Object.fromEntries(
    [...LAZY_FIELDS].map((key) => [
      key,
      LazyMap.pending(catalog[key as keyof Catalog] as Map<unknown, unknown>),
    ]),
  );
/**
 * How many of this process's descriptors are open on the snapshot at `path`: the file there now, or one a newer
 * snapshot has since been renamed over (Linux names it "path (deleted)").
 */
const descriptorsOn = (path: string) =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).replace(/ \(deleted\)$/, '') === path;
    } catch {
      return false; // the descriptor readdir itself used, closed since
    }
  }).length;
/** The catalog's fields that are LazyMaps still, rather than plain Maps. */
const lazyMaps = (catalog: Catalog) =>
  Object.entries(catalog).flatMap(([key, value]) => (value instanceof LazyMap ? [key] : []));

// Each test starts a worker thread, which loads its code first: seconds on a busy 2-core machine.
jest.setTimeout(30_000);

describe('read model snapshots', () => {
  let dir: string;
  let path: string;
  let snapshot: string;
  let store: SqliteEventStore;
  let logged: string[];
  const hosts: ReadModelHost[] = [];

  const host = (snapshotPath = snapshot) => {
    const made = new ReadModelHost(
      store,
      loadConfig({
        SQLITE_PATH: path,
        READ_MODEL_SNAPSHOT: snapshotPath,
        READ_MODEL_SNAPSHOT_EVERY_EVENTS: '3',
      }),
    );
    hosts.push(made);
    return made;
  };
  const register = (id: string, name: string) =>
    store.appendToStream(`person-${id}`, [registered(id, name)], { expectedRevision: 'no_stream' });
  /**
   * A group with a matter, a meeting and two commitments made under it, one with progress Kari wrote: an entry in
   * every map the catalog keeps lazily in a snapshot.
   */
  const committee = async () => {
    const append = (stream: string, ...events: ReturnType<typeof recorded>[]) =>
      store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
    await append(
      'group-styret',
      recorded('GroupEstablished', { groupId: 'styret', name: 'Styret', timeZone: 'Europe/Oslo' }),
      recorded('MemberJoined', { groupId: 'styret', personId: 'kari', role: 'secretariat' }),
    );
    await append(
      'matter-budsjett',
      recorded('MatterOpened', { matterId: 'budsjett', groupId: 'styret', title: 'Budsjett 2027' }),
    );
    await append(
      'meeting-m1',
      recorded('MeetingScheduled', {
        meetingId: 'm1',
        groupId: 'styret',
        title: null,
        startsAt: '2026-11-10T16:00:00+01:00',
        endsAt: null,
        location: null,
        online: null,
      }),
    );
    for (const id of ['c1', 'c2'])
      await append(
        `commitment-${id}`,
        recorded('CommitmentMade', {
          commitmentId: id,
          groupId: 'styret',
          meetingId: 'm1',
          agendaItemId: null,
          matterId: 'budsjett',
          text: `Forslag ${id}`,
          owner: { kind: 'person', personId: 'kari' },
          due: { kind: 'next-meeting' },
        }),
        recorded('CommitmentProgressReported', { commitmentId: id, text: `Utkast ${id}` }),
      );
  };
  const stop = async (h: ReadModelHost) => {
    await h.beforeApplicationShutdown();
    hosts.splice(hosts.indexOf(h), 1);
  };

  beforeAll(() =>
    Logger.overrideLogger({
      log: (message: string) => logged.push(String(message)),
      error: () => undefined,
      warn: (message: string) => logged.push(String(message)),
      debug: () => undefined,
      verbose: () => undefined,
    }),
  );
  afterAll(() => Logger.overrideLogger(false));
  beforeEach(async () => {
    logged = [];
    dir = mkdtempSync(join(tmpdir(), 'tilneste-snapshot-'));
    path = join(dir, 'events.db');
    snapshot = join(dir, 'read-models.snapshot');
    store = new SqliteEventStore({ path, pollIntervalMs: 20 });
    await register('kari', 'Kari Nordmann');
    await register('ola', 'Ola Nordmann');
  });
  afterEach(async () => {
    for (const h of hosts.splice(0)) await h.beforeApplicationShutdown();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is saved on shutdown, and the next start loads it and replays only the tail', async () => {
    const first = host();
    await first.start();
    expect(logged.filter((l) => l.includes('full rebuild'))).toEqual([
      'bygger lesemodellene fra starten: no snapshot (full rebuild)',
    ]);
    await stop(first);
    expect(existsSync(snapshot)).toBe(true);
    await register('per', 'Per Hansen');

    logged = [];
    const second = host();
    await second.start();
    expect(logged.filter((l) => l.includes('full rebuild'))).toEqual([]);
    expect(logged.some((l) => l.includes('snapshot and tail') && l.includes('og 1 hendelser etter'))).toBe(
      true,
    );
    expect([...second.catalog.people.keys()]).toEqual(['kari', 'ola', 'per']);
    expect(second.catalog.position).toBe(3n);
  });

  it("restores the catalog's big maps lazily, opens them in the background once live, to what a full rebuild gives", async () => {
    await committee();
    await stop(await started(host()));
    // The tail: one of the two commitments is completed after the snapshot.
    await store.appendToStream(
      'commitment-c2',
      [recorded('CommitmentCompleted', { commitmentId: 'c2', note: null })],
      { expectedRevision: 1n },
    );
    logged = [];
    const lazy = await started(host());
    expect(logged.filter((l) => /snapshot and tail|full rebuild/.test(l))).toEqual([
      expect.stringMatching(/^lest inn øyeblikksbilde ved 10 og 1 hendelser etter/),
    ]);
    // Before the event loop's next turn: what the tail read is open, with the rest of its page (both commitments,
    // every actor's acts in the audit index); every other entry of the lazy maps is still its bytes.
    expect(unopened(lazy.catalog)).toEqual({
      groups: 1,
      meetings: 1,
      commitments: 0,
      workingGroups: 0,
      matters: 1,
      madeOrder: 2,
      timelines: 1,
      commitmentsOfMatter: 1,
      byActor: 0,
      writtenBy: 1,
    });
    // Their pages are still in the file, which stays open for them.
    expect(descriptorsOn(snapshot)).toBe(1);
    await eventually(() => logged.some((l) => l.includes('in the background')));
    expect(logged.filter((l) => l.includes('in the background'))).toEqual([
      expect.stringMatching(
        /^øyeblikksbildet er åpnet: 8 verdier på \d+ ms \(snapshot values deserialised in the background\)$/,
      ),
    ]);
    expect(unopened(lazy.catalog)).toEqual(Object.fromEntries([...LAZY_FIELDS].map((field) => [field, 0])));
    // Nothing left to open: each is a plain Map again, and the file is closed.
    expect(lazyMaps(lazy.catalog)).toEqual([]);
    await eventually(() => descriptorsOn(snapshot) === 0);
    expect(descriptorsOn(snapshot)).toBe(0);
    const rebuilt = await started(host('off'));
    expect(canonical(lazy.catalog)).toEqual(canonical(rebuilt.catalog));
    expect(lazy.catalog.commitments.get('c2')?.status).toBe('completed');
  });

  it('is taken by a worker from a lazy restore, what it never opened copied as it was, to what a full rebuild gives', async () => {
    await committee();
    await stop(await started(host()));
    const live = await started(host());
    let position = 0n;
    for (const [id, name] of [
      ['a', 'A'],
      ['b', 'B'],
      ['c', 'C'],
    ])
      await live.waitFor((position = (await register(id, name)).position));
    await eventually(() => live.lastSnapshot?.position === position);
    expect(live.lastSnapshot).toMatchObject({ by: 'worker', position: 13n });
    // Neither the worker nor this thread, whose maps are all open by now, holds the file the worker loaded.
    await eventually(() => descriptorsOn(snapshot) === 0);
    expect(descriptorsOn(snapshot)).toBe(0);
    await stop(live);
    expect(live.lastSnapshot).toMatchObject({ by: 'worker', position: 13n });
    logged = [];
    const next = await started(host());
    expect(logged.filter((l) => /snapshot and tail|full rebuild/.test(l))).toEqual([
      expect.stringMatching(/^lest inn øyeblikksbilde ved 13 og 0 hendelser etter/),
    ]);
    const rebuilt = await started(host('off'));
    expect(canonical(next.catalog)).toEqual(canonical(rebuilt.catalog));
  });

  it('is written in the background every N events once live', async () => {
    const live = host();
    await live.start();
    // The start replayed history, so it leaves a snapshot for the next start: serialised on this thread before
    // any request (a worker would replay it all again), written in the background.
    await eventually(() => live.lastSnapshot !== undefined);
    expect(live.lastSnapshot).toEqual({ by: 'this thread', threadId, position: 2n });
    expect(existsSync(snapshot)).toBe(true);
    rmSync(snapshot, { force: true });
    let position = 0n;
    for (const [id, name] of [
      ['a', 'A'],
      ['b', 'B'],
      ['c', 'C'],
    ])
      position = (await register(id, name)).position;
    await live.waitFor(position);
    await eventually(() => existsSync(snapshot));
    expect(existsSync(snapshot)).toBe(true);
    await eventually(() => live.lastSnapshot?.position === position);
    expect(live.lastSnapshot).toEqual({ by: 'worker', threadId: expect.any(Number), position });
    expect(live.lastSnapshot!.threadId).not.toBe(threadId);
  });

  /** Three events, N for these hosts: the next snapshot is due, and a worker takes it. */
  const threeMore = async (live: ReadModelHost) => {
    await eventually(() => live.lastSnapshot !== undefined);
    for (const [id, name] of [
      ['a', 'A'],
      ['b', 'B'],
      ['c', 'C'],
    ])
      await live.waitFor((await register(id, name)).position);
  };

  it('is serialised and written by a worker thread while this thread goes on applying events', async () => {
    const live = host();
    const meanwhile: string[] = [];
    // The worker has built and serialised the read models and waits here before writing them.
    live.beforeWorkerWrites = async (worker) => {
      const { position } = await register('per', 'Per Hansen');
      await live.waitFor(position);
      await new Promise((resolve) => setTimeout(resolve, 1));
      meanwhile.push(
        `thread ${threadId} applied Per and ran a timer while thread ${worker} held the snapshot`,
      );
    };
    await live.start();
    await threeMore(live);
    await eventually(() => live.lastSnapshot?.by === 'worker');
    const worker = live.lastSnapshot!.threadId;
    expect(worker).not.toBe(threadId);
    expect(meanwhile).toEqual([
      `thread ${threadId} applied Per and ran a timer while thread ${worker} held the snapshot`,
    ]);
    // The worker's snapshot is at the head it read, before Per; this thread has Per.
    expect(live.lastSnapshot).toEqual({ by: 'worker', threadId: worker, position: 5n });
    expect(live.catalog.position).toBe(6n);
    expect(logged.filter((l) => l.includes('snapshot written by worker thread'))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^øyeblikksbilde lagret ved 5 \\(snapshot written by worker thread ${worker}: 3 events after the snapshot at 2,`,
        ),
      ),
    ]);

    // A start from the last file, and the tail of Per.
    await stop(live);
    expect(live.lastSnapshot).toEqual({ by: 'this thread', threadId, position: 6n });
    logged = [];
    const next = await started(host());
    expect(logged.filter((l) => /snapshot and tail|full rebuild/.test(l))).toEqual([
      expect.stringMatching(/^lest inn øyeblikksbilde ved 6 og 0 hendelser etter/),
    ]);
    expect([...next.catalog.people.keys()]).toEqual(['kari', 'ola', 'a', 'b', 'c', 'per']);
  });

  it('is taken by a worker from the last snapshot and the tail after it', async () => {
    await stop(await started(host()));
    const live = await started(host());
    for (const [id, name] of [
      ['a', 'A'],
      ['b', 'B'],
      ['c', 'C'],
    ])
      await live.waitFor((await register(id, name)).position);
    await eventually(() => live.lastSnapshot?.position === 5n);
    expect(live.lastSnapshot).toMatchObject({ by: 'worker', position: 5n });
    expect(logged.filter((l) => l.includes('snapshot written by worker thread'))).toEqual([
      expect.stringContaining(': 3 events after the snapshot at 2,'),
    ]);
  });

  it('after an erasure, is replaced at once by one without the erased name', async () => {
    await register('eli', 'Eli Slettemo');
    await stop(await started(host()));
    expect(readFileSync(snapshot, 'latin1')).toContain('Slettemo');
    const live = await started(host());
    const { position } = await store.appendToStream(
      'person-eli',
      [
        {
          id: randomUUID(),
          type: 'PersonErased',
          data: { personId: 'eli' },
          metadata: { actor: { kind: 'person', id: 'sekretær' }, at: '2026-11-03T09:00:00.000Z' },
        },
      ],
      { expectedRevision: 0n },
    );
    await live.waitFor(position);
    // One event, far below every N: the erasure alone starts the worker.
    await eventually(() => live.lastSnapshot?.position === position);
    expect(live.lastSnapshot).toMatchObject({ by: 'worker', position });
    expect(readFileSync(snapshot, 'latin1')).not.toContain('Slettemo');
  });

  it('logs a worker that fails in one line, and saves what it missed at shutdown', async () => {
    const live = host();
    live.beforeWorkerWrites = () => Promise.reject(new Error('the disk is full'));
    await live.start();
    await threeMore(live);
    await eventually(() => logged.some((l) => l.includes('snapshot not saved')));
    expect(logged.filter((l) => l.includes('snapshot not saved'))).toEqual([
      'øyeblikksbildet ble ikke lagret (snapshot not saved): Error: the disk is full',
    ]);
    expect(live.lastSnapshot).toEqual({ by: 'this thread', threadId, position: 2n });
    await stop(live);
    expect(live.lastSnapshot).toEqual({ by: 'this thread', threadId, position: 5n });
  });

  it('at shutdown, stops a worker still at work and saves the state in hand on this thread instead', async () => {
    const live = host();
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    live.beforeWorkerWrites = () => {
      held();
      return new Promise<void>(() => undefined); // never lets it write
    };
    await live.start();
    await threeMore(live);
    await holding;
    await stop(live);
    expect(live.lastSnapshot).toEqual({ by: 'this thread', threadId, position: 5n });
    expect(logged.some((l) => l.includes('snapshot not saved'))).toBe(false);
    // No temporary file is left behind.
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    logged = [];
    const next = await started(host());
    expect(logged.some((l) => l.includes('snapshot and tail'))).toBe(true);
    expect(next.catalog.people.size).toBe(5);
  });

  it('is read ahead on a thread of its own when asked at start, and the load takes that read, once', async () => {
    await stop(await started(host()));
    const older = readFileSync(snapshot);
    await register('per', 'Per Hansen');
    await stop(await started(host()));
    // The file at position 3 is read ahead; then the older one (position 2) takes its place on disk, renamed over
    // it as the writer does.
    await prefetchSnapshot(snapshot)!.payloadCrc32;
    writeFileSync(`${snapshot}.tmp`, older);
    renameSync(`${snapshot}.tmp`, snapshot);

    logged = [];
    const next = await started(host());
    // What was read ahead is what is loaded: nothing to replay after it, where the file now on disk has one.
    expect(logged.filter((l) => l.includes('snapshot and tail'))).toEqual([
      expect.stringContaining('øyeblikksbilde (lest på forhånd) ved 3 og 0 hendelser etter'),
    ]);
    expect([...next.catalog.people.keys()]).toEqual(['kari', 'ola', 'per']);
    expect(takePrefetchedSnapshot(snapshot)).toBeUndefined();
    await stop(next);

    // Handed over once: the next start reads the file as it is then.
    writeFileSync(snapshot, older);
    logged = [];
    await started(host());
    expect(logged.filter((l) => l.includes('snapshot and tail'))).toEqual([
      expect.stringContaining('øyeblikksbilde ved 2 og 1 hendelser etter'),
    ]);
  });

  it('checks the checksum of a snapshot read ahead, and reads ahead nothing where there is no file', async () => {
    await stop(await started(host()));
    const bytes = readFileSync(snapshot);
    bytes[bytes.length - 5] ^= 0xff;
    writeFileSync(snapshot, bytes);
    prefetchSnapshot(snapshot);
    logged = [];
    const next = await started(host());
    expect(logged.filter((l) => l.includes('full rebuild'))).toEqual([
      'bygger lesemodellene fra starten: the snapshot is corrupt (its checksum does not match) (full rebuild)',
    ]);
    expect(next.catalog.people.size).toBe(2);

    const none = join(dir, 'none.snapshot');
    expect(prefetchSnapshot(none)).toBeUndefined();
    expect(prefetchSnapshot('off')).toBeUndefined();
    expect(takePrefetchedSnapshot(none)).toBeUndefined();
    expect(takePrefetchedSnapshot('off')).toBeUndefined();
  });

  it('falls back to a full rebuild, with one line saying why, when the snapshot is corrupt', async () => {
    await stop(await started(host()));
    const bytes = readFileSync(snapshot);
    bytes[bytes.length - 5] ^= 0xff;
    writeFileSync(snapshot, bytes);
    logged = [];
    const next = await started(host());
    expect(logged.filter((l) => l.includes('full rebuild'))).toEqual([
      'bygger lesemodellene fra starten: the snapshot is corrupt (its checksum does not match) (full rebuild)',
    ]);
    expect(next.catalog.people.size).toBe(2);
  });

  /** Rewrites the snapshot's header line, leaving its payload as it is. */
  function rewriteHeader(change: (header: Record<string, unknown>) => Record<string, unknown>): void {
    const text = readFileSync(snapshot);
    const newline = text.indexOf(10);
    const header = change(JSON.parse(text.subarray(0, newline).toString()) as Record<string, unknown>);
    writeFileSync(
      snapshot,
      Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), text.subarray(newline + 1)]),
    );
  }

  it('falls back when the projection code has changed', async () => {
    await stop(await started(host()));
    rewriteHeader((header) => ({ ...header, version: 'an older version' }));
    logged = [];
    await started(host());
    expect(logged.filter((l) => l.includes('full rebuild'))).toEqual([
      'bygger lesemodellene fra starten: the projection code has changed since the snapshot (full rebuild)',
    ]);
  });

  it('falls back when the snapshot was written in another format (a SHA-256 snapshot from before CRC-32)', async () => {
    await stop(await started(host()));
    rewriteHeader(({ crc32: _, ...header }) => ({ ...header, format: 1, sha256: 'f'.repeat(64) }));
    logged = [];
    await started(host());
    expect(logged.filter((l) => l.includes('full rebuild'))).toEqual([
      'bygger lesemodellene fra starten: the snapshot was written in another format (full rebuild)',
    ]);
  });

  it("falls back when the snapshot is in format 2, with the catalog's maps whole", async () => {
    await committee();
    const rebuilt = await started(host());
    await stop(rebuilt);
    // The same read models as format 2 stored them: one v8.serialize of every part, each map a Map (as a full
    // rebuild leaves them), under the header of the file just written.
    const text = readFileSync(snapshot);
    const header = JSON.parse(text.subarray(0, text.indexOf(10)).toString()) as Record<string, unknown>;
    const payload = serialize({
      catalog: Object.fromEntries(
        Object.entries(rebuilt.catalog).filter(([key]) => !key.startsWith('derived')),
      ),
    });
    const { outside: _, ...rest } = header;
    const old = { ...rest, format: 2, bytes: payload.length, crc32: crc32(payload) };
    writeFileSync(snapshot, Buffer.concat([Buffer.from(`${JSON.stringify(old)}\n`), payload]));
    logged = [];
    const next = await started(host());
    expect(logged.filter((l) => l.includes('full rebuild'))).toEqual([
      'bygger lesemodellene fra starten: the snapshot was written in another format (full rebuild)',
    ]);
    expect(lazyMaps(next.catalog)).toEqual([]);
    expect([...next.catalog.commitments.keys()]).toEqual(['c1', 'c2']);
  });

  it('falls back when the snapshot is ahead of the store (a store restored from an older backup)', async () => {
    const backup = join(dir, 'backup.db');
    await store.close();
    copyFileSync(path, backup);
    store = new SqliteEventStore({ path, pollIntervalMs: 20 });
    await register('per', 'Per Hansen');
    await stop(await started(host()));
    await store.close();
    copyFileSync(backup, path);
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
    store = new SqliteEventStore({ path, pollIntervalMs: 20 });
    logged = [];
    const next = await started(host());
    expect(logged.filter((l) => l.includes('full rebuild'))).toEqual([
      'bygger lesemodellene fra starten: the snapshot is ahead of the store (3 > 2: restored from a backup?) (full rebuild)',
    ]);
    expect([...next.catalog.people.keys()]).toEqual(['kari', 'ola']);
  });

  it('is neither read nor written when snapshots are off', async () => {
    await stop(await started(host('off')));
    expect(existsSync(snapshot)).toBe(false);
    expect(logged.some((l) => l.includes('full rebuild'))).toBe(false);
  });
});

async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 250 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
}

async function started(host: ReadModelHost): Promise<ReadModelHost> {
  await host.start();
  return host;
}

describe('a load from a snapshot file', () => {
  let dir: string;
  let snapshot: string;

  /** Values of about 200 bytes: a map of 2,000 of them takes a few dozen pages. */
  const numbered = (count: number, label: string) =>
    new Map(Array.from({ length: count }, (_, i) => [`k${i}`, { label, i, text: 'x'.repeat(200) }]));
  /** A part of maps saved lazily, as the catalog's are, and restored as LazyMaps into `restored`. */
  const mapsPart = (maps: Record<string, Map<string, unknown>> = {}) => {
    const restored: Record<string, Map<string, unknown>> = {};
    const part: SnapshotPart = {
      name: 'maps',
      version: '1',
      take: () => Object.fromEntries(Object.entries(maps).map(([key, map]) => [key, lazyMapImage(map)])),
      restore: (state) => {
        for (const [key, image] of Object.entries(state as Record<string, LoadedLazyMapImage>))
          restored[key] = LazyMap.fromImage(image);
      },
    };
    return { part, restored };
  };
  const save = (maps: Record<string, Map<string, unknown>>, path = snapshot) =>
    writeSnapshot(path, takeSnapshot([mapsPart(maps).part], 7n, 'e7'));
  /** Loads the snapshot and restores it, as a host does. */
  const load = async () => {
    const { part, restored } = mapsPart();
    const loaded = await loadSnapshot(snapshot, [part]);
    if (!loaded.ok) throw new Error(loaded.reason);
    part.restore(loaded.states.maps);
    loaded.release();
    return { restored };
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tilneste-snapshot-file-'));
    snapshot = join(dir, 'maps.snapshot');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves the value pages in the file it checked until opened, even once a newer snapshot is renamed over it', async () => {
    const old = { a: numbered(2000, 'old'), b: numbered(500, 'old') };
    await save(old);
    const oldFile = readFileSync(snapshot);
    const { restored } = await load();
    expect(descriptorsOn(snapshot)).toBe(1);
    expect([LazyMap.pending(restored.a), LazyMap.pending(restored.b)]).toEqual([2000, 500]);

    // A newer snapshot takes the name, as the writer puts one there: the same keys and sizes, other values.
    await save({ a: numbered(2000, 'new'), b: numbered(500, 'new') });
    expect(readFileSync(snapshot).equals(oldFile)).toBe(false);
    // Saved again before anything was opened: every page copied from the old file, the old snapshot exactly.
    const again = join(dir, 'again.snapshot');
    await save(restored, again);
    expect(readFileSync(again).equals(oldFile)).toBe(true);
    expect(restored.a.get('k1500')).toEqual(old.a.get('k1500'));
    expect(restored.b.get('k3')).toEqual(old.b.get('k3'));

    // Open while any map has a page in it: `a` all opened, `b` still has pages; cleared, it has none left.
    expect([...restored.a]).toEqual([...old.a]);
    expect(LazyMap.pending(restored.b)).toBeGreaterThan(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(descriptorsOn(snapshot)).toBe(1);
    restored.b.clear();
    await eventually(() => descriptorsOn(snapshot) === 0);
    expect(descriptorsOn(snapshot)).toBe(0);
  });

  it('fails loudly on keys or a page it cannot read, again on the next try, and stops the background opening', async () => {
    await save({ a: numbered(2000, 'old'), b: numbered(500, 'old') });
    const { restored } = await load();
    // Its keys are read from the file at its first use.
    expect(restored.a.has('k10')).toBe(true);
    // Cut short in place after the load (never our writer's doing): a read that fails, as one that meets EIO.
    truncateSync(snapshot, readFileSync(snapshot).indexOf(10) + 1);
    const shorter = 'the snapshot file is shorter than when it was checked';
    expect(() => restored.a.get('k10')).toThrow(shorter);
    expect(() => restored.a.get('k10')).toThrow(shorter);
    expect(() => restored.b.has('k10')).toThrow(shorter);
    expect(LazyMap.pending(restored.a)).toBe(2000);
    // The background opening stops there and says why, rather than throw where nobody catches it.
    const { done } = openLazyMapsInBackground([restored.a, restored.b]);
    expect(await done).toEqual({ opened: 0, ms: expect.any(Number), failed: shorter });
    restored.a.clear();
    restored.b.clear();
  });

  it('checks the sum of the pages it leaves in the file before anything is restored, and then closes it', async () => {
    const b = numbered(500, 'old');
    await save({ a: numbered(2000, 'old'), b });
    const bytes = readFileSync(snapshot);
    // Inside the last map's value pages, which end the file.
    const at = bytes.length - Math.floor(lazyMapImage(b).bytes.length / 2);
    bytes[at] ^= 0xff;
    writeFileSync(snapshot, bytes);
    const { part, restored } = mapsPart();
    const restore = jest.spyOn(part, 'restore');
    expect(await loadSnapshot(snapshot, [part])).toEqual({
      ok: false,
      reason: 'the snapshot is corrupt (its checksum does not match)',
    });
    expect(restore).not.toHaveBeenCalled();
    expect(restored).toEqual({});
    await eventually(() => descriptorsOn(snapshot) === 0);
    expect(descriptorsOn(snapshot)).toBe(0);
  });
});
