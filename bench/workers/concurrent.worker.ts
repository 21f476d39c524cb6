import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { commandPath, commandsPerSecond } from '../lib/command-path';
import { openRaw } from '../lib/raw-sqlite';

/**
 * N raw writers at once, as N threads with a connection each (better-sqlite3 is synchronous, so concurrent
 * transactions need threads): single-row transactions that wait for each other on SQLite's write lock.
 */
class RawWriters {
  private constructor(private readonly threads: Worker[]) {}

  static async start(path: string, count: number): Promise<RawWriters> {
    openRaw(path).close();
    const threads = Array.from(
      { length: count },
      () => new Worker(join(__dirname, 'raw-writer.thread.js'), { workerData: { path } }),
    );
    await Promise.all(threads.map((t) => once(t, 'message')));
    return new RawWriters(threads);
  }

  /** Transactions/s of all of them together over `windowMs`. */
  async run(windowMs: number): Promise<number> {
    const started = performance.now();
    const rows = await Promise.all(
      this.threads.map((t) => {
        const done = once(t, 'message') as Promise<[number]>;
        t.postMessage({ windowMs });
        return done.then(([n]) => n);
      }),
    );
    return rows.reduce((a, b) => a + b, 0) / ((performance.now() - started) / 1000);
  }

  async close(): Promise<void> {
    await Promise.all(
      this.threads.map((t) => {
        const exited = once(t, 'exit');
        t.postMessage('close');
        return exited;
      }),
    );
  }
}

async function main(): Promise<void> {
  const [oursPath, rawDir, windowText, runsText, writersText] = process.argv.slice(2);
  const [windowMs, runs] = [Number(windowText), Number(runsText)];
  const counts = writersText.split(',').map(Number);
  const { context, app, target } = await commandPath(oursPath);
  const raw = new Map<number, RawWriters>();
  for (const n of counts) raw.set(n, await RawWriters.start(join(rawDir, `raw-${n}.db`), n));
  const warmup = Math.min(500, windowMs);
  for (const n of counts) {
    await commandsPerSecond(app, target, n, warmup);
    await raw.get(n)!.run(warmup);
  }
  const ours: Record<number, number[]> = Object.fromEntries(counts.map((n) => [n, []]));
  const baseline: Record<number, number[]> = Object.fromEntries(counts.map((n) => [n, []]));
  // Interleaved, so a slow moment of the machine falls on both.
  for (let i = 0; i < runs; i++) {
    for (const n of counts) {
      ours[n].push(await commandsPerSecond(app, target, n, windowMs));
      baseline[n].push(await raw.get(n)!.run(windowMs));
    }
  }
  for (const writers of raw.values()) await writers.close();
  await context.close();
  process.stdout.write(`${JSON.stringify({ ours, baseline })}\n`);
}

void main();
