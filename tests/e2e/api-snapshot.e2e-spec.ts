import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiProcess, client, freePort, START_API } from './support/server';

// The API as `npm start` starts it: scripts/start-api.sh, from the startup snapshot `npm run build` makes in
// dist/api-snapshot/ (scripts/api-snapshot/). What it must read when it starts it reads then, not at the build.
jest.setTimeout(150_000);

const SNAPSHOT = join(__dirname, '../../dist/api-snapshot');
const dir = mkdtempSync(join(tmpdir(), 'tilneste-api-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The variables modules read while the snapshot was made (none was set then), from the launcher's file. */
function frozen(): { names: string[]; prefixes: string[] } {
  const text = readFileSync(join(SNAPSHOT, 'api.env'), 'utf8');
  const list = (key: string) =>
    (new RegExp(`^${key}='([^']*)'$`, 'm').exec(text)?.[1] ?? '').split(' ').filter(Boolean);
  return { names: list('SNAPSHOT_ENV'), prefixes: list('SNAPSHOT_ENV_PREFIXES') };
}

/** This environment without what would make the launcher start without the snapshot (jest may set FORCE_COLOR). */
function cleanEnv(): Record<string, undefined> {
  const { names, prefixes } = frozen();
  const out: Record<string, undefined> = { NODE_OPTIONS: undefined, TILNESTE_API_SNAPSHOT: undefined };
  for (const name of Object.keys(process.env))
    if (names.includes(name) || prefixes.some((p) => name.toUpperCase().startsWith(p))) out[name] = undefined;
  return out;
}

const fromSnapshot = (pid: number) =>
  readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('--snapshot-blob');

describe('the API started from its startup snapshot', () => {
  it('is built with the API, and names the variables its modules read while it was made', () => {
    expect(existsSync(join(SNAPSHOT, 'api.blob'))).toBe(true);
    // debug reads DEBUG when it loads; its value at start must not be one frozen at the build.
    expect(frozen().names).toContain('DEBUG');
  });

  it('serves on the port and store given when it starts, writes, and reads back after a restart', async () => {
    const store = join(dir, 'given-at-start', 'events.db');
    const port = await freePort();
    const api = new ApiProcess(
      store,
      { ...cleanEnv(), PORT: String(port), TILNESTE_EMBEDDED_WORKER: 'false' },
      'launcher',
    );
    await api.start();
    try {
      expect(fromSnapshot(api.pid)).toBe(true);
      expect(api.output).toContain('moduler fra oppstartsbildet');
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', eventStore: 'sqlite' });
      const http = client(api);
      const { id } = await http.ok('/people', { name: 'Kari Nordmann', email: 'kari@example.no' });
      expect((await http.get(`/people/${id}`)).body).toMatchObject({ id, name: 'Kari Nordmann' });
      expect(existsSync(store)).toBe(true);

      await api.restart();
      expect(fromSnapshot(api.pid)).toBe(true);
      expect((await http.get(`/people/${id}`)).body).toMatchObject({ id, name: 'Kari Nordmann' });
    } finally {
      await api.stop();
    }
  });

  it('runs worker threads: commits on the writer thread of the store', async () => {
    const api = new ApiProcess(
      join(dir, 'thread.db'),
      { ...cleanEnv(), SQLITE_WRITER: 'thread', TILNESTE_EMBEDDED_WORKER: 'false' },
      'launcher',
    );
    await api.start();
    try {
      expect(fromSnapshot(api.pid)).toBe(true);
      const http = client(api);
      const { id } = await http.ok('/people', { name: 'Per Tråd' });
      expect((await http.get(`/people/${id}`)).body).toMatchObject({ id, name: 'Per Tråd' });
    } finally {
      await api.stop();
    }
  });

  it('hands out other ids in every process: no random state was frozen in it', async () => {
    const firstId = async (name: string) => {
      const api = new ApiProcess(
        join(dir, `${name}.db`),
        { ...cleanEnv(), TILNESTE_EMBEDDED_WORKER: 'false' },
        'launcher',
      );
      await api.start();
      try {
        expect(fromSnapshot(api.pid)).toBe(true);
        return (await client(api).ok('/people', { name: 'Ola Nordmann' })).id as string;
      } finally {
        await api.stop();
      }
    };
    const ids = [await firstId('one'), await firstId('two')];
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[1]).not.toBe(ids[0]);
  });

  it('checks its configuration when it starts, in one line per variable', () => {
    const run = spawnSync('sh', [START_API], {
      env: {
        ...process.env,
        ...cleanEnv(),
        NODE: process.execPath,
        PORT: 'abc',
        SQLITE_PATH: join(dir, 'never.db'),
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.stdout).toContain('moduler fra oppstartsbildet');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT: must be a whole number (got "abc")');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('starts without the snapshot, and serves, when a variable the snapshot froze is set', async () => {
    const api = new ApiProcess(
      join(dir, 'plain.db'),
      // A namespace nothing logs under: only that DEBUG is set matters.
      { ...cleanEnv(), DEBUG: 'tilneste-e2e:none', TILNESTE_EMBEDDED_WORKER: 'false' },
      'launcher',
    );
    await api.start();
    try {
      expect(fromSnapshot(api.pid)).toBe(false);
      expect(api.output).not.toContain('moduler fra oppstartsbildet');
      expect((await client(api).get('/health')).status).toBe(200);
    } finally {
      await api.stop();
    }
  });
});
