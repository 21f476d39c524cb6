import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { dropQueuePrefix } from '../../../libs/reminders/testing/drop-queue-prefix';

const MAIN = join(__dirname, '../../../dist/apps/api/src/main.js');
/** How `npm start` starts the API: from its startup snapshot when one was built for this build and Node. */
export const START_API = join(__dirname, '../../../scripts/start-api.sh');
export const TOKEN = 'e2e-admin-token-0123456789';
export const READ_TOKEN = 'e2e-read-token-0123456789';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** How long `start` waits for the API's health answer. */
export const START_TIMEOUT_MS = 60_000;
/** How long a stop waits for the API to finish after SIGTERM before it kills it. */
const STOP_TIMEOUT_MS = 30_000;

// A process ended by a signal has no exit code, only a signal code.
const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** The real API process (built output) on a given SQLite file; restartable. */
export class ApiProcess {
  private child: ChildProcess | undefined;
  /** The stop in progress or done, so every later call awaits the same one. */
  private stopping: Promise<void> | undefined;
  output = '';
  port = 0;
  /** Every answer its `client` received, for checking them against the OpenAPI document. */
  readonly replies: RecordedReply[] = [];
  readonly queuePrefix = `e2e${process.pid}x${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly sqlitePath: string,
    /** More environment for the server; a variable given as undefined is left out. */
    private readonly env: Record<string, string | undefined> = {},
    /** `main`: node dist/apps/api/src/main.js; `launcher`: scripts/start-api.sh, as `npm start`. */
    private readonly how: 'main' | 'launcher' = 'main',
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get pid(): number {
    return this.child!.pid!;
  }

  /**
   * Starts on a free port, or on the one the env names (when PUBLIC_URL must name it beforehand), and waits
   * for its health answer: up to a minute, as a loaded machine may take that long; failing with the output.
   */
  async start(): Promise<void> {
    this.port = this.env.PORT ? Number(this.env.PORT) : await freePort();
    this.stopping = undefined;
    // The launcher runs this node, as the test does.
    const [command, args, node] =
      this.how === 'launcher'
        ? ['sh', [START_API], { NODE: process.execPath }]
        : [process.execPath, [MAIN], {}];
    this.child = spawn(command, args, {
      env: {
        ...process.env,
        ...node,
        SQLITE_PATH: this.sqlitePath,
        PORT: String(this.port),
        TILNESTE_ADMIN_TOKEN: TOKEN,
        TILNESTE_READ_TOKEN: READ_TOKEN,
        // Each test server queues under its own prefix, so runs share one Redis without meeting.
        REMINDER_QUEUE_PREFIX: this.queuePrefix,
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d) => (this.output += d));
    this.child.stderr!.on('data', (d) => (this.output += d));
    const child = this.child;
    // Its output is complete only once its pipes close, which may be after it exited.
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (exited(child)) {
        await closed;
        throw new Error(
          `API exited (${child.exitCode ?? child.signalCode}) before it answered:\n${this.output}`,
        );
      }
      try {
        if ((await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(5_000) })).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await this.halt();
        throw new Error(
          `API did not answer /api/health within ${START_TIMEOUT_MS / 1000} s:\n${this.output}`,
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * Stops the process and deletes its reminder queue from Redis, so test runs leave no keys behind. Calling
   * it again, during or after a stop, awaits that same stop.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.halt();
      const redisUrl = this.env.REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
      // A test may name its own prefix; some run without Redis at all, and then there is no queue to delete.
      await dropQueuePrefix(redisUrl, this.env.REMINDER_QUEUE_PREFIX ?? this.queuePrefix).catch(
        () => undefined,
      );
    })();
    return this.stopping;
  }

  /** Stops and starts again with the same file and the same queue. */
  async restart(): Promise<void> {
    await this.halt();
    await this.start();
  }

  /** The process's end: also when it is already gone, whether it exited or was ended by a signal. */
  private async halt(): Promise<void> {
    const child = this.child;
    if (!child || exited(child)) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await gone;
    clearTimeout(kill);
  }
}

export interface RecordedReply {
  method: string;
  /** As requested, with the query string. */
  path: string;
  status: number;
  contentType: string;
  body: unknown;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test replies are checked field by field
export interface Reply<T = any> {
  status: number;
  body: T;
  etag: string | null;
  headers: Headers;
}

/** A small client: JSON in and out, the admin token unless told otherwise. */
export function client(api: ApiProcess) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> => {
    const res = await fetch(`${api.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    const parsed = text && contentType.includes('json') ? JSON.parse(text) : text || null;
    api.replies.push({ method, path, status: res.status, contentType, body: parsed });
    return {
      status: res.status,
      body: parsed,
      etag: res.headers.get('etag'),
      headers: res.headers,
    };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body: unknown = {}, headers?: Record<string, string>) =>
      call('POST', path, body, headers),
    put: (path: string, body: unknown, headers?: Record<string, string>) => call('PUT', path, body, headers),
    /** POST that must succeed; returns the body. */
    async ok(path: string, body: unknown = {}, expected = [200, 201]) {
      const reply = await call('POST', path, body);
      if (!expected.includes(reply.status))
        throw new Error(`${path} → ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body;
    },
  };
}
