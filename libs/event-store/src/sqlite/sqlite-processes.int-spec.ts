import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { writeOldFile } from '../../testing/old-layout';
import { SqliteEventStore } from './sqlite-event-store';

// These tests use real OS processes on one SQLite file: promises in one process cannot race a transaction.
jest.setTimeout(60_000);

const child = join(__dirname, '../../testing/sqlite-process-child.ts');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tilneste-proc-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Child {
  process: ChildProcessWithoutNullStreams;
  lines: unknown[];
  next(predicate?: (line: unknown) => boolean): Promise<unknown>;
  exited: Promise<number | null>;
}

function start(mode: string, path: string, stream: string, count = 0): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, mode, path, stream, String(count)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: unknown[] = [];
  const listeners: (() => void)[] = [];
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  createInterface({ input: proc.stdout }).on('line', (line) => {
    lines.push(JSON.parse(line));
    listeners.splice(0).forEach((l) => l());
  });
  const exited = new Promise<number | null>((resolve) =>
    proc.on('exit', (code) => {
      if (code) process.stderr.write(stderr);
      listeners.splice(0).forEach((l) => l());
      resolve(code);
    }),
  );
  return {
    process: proc,
    lines,
    exited,
    async next(predicate = () => true) {
      for (;;) {
        const found = lines.find(predicate);
        if (found) return found;
        if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`child exited: ${stderr}`);
        await new Promise<void>((resolve) => listeners.push(resolve));
      }
    },
  };
}

async function readAll(path: string, stream?: string) {
  const store = new SqliteEventStore({ path });
  try {
    const events = [];
    for await (const e of stream ? store.readStream(stream) : store.readAll()) events.push(e);
    return events;
  } finally {
    await store.close();
  }
}

describe('SQLite event store across OS processes', () => {
  it('lets exactly one of two processes win an append with the same expected revision', async () => {
    const path = join(dir, 'race.db');
    const setup = new SqliteEventStore({ path });
    await setup.appendToStream('meeting-1', [{ id: crypto.randomUUID(), type: 'Seeded', data: {} }]);
    await setup.close();

    const racers = [start('once', path, 'meeting-1'), start('once', path, 'meeting-1')];
    await Promise.all(racers.map((r) => r.next()));
    for (const r of racers) r.process.stdin.write('go\n');
    const results = (await Promise.all(racers.map((r) => r.next((l) => 'ok' in (l as object))))) as {
      ok: boolean;
      error?: string;
    }[];
    await Promise.all(racers.map((r) => r.exited));

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)?.error).toBe('WrongExpectedVersionError');
    const stored = await readAll(path, 'meeting-1');
    expect(stored.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
    const winnerPid = (stored[1].data as { pid: number }).pid;
    expect((stored[2].data as { pid: number }).pid).toBe(winnerPid);
  });

  it('under sustained contention, each expected revision is won exactly once and losers get the version error', async () => {
    const path = join(dir, 'contend.db');
    const total = 150;
    const contenders = Array.from({ length: 4 }, () => start('contend', path, 'commitment-1', total));
    const results = (await Promise.all(contenders.map((c) => c.next()))) as {
      wins: string[];
      losses: string[];
    }[];
    await Promise.all(contenders.map((c) => c.exited));

    const wins = results.flatMap((r) => r.wins);
    expect(wins).toHaveLength(total);
    expect(new Set(wins).size).toBe(total);
    expect(results.flatMap((r) => r.losses).filter((l) => l !== 'WrongExpectedVersionError')).toEqual([]);
    const stored = await readAll(path, 'commitment-1');
    expect(stored.map((e) => Number(e.revision))).toEqual(Array.from({ length: total }, (_, i) => i));
  });

  it('keeps global positions strictly increasing with no gaps while several processes write', async () => {
    const path = join(dir, 'positions.db');
    const perProcess = 200;
    const writers = Array.from({ length: 4 }, (_, i) => start('sequence', path, `group-${i}`, perProcess));
    expect(await Promise.all(writers.map((w) => w.exited))).toEqual([0, 0, 0, 0]);
    for (const w of writers) expect(w.lines).toContainEqual({ closed: true });

    const all = await readAll(path);
    expect(all).toHaveLength(4 * perProcess);
    all.forEach((e, i) => expect(e.position).toBe(BigInt(i + 1)));
    for (let i = 0; i < 4; i++) {
      const mine = all.filter((e) => e.streamName === `group-${i}`);
      expect(mine.map((e) => (e.data as { i: number }).i)).toEqual(
        Array.from({ length: perProcess }, (_, k) => k),
      );
    }
  });

  it('after kill -9 of a writer, every acknowledged append is readable and nothing is half-written', async () => {
    const path = join(dir, 'kill.db');
    const writer = start('writer', path, 'matter-1');
    await writer.next((l) => (l as { ack: number }).ack >= 40);
    writer.process.kill('SIGKILL');
    await writer.exited;
    const acked = writer.lines as { ack: number; ids: string[] }[];

    const db = new Database(path, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const stored = await readAll(path, 'matter-1');
    const storedIds = new Set(stored.map((e) => e.id));
    for (const { ids } of acked) for (const id of ids) expect(storedIds.has(id)).toBe(true);
    // Every batch is whole: the last one may have committed before its ack was printed, but never in part.
    expect(stored.length % 3).toBe(0);
    stored.forEach((e, i) => {
      expect(e.revision).toBe(BigInt(i));
      expect(e.data).toMatchObject({ batch: Math.floor(i / 3), part: i % 3 });
    });
    expect(stored.length).toBeGreaterThanOrEqual(acked.length * 3);
  });

  it('a process that never closes its store still ends by itself, with every acknowledged append written', async () => {
    const path = join(dir, 'open.db');
    const writer = start('leave-open', path, 'note-1', 20);
    // The writer thread keeps the process alive only while a write is outstanding.
    expect(await writer.exited).toBe(0);
    expect(writer.lines).toEqual([{ done: true }]);
    expect(await readAll(path, 'note-1')).toHaveLength(20);
  });
});

describe('SQLite layout across OS processes', () => {
  it('two processes opening a file of the old layout at once: one rewrites it, the other waits and finds it done', async () => {
    const path = join(dir, 'old.db');
    writeOldFile(path, 50_000);
    const [a, b] = [start('layout', path, 'unused'), start('layout', path, 'unused')];
    const said = (await Promise.all([a.next(), b.next()])) as {
      layoutChange: { from: number; events: number } | null;
      events: number;
    }[];
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    expect(said.map((line) => line.events)).toEqual([50_005, 50_005]);
    const changes = said.map((line) => line.layoutChange).filter((change) => change !== null);
    expect(changes).toEqual([expect.objectContaining({ from: 1, events: 50_005 })]);
  });
});
