import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mailBodies, TestSmtpServer } from '../../libs/reminders/testing/smtp-test-server';
import { ApiProcess, client, TOKEN } from './support/server';
import { signInByLink } from './support/sign-in';

// Links to a person merged into another lead to the one who remains, for readers who may see them; against
// the real server, with a reader signed in by the e-mailed link.
jest.setTimeout(180_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-merged-e2e-'));
const smtp = new TestSmtpServer();
let api: ApiProcess;
let http: ReturnType<typeof client>;
const ids: Record<string, string> = {};
const admin = { authorization: `Bearer ${TOKEN}` };

beforeAll(async () => {
  await smtp.start();
  api = new ApiProcess(join(dir, 'merged.db'), {
    SMTP_URL: smtp.url,
    TILNESTE_LINK_SECRET: `e2e-link-secret-${randomUUID()}`,
    TILNESTE_EMBEDDED_WORKER: 'false',
  });
  await api.start();
  http = client(api);
});

afterAll(async () => {
  await api?.stop();
  await smtp.stop();
  rmSync(dir, { recursive: true, force: true });
});

const origin = () => api.url.replace(/\/api$/, '');
/** One request, redirects not followed. */
const get = (path: string, headers: Record<string, string>) =>
  fetch(`${origin()}${path}`, { headers, redirect: 'manual' });

describe('a person merged into another', () => {
  it('is merged by the secretariat: the duplicate record becomes an alias', async () => {
    const person = async (name: string, email: string | null) =>
      (await http.ok('/people', email ? { name, email } : { name })).id as string;
    ids.kari = await person('Kari Nordmann', 'kari@example.no');
    ids.dup = await person('K. Nordmann', null);
    ids.ola = await person('Ola Medlem', 'ola@example.no');
    ids.per = await person('Per Utenfor', 'per@example.no');
    ids.group = (await http.ok('/groups', { name: 'Faggruppe for plan' })).id;
    for (const id of [ids.kari, ids.dup, ids.ola])
      await http.ok(`/groups/${ids.group}/members`, { personId: id, role: 'member' });
    // A group only the duplicate had joined: the one who remains must be a member of it under their own id.
    ids.solo = (await http.ok('/groups', { name: 'Arbeidsutvalget' })).id;
    await http.ok(`/groups/${ids.solo}/members`, { personId: ids.dup, role: 'observer' });
    const meeting = (
      await http.ok('/meetings', { groupId: ids.group, startsAt: '2030-03-20T09:00:00+01:00' })
    ).id;
    ids.task = (
      await http.ok('/commitments', {
        meetingId: meeting,
        text: 'Bestille møterom',
        owner: { personId: ids.dup },
        due: { nextMeeting: true },
      })
    ).id;
    const merged = await fetch(`${origin()}/personer/sla-sammen`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ personId: ids.dup, intoPersonId: ids.kari }),
      redirect: 'manual',
    });
    expect(merged.status).toBe(303);
    expect((await http.get(`/audit?stream=person-${ids.dup}`)).body.events.at(-1).type).toBe('PersonMerged');
  });

  it('has its page lead to the page of the person who remains, which says so, in either language', async () => {
    for (const path of [`/personer/${ids.dup}/oppgaver`, `/personer/${ids.dup}`]) {
      const moved = await get(path, admin);
      expect([path, moved.status]).toEqual([path, 303]);
      expect(moved.headers.get('location')).toBe(`/personer/${ids.kari}/oppgaver?sammenslatt=${ids.dup}`);
    }
    const followed = await fetch(`${origin()}/personer/${ids.dup}/oppgaver`, { headers: admin });
    expect(followed.status).toBe(200);
    expect(followed.url).toBe(`${origin()}/personer/${ids.kari}/oppgaver?sammenslatt=${ids.dup}`);
    const html = await followed.text();
    expect(html).toContain('Oppgavene til Kari Nordmann');
    expect(html).toContain('Lenken du fulgte, gikk til en person som er slått sammen med Kari Nordmann.');
    expect(html).toContain('Bestille møterom');
    const english = await fetch(`${origin()}/personer/${ids.dup}/oppgaver?lang=en`, { headers: admin });
    expect(english.url).toBe(`${origin()}/personer/${ids.kari}/oppgaver?lang=en&sammenslatt=${ids.dup}`);
    expect(await english.text()).toContain(
      'The link you followed went to a person who has been merged into Kari Nordmann.',
    );
  });

  it('says nothing of a merge on the page reached directly, or through a link that names someone else', async () => {
    for (const query of ['', `?sammenslatt=${ids.ola}`, '?sammenslatt=nobody']) {
      const html = await (
        await fetch(`${origin()}/personer/${ids.kari}/oppgaver${query}`, { headers: admin })
      ).text();
      expect([query, html.includes('slått sammen med')]).toEqual([query, false]);
    }
    const own = await get(`/personer/${ids.kari}`, admin);
    expect(own.status).toBe(303);
    expect(own.headers.get('location')).toBe(`/personer/${ids.kari}/oppgaver`);
  });

  it('has the API read the person who remains, with the query kept', async () => {
    const person = await fetch(`${api.url}/people/${ids.dup}`, { headers: admin, redirect: 'manual' });
    expect(person.status).toBe(303);
    expect(person.headers.get('location')).toBe(`/api/people/${ids.kari}`);
    const tasks = await fetch(`${api.url}/people/${ids.dup}/tasks?status=all`, {
      headers: admin,
      redirect: 'manual',
    });
    expect(tasks.status).toBe(303);
    expect(tasks.headers.get('location')).toBe(`/api/people/${ids.kari}/tasks?status=all`);
    const followed = await fetch(`${api.url}/people/${ids.dup}/tasks`, { headers: admin });
    expect(followed.status).toBe(200);
    expect(((await followed.json()) as { tasks: { id: string }[] }).tasks.map((t) => t.id)).toContain(
      ids.task,
    );
    // Writes are not redirected: a merged record takes no more commands.
    const write = await fetch(`${api.url}/people/${ids.dup}/details`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ organisation: 'Et sted' }),
      redirect: 'manual',
    });
    expect(write.status).toBe(404);
  });

  it('leads a group member there too, and tells someone outside the group no more than of an unknown id', async () => {
    const ola = await signInByLink(api, smtp, 'ola@example.no');
    const moved = await get(`/personer/${ids.dup}/oppgaver`, { cookie: ola.cookie });
    expect(moved.status).toBe(303);
    expect(moved.headers.get('location')).toBe(`/personer/${ids.kari}/oppgaver?sammenslatt=${ids.dup}`);
    const api303 = await fetch(`${api.url}/people/${ids.dup}/tasks`, {
      headers: { cookie: ola.cookie },
      redirect: 'manual',
    });
    expect(api303.status).toBe(303);

    const per = await signInByLink(api, smtp, 'per@example.no');
    for (const path of [
      `/personer/${ids.dup}/oppgaver`,
      `/personer/${ids.dup}`,
      '/personer/no-such-person/oppgaver',
    ]) {
      const refused = await get(path, { cookie: per.cookie });
      expect([path, refused.status, refused.headers.get('location')]).toEqual([path, 403, null]);
    }
    const apiRefused = await fetch(`${api.url}/people/${ids.dup}/tasks`, {
      headers: { cookie: per.cookie },
      redirect: 'manual',
    });
    expect(apiRefused.status).toBe(403);
    expect(mailBodies(smtp.to('per@example.no')[0].raw)).toContain('Logg inn i Tilneste med denne lenken');
  });

  it('makes the one who remains a member in the duplicate’s place: their role changes and they can leave', async () => {
    const moves = async () =>
      (
        (await http.get(`/audit?stream=group-${ids.solo}`)).body.events as {
          type: string;
          data: { personId: string };
        }[]
      )
        .slice(1)
        .map((e) => [e.type, e.data.personId]);
    expect(await moves()).toEqual([
      ['MemberJoined', ids.dup],
      ['MemberJoined', ids.kari],
      ['MemberLeft', ids.dup],
    ]);
    await http.ok(`/groups/${ids.solo}/members`, { personId: ids.kari, role: 'chair' });
    await http.ok(`/groups/${ids.solo}/members/${ids.kari}/remove`);
    expect((await moves()).slice(3)).toEqual([
      ['MemberRoleChanged', ids.kari],
      ['MemberLeft', ids.kari],
    ]);
    // Neither record is a member any more.
    expect((await http.post(`/groups/${ids.solo}/members/${ids.kari}/remove`)).status).toBe(404);
  });
});
