import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ApiProcess, client } from './support/server';

jest.setTimeout(60_000);

const MAIN = join(__dirname, '../../dist/apps/api/src/main.js');
const CLI = join(__dirname, '../../dist/apps/cli/src/main.js');
const WORKER = join(__dirname, '../../dist/apps/worker/src/main.js');
const dir = mkdtempSync(join(tmpdir(), 'tilneste-ops-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const until = async (check: () => Promise<boolean> | boolean, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('start-up and operations', () => {
  it('refuses a bad configuration with one line per variable and no stack trace', () => {
    const run = spawnSync(process.execPath, [MAIN], {
      env: { ...process.env, PORT: 'abc', EVENT_STORE: 'mongodb', SQLITE_PATH: join(dir, 'never.db') },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT: must be a whole number (got "abc")');
    expect(run.stderr).toContain(`EVENT_STORE: must be 'sqlite' or 'eventstoredb' (got "mongodb")`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a store file written by a newer version, in one line, and leaves the file and its folder as they were', () => {
    const folder = mkdtempSync(join(dir, 'newer-'));
    const path = join(folder, 'events.db');
    const future = new Database(path);
    future.exec(
      "CREATE TABLE happenings (id INTEGER PRIMARY KEY, what TEXT); INSERT INTO happenings (what) VALUES ('x')",
    );
    future.pragma('user_version = 3');
    future.close();
    const run = (main: string, args: string[] = []) =>
      spawnSync(process.execPath, [main, ...args], {
        env: { ...process.env, SQLITE_PATH: path, PORT: '39217', TILNESTE_EMBEDDED_WORKER: 'false' },
        encoding: 'utf8',
        timeout: 20_000,
      });
    for (const started of [run(MAIN), run(WORKER), run(CLI, ['export', join(folder, 'out.jsonl')])]) {
      expect(started.status).toBe(1);
      expect(started.stderr).toContain('SQLite-fila er i format 3, skrevet av en nyere versjon av Tilneste');
      expect(started.stderr).not.toMatch(/\n\s+at /);
    }
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(3);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual([
      'happenings',
    ]);
    after.close();
    // No key store, session store or export was made beside it.
    expect(readdirSync(folder).filter((name) => !name.startsWith('events.db'))).toEqual([]);
  });

  it('works without Redis, says so once, and notices by itself when Redis comes back', async () => {
    const port = 16_000 + Math.floor(Math.random() * 2000);
    const api = new ApiProcess(join(dir, 'no-redis.db'), { REDIS_URL: `redis://127.0.0.1:${port}` });
    let redis: ChildProcess | undefined;
    await api.start();
    try {
      const http = client(api);
      expect((await http.get('/health')).body).toEqual({ status: 'ok', eventStore: 'sqlite', redis: 'down' });
      const created = await http.post('/people', { name: 'Uten Redis' });
      expect(created.status).toBe(201);
      expect((await http.get(`/people/${created.body.id}`)).body.name).toBe('Uten Redis');
      await new Promise((r) => setTimeout(r, 2_500));
      expect(api.output.match(/Redis svarer ikke/g)).toHaveLength(1);

      redis = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      });
      await until(async () => (await http.get('/health')).body.redis === 'up');
      expect(api.output).toMatch(/Redis er tilbake/);
    } finally {
      redis?.kill('SIGTERM');
      await api.stop();
    }
  });

  it('on SIGTERM saves the read models and stops its subscriptions before the store closes', async () => {
    // A store with history, so the carry-over policy is still catching up when the signal comes: its
    // checkpoint is written as it stops, which once ran after the store had closed. Nest then ends the
    // process at the failing hook, and a snapshot still being written was lost.
    const path = join(dir, 'shutdown.db');
    const generated = spawnSync(
      process.execPath,
      [CLI, 'generate', '--events', '20000', '--seed', 'shutdown', '--via', 'direct'],
      { env: { ...process.env, SQLITE_PATH: path }, encoding: 'utf8', timeout: 120_000 },
    );
    expect(generated.status).toBe(0);
    const snapshot = join(dir, 'shutdown.db.snapshot');
    const api = new ApiProcess(path, {
      READ_MODEL_SNAPSHOT: snapshot,
      READ_MODEL_SNAPSHOT_EVERY_EVENTS: '1000000',
    });
    await api.start();
    try {
      await api.restart();
      expect(api.output).not.toMatch(/Error happened during shutdown|the event store is closed/);
      expect(existsSync(snapshot)).toBe(true);
      // The second start began from the snapshot the first one saved, which its entry read ahead on a thread.
      expect(api.output).toMatch(
        /øyeblikksbilde \(lest på forhånd\) ved \d+ og \d+ hendelser etter.*snapshot and tail/,
      );
      expect((await client(api).get('/health')).status).toBe(200);
    } finally {
      await api.stop();
    }
  }, 180_000);

  it('serves OpenAPI docs generated from the schemas, without a token', async () => {
    const api = new ApiProcess(join(dir, 'docs.db'));
    await api.start();
    try {
      const res = await fetch(`${api.url}/docs/openapi.json`);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as { openapi: string; paths: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(doc.openapi).toBe('3.1.0');
      const make = doc.paths['/api/commitments'].post.requestBody.content['application/json'].schema;
      expect(make.required).toEqual(expect.arrayContaining(['meetingId', 'text', 'owner', 'due']));
      expect(make.properties.text).toMatchObject({ minLength: 1, maxLength: 5000 });
      for (const path of [
        '/api/people',
        '/api/groups/{id}/dashboard',
        '/api/meetings/{id}/held',
        '/api/audit',
      ]) {
        expect(doc.paths[path]).toBeDefined();
      }
      const page = await fetch(`${api.url}/docs`);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toContain('swagger-ui-bundle.js');
    } finally {
      await api.stop();
    }
  });
});
