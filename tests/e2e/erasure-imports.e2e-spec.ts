import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '../../libs/reminders/testing/reminder-fixtures';
import { ApiProcess, client, TOKEN } from './support/server';

// Erasure reaches imported minutes (issue 12): the documents that mention an erased person, and the drafts
// reviewed from them, are shredded with her; a document naming only others is untouched. Against the real
// server, its SQLite files and the CLI.
jest.setTimeout(240_000);

const CLI = join(__dirname, '../../dist/apps/cli/src/main.js');
const dir = mkdtempSync(join(tmpdir(), 'tilneste-erasure-imports-e2e-'));
const db = join(dir, 'imports.db');
const api = new ApiProcess(db, { TILNESTE_EMBEDDED_WORKER: 'false' });
const http = client(api);
const origin = () => api.url.replace(/\/api$/, '');
const bearer = { authorization: `Bearer ${TOKEN}` };

const ELLA = {
  name: 'Ella Fjordvik Stenseth',
  email: 'ella.stenseth@example.no',
  alias: 'E. Fjordvik Stenseth',
};
/** Each part alone, so a half-shown name is caught too. */
const SECRETS = ['Fjordvik', 'Stenseth', 'ella.stenseth', 'ELLA.STENSETH'];
const KARI = { name: 'Kari Beholdt', email: 'kari.beholdt@example.no' };

/** Written for this test: Ella attends and owns a task, her address is given for questions. */
const ABOUT_ELLA = [
  'REFERAT',
  'Faggruppe for vannforsyning',
  '',
  'Møtedato: tirsdag 3. mars 2026',
  'Tid: kl. 10.00-12.00',
  'Sted: Rådhuset, møterom 2',
  '',
  'Deltakere:',
  '- Kari Beholdt, Elvevik kommune (møteleder)',
  '- Ella Fjordvik Stenseth, Bakkely kommune',
  'Referent: Kari Beholdt',
  '',
  'Sak 1/26 Godkjenning av innkalling',
  'Godkjent uten merknader.',
  '',
  'Sak 2/26 Vannmålere i borettslag',
  'Spørsmål om målerne kan sendes til ella.stenseth@example.no.',
  'Vedtak: Faggruppen ber om en oversikt over målerne.',
  'Ansvar: Ella Fjordvik Stenseth',
  'Oppgave: Lage en oversikt over målere som skal byttes.',
  'Frist: Neste møte',
].join('\n');

/** Names only Kari and Gunnar: nobody erased is in it. */
const ABOUT_OTHERS = [
  'REFERAT',
  'Faggruppe for vannforsyning',
  '',
  'Møtedato: tirsdag 14. april 2026',
  'Tid: kl. 10.00-12.00',
  'Sted: Rådhuset, møterom 2',
  '',
  'Deltakere:',
  '- Kari Beholdt, Elvevik kommune (møteleder)',
  '- Gunnar Blåstøl, Nordnes kommune',
  'Referent: Kari Beholdt',
  '',
  'Sak 3/26 Lekkasjer på hovedledningen',
  'Vedtak: Saken tas til orientering.',
  'Ansvar: Gunnar Blåstøl',
  'Oppgave: Hente inn tall for lekkasjer.',
  'Frist: Neste møte',
].join('\n');

/** Names Ella only by her alias, in capitals; read through the API and never reviewed or recorded. */
const ALIAS_ONLY = [
  'INNKALLING',
  'Faggruppe for vannforsyning',
  '',
  'Møtedato: tirsdag 2. juni 2026',
  'Tid: kl. 09.00-11.00',
  'Sted: Rådhuset, møterom 2',
  '',
  'Til:',
  '- E. FJORDVIK STENSETH, Bakkely kommune',
  '- Kari Beholdt, Elvevik kommune',
  '',
  'Sak 4/26 Budsjett for målerbytte',
].join('\n');

const ids: Record<string, string> = {};
let running = false;

beforeAll(async () => {
  running = true;
  await api.start();
});
afterAll(async () => {
  // A server stopped by SIGTERM has no exit code, and a second stop would wait for an exit that has been.
  if (running) await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function page(path: string, lang = 'nb'): Promise<{ status: number; text: string }> {
  const res = await fetch(`${origin()}${path}`, { headers: { ...bearer, cookie: `tilneste_lang=${lang}` } });
  return { status: res.status, text: await res.text() };
}

/** Follows an import job's page until it is done or failed; the review's URL when done, else the job's page. */
async function finished(jobUrl: string): Promise<{ target: string | null; text: string }> {
  let last = { target: null as string | null, text: '' };
  await until(
    async () => {
      const res = await fetch(`${origin()}${jobUrl}`, { headers: bearer, redirect: 'manual' });
      if (res.status === 303) {
        last = { target: res.headers.get('location'), text: '' };
        return true;
      }
      last = { target: null, text: await res.text() };
      return !last.text.includes('hx-get');
    },
    60_000,
    `the import job ${jobUrl}`,
  );
  return last;
}

/** Uploads pasted minutes on the import page, as the secretariat would. */
async function uploadOnPage(text: string): Promise<{ target: string | null; text: string }> {
  const form = new FormData();
  form.set('groupId', ids.group);
  form.set('text', text);
  const res = await fetch(`${origin()}/import`, {
    method: 'POST',
    headers: bearer,
    body: form,
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
  return finished(res.headers.get('location')!);
}

const idOf = (reviewUrl: string | null) => /^\/import\/([0-9a-f]{64})/.exec(reviewUrl ?? '')![1];

const auditOf = async (query: string) => {
  const reply = await http.get(`/audit?${query}`);
  expect(reply.status).toBe(200);
  return JSON.stringify(reply.body);
};

/** Every answer and page about the imports, as text. */
async function everything(lang = 'nb'): Promise<Record<string, string>> {
  const pages: Record<string, string> = {};
  for (const [name, path] of [
    ['list', '/import'],
    ['review', `/import/${ids.a}`],
    ['preview', `/import/${ids.a}/lagre`],
    ['meetingPage', `/moter/${ids.meetingA}`],
    ['matterPage', `/saker/${ids.matterA}`],
  ]) {
    const reply = await page(path, lang);
    expect([name, reply.status]).toEqual([name, 200]);
    pages[name] = reply.text;
  }
  return {
    ...pages,
    auditImport: await auditOf(`stream=minutesimport-${ids.a}`),
    auditReview: await auditOf(`stream=minutesreview-${ids.a}`),
    auditAliasOnly: await auditOf(`stream=minutesimport-${ids.c}`),
    auditList: await auditOf('stream=minutesreviews'),
    auditGroup: await auditOf(`stream=minutesimports-${ids.group}`),
    auditAdmin: await auditOf('actor=admin&limit=10000'),
  };
}

function traces(texts: Record<string, string>): string[] {
  return Object.entries(texts).flatMap(([where, text]) =>
    SECRETS.filter((s) => text.includes(s)).map((s) => `${where}: ${s}`),
  );
}

describe('erasure of imported minutes', () => {
  it('imports three documents, whose names are sealed in the store file', async () => {
    ids.ella = (await http.ok('/people', { name: ELLA.name, email: ELLA.email })).id;
    await http.ok(`/people/${ids.ella}/aliases`, { alias: ELLA.alias });
    ids.kari = (await http.ok('/people', KARI)).id;
    ids.group = (await http.ok('/groups', { name: 'Faggruppe for vannforsyning' })).id;
    await http.ok(`/groups/${ids.group}/members`, { personId: ids.kari, role: 'secretariat' });

    // About Ella: uploaded, reviewed and recorded on the pages.
    const a = await uploadOnPage(ABOUT_ELLA);
    ids.a = idOf(a.target);
    const review = await page(`/import/${ids.a}/lagre`);
    expect(review.status).toBe(200);
    const revision = /name="revision" value="(\d+)"/.exec(review.text)![1];
    const commit = await fetch(`${origin()}/import/${ids.a}/lagre`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/x-www-form-urlencoded' },
      body: `revision=${revision}`,
      redirect: 'manual',
    });
    expect(commit.status).toBe(303);
    expect((await finished(commit.headers.get('location')!)).target).toMatch(/melding=committed/);
    const recorded = (await http.get(`/audit?stream=minutesimport-${ids.a}`)).body.events.at(-1);
    expect(recorded.type).toBe('MinutesImported');
    ids.meetingA = recorded.data.meetingId;
    ids.matterA = /href="\/saker\/([\w-]+)"/.exec((await page(`/moter/${ids.meetingA}`)).text)![1];

    // About others: uploaded and left under review.
    ids.b = idOf((await uploadOnPage(ABOUT_OTHERS)).target);
    // Her alias only: read through the API, never reviewed.
    const parsed = await http.post('/imports/minutes', ALIAS_ONLY, {
      'content-type': 'text/plain; charset=utf-8',
    });
    expect(parsed.status).toBe(200);
    ids.c = parsed.body.id;

    // Shown while she is there (so the checks below could fail) ...
    const before = await everything();
    expect(before.review).toContain(ELLA.name);
    expect(before.review).toContain(ELLA.email);
    expect(before.auditAliasOnly).toContain('E. FJORDVIK STENSETH');
    expect(before.matterPage).toContain(`href="/import/${ids.a}"`);
    // ... but the document, its drafts and her address are nowhere in the store's file in clear.
    const bytes =
      readFileSync(db, 'latin1') + (existsSync(`${db}-wal`) ? readFileSync(`${db}-wal`, 'latin1') : '');
    for (const secret of SECRETS) expect(bytes).not.toContain(secret);
  });

  it('erases with her every document that mentions her, and shows them as removed, never their text', async () => {
    expect((await http.post(`/people/${ids.ella}/erase`)).status).toBe(200);
    const after = await everything();
    expect(traces(after)).toEqual([]);
    expect(after.review).toContain('Dokumentet er fjernet');
    expect(after.preview).toContain('Dokumentet er fjernet');
    expect(after.review).toContain(`href="/moter/${ids.meetingA}"`);
    expect(after.list).toContain('fjernet ved sletting');
    expect(after.list.match(/fjernet ved sletting/g)).toHaveLength(1);
    expect(after.auditImport).toContain('MinutesImportErased');
    // What the import recorded stays, with its link back to the import.
    expect(after.matterPage).toContain(`href="/import/${ids.a}"`);
    expect(after.matterPage).toContain('Faggruppen ber om en oversikt over målerne');
    expect(after.meetingPage).toContain('Lage en oversikt over målere som skal byttes');
    const english = await everything('en');
    expect(traces(english)).toEqual([]);
    expect(english.review).toContain('a person it mentions was erased');
    expect(english.list).toContain('removed by an erasure');
  });

  it('leaves a document that names only others as it was', async () => {
    const other = await page(`/import/${ids.b}`);
    expect(other.status).toBe(200);
    expect(other.text).toContain('Gunnar Blåstøl');
    expect(other.text).toContain('Lekkasjer på hovedledningen');
    expect(await auditOf(`stream=minutesreview-${ids.b}`)).toContain('Gunnar Blåstøl');
  });

  it('refuses to bring an erased document back, with 409 and never 500, and never its old text', async () => {
    // The page sent the pasted text with CRLF line ends (as a form does); with LF it is the same document too.
    const again = await http.post('/imports/minutes', ABOUT_ELLA.replace(/\n/g, '\r\n'), {
      'content-type': 'text/plain; charset=utf-8',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('IMPORT.ERASED');
    const unix = await http.post('/imports/minutes', ABOUT_ELLA, {
      'content-type': 'text/plain; charset=utf-8',
    });
    expect(unix.status).toBe(409);
    expect(unix.body.error.code).toBe('IMPORT.ERASED');
    const commitAliasOnly = await http.post(`/imports/${ids.c}/commit`, { groupId: ids.group });
    expect(commitAliasOnly.status).toBe(409);
    expect(commitAliasOnly.body.error.code).toBe('IMPORT.ERASED');
    // Recorded before the erasure: recording it again creates nothing, as for any import.
    const commitRecorded = await http.post(`/imports/${ids.a}/commit`, { groupId: ids.group });
    expect(commitRecorded.status).toBe(200);
    expect(commitRecorded.body).toMatchObject({ meetingId: ids.meetingA, alreadyImported: true });

    const onPage = await uploadOnPage(ABOUT_ELLA);
    expect(onPage.target).toBeNull();
    expect(onPage.text).toContain('kan ikke importeres på nytt');
    const save = await fetch(`${origin()}/import/${ids.a}`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'revision=1&action=save',
      redirect: 'manual',
    });
    expect(save.status).toBe(409);
    const answers = {
      again: JSON.stringify(again.body),
      unix: JSON.stringify(unix.body),
      commitAliasOnly: JSON.stringify(commitAliasOnly.body),
      commitRecorded: JSON.stringify(commitRecorded.body),
    };
    expect(traces({ ...answers, page: onPage.text, save: await save.text() })).toEqual([]);
    // The list of imports still holds the one erased document only once, and the other one.
    const list = (await page('/import')).text;
    expect(list.match(/fjernet ved sletting/g)).toHaveLength(1);
    expect(list).toContain(`/import/${ids.b}`);
  });

  it('keeps her out of the CLI export, while the other document is exported as before', async () => {
    const out = join(dir, 'export.jsonl');
    const run = spawnSync(process.execPath, [CLI, 'export', '--out', out], {
      env: { ...process.env, SQLITE_PATH: db },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    const lines = readFileSync(out, 'utf8');
    expect(traces({ export: lines })).toEqual([]);
    expect(lines).toContain('Gunnar Blåstøl');
    expect(lines).toContain('MinutesImportErased');
  });

  it('leaves neither her name nor her address in the server log', async () => {
    running = false;
    await api.stop();
    expect(api.output.length).toBeGreaterThan(0);
    expect(traces({ log: api.output })).toEqual([]);
  });
});
