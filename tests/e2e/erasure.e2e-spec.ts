import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { until } from '../../libs/reminders/testing/reminder-fixtures';
import { mailBodies, TestSmtpServer } from '../../libs/reminders/testing/smtp-test-server';
import { ApiProcess, client, TOKEN } from './support/server';

// Erasure by crypto-shredding, over HTTP against the real server, its SQLite files, restarts and the CLI.
jest.setTimeout(240_000);

const CLI = join(__dirname, '../../dist/apps/cli/src/main.js');
const dir = mkdtempSync(join(tmpdir(), 'tilneste-erasure-e2e-'));
const db = join(dir, 'erasure.db');
const smtp = new TestSmtpServer();
const env = {
  TILNESTE_LINK_SECRET: `e2e-link-secret-${randomUUID()}`,
  TILNESTE_EMBEDDED_WORKER: 'false',
};
let api: ApiProcess;
let running = false;

async function startOn(path: string, extra: Record<string, string> = {}): Promise<void> {
  api = new ApiProcess(path, { ...env, SMTP_URL: smtp.url, ...extra });
  // Set first: a start that times out leaves a process behind for afterAll to stop.
  running = true;
  await api.start();
}

async function stop(): Promise<void> {
  logs += api.output;
  running = false;
  await api.stop();
}

/** What must never be shown again once Eli is erased; each part alone, so a half-shown name is caught too. */
const ELI = {
  name: 'Eli Slettemo Brekkhus',
  email: 'eli.slettemo@example.no',
  alias: 'Eli S. Brekkhus',
  progress: 'Ringte Vassdalen kommune om avtalen',
  note: 'Avklart med Vassdalen-rådmannen',
};
const SECRETS = ['Slettemo', 'Brekkhus', 'eli.slettemo', 'Vassdalen'];
/** What stays: Kari and the history the secretariat wrote. */
const KARI = { name: 'Kari Beholdt', email: 'kari.beholdt@example.no' };

const ids: Record<string, string> = {};
let logs = '';

beforeAll(async () => {
  await smtp.start();
  await startOn(db);
});
afterAll(async () => {
  // A server stopped by SIGTERM has no exit code, and a second stop would wait for an exit that has been.
  if (running) await api.stop();
  await smtp.stop();
  rmSync(dir, { recursive: true, force: true });
});

const origin = (server: ApiProcess) => server.url.replace(/\/api$/, '');
const bearer = { authorization: `Bearer ${TOKEN}` };

const cli = (path: string, ...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, SQLITE_PATH: path },
    encoding: 'utf8',
    timeout: 60_000,
  });

async function signIn(email: string): Promise<{ cookie: string; csrf: string }> {
  const before = smtp.to(email).length;
  const asked = await fetch(`${api.url}/auth/sign-in-link`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  expect(asked.status).toBe(202);
  await until(() => smtp.to(email).length > before, 10_000, `the sign-in e-mail to ${email}`);
  const token = /\/logg-inn\/([A-Za-z0-9_-]{43})/.exec(mailBodies(smtp.to(email)[before].raw))![1];
  const res = await fetch(`${origin(api)}/logg-inn/${token}`, { method: 'POST', redirect: 'manual' });
  expect(res.status).toBe(303);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  const me = (await (await fetch(`${api.url}/me`, { headers: { cookie } })).json()) as { csrfToken: string };
  return { cookie, csrf: me.csrfToken };
}

/** Every answer, page and download that could name a person, as text. */
async function everything(server: ApiProcess, lang = 'nb'): Promise<Record<string, string>> {
  const http = client(server);
  const api = async (path: string) => {
    const reply = await http.get(path);
    expect(reply.status).toBe(200);
    return JSON.stringify(reply.body);
  };
  const raw = async (path: string) => {
    const res = await fetch(`${origin(server)}${path}`, {
      headers: { ...bearer, cookie: `tilneste_lang=${lang}` },
    });
    expect(res.status).toBe(200);
    return path.endsWith('.docx')
      ? (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value
      : await res.text();
  };
  return {
    person: await api(`/people/${ids.eli}`),
    tasks: await api(`/people/${ids.eli}/tasks`),
    dashboard: await api(`/groups/${ids.group}/dashboard`),
    agenda: await api(`/groups/${ids.group}/next-agenda`),
    workingGroup: await api(`/working-groups/${ids.wg}`),
    commitment: await api(`/commitments/${ids.eliTask}`),
    done: await api(`/commitments/${ids.eliDone}`),
    meeting: await api(`/meetings/${ids.meeting}`),
    auditPerson: await api(`/audit?stream=person-${ids.eli}`),
    auditCommitment: await api(`/audit?stream=commitment-${ids.eliTask}`),
    auditDone: await api(`/audit?stream=commitment-${ids.eliDone}`),
    auditActor: await api(`/audit?actor=${ids.eli}`),
    export: await api(`/people/${ids.eli}/export`),
    startPage: await raw('/'),
    dashboardPage: await raw(`/grupper/${ids.group}`),
    agendaPage: await raw(`/grupper/${ids.group}/neste-saksliste`),
    tasksPage: await raw(`/personer/${ids.eli}/oppgaver`),
    workingGroupPage: await raw(`/arbeidsgrupper/${ids.wg}`),
    meetingPage: await raw(`/moter/${ids.meeting}`),
    csv: await raw(`/grupper/${ids.group}/oppfolging.csv`),
    docx: await raw(`/moter/${ids.meeting}/referat.docx`),
    groupCalendar: await raw(`/kalender/grupper/${ids.group}.ics`),
    personCalendar: await raw(`/kalender/personer/${ids.eli}.ics`),
  };
}

function expectNoTrace(texts: Record<string, string>): void {
  const found = Object.entries(texts).flatMap(([where, text]) =>
    SECRETS.filter((s) => text.includes(s)).map((s) => `${where}: ${s}`),
  );
  expect(found).toEqual([]);
}

describe('erasure', () => {
  it('records a person whose name, e-mail, alias and own free text are stored only encrypted', async () => {
    const http = client(api);
    ids.eli = (await http.ok('/people', { name: ELI.name, email: ELI.email })).id;
    ids.kari = (await http.ok('/people', KARI)).id;
    await http.ok(`/people/${ids.eli}/aliases`, { alias: ELI.alias });
    ids.group = (await http.ok('/groups', { name: 'Faggruppe for vann og avløp' })).id;
    await http.ok(`/groups/${ids.group}/members`, { personId: ids.eli, role: 'member' });
    await http.ok(`/groups/${ids.group}/members`, { personId: ids.kari, role: 'secretariat' });
    // A meeting already begun, held below: only a held meeting's minutes can be downloaded.
    ids.meeting = (
      await http.ok('/meetings', { groupId: ids.group, startsAt: '2025-03-20T09:00:00+01:00' })
    ).id;
    await http.ok('/meetings', { groupId: ids.group, startsAt: '2030-05-20T09:00:00+02:00' });
    const commitment = async (personId: string, text: string) =>
      (
        await http.ok('/commitments', {
          meetingId: ids.meeting,
          text,
          owner: { personId },
          due: { nextMeeting: true },
        })
      ).id as string;
    ids.eliTask = await commitment(ids.eli, 'Fordele arbeidet i arbeidsgruppa');
    ids.eliDone = await commitment(ids.eli, 'Bestille møterom');
    ids.kariTask = await commitment(ids.kari, 'Skrive notat om gebyrene');
    ids.wg = (
      await http.ok('/working-groups', { groupId: ids.group, name: 'Arbeidsgruppe 2', leadPersonId: ids.eli })
    ).id;
    await http.ok(`/commitments/${ids.kariTask}/progress`, { text: 'Notatet er sendt på høring' });

    // Eli signs in and writes about her own commitments: that text is hers.
    const eli = await signIn(ELI.email);
    ids.eliCookie = eli.cookie;
    const write = (path: string, body: unknown) =>
      fetch(`${api.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: eli.cookie, 'x-csrf-token': eli.csrf },
        body: JSON.stringify(body),
      });
    expect((await write(`/commitments/${ids.eliTask}/progress`, { text: ELI.progress })).status).toBe(200);
    expect((await write(`/commitments/${ids.eliDone}/complete`, { note: ELI.note })).status).toBe(200);
    // Held, so its minutes (which name her as an owner) are among the downloads checked for her.
    await http.ok(`/meetings/${ids.meeting}/held`);

    // Readable through the API now (so the checks below could fail) ...
    const before = await everything(api);
    expect(before.person).toContain(ELI.name);
    expect(before.tasks).toContain(ELI.progress);
    expect(before.auditDone).toContain(ELI.note);
    expect(before.tasksPage).toContain(ELI.name);
    expect(before.docx).toContain(ELI.name);
    // ... but not in the store's file: not a name, an address or her text in clear; the keys file is owner-only.
    const bytes =
      readFileSync(db, 'latin1') + (existsSync(`${db}-wal`) ? readFileSync(`${db}-wal`, 'latin1') : '');
    for (const secret of SECRETS) expect(bytes).not.toContain(secret);
    expect(bytes).toContain('Notatet er sendt'); // what the secretariat wrote is not hers, and stays in clear
    expect(statSync(join(dir, 'erasure.keys.db')).mode & 0o777).toBe(0o600);
  });

  it('lets only an admin erase, records who did, and answers 409 a second time and 404 for nobody', async () => {
    const asEli = await fetch(`${api.url}/people/${ids.eli}/erase`, {
      method: 'POST',
      headers: { cookie: ids.eliCookie, 'x-csrf-token': 'whatever' },
    });
    expect(asEli.status).toBe(403);
    const http = client(api);
    const erased = await http.post(`/people/${ids.eli}/erase`);
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ id: ids.eli });
    const again = await http.post(`/people/${ids.eli}/erase`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PERSON.ERASED');
    const nobody = await http.post('/people/no-such-person/erase');
    expect(nobody.status).toBe(404);
    expect((await http.post(`/people/${ids.eli}/details`, { name: 'Ny Eli' })).status).toBe(409);

    const audit = await http.get(`/audit?stream=person-${ids.eli}`);
    const last = audit.body.events.at(-1);
    expect(last.type).toBe('PersonErased');
    expect(last.metadata.actor).toEqual({ kind: 'client', id: 'admin' });
    // Her session is over.
    expect((await fetch(`${api.url}/me`, { headers: { cookie: ids.eliCookie } })).status).toBe(401);
  });

  it('shows "slettet person" and never the old values in any answer, page or download; the rest is intact', async () => {
    const after = await everything(api);
    expectNoTrace(after);
    expect(JSON.parse(after.person)).toMatchObject({ name: 'slettet person', email: null, aliases: [] });
    expect(after.tasksPage).toContain('slettet person');
    expect(after.tasks).toContain('slettet person'); // her progress text
    // The history is all there: every event of her stream and of her commitments, and Kari's untouched.
    expect(JSON.parse(after.auditPerson).events.map((e: { type: string }) => e.type)).toEqual([
      'PersonRegistered',
      'PersonAliasAdded',
      'PersonErased',
    ]);
    expect(JSON.parse(after.auditDone).events.map((e: { type: string }) => e.type)).toEqual([
      'CommitmentMade',
      'CommitmentCompleted',
    ]);
    expect(after.dashboardPage).toContain(KARI.name);
    expect(after.dashboard).toContain('Notatet er sendt på høring');
    expect(after.dashboard).toContain('Fordele arbeidet i arbeidsgruppa');
    expect(after.groupCalendar).toContain('BEGIN:VCALENDAR');
    const english = await everything(api, 'en');
    expectNoTrace(english);
    expect(english.tasksPage).toContain('erased person');
  });

  it('keeps her erased after a restart from the read-model snapshot, and after a full rebuild', async () => {
    const snapshot = `${db}.snapshot`;
    // The snapshot file is rewritten right after the erasure: the old one held her name. A snapshot worker
    // thread writes it, replaying her erasure as the API did (its line is logged once the thread has exited).
    await until(
      () =>
        existsSync(snapshot) &&
        !SECRETS.some((s) => readFileSync(snapshot, 'latin1').includes(s)) &&
        /øyeblikksbilde lagret ved \d+ \(snapshot written by worker thread \d+: /.test(api.output),
      10_000,
      'a snapshot without her, written by a worker thread',
    );
    expect(statSync(snapshot).mode & 0o777).toBe(0o600);
    await api.restart();
    expect(api.output).toMatch(/snapshot and tail/);
    expectNoTrace(await everything(api));
    await stop();

    const rebuild = cli(db, 'rebuild');
    expect(rebuild.status).toBe(0);
    const tasks = cli(db, 'tasks', ids.eli);
    expect(tasks.stdout).toMatch(/^slettet person: 2 åpne oppgaver|^slettet person: 1 åpne oppgaver/);
    await startOn(db, { READ_MODEL_SNAPSHOT: 'off' });
    expect(api.output).toMatch(/lest inn \d+ hendelser/);
    expectNoTrace(await everything(api));
    await stop();
  });

  it('keeps her erased through the CLI export and a restore into a new store', async () => {
    const exported = join(dir, 'export.jsonl');
    const run = cli(db, 'export', '--out', exported);
    expect(run.status).toBe(0);
    expect(statSync(exported).mode & 0o777).toBe(0o600);
    const lines = readFileSync(exported, 'utf8');
    for (const secret of SECRETS) expect(lines).not.toContain(secret);
    expect(lines).toContain(KARI.name); // an export is the plain history, as before

    const restored = join(dir, 'restored.db');
    expect(cli(restored, 'restore', exported).status).toBe(0);
    // Kari's name is sealed again, under a new key in the new store's key file.
    expect(readFileSync(restored, 'latin1')).not.toContain(KARI.name);
    await startOn(restored);
    const after = await everything(api);
    expectNoTrace(after);
    expect(JSON.parse(after.person)).toMatchObject({ name: 'slettet person', email: null });
    expect(after.dashboardPage).toContain(KARI.name);
    expect((await client(api).post(`/people/${ids.eli}/erase`)).status).toBe(409);
    await stop();
  });

  it('leaves neither her name nor her address in the server logs of the whole run', () => {
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of SECRETS) expect(logs).not.toContain(secret);
  });
});
