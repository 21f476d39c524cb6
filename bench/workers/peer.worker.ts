import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SqliteEventStore } from '@tilneste/event-store';
import { PEER, PEER_MISSING, peerInstalled } from '../lib/paths';

interface EmmettEvent {
  type: string;
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}
interface EmmettStore {
  appendToStream(
    stream: string,
    events: EmmettEvent[],
    options?: { expectedStreamVersion?: bigint | 'STREAM_DOES_NOT_EXIST' },
  ): Promise<{ nextExpectedStreamVersion: bigint }>;
  readStream(stream: string): Promise<{ events: unknown[] }>;
}
interface Sqlite3Database {
  configure(option: 'busyTimeout', ms: number): void;
  exec(sql: string, callback?: (error: Error | null) => void): void;
  get(sql: string, callback: (error: Error | null, row: Record<string, unknown>) => void): void;
  close(callback?: () => void): void;
}
type Sqlite3DatabaseClass = new (...args: unknown[]) => Sqlite3Database;
interface Sqlite3Module {
  Database: Sqlite3DatabaseClass;
}

function loadPeer(): {
  sqlite3: Sqlite3Module;
  getSQLiteEventStore: (o: { fileName: string }) => EmmettStore;
} {
  if (!peerInstalled()) throw new Error(PEER_MISSING);
  const peerRequire = createRequire(join(PEER, 'package.json'));
  return {
    sqlite3: peerRequire('sqlite3') as Sqlite3Module,
    getSQLiteEventStore: (
      peerRequire('@event-driven-io/emmett-sqlite') as {
        getSQLiteEventStore: (o: { fileName: string }) => EmmettStore;
      }
    ).getSQLiteEventStore,
  };
}

const made = () => ({
  data: {
    commitmentId: randomUUID(),
    groupId: randomUUID(),
    meetingId: randomUUID(),
    agendaItemId: null,
    matterId: null,
    text: 'Utarbeide et notat om budsjett for neste år',
    owner: { kind: 'person', personId: randomUUID() },
    due: { kind: 'next-meeting' },
  },
  metadata: {
    actor: { kind: 'person', id: randomUUID() },
    via: 'web',
    at: new Date().toISOString(),
    command: 'MakeCommitment',
    correlationId: randomUUID(),
    causationId: null,
  },
});
const completed = () => ({
  data: { commitmentId: randomUUID(), note: 'Gjort', at: new Date().toISOString() },
  metadata: made().metadata,
});

/** One writer's two appends on a new stream: a commitment made, then completed, each checking the expected revision. */
type Pair = () => Promise<void>;

function oursPair(store: SqliteEventStore): Pair {
  return async () => {
    const stream = `commitment-${randomUUID()}`;
    const a = made();
    const b = completed();
    await store.appendToStream(stream, [{ id: randomUUID(), type: 'CommitmentMade', ...a }], {
      expectedRevision: 'no_stream',
    });
    await store.appendToStream(stream, [{ id: randomUUID(), type: 'CommitmentCompleted', ...b }], {
      expectedRevision: 0n,
    });
  };
}

function emmettPair(store: EmmettStore): Pair {
  return async () => {
    const stream = `commitment-${randomUUID()}`;
    const first = await store.appendToStream(stream, [{ type: 'CommitmentMade', ...made() }], {
      expectedStreamVersion: 'STREAM_DOES_NOT_EXIST',
    });
    await store.appendToStream(stream, [{ type: 'CommitmentCompleted', ...completed() }], {
      expectedStreamVersion: first.nextExpectedStreamVersion,
    });
  };
}

/** What the failed appends said, for the report. */
const errors = new Set<string>();

/** Appends/s of `pairs.length` writers at once; an append that fails is counted apart, not as done. */
async function appendRate(pairs: Pair[], windowMs: number): Promise<{ rate: number; failed: number }> {
  const started = performance.now();
  const deadline = started + windowMs;
  let appends = 0;
  let failed = 0;
  await Promise.all(
    pairs.map(async (pair) => {
      while (performance.now() < deadline) {
        try {
          await pair();
          appends += 2;
        } catch (error) {
          failed += 1;
          errors.add(String((error as Error).message ?? error));
        }
      }
    }),
  );
  return { rate: appends / ((performance.now() - started) / 1000), failed };
}

async function readRate(read: () => Promise<number>, events: number, windowMs: number): Promise<number> {
  const started = performance.now();
  const deadline = started + windowMs;
  let reads = 0;
  while (performance.now() < deadline) {
    if ((await read()) !== events) throw new Error('a read came back short');
    reads += 1;
  }
  return reads / ((performance.now() - started) / 1000);
}

function pragmas(db: Sqlite3Database): Promise<string> {
  const one = (name: string) =>
    new Promise<unknown>((resolve, reject) =>
      db.get(`PRAGMA ${name}`, (error, row) => (error ? reject(error) : resolve(Object.values(row)[0]))),
    );
  return Promise.all([one('journal_mode'), one('synchronous'), one('busy_timeout')]).then(
    ([journal, sync, busy]) =>
      `journal_mode=${String(journal)} synchronous=${String(sync)} busy_timeout=${String(busy)}`,
  );
}

async function main(): Promise<void> {
  const [dir, windowText, runsText, writersText, readEventsText] = process.argv.slice(2);
  const [windowMs, runs, readEvents] = [Number(windowText), Number(runsText), Number(readEventsText)];
  const writerCounts = writersText.split(',').map(Number);
  const { sqlite3, getSQLiteEventStore } = loadPeer();
  // Emmett logs the error of every transaction it rolls back (the rollback's own error is what it throws).
  console.log = (first: unknown) => errors.add(`logged: ${String((first as Error)?.message ?? first)}`);

  const Plain = sqlite3.Database;
  /** Our pragmas on every connection Emmett opens: busy_timeout 10 s (its driver's is 1 s), synchronous FULL. */
  class Tuned extends Plain {
    constructor(...args: unknown[]) {
      super(...args);
      this.configure('busyTimeout', 10_000);
      this.exec('PRAGMA synchronous = FULL');
    }
  }
  const configs = {
    ours: join(dir, 'ours.db'),
    inline: join(dir, 'inline.db'),
    emmett: join(dir, 'emmett.db'),
    tuned: join(dir, 'emmett-tuned.db'),
  };
  const ours = new SqliteEventStore({ path: configs.ours });
  const inline = new SqliteEventStore({ path: configs.inline, writer: 'inline' });
  const emmettStores = (file: string, n: number, tuned: boolean) => {
    sqlite3.Database = tuned ? (Tuned as Sqlite3DatabaseClass) : Plain;
    // Its store shares one connection between concurrent calls and closes it after each: one per writer.
    return Array.from({ length: n }, () => getSQLiteEventStore({ fileName: file }));
  };
  const emmettRun = async (file: string, n: number, tuned: boolean) => {
    const pairs = emmettStores(file, n, tuned).map(emmettPair);
    try {
      return await appendRate(pairs, windowMs);
    } finally {
      sqlite3.Database = Plain;
    }
  };
  // Warm-up, and the schema made, outside the measure.
  await appendRate([oursPair(ours)], Math.min(300, windowMs));
  await appendRate([oursPair(inline)], Math.min(300, windowMs));
  await emmettRun(configs.emmett, 1, false);
  await emmettRun(configs.tuned, 1, true);

  const settings = {
    emmett: await (async () => {
      const db = new Plain(configs.emmett);
      const text = await pragmas(db);
      db.close();
      return text;
    })(),
    tuned: await (async () => {
      const db = new Tuned(configs.tuned);
      const text = await pragmas(db);
      db.close();
      return text;
    })(),
  };

  type Runs = { rate: number[]; failed: number[] };
  const empty = (): Runs => ({ rate: [], failed: [] });
  const appends: Record<string, Record<number, Runs>> = {};
  for (const name of ['ours', 'inline', 'emmett', 'tuned'])
    appends[name] = Object.fromEntries(writerCounts.map((n) => [n, empty()]));
  const push = (runs: Runs, r: { rate: number; failed: number }) => {
    runs.rate.push(r.rate);
    runs.failed.push(r.failed);
  };
  // Interleaved, so a slow moment of the machine falls on all of them.
  for (let i = 0; i < runs; i++) {
    for (const n of writerCounts) {
      push(
        appends.ours[n],
        await appendRate(
          Array.from({ length: n }, () => oursPair(ours)),
          windowMs,
        ),
      );
      push(
        appends.inline[n],
        await appendRate(
          Array.from({ length: n }, () => oursPair(inline)),
          windowMs,
        ),
      );
      push(appends.emmett[n], await emmettRun(configs.emmett, n, false));
      push(appends.tuned[n], await emmettRun(configs.tuned, n, true));
    }
  }

  // Reading one stream of `readEvents` events back, whole, one read after another.
  const streamName = `commitment-${randomUUID()}`;
  await ours.appendToStream(
    streamName,
    Array.from({ length: readEvents }, () => ({
      id: randomUUID(),
      type: 'CommitmentProgressReported',
      ...made(),
    })),
  );
  const [emmett] = emmettStores(configs.emmett, 1, false);
  await emmett.appendToStream(
    streamName,
    Array.from({ length: readEvents }, () => ({ type: 'CommitmentProgressReported', ...made() })),
  );
  const readOurs = async () => {
    let n = 0;
    for await (const event of ours.readStream(streamName)) if (event) n += 1;
    return n;
  };
  const readEmmett = async () => (await emmett.readStream(streamName)).events.length;
  const reads = { ours: [] as number[], emmett: [] as number[] };
  await readRate(readOurs, readEvents, Math.min(300, windowMs));
  await readRate(readEmmett, readEvents, Math.min(300, windowMs));
  for (let i = 0; i < runs; i++) {
    reads.ours.push(await readRate(readOurs, readEvents, windowMs));
    reads.emmett.push(await readRate(readEmmett, readEvents, windowMs));
  }
  await ours.close();
  await inline.close();
  process.stdout.write(`${JSON.stringify({ settings, appends, reads, errors: [...errors] })}\n`);
}

void main();
