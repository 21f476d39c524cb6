import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiProcess, client } from './support/server';

jest.setTimeout(120_000);

const CLI = join(__dirname, '../../dist/apps/cli/src/main.js');
const FIXTURE = join(__dirname, '../../libs/minutes-import/fixtures/synthetic/101_bullets_helse.txt');
const dir = mkdtempSync(join(tmpdir(), 'tilneste-cli-'));
const db = join(dir, 'cli.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, SQLITE_PATH: db },
    encoding: 'utf8',
    timeout: 60_000,
    input: '',
  });

describe('the CLI', () => {
  let groupId: string;
  beforeAll(async () => {
    const api = new ApiProcess(db);
    await api.start();
    groupId = (await client(api).ok('/groups', { name: 'Faggruppe for helse og omsorg' })).id;
    await api.stop();
  });

  it('prints only the draft as JSON on stdout for `minutes parse`', () => {
    const run = cli('minutes', 'parse', FIXTURE);
    expect(run.status).toBe(0);
    const draft = JSON.parse(run.stdout);
    expect(draft).toMatchObject({ kind: 'minutes', meeting: { date: '2025-02-12', startTime: '13:00' } });
  });

  it('shows a summary and saves nothing without --yes when no one can answer', () => {
    const run = cli('minutes', 'import', FIXTURE, '--group', groupId);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/Referat 2025-02-12 13:00–15:00, Sørfjord kulturhus/);
    expect(run.stderr).toMatch(/--yes/);
    const streams = cli('export')
      .stdout.split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).stream as string);
    // Parsing keeps the draft under its content hash; nothing of the meeting itself is recorded.
    expect(streams.filter((s) => !s.startsWith('minutesimport-') && !s.startsWith('group-'))).toEqual([]);
  });

  it('imports with --yes, and a second import of the same file creates nothing', () => {
    const first = cli('minutes', 'import', FIXTURE, '--group', groupId, '--yes');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Lagret møte/);
    const events = cli('export').stdout.split('\n').filter(Boolean);
    expect(events.length).toBeGreaterThan(20);
    const second = cli('minutes', 'import', FIXTURE, '--group', groupId, '--yes');
    expect(second.stdout).toMatch(/allerede importert/);
    expect(cli('export').stdout.split('\n').filter(Boolean)).toHaveLength(events.length);
  });

  it('hands all it prints to a pipe that is read late before it exits', async () => {
    // Four hundred items make a draft of about 400 KB, far more than a pipe holds (64 KB on Linux): the rest
    // waits in the process until the reader takes it, and an exit without waiting for it cut the output short.
    const items = Array.from(
      { length: 400 },
      (_, i) =>
        `Sak ${i + 1}/25 Tiltak ${i + 1} i handlingsplanen\n` +
        `Vedtak: Faggruppen tar orienteringen om tiltak ${i + 1} til etterretning.\n` +
        `Oppfølging: Sekretariatet sender en oversikt over tiltak ${i + 1} innen 7. mars.\n`,
    );
    const head = readFileSync(FIXTURE, 'utf8').split('Sak 01/25')[0];
    const big = join(dir, 'four-hundred-items.txt');
    writeFileSync(big, `${head}${items.join('\n')}`);
    const child = spawn(process.execPath, [CLI, 'minutes', 'parse', big], {
      env: { ...process.env, SQLITE_PATH: db },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const closed = once(child, 'close');
    child.stdout.pause();
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The reader looks away until the parse is long done (or the process has exited without waiting).
    await new Promise((r) => setTimeout(r, 3_000));
    child.stdout.resume();
    const [code] = (await closed) as [number];
    expect(code).toBe(0);
    const draft = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    expect(draft.agendaItems).toHaveLength(400);
  });

  it('answers --help with the usage and makes no store, for the CLI and for generate', () => {
    const fresh = join(dir, 'never.db');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, ...args], {
        env: { ...process.env, SQLITE_PATH: fresh },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const top = run('--help');
    expect(top.status).toBe(0);
    expect(top.stdout).toContain('generate [--events N]');
    const help = run('generate', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--via commands|direct');
    const typo = run('generate', '--evnts', '50');
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain("Unknown option '--evnts'");
    expect(existsSync(fresh)).toBe(false);
  });

  it("lists a person's tasks", () => {
    const events = cli('export')
      .stdout.split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const made = events.find((e) => e.type === 'CommitmentMade' && e.data.owner.kind === 'person');
    expect(made).toBeDefined();
    const run = cli('tasks', made.data.owner.personId);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(made.data.text.slice(0, 40));
  });

  it('refuses a bad file and an unknown group with a clear message and no stack trace', () => {
    const binary = join(dir, 'garbage.txt');
    writeFileSync(binary, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) % 256)));
    const garbage = cli('minutes', 'import', binary, '--group', groupId, '--yes');
    expect(garbage.status).toBe(1);
    expect(garbage.stderr).toMatch(/binærdata/);
    expect(garbage.stderr).not.toMatch(/\n\s+at /);
    const unknown = cli('minutes', 'import', FIXTURE, '--group', 'no-such-group', '--yes');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/Gruppen no-such-group finnes ikke/);
    expect(cli('bogus').status).toBe(2);
  });
});
