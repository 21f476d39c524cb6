import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { START_API } from './paths';

export const TOKEN = 'bench-admin-token-0123456789';

/** Children die with the harness: an interrupted run leaves no server or worker behind. */
const children = new Set<ChildProcess>();
process.once('exit', () => children.forEach((child) => child.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

function track<C extends ChildProcess>(child: C): C {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Runs a node script to the end and returns the JSON object on its last line of stdout. */
export function runNode<T>(script: string, args: string[], env: Record<string, string> = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = track(
      spawn(process.execPath, [script, ...args], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`${script} exited ${code}: ${err.slice(-2000)}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no JSON: ${out.slice(-500)} ${err.slice(-500)}`));
      }
    });
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Resident and peak resident memory of a process, in bytes (Linux). */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) =>
    Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/**
 * Whether the API servers start from the startup snapshot, as `npm start` does: unless TILNESTE_API_SNAPSHOT=off,
 * a server that starts without it (none built, another Node, a variable it froze is set) stops the run.
 */
export const FROM_SNAPSHOT = process.env.TILNESTE_API_SNAPSHOT !== 'off';

/** What the snapshot's entry prints once it has put the snapshot's modules in place (scripts/api-snapshot/entry.cjs). */
const SNAPSHOT_USED = 'modules from the startup snapshot';

/**
 * Whether a process was started from a startup snapshot and used its modules: the blob on its command line (Linux),
 * and the entry's line (`printed`: whether it was seen). A blob made for another build or path is on the command
 * line too, but its entry loads main.js without it and says so.
 */
export function startedFromSnapshot(pid: number, printed: boolean): boolean {
  const blob = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('--snapshot-blob');
  return blob && printed;
}

/**
 * The real API process (dist/apps/api/src/main.js, started by scripts/start-api.sh as `npm start` does) on one
 * SQLite file, with the bare bench routes.
 */
export class ApiServer {
  private child: ChildProcess | undefined;
  /** The last 20 000 characters the server printed, for errors. */
  output = '';
  /** Whether the server said it runs the startup snapshot's modules. */
  private snapshotUsed = false;
  port = 0;
  /** Milliseconds from spawn to the first successful health check. */
  readyMs = 0;

  constructor(
    private readonly sqlitePath: string,
    /** More environment for the server, e.g. `SQLITE_WRITER`. */
    private readonly env: Record<string, string> = {},
  ) {}

  get url(): string {
    return `${this.origin}/api`;
  }

  /** Where the pages are served (the API is under /api). */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child!.pid!;
  }

  async start(): Promise<void> {
    this.port = await freePort();
    this.snapshotUsed = false;
    const started = performance.now();
    this.child = track(
      spawn('sh', [START_API], {
        env: {
          ...process.env,
          NODE: process.execPath,
          SQLITE_PATH: this.sqlitePath,
          PORT: String(this.port),
          TILNESTE_ADMIN_TOKEN: TOKEN,
          TILNESTE_BENCH_ROUTES: '1',
          TILNESTE_EMBEDDED_WORKER: 'false',
          // Every start replays the whole store unless a row asks for a snapshot.
          READ_MODEL_SNAPSHOT: 'off',
          ...this.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    // The entry's line comes first, and the route list after it can be longer than the output kept: seen as it comes.
    const keep = (d: Buffer) => {
      const joined = this.output + d;
      if (!this.snapshotUsed && joined.includes(SNAPSHOT_USED)) this.snapshotUsed = true;
      this.output = joined.slice(-20_000);
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    await this.waitReady(started);
  }

  private async waitReady(started: number): Promise<void> {
    const deadline = started + 300_000;
    for (;;) {
      if (this.child!.exitCode !== null) throw new Error(`API exited: ${this.output}`);
      try {
        if ((await fetch(`${this.url}/health`)).ok) break;
      } catch {
        // not listening yet
      }
      if (performance.now() > deadline) throw new Error(`API did not start: ${this.output}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    this.readyMs = performance.now() - started;
    // The line is printed before the server listens; its pipe may be read after the health answer, so allow a moment.
    for (
      let tries = 0;
      FROM_SNAPSHOT && tries < 100 && !startedFromSnapshot(this.pid, this.snapshotUsed);
      tries++
    )
      await new Promise((r) => setTimeout(r, 10));
    if (FROM_SNAPSHOT && !startedFromSnapshot(this.pid, this.snapshotUsed)) {
      throw new Error(
        'the API started without its startup snapshot: build it (npm run build; dist/api-snapshot/), leave out the variables in dist/api-snapshot/api.env, or measure without it with TILNESTE_API_SNAPSHOT=off',
      );
    }
  }

  /** Fails early, with the line to add, when the server was built without the bare routes. */
  async assertBenchRoutes(): Promise<void> {
    const res = await fetch(`${this.url}/bench/bare`, { headers: { authorization: `Bearer ${TOKEN}` } });
    if (res.status !== 200) {
      throw new Error(
        `GET /api/bench/bare answered ${res.status}: ApiModule must list ...benchControllers() (see bench/README.md)`,
      );
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}
