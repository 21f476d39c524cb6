import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ApiProcess, client, TOKEN } from './support/server';

jest.setTimeout(300_000);

// A group's history imported one document at a time, in different orders, must end in the same state.
const SHARED = resolve(__dirname, '../../../shared/minutes');
const haveShared = existsSync(SHARED);
if (!haveShared)
  process.stdout.write(`[minutes history e2e] ${SHARED} is absent: the real-minutes orders are skipped\n`);
const SHARED_FILES = ['002_a04ba807bf496dba.txt', '003_299592b714b371a6.txt', '000_141c659f19c70dc5.txt'];
const CLI = join(__dirname, '../../dist/apps/cli/src/main.js');

// Three small documents of our own: minutes, a notice nobody closed, and minutes approving the first ones.
const OWN: Record<string, string> = {
  january: `Referat fra møte i Faggruppe for vann
Dato: 10.01.2025, kl. 10.00–12.00
Sted: Rådhuset
Til stede: Kari Nordmann, Elvdal kommune; Per Hansen, Fjellvik kommune
Møteleder: Kari Nordmann

Sak 1. Godkjenning av innkalling
Godkjent.

Sak 2. Hovedplan for vann
Per Hansen lager en oversikt over ledningsnettet til neste møte.
`,
  notice: `Innkalling til møte i Faggruppe for vann
Dato: 24.01.2025, kl. 10.00–12.00
Sted: Rådhuset
Innkalte: Kari Nordmann, Elvdal kommune; Per Hansen, Fjellvik kommune

Sak 1. Godkjenning av innkalling
Sak 2. Hovedplan for vann
`,
  february: `Referat fra møte i Faggruppe for vann
Dato: 14.02.2025, kl. 10.00–12.00
Sted: Rådhuset
Til stede: Kari Nordmann, Elvdal kommune; Per Hansen, Fjellvik kommune
Møteleder: Kari Nordmann

Sak 1. Godkjenning av referat fra møtet 10.01.2025
Referatet ble godkjent.

Sak 2. Eventuelt
Ingen saker.
`,
};

type Http = ReturnType<typeof client>;

async function upload(api: ApiProcess, text: string) {
  const res = await fetch(`${api.url}/imports/minutes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain; charset=utf-8' },
    body: text,
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

async function importAll(api: ApiProcess, http: Http, groupId: string, texts: string[]) {
  const meetingIds: string[] = [];
  for (const text of texts) {
    const committed = await http.post(`/imports/${await upload(api, text)}/commit`, { groupId });
    expect(committed.status).toBe(201);
    meetingIds.push(committed.body.meetingId);
  }
  return meetingIds;
}

// Everything a chair sees of the group, with people named by every spelling they are known by (ids differ by run).
async function snapshot(http: Http, groupId: string, meetingIds: string[]) {
  const names = new Map<string, string>();
  const nameOf = async (personId: string | undefined | null) => {
    if (!personId) return null;
    if (!names.has(personId)) {
      const p = (await http.get(`/people/${personId}`)).body;
      names.set(personId, [p.name, ...(p.aliases ?? [])].sort().join(' | '));
    }
    return names.get(personId)!;
  };
  const dashboard = (await http.get(`/groups/${groupId}/dashboard`)).body;
  const owners = [];
  for (const o of dashboard.byOwner) {
    owners.push({
      owner: o.owner?.personId ? await nameOf(o.owner.personId) : o.name,
      open: o.open,
      overdue: o.overdue,
      carriedOver: o.carriedOver,
      texts: o.commitments.map((c: { text: string }) => c.text).sort(),
    });
  }
  const meetings = [];
  for (const id of [...new Set(meetingIds)]) {
    const m = (await http.get(`/meetings/${id}`)).body;
    meetings.push({
      startsAt: m.startsAt,
      status: m.status,
      minutesApproved: m.minutesApproved,
      items: m.items.map(
        (i: { title: string; deferred: boolean }) => `${i.title}${i.deferred ? ' (utsatt)' : ''}`,
      ),
      attendance: m.attendance.length,
    });
  }
  const workingGroups = [];
  for (const w of dashboard.workingGroups)
    workingGroups.push({ name: w.name, lead: await nameOf(w.lead?.id), open: w.open });
  const byText = (a: { texts?: string[]; name?: string }, b: typeof a) =>
    JSON.stringify(a).localeCompare(JSON.stringify(b));
  return {
    nextMeeting: dashboard.nextMeeting,
    notClosed: dashboard.notClosedMeetings.map((m: { startsAt: string }) => m.startsAt),
    open: dashboard.open,
    overdue: dashboard.overdue,
    carriedOver: dashboard.carriedOver,
    owners: owners.sort(byText),
    meetings: meetings.sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
    workingGroups: workingGroups.sort(byText),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'tilneste-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(name: string, ownOrder: string[], sharedOrder: string[]) {
  const api = new ApiProcess(join(dir, `${name}.db`));
  await api.start();
  try {
    const http = client(api);
    const own = (await http.ok('/groups', { name: 'Faggruppe for vann' })).id;
    const ownMeetings = await importAll(
      api,
      http,
      own,
      ownOrder.map((k) => OWN[k]),
    );
    const result: Record<string, unknown> = { own: await snapshot(http, own, ownMeetings) };
    if (haveShared) {
      const shared = (await http.ok('/groups', { name: 'Faggruppe for næringsutvikling' })).id;
      const texts = sharedOrder.map((f) => readFileSync(join(SHARED, f), 'utf8'));
      result.shared = await snapshot(http, shared, await importAll(api, http, shared, texts));
    }
    return result;
  } finally {
    await api.stop();
  }
}

describe('importing a history one document at a time', () => {
  let inOrder: Awaited<ReturnType<typeof run>>;
  // The same documents in two other orders, each into a server and store of its own: started beside the first
  // run, since each mostly waits on its server and parser processes, and compared with it below.
  let reordered: Promise<Awaited<ReturnType<typeof run>>[]>;
  beforeAll(async () => {
    reordered = Promise.all([
      run('newest-first', ['february', 'notice', 'january'], [...SHARED_FILES].reverse()),
      run(
        'notice-first',
        ['notice', 'february', 'january'],
        [SHARED_FILES[1], SHARED_FILES[2], SHARED_FILES[0]],
      ),
    ]);
    // Awaited by its test; a failure is reported there, not as an unhandled rejection meanwhile.
    reordered.catch(() => undefined);
    inOrder = await run('in-order', ['january', 'notice', 'february'], SHARED_FILES);
  });

  it('holds the meetings with minutes, approves the minutes a later meeting approved and carries over in order', () => {
    const own = inOrder.own as Awaited<ReturnType<typeof snapshot>>;
    expect(own.meetings.map((m) => [m.status, m.minutesApproved])).toEqual([
      ['held', true],
      ['scheduled', false],
      ['held', false],
    ]);
    // Per Hansen's task was due at the next meeting; the notice's meeting was never held, so it came due in February.
    expect(own.owners).toEqual([
      expect.objectContaining({ owner: expect.stringContaining('Per Hansen'), open: 1, carriedOver: 1 }),
    ]);
  });

  it('flags a meeting known only from a notice as not closed, and never takes a past meeting for the next one', () => {
    const own = inOrder.own as Awaited<ReturnType<typeof snapshot>>;
    expect(own.nextMeeting).toBeNull();
    expect(own.notClosed).toEqual([own.meetings[1].startsAt]);
    if (!haveShared) return;
    const shared = inOrder.shared as Awaited<ReturnType<typeof snapshot>>;
    expect(shared.nextMeeting).toBeNull();
    expect(shared.notClosed).toEqual([expect.stringMatching(/^2023-08-31T/)]);
    expect(shared.meetings.map((m) => m.status)).toEqual(['held', 'scheduled', 'held']);
  });

  it('gives the same state whatever order the documents come in', async () => {
    const [newestFirst, noticeFirst] = await reordered;
    expect(newestFirst).toEqual(inOrder);
    expect(noticeFirst).toEqual(inOrder);
  });
});

(haveShared ? describe : describe.skip)('minutes import DIR on the command line', () => {
  it('reads a directory, skips what is no meeting document, and imports oldest first', async () => {
    const db = join(dir, 'cli.db');
    const api = new ApiProcess(db);
    await api.start();
    const groupId = (await client(api).ok('/groups', { name: 'Faggruppe for næringsutvikling' })).id;
    await api.stop();
    const run = spawnSync(process.execPath, [CLI, 'minutes', 'import', SHARED, '--group', groupId, '--yes'], {
      env: { ...process.env, SQLITE_PATH: db, TILNESTE_ADMIN_TOKEN: TOKEN },
      encoding: 'utf8',
      timeout: 240_000,
      input: '',
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/Hopper over .*README\.md/);
    const saved = [...run.stdout.matchAll(/Lagret møtet (\d{4}-\d{2}-\d{2})/g)].map((m) => m[1]);
    expect(saved).toEqual(['2023-03-16', '2023-08-31', '2025-03-20']);

    await api.start();
    try {
      const dashboard = (await client(api).get(`/groups/${groupId}/dashboard`)).body;
      expect(dashboard.nextMeeting).toBeNull();
      expect(dashboard.notClosedMeetings).toHaveLength(1);
      expect(dashboard.workingGroups).toHaveLength(5);
    } finally {
      await api.stop();
    }
  });
});
