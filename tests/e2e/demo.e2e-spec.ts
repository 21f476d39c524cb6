import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support/server';

// `npm run demo` as a first-time visitor runs it: the built CLI generates made-up councils into an empty store,
// then runs the real API on it; a second run starts on the same store without generating again.
jest.setTimeout(180_000);

const CLI = join(__dirname, '../../dist/apps/cli/src/main.js');
const TOKEN = 'demo-e2e-admin-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'tilneste-demo-'));
const db = join(dir, 'demo', 'tilneste.db');
const running = new Set<ChildProcess>();
afterAll(() => {
  // A failed expectation must not leave a demo (and its API) running, nor keep jest waiting on its pipes.
  for (const child of running) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Demo {
  child: ChildProcess;
  output: () => string;
  base: string;
}

/** `demo --years 1` on the test's store, until the API answers its health check (or the demo ends first). */
async function startDemo(): Promise<Demo> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [CLI, 'demo', '--years', '1'], {
    env: {
      ...process.env,
      SQLITE_PATH: db,
      PORT: String(port),
      TILNESTE_ADMIN_TOKEN: TOKEN,
      REMINDER_QUEUE_PREFIX: `demo-e2e-${process.pid}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`demo exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`demo never answered:\n${output}`);
    const health = await fetch(`${base}/api/health`).catch(() => undefined);
    if (health?.ok) return { child, output: () => output, base };
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stopDemo(demo: Demo): Promise<number | null> {
  const ended = new Promise<number | null>((r) => demo.child.once('exit', (code) => r(code)));
  demo.child.kill('SIGTERM');
  return ended;
}

const api = async <T>(demo: Demo, path: string): Promise<T> => {
  const res = await fetch(`${demo.base}/api${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};

type Exported = { type: string; metadata: { at?: string } };
const exported = (): Exported[] =>
  spawnSync(process.execPath, [CLI, 'export'], { env: { ...process.env, SQLITE_PATH: db }, encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Exported);

describe('npm run demo', () => {
  it("generates a made-up council's year up to today, serves it, and starts on the same store the second time", async () => {
    const first = await startDemo();
    const manifest = JSON.parse(readFileSync(join(dir, 'demo', 'demo-manifest.json'), 'utf8')) as {
      councils: number;
      probe: { groupId: string; personId: string };
    };
    expect(manifest.councils).toBe(1);
    expect(first.output()).toContain('Lager demodata i');
    expect(first.output()).toContain('Tilneste er klar');

    // The busiest group's dashboard and the busiest person's tasks have something to follow up.
    const dashboard = await api<{ open: number }>(first, `/groups/${manifest.probe.groupId}/dashboard`);
    expect(dashboard.open).toBeGreaterThan(0);
    const tasks = await api<{ tasks: unknown[] }>(first, `/people/${manifest.probe.personId}/tasks`);
    expect(tasks.tasks.length).toBeGreaterThan(0);
    // A browser is sent to sign in, which offers to set up the first administrator.
    expect(await (await fetch(`${first.base}/logg-inn`)).text()).toContain('/forste-gang');
    expect(await stopDemo(first)).toBe(0);

    // The story was told up to today: its last events are from the last few weeks, none from the future.
    const events = exported();
    const times = events.flatMap((e) => (e.metadata.at ? [Date.parse(e.metadata.at)] : []));
    expect(Math.max(...times)).toBeGreaterThan(Date.now() - 21 * 86_400_000);
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.now());
    expect(events.filter((e) => e.type === 'MeetingHeld').length).toBeGreaterThan(5);

    const second = await startDemo();
    expect(second.output()).toContain('Bruker demodataene i');
    expect(second.output()).not.toContain('Lager demodata');
    expect(await stopDemo(second)).toBe(0);
    expect(exported()).toHaveLength(events.length);
    expect(existsSync(db)).toBe(true);
  });

  it('refuses an option it does not know, and writes no store', () => {
    const other = join(dir, 'unused', 'tilneste.db');
    const run = spawnSync(process.execPath, [CLI, 'demo', '--years', 'many'], {
      env: { ...process.env, SQLITE_PATH: other },
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--years must be a whole number from 1 to 8 (got "many")');
    expect(existsSync(other)).toBe(false);
  });
});
