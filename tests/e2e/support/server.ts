import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { dropQueuePrefix } from '../../../libs/reminders/testing/drop-queue-prefix';

const MAIN = join(__dirname, '../../../dist/apps/api/src/main.js');
export const TOKEN = 'e2e-admin-token-0123456789';
export const READ_TOKEN = 'e2e-read-token-0123456789';

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

/** The real API process (built output) on a given SQLite file; restartable. */
export class ApiProcess {
  private child: ChildProcess | undefined;
  output = '';
  port = 0;
  /** Every answer its `client` received, for checking them against the OpenAPI document. */
  readonly replies: RecordedReply[] = [];
  readonly queuePrefix = `e2e${process.pid}x${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly sqlitePath: string,
    private readonly env: Record<string, string> = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Starts on a free port, or on the one the env names (when PUBLIC_URL must name it beforehand). */
  async start(): Promise<void> {
    this.port = this.env.PORT ? Number(this.env.PORT) : await freePort();
    this.child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
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
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`API exited: ${this.output}`);
      try {
        if ((await fetch(`${this.url}/health`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`API did not start: ${this.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Stops the process and deletes its reminder queue from Redis, so test runs leave no keys behind. */
  async stop(): Promise<void> {
    await this.halt();
    const redisUrl = this.env.REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    // A test may name its own prefix; some run without Redis at all, and then there is no queue to delete.
    await dropQueuePrefix(redisUrl, this.env.REMINDER_QUEUE_PREFIX ?? this.queuePrefix).catch(
      () => undefined,
    );
  }

  /** Stops and starts again with the same file and the same queue. */
  async restart(): Promise<void> {
    await this.halt();
    await this.start();
  }

  private async halt(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
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
