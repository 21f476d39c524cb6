import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiProcess, client, freePort, START_API, TOKEN } from './support/server';

// The API as `npm start` starts it: scripts/start-api.sh, from the startup snapshot `npm run build` makes in
// dist/api-snapshot/ (scripts/api-snapshot/). What it must read when it starts it reads then, not at the build.
jest.setTimeout(150_000);

const ROOT = join(__dirname, '../..');
const SNAPSHOT = join(ROOT, 'dist/api-snapshot');
const MAIN = join(ROOT, 'dist/apps/api/src/main.js');
/** What a start from the snapshot logs once its modules are in place. */
const FROM_SNAPSHOT = 'moduler fra oppstartsbildet';
/** What the launcher says when it starts without the snapshot. */
const WITHOUT = 'starter uten oppstartsbildet';
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

/** Whether the API came up from the snapshot: node was given the blob, and the modules in it were used. */
const fromSnapshot = (api: ApiProcess) =>
  readFileSync(`/proc/${api.pid}/cmdline`, 'utf8').split('\0').includes('--snapshot-blob') &&
  api.output.includes(FROM_SNAPSHOT);

/** Runs a launcher up to the configuration check: PORT=abc stops the API there, once its modules are in place. */
function untilConfigCheck(launcher: string, env: Record<string, string | undefined> = {}) {
  return spawnSync('sh', [launcher], {
    env: {
      ...process.env,
      ...cleanEnv(),
      NODE: process.execPath,
      PORT: 'abc',
      SQLITE_PATH: join(dir, 'never.db'),
      ...env,
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Whether something answers the API's health check on the port. */
const answers = (port: number) =>
  fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(
    (res) => res.ok,
    () => false,
  );

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
      expect(fromSnapshot(api)).toBe(true);
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', eventStore: 'sqlite' });
      const http = client(api);
      const { id } = await http.ok('/people', { name: 'Kari Nordmann', email: 'kari@example.no' });
      expect((await http.get(`/people/${id}`)).body).toMatchObject({ id, name: 'Kari Nordmann' });
      expect(existsSync(store)).toBe(true);

      await api.restart();
      expect(fromSnapshot(api)).toBe(true);
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
      expect(fromSnapshot(api)).toBe(true);
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
        expect(fromSnapshot(api)).toBe(true);
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
    expect(run.stdout).toContain(FROM_SNAPSHOT);
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
      expect(fromSnapshot(api)).toBe(false);
      expect(api.output).not.toContain(FROM_SNAPSHOT);
      expect(api.output).toContain(
        `${WITHOUT}: DEBUG er satt (starting without the startup snapshot: DEBUG is set)`,
      );
      expect((await client(api).get('/health')).status).toBe(200);
    } finally {
      await api.stop();
    }
  });

  it('says in one line why it starts without the snapshot', () => {
    const why = (env: Record<string, string>) => {
      const run = untilConfigCheck(START_API, env);
      expect(run.status).toBe(1);
      expect(run.stdout).not.toContain(FROM_SNAPSHOT);
      return run.stderr.split('\n').filter((line) => line.includes(WITHOUT));
    };
    expect(why({ NODE_OPTIONS: '--max-old-space-size=512' })).toEqual([
      expect.stringContaining('NODE_OPTIONS er satt'),
    ]);
    expect(why({ TILNESTE_API_SNAPSHOT: 'off' })).toEqual([
      expect.stringContaining('TILNESTE_API_SNAPSHOT=off'),
    ]);
  });

  it('uses the snapshot when started through a symbolic link to the project', () => {
    const link = join(dir, 'project-link');
    symlinkSync(ROOT, link);
    const run = untilConfigCheck(join(link, 'scripts/start-api.sh'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT: must be a whole number');
    expect(run.stdout).toContain(FROM_SNAPSHOT);
  });

  it('runs what was compiled since the snapshot was made (tsc without npm run build), not the snapshot', () => {
    // A copy of the build, so the test changes no file others run; node_modules a link to this one's.
    const copy = join(dir, 'copy');
    cpSync(join(ROOT, 'dist'), join(copy, 'dist'), {
      recursive: true,
      filter: (from) => !from.startsWith(SNAPSHOT),
    });
    cpSync(join(ROOT, 'scripts'), join(copy, 'scripts'), { recursive: true });
    copyFileSync(join(ROOT, 'package.json'), join(copy, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    const built = spawnSync(process.execPath, [join(copy, 'scripts/api-snapshot/build.mjs')], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(built.stderr).not.toContain('inget oppstartsbilde');
    const launcher = join(copy, 'scripts/start-api.sh');
    expect(untilConfigCheck(launcher).stdout).toContain(FROM_SNAPSHOT);

    // As tsc writes a file anew: the module in the snapshot is not the one on disk any more.
    const config = join(copy, 'dist/libs/config/src/config.js');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replaceAll('must be a whole number', 'must be a whole number, recompiled'),
    );
    const run = untilConfigCheck(launcher);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT: must be a whole number, recompiled (got "abc")');
    expect(run.stderr).toContain('oppstartsbildet er fra et annet bygg');
    expect(run.stdout).not.toContain(FROM_SNAPSHOT);
  });

  it('gives a module that kept process.env while it loaded the environment of the start', () => {
    // supports-color (debug's) keeps `process.env` as it loads and reads it when asked, as any module may.
    const supportsColor = join(ROOT, 'node_modules/supports-color/index.js');
    const probe = join(dir, 'supports-color-probe.cjs');
    writeFileSync(
      probe,
      `process.on('exit', () => process.stderr.write('level=' + String(require(${JSON.stringify(supportsColor)}).supportsColor({ isTTY: true }).level) + '\\n'));\n`,
    );
    const run = spawnSync(
      process.execPath,
      ['--snapshot-blob', join(SNAPSHOT, 'api.blob'), '--require', probe, MAIN],
      {
        env: {
          PATH: process.env.PATH,
          COLORTERM: 'truecolor',
          PORT: 'abc',
          SQLITE_PATH: join(dir, 'never.db'),
        },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(run.stdout).toContain(FROM_SNAPSHOT);
    expect(run.stderr).toContain('level=3');
  });

  it('npm start hands SIGTERM on to the API, which shuts down as it should', async () => {
    const { start } = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
    ).scripts;
    const build = 'npm run -s build && ';
    expect(start.startsWith(build)).toBe(true);
    const store = join(dir, 'npm-start', 'events.db');
    const port = await freePort();
    // As npm runs the script, in `sh -c`, the build done; in a process group of its own, to end what it leaves.
    const shell = spawn('sh', ['-c', start.slice(build.length)], {
      cwd: ROOT,
      detached: true,
      env: {
        ...process.env,
        ...cleanEnv(),
        NODE: process.execPath,
        SQLITE_PATH: store,
        PORT: String(port),
        TILNESTE_ADMIN_TOKEN: TOKEN,
        TILNESTE_EMBEDDED_WORKER: 'false',
      },
      stdio: 'ignore',
    });
    try {
      for (let tries = 0; !(await answers(port)); tries++) {
        expect(tries).toBeLessThan(600);
        await pause(100);
      }
      const res = await fetch(`http://127.0.0.1:${port}/api/people`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Signe Stopp' }),
      });
      expect(res.status).toBe(201);
      // npm passes a SIGTERM it gets to the script's shell.
      const exited = new Promise((resolve) => shell.once('exit', resolve));
      process.kill(shell.pid!, 'SIGTERM');
      await exited;
      // Nothing is left serving.
      expect(await answers(port)).toBe(false);
      // Its shutdown saved the read models for the next start.
      expect(existsSync(`${store}.snapshot`)).toBe(true);
    } finally {
      try {
        process.kill(-shell.pid!, 'SIGKILL');
      } catch {
        // the group is gone
      }
    }
  });
});
