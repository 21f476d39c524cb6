import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { typedClientComplaints, undocumentedAnswers } from './support/openapi-check';
import { ApiProcess, client, READ_TOKEN } from './support/server';

const CLI = join(__dirname, '../../dist/apps/cli/src/main.js');

// The story from ../shared/docs/DOMAIN.md, played over HTTP against the real server process.
jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-e2e-'));
const api = new ApiProcess(join(dir, 'story.db'));
const http = client(api);

beforeAll(() => api.start());
afterAll(async () => {
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the meeting of 20 March 2025 and what follows it', () => {
  const ids: Record<string, string> = {};
  const person = async (key: string, name: string, email: string | null) => {
    ids[key] = (
      await http.ok('/people', { name, ...(email ? { email } : {}), organisation: 'Eksempel kommune' })
    ).id;
  };

  it('records the people, the group and its members', async () => {
    await person('chair', 'Ola Leder', 'ola@example.no');
    await person('secretary', 'Siri Sekretær', 'siri@example.no');
    for (let i = 1; i <= 5; i++)
      await person(`lead${i}`, `Leder Nummer${i}`, i === 5 ? null : `leder${i}@example.no`);
    ids.group = (await http.ok('/groups', { name: 'Faggruppe for samfunnsplanlegging' })).id;
    await http.ok(`/groups/${ids.group}/members`, { personId: ids.chair, role: 'chair' });
    await http.ok(`/groups/${ids.group}/members`, { personId: ids.secretary, role: 'secretariat' });
    for (let i = 1; i <= 5; i++)
      await http.ok(`/groups/${ids.group}/members`, { personId: ids[`lead${i}`], role: 'member' });
    const reply = await http.put(`/groups/${ids.group}/reminder-policy`, { offsets: ['P7D', 'P1D'] });
    expect(reply.status).toBe(200);
  });

  it('records the meeting, its agenda, attendance, five working groups and their commitments', async () => {
    ids.march = (
      await http.ok('/meetings', {
        groupId: ids.group,
        title: 'Møte i faggruppen',
        startsAt: '2025-03-20T09:00:00+01:00',
        endsAt: '2025-03-20T11:00:00+01:00',
        location: 'Fylkeshuset',
      })
    ).id;
    const item = async (number: number, title: string, kind: string) =>
      (await http.ok(`/meetings/${ids.march}/agenda-items`, { number, title, kind })).id as string;
    await item(1, 'Godkjenning av innkalling og saksliste', 'notice-approval');
    ids.itemProgramme = await item(3, 'Handlingsprogram 2025', 'decision');
    ids.itemGroups = await item(4, 'Arbeidsgrupper', 'working-group-report');
    ids.itemPosition = await item(5, 'Posisjonsnotat om klimatilpasning', 'discussion');
    await http.ok(`/meetings/${ids.march}/agenda-items/${ids.itemPosition}/defer`);
    await http.ok(`/meetings/${ids.march}/attendance`, { personId: ids.chair });
    await http.ok(`/meetings/${ids.march}/attendance`, { personId: ids.lead1, remote: true });
    await http.ok(`/meetings/${ids.march}/attendance`, { personId: ids.lead3, substituteFor: ids.lead4 });

    for (let i = 1; i <= 5; i++) {
      ids[`wg${i}`] = (
        await http.ok('/working-groups', {
          groupId: ids.group,
          name: `Arbeidsgruppe ${i}`,
          leadPersonId: ids[`lead${i}`],
          meetingId: ids.march,
        })
      ).id;
    }
    await http.ok(`/working-groups/${ids.wg5}/status`, {
      meetingId: ids.march,
      status: 'not-started',
      text: 'Har ikke møttes ennå',
    });

    const commit = async (text: string, owner: unknown) =>
      (
        await http.ok('/commitments', {
          meetingId: ids.march,
          agendaItemId: ids.itemGroups,
          text,
          owner,
          due: { nextMeeting: true },
        })
      ).id as string;
    ids.c2 = await commit('Fordele arbeidet mellom medlemmene', { workingGroupId: ids.wg2 });
    ids.c5 = await commit('Avholde første møte i arbeidsgruppen', { workingGroupId: ids.wg5 });
    ids.cSec = await commit('Sende ut oppdatert handlingsprogram', { secretariat: true });
    ids.c1 = await commit('Dele kontaktinformasjonen med gruppen', { personId: ids.lead1 });

    ids.matter = (await http.ok('/matters', { groupId: ids.group, title: 'Handlingsprogram 2025' })).id;
    ids.decision = (
      await http.ok(`/matters/${ids.matter}/decisions`, {
        meetingId: ids.march,
        agendaItemId: ids.itemProgramme,
        text: 'Utkastet godkjennes',
        kind: 'approved',
      })
    ).id;
    await http.ok(`/matters/${ids.matter}/decisions/${ids.decision}/amend`, {
      text: 'Utkastet godkjennes med endringene i punkt 3',
      reason: 'Rettet etter innspill fra KG',
    });

    const held = await http.ok(`/meetings/${ids.march}/held`);
    expect(held.carriedOver).toEqual([]);
  });

  it('resolves "next meeting" to the meeting once scheduled, and follows it when moved', async () => {
    const before = await http.get(`/people/${ids.lead2}/tasks`);
    expect(before.body.tasks).toHaveLength(1);
    expect(before.body.tasks[0]).toMatchObject({
      id: ids.c2,
      dueAt: null,
      as: 'working-group-lead',
      carriedOver: 0,
    });

    ids.june = (await http.ok('/meetings', { groupId: ids.group, startsAt: '2025-06-12T09:00:00+02:00' })).id;
    expect((await http.get(`/people/${ids.lead2}/tasks`)).body.tasks[0].dueAt).toBe(
      '2025-06-12T09:00:00+02:00',
    );
    await http.ok(`/meetings/${ids.june}/reschedule`, { startsAt: '2025-06-19T09:00:00+02:00' });
    const moved = await http.get(`/people/${ids.lead2}/tasks`);
    expect(moved.body.tasks[0]).toMatchObject({ dueAt: '2025-06-19T09:00:00+02:00', dueMeetingId: ids.june });
  });

  it('keeps everything across a restart of the server process', async () => {
    await api.restart();
    const tasks = await http.get(`/people/${ids.lead5}/tasks`);
    expect(tasks.body.tasks.map((t: { id: string }) => t.id)).toEqual([ids.c5]);
    expect(tasks.body.tasks[0].dueAt).toBe('2025-06-19T09:00:00+02:00');
  });

  it('shows the draft agenda of the next meeting with deferred items, reports and follow-ups', async () => {
    const agenda = (await http.get(`/groups/${ids.group}/next-agenda`)).body;
    expect(agenda.meetingId).toBe(ids.june);
    const titles = agenda.items.map((i: { title: string }) => i.title);
    expect(titles[0]).toBe('Godkjenning av innkalling og saksliste');
    expect(titles[1]).toBe('Godkjenning av referat fra forrige møte');
    expect(titles[2]).toBe('Posisjonsnotat om klimatilpasning');
    expect(titles.filter((t: string) => t.startsWith('Rapport fra Arbeidsgruppe'))).toHaveLength(5);
    expect(titles).toContain('Oppfølging: Sende ut oppdatert handlingsprogram (Sekretariatet)');
    expect(titles.at(-1)).toBe('Eventuelt');
    expect(agenda.items.map((i: { number: number }) => i.number)).toEqual(
      titles.map((_: string, n: number) => n + 1),
    );
    const wg2 = agenda.items.find(
      (i: { source: { workingGroupId?: string } }) => i.source.workingGroupId === ids.wg2,
    );
    expect(wg2.source.commitmentIds).toEqual([ids.c2]);
  });

  it('drops a completed commitment from the dashboard and carries the open ones over when the meeting is held', async () => {
    await http.ok(`/commitments/${ids.c2}/complete`, { note: 'Fordelt på møtet 2. juni' });
    const dashboardBefore = (await http.get(`/groups/${ids.group}/dashboard`)).body;
    expect(dashboardBefore.open).toBe(3);
    expect(dashboardBefore.deferredItems.map((d: { title: string }) => d.title)).toEqual([
      'Posisjonsnotat om klimatilpasning',
    ]);
    expect(dashboardBefore.peopleWithoutEmail.map((p: { id: string }) => p.id)).toEqual([ids.lead5]);

    ids.september = (
      await http.ok('/meetings', { groupId: ids.group, startsAt: '2025-09-18T09:00:00+02:00' })
    ).id;
    const held = await http.ok(`/meetings/${ids.june}/held`);
    expect(held.carriedOver.sort()).toEqual([ids.c5, ids.cSec, ids.c1].sort());
    // The policy kept up within the answer's wait: nothing is left for it to carry over.
    expect(held.carryOversPending).toEqual([]);

    const dashboard = (await http.get(`/groups/${ids.group}/dashboard`)).body;
    expect(dashboard.nextMeeting.id).toBe(ids.september);
    expect(dashboard.open).toBe(3);
    expect(dashboard.carriedOver).toBe(3);
    const wg5 = dashboard.byOwner.find(
      (o: { owner: { workingGroupId?: string } }) => o.owner?.workingGroupId === ids.wg5,
    );
    expect(wg5).toMatchObject({ open: 1, carriedOver: 1 });
    expect(wg5.commitments[0]).toMatchObject({ id: ids.c5, carriedOver: 1, dueMeetingId: ids.september });
    const wgSummary = dashboard.workingGroups.find((w: { id: string }) => w.id === ids.wg2);
    expect(wgSummary).toMatchObject({ open: 0, done: 1 });

    const lead5 = (await http.get(`/people/${ids.lead5}/tasks`)).body.tasks;
    expect(lead5[0]).toMatchObject({ id: ids.c5, carriedOver: 1, dueAt: '2025-09-18T09:00:00+02:00' });
    expect((await http.get(`/people/${ids.lead2}/tasks`)).body.tasks).toEqual([]);
    const secretary = (await http.get(`/people/${ids.secretary}/tasks`)).body.tasks;
    expect(secretary.map((t: { id: string; as: string }) => [t.id, t.as])).toEqual([
      [ids.cSec, 'secretariat'],
    ]);

    const again = await http.ok(`/meetings/${ids.june}/held`, {}, [409]);
    expect(again).toMatchObject({ error: { code: 'MEETING.ALREADY_HELD' } });
  });

  it('shows working-group status, matter history and the audit trail', async () => {
    const wg = (await http.get(`/working-groups/${ids.wg5}`)).body;
    expect(wg).toMatchObject({
      name: 'Arbeidsgruppe 5',
      status: 'not-started',
      statusText: 'Har ikke møttes ennå',
    });
    expect(wg.lead).toEqual({ id: ids.lead5, name: 'Leder Nummer5' });
    expect(wg.open.map((c: { id: string }) => c.id)).toEqual([ids.c5]);

    const history = (await http.get(`/matters/${ids.matter}/history`)).body.timeline;
    expect(history.map((e: { type: string }) => e.type)).toEqual([
      'MatterOpened',
      'DecisionRecorded',
      'DecisionAmended',
    ]);
    expect(history[2]).toMatchObject({
      text: 'Utkastet godkjennes med endringene i punkt 3',
      previousText: 'Utkastet godkjennes',
      actor: { kind: 'client', id: 'admin' },
    });

    const carried = (await http.get(`/audit?stream=commitment-${ids.c5}`)).body.events.at(-1);
    expect(carried).toMatchObject({
      type: 'CommitmentCarriedOver',
      data: { fromMeetingId: ids.june, times: 1 },
    });
    expect(carried.metadata.causationId).toMatch(new RegExp(`^meeting-${ids.june}@\\d+$`));
    const audit = (await http.get(`/audit?stream=commitment-${ids.c2}`)).body.events;
    expect(audit.map((e: { type: string }) => e.type)).toEqual(['CommitmentMade', 'CommitmentCompleted']);
    expect(audit[1].metadata).toMatchObject({
      actor: { kind: 'client', id: 'admin' },
      via: 'api',
      command: 'CompleteCommitment',
    });
    const byActor = (await http.get('/audit?actor=admin&limit=5000')).body.events;
    expect(byActor.length).toBeGreaterThan(40);
    expect(byActor.some((e: { stream: string }) => e.stream === `matter-${ids.matter}`)).toBe(true);
  });

  describe('HTTP conventions', () => {
    it('answers 401 without a token, 403 for a read-only token that writes', async () => {
      expect((await http.get(`/groups/${ids.group}/dashboard`, { authorization: '' })).status).toBe(401);
      expect(
        (await http.get(`/groups/${ids.group}/dashboard`, { authorization: 'Bearer wrong-token-123456789' }))
          .status,
      ).toBe(401);
      const read = { authorization: `Bearer ${READ_TOKEN}` };
      expect((await http.get(`/groups/${ids.group}/dashboard`, read)).status).toBe(200);
      const write = await http.post('/people', { name: 'Ny Person' }, read);
      expect(write.status).toBe(403);
      expect(write.body.error.code).toBe('AUTH.FORBIDDEN');
    });

    it('answers 400 with field paths, 404 for unknown ids, 409 for a broken rule, 413 for a large body', async () => {
      const bad = await http.post('/commitments', {
        meetingId: ids.september,
        text: '',
        owner: { personId: 5 },
        due: {},
      });
      expect(bad.status).toBe(400);
      const paths = bad.body.error.issues.map((i: { path: (string | number)[] }) => i.path.join('.'));
      expect(paths).toEqual(expect.arrayContaining(['text', 'owner', 'due']));
      expect((await http.post('/commitments', '{"broken json', {})).status).toBe(400);
      expect((await http.post('/commitments', [1, 2])).status).toBe(400);
      const missing = await http.get('/people/no-such-person/tasks');
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('PERSON.NOT_FOUND');
      const twice = await http.post(`/commitments/${ids.c2}/complete`);
      expect(twice.status).toBe(409);
      expect(twice.body.error.code).toBe('COMMITMENT.ALREADY_COMPLETED');
      const large = await http.post('/people', { name: 'x'.repeat(2_000_000) });
      expect(large.status).toBe(413);
      expect(large.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect((await http.get('/no-such-route')).status).toBe(404);
    });

    it("refuses a due meeting or a working group that is missing or another group's, and writes nothing", async () => {
      const other = (await http.ok('/groups', { name: 'Eldrerådet' })).id;
      const theirs = (await http.ok('/meetings', { groupId: other, startsAt: '2025-10-02T10:00:00+02:00' }))
        .id;
      const theirGroup = (await http.ok('/working-groups', { groupId: other, name: 'Transportgruppen' })).id;
      const owned = await http.post('/commitments', {
        meetingId: ids.september,
        text: 'Sende saken videre',
        owner: { workingGroupId: theirGroup },
        due: { nextMeeting: true },
      });
      expect(owned.status).toBe(400);
      expect(owned.body.error).toMatchObject({
        code: 'COMMITMENT.OWNER_OF_OTHER_GROUP',
        details: { field: 'owner.workingGroupId' },
      });
      const handed = await http.post(`/commitments/${ids.c5}/reassign`, {
        owner: { workingGroupId: theirGroup },
      });
      expect(handed.status).toBe(400);
      const made = await http.post('/commitments', {
        meetingId: ids.september,
        text: 'Sende saken videre',
        owner: null,
        due: { meetingId: theirs },
      });
      expect(made.status).toBe(400);
      expect(made.body.error).toMatchObject({
        code: 'COMMITMENT.DUE_AT_OTHER_GROUP',
        details: { field: 'due.meetingId' },
      });
      const before = (await http.get(`/audit?stream=commitment-${ids.c5}`)).body.events.length;
      const moved = await http.post(`/commitments/${ids.c5}/due`, { due: { meetingId: theirs } });
      expect(moved.status).toBe(400);
      const nowhere = await http.post(`/commitments/${ids.c5}/due`, {
        due: { meetingId: 'no-such-meeting' },
      });
      expect(nowhere.status).toBe(404);
      expect(nowhere.body.error.code).toBe('MEETING.NOT_FOUND');
      expect((await http.get(`/audit?stream=commitment-${ids.c5}`)).body.events).toHaveLength(before);
    });

    it('returns the revision as ETag and answers 412 to a stale If-Match', async () => {
      const created = await http.post('/commitments', {
        meetingId: ids.september,
        text: 'Lage utkast',
        owner: null,
        due: { date: '2025-10-01' },
      });
      expect(created.status).toBe(201);
      expect(created.etag).toBe('"0"');
      const progress = await http.post(
        `/commitments/${created.body.id}/progress`,
        { text: 'Halvveis' },
        { 'if-match': '"0"' },
      );
      expect(progress.status).toBe(200);
      expect(progress.etag).toBe('"1"');
      const stale = await http.post(
        `/commitments/${created.body.id}/progress`,
        { text: 'Igjen' },
        { 'if-match': '"0"' },
      );
      expect(stale.status).toBe(412);
      const audit = (await http.get(`/audit?stream=commitment-${created.body.id}`)).body.events;
      expect(audit).toHaveLength(2);
      const unowned = (await http.get(`/groups/${ids.group}/dashboard`)).body.unowned;
      expect(unowned.map((t: { id: string }) => t.id)).toContain(created.body.id);
    });

    it('replays the first answer for a repeated Idempotency-Key and records nothing new', async () => {
      const headers = { 'idempotency-key': 'create-person-42' };
      const first = await http.post('/people', { name: 'Idun Potent' }, headers);
      const second = await http.post('/people', { name: 'Idun Potent' }, headers);
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      const events = (await http.get('/audit?actor=admin&limit=10000')).body.events.filter(
        (e: { stream: string }) => e.stream === `person-${first.body.id}`,
      );
      expect(events).toHaveLength(1);
      const reused = await http.post('/people', { name: 'Someone Else' }, headers);
      expect(reused.status).toBe(409);
      expect(reused.body.error.code).toBe('IDEMPOTENCY.KEY_REUSED');
    });
  });

  it('exports all events and restores them into an empty store with identical read models', async () => {
    const backup = join(dir, 'backup.jsonl');
    execFileSync(process.execPath, [CLI, 'export', '--out', backup], {
      env: { ...process.env, SQLITE_PATH: join(dir, 'story.db') },
    });
    const restoredDb = join(dir, 'restored.db');
    execFileSync(process.execPath, [CLI, 'restore', backup], {
      env: { ...process.env, SQLITE_PATH: restoredDb },
    });
    const refused = (() => {
      try {
        execFileSync(process.execPath, [CLI, 'restore', backup], {
          env: { ...process.env, SQLITE_PATH: restoredDb },
          stdio: 'pipe',
        });
        return '';
      } catch (error) {
        return String((error as { stderr: Buffer }).stderr);
      }
    })();
    expect(refused).toMatch(/ikke tomt/);

    const copy = new ApiProcess(restoredDb);
    await copy.start();
    try {
      const other = client(copy);
      const views = [
        `/groups/${ids.group}/dashboard`,
        `/groups/${ids.group}/next-agenda`,
        `/people/${ids.lead5}/tasks`,
        `/people/${ids.secretary}/tasks`,
        `/working-groups/${ids.wg2}`,
        `/matters/${ids.matter}/history`,
        `/audit?stream=commitment-${ids.c5}`,
      ];
      for (const view of views) {
        const [original, restored] = await Promise.all([http.get(view), other.get(view)]);
        expect(restored.status).toBe(200);
        // recordedAt is when the store wrote the event, so a restore renews it; metadata.at keeps the original time.
        const strip = (body: unknown) =>
          JSON.parse(JSON.stringify(body), (k, v) => (k === 'recordedAt' ? undefined : v));
        expect(strip(restored.body)).toEqual(strip(original.body));
      }
    } finally {
      await copy.stop();
    }
  });

  it('answers only as the OpenAPI document says, and a client generated from it compiles against the answers', async () => {
    const document = (await http.get('/docs/openapi.json')).body;
    const replies = api.replies.filter((reply) => !reply.path.startsWith('/docs'));
    expect(replies.length).toBeGreaterThan(80);
    expect(undocumentedAnswers(document, replies)).toEqual([]);
    // Both checks can fail: an id that is a number matches neither the schema nor the generated type.
    const created = replies.find((reply) => reply.path === '/people' && reply.status === 201)!;
    const wrong = { ...created, path: '/people?wrong', body: { id: 5 } };
    expect(undocumentedAnswers(document, [wrong])).toHaveLength(1);
    const complaints = typedClientComplaints(document, [wrong, ...replies]);
    expect(complaints).toHaveLength(1);
    expect(complaints[0]).toMatch(/^POST \/people\?wrong → 201: error TS2322/);
  }, 240_000);
});
