import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '../../libs/reminders/testing/reminder-fixtures';
import { mailBodies, TestSmtpServer } from '../../libs/reminders/testing/smtp-test-server';
import { ApiProcess, client } from './support/server';

// `npm start` with the embedded worker: a reminder e-mail arrives, and its links close the loop.
jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-remind-e2e-'));
const prefix = `tilneste-e2e-${randomUUID().slice(0, 8)}`;
const smtp = new TestSmtpServer();
let api: ApiProcess;

beforeAll(async () => {
  await smtp.start();
  api = new ApiProcess(join(dir, 'reminders.db'), {
    SMTP_URL: smtp.url,
    REMINDER_QUEUE_PREFIX: prefix,
    REMINDER_RETRY_BASE: 'PT1S',
  });
  await api.start();
});
afterAll(async () => {
  await api.stop();
  await smtp.stop();
  rmSync(dir, { recursive: true, force: true });
});

const page = async (url: string, init?: RequestInit) => {
  const res = await fetch(url, init);
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
};
const post = (url: string, form: Record<string, string> = {}) =>
  page(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });

describe('a reminder before the next meeting, and its links', () => {
  const ids: Record<string, string> = {};

  it('e-mails the owner and the chair, and shows the figures on the dashboard', async () => {
    const http = client(api);
    ids.owner = (await http.ok('/people', { name: 'Kari Nordmann', email: 'kari@example.no' })).id;
    ids.chair = (await http.ok('/people', { name: 'Ola Leder', email: 'ola@example.no' })).id;
    ids.mute = (await http.ok('/people', { name: 'Uten Epost' })).id;
    ids.group = (await http.ok('/groups', { name: 'Faggruppe for plan' })).id;
    await http.ok(`/groups/${ids.group}/members`, { personId: ids.chair, role: 'chair' });
    expect((await http.put(`/groups/${ids.group}/reminder-policy`, { offsets: ['PT8S'] })).status).toBe(200);
    ids.held = (
      await http.ok('/meetings', {
        groupId: ids.group,
        startsAt: new Date(Date.now() - 86_400_000).toISOString(),
      })
    ).id;
    ids.next = (
      await http.ok('/meetings', {
        groupId: ids.group,
        startsAt: new Date(Date.now() + 11_000).toISOString(),
        location: 'Fylkeshuset',
      })
    ).id;
    const commit = async (text: string, personId: string) =>
      (
        await http.ok('/commitments', {
          meetingId: ids.held,
          text,
          owner: { personId },
          due: { nextMeeting: true },
        })
      ).id as string;
    ids.c1 = await commit('Fordele arbeidet mellom medlemmene', ids.owner);
    ids.c2 = await commit('Skrive referatet', ids.mute);
    ids.c3 = await commit('Bestille møterom', ids.owner);

    await until(
      () => smtp.to('kari@example.no').length === 1 && smtp.to('ola@example.no').length === 1,
      20_000,
      'the reminders',
    );
    const chairMail = mailBodies(smtp.to('ola@example.no')[0].raw);
    expect(chairMail).toContain('Alt som er åpent til møtet');
    expect(chairMail).toContain('Skrive referatet');

    const dashboard = (await http.get(`/groups/${ids.group}/dashboard`)).body;
    await until(
      async () => (await http.get(`/groups/${ids.group}/dashboard`)).body.reminders.sent === 2,
      5_000,
      'the sent figures',
    );
    expect(dashboard.cannotRemind).toEqual([{ id: ids.mute, name: 'Uten Epost', reason: 'no-email' }]);
    const queue = await http.get('/reminders/queue');
    expect(queue.status).toBe(200);
    expect(queue.body).toMatchObject({
      redis: 'up',
      counts: expect.objectContaining({ delayed: expect.any(Number) }),
    });
    expect((await http.get('/reminders/queue', { authorization: '' })).status).toBe(401);
    const list = (await http.get(`/groups/${ids.group}/reminders`)).body.reminders;
    expect(list.filter((r: { status: string }) => r.status === 'sent')).toHaveLength(2);
  });

  it('marks an item done once from its link, and records nothing for a tampered one', async () => {
    const http = client(api);
    const body = mailBodies(smtp.to('kari@example.no')[0].raw);
    const done = /Marker som utført: (\S+)/.exec(body)![1];
    const progress = /Meld fremdrift: (\S+)/.exec(body)![1];
    const events = async () => (await http.get(`/audit?stream=commitment-${ids.c1}`)).body.events;

    const confirm = await page(done);
    expect(confirm.status).toBe(200);
    expect(confirm.type).toMatch(/text\/html/);
    expect(confirm.text).toContain('Vil du merke «Fordele arbeidet mellom medlemmene» som utført?');

    const signature = done.slice(done.lastIndexOf('.') + 1);
    const flipped =
      done.slice(0, done.lastIndexOf('.') + 1) + (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    const tampered = await post(flipped);
    expect(tampered.status).toBe(400);
    expect(tampered.text).toContain('Lenken er ugyldig');
    const forged = await post(
      done.replace(
        /links\/[^.]+/,
        `links/${Buffer.from(JSON.stringify({ a: 'done', c: ids.c2, p: ids.owner, m: ids.next, x: Date.now() + 1e9 })).toString('base64url')}`,
      ),
    );
    expect(forged.status).toBe(400);
    expect(await events()).toHaveLength(1);

    const progressed = await post(progress, { text: 'Halvveis' });
    expect(progressed.text).toContain('Fremdriften er registrert');
    const first = await post(done);
    expect(first.status).toBe(200);
    expect(first.text).toContain('Oppgaven er merket som utført');
    const second = await post(done);
    expect(second.text).toContain('«Fordele arbeidet mellom medlemmene» er allerede merket som utført');

    const recorded = await events();
    expect(recorded.map((e: { type: string }) => e.type)).toEqual([
      'CommitmentMade',
      'CommitmentProgressReported',
      'CommitmentCompleted',
    ]);
    expect(recorded[2].metadata).toMatchObject({
      actor: { kind: 'person', id: ids.owner },
      via: 'email-link',
    });
    const c2 = await http.get(`/audit?stream=commitment-${ids.c2}`);
    expect(c2.body.events).toHaveLength(1);
  });

  it("refuses an item's link once the item has been handed to someone else, and records nothing", async () => {
    const http = client(api);
    const body = mailBodies(smtp.to('kari@example.no')[0].raw);
    expect(body).toContain('Bestille møterom');
    const links = (label: string) => [...body.matchAll(new RegExp(`${label}: (\\S+)`, 'g'))].map((m) => m[1]);
    // The items come in the order they were made: c1, then c3.
    const [done, progress] = [links('Marker som utført')[1], links('Meld fremdrift')[1]];
    const reassigned = await http.post(`/commitments/${ids.c3}/reassign`, { owner: { personId: ids.chair } });
    expect(reassigned.status).toBe(200);

    const shown = await page(done);
    expect(shown.status).toBe(409);
    expect(shown.text).toContain('Oppgaven er flyttet til Ola Leder');
    expect(shown.text).not.toContain('<form');
    expect((await post(done)).status).toBe(409);
    expect((await post(progress, { text: 'Bestilt' })).status).toBe(409);

    const recorded = (await http.get(`/audit?stream=commitment-${ids.c3}`)).body.events;
    expect(recorded.map((e: { type: string }) => e.type)).toEqual(['CommitmentMade', 'CommitmentReassigned']);
    expect((await http.get(`/commitments/${ids.c3}`)).body).toMatchObject({ status: 'open' });
  });
});
