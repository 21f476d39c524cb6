import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signLink } from '../../libs/reminders/src/reminder-links';
import { until } from '../../libs/reminders/testing/reminder-fixtures';
import { mailBodies, TestSmtpServer } from '../../libs/reminders/testing/smtp-test-server';
import { ApiProcess, client, READ_TOKEN, TOKEN } from './support/server';
import { signInByLink, signInLinkFor } from './support/sign-in';

// People and access over HTTP against the real server: sign-in by e-mail link, sessions, roles, limits.
jest.setTimeout(120_000);

const LINK_SECRET = `e2e-link-secret-${randomUUID()}`;
const dir = mkdtempSync(join(tmpdir(), 'tilneste-access-e2e-'));
const db = join(dir, 'access.db');
const smtp = new TestSmtpServer();
let api: ApiProcess;
const secrets: string[] = [];

beforeAll(async () => {
  await smtp.start();
  api = new ApiProcess(db, {
    SMTP_URL: smtp.url,
    TILNESTE_LINK_SECRET: LINK_SECRET,
    TILNESTE_EMBEDDED_WORKER: 'false',
  });
  await api.start();
});
afterAll(async () => {
  await api?.stop();
  await smtp.stop();
  rmSync(dir, { recursive: true, force: true });
});

const origin = () => api.url.replace(/\/api$/, '');
const ids: Record<string, string> = {};
const cookies: Record<string, string> = {};
const tokens: Record<string, string> = {};

/** Asks for a sign-in link by e-mail and returns the token from the e-mail that arrives. */
async function linkFor(email: string, server = api): Promise<string> {
  const token = await signInLinkFor(server, smtp, email);
  secrets.push(token);
  return token;
}

async function signIn(email: string): Promise<{ cookie: string; csrf: string }> {
  const { cookie, csrf, linkToken } = await signInByLink(api, smtp, email);
  secrets.push(linkToken, cookie.split('=')[1]);
  return { cookie, csrf };
}

/** A raw request, so a header can carry bytes fetch would refuse. */
function rawGet(path: string, authorization: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${api.url}${path}`);
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.setHeader('authorization', authorization.toString('latin1'));
    req.end();
  });
}

describe('people and access', () => {
  it('sets up two groups with a person in every role', async () => {
    const http = client(api);
    const person = async (key: string, name: string) =>
      (ids[key] = (await http.ok('/people', { name, email: `${key}@example.no` })).id);
    await person('secretariat', 'Sara Sekretær');
    await person('chair', 'Lars Leder');
    await person('member', 'Mona Medlem');
    await person('observer', 'Otto Observatør');
    await person('outsider', 'Ulla Utenfor');
    ids.group = (await http.ok('/groups', { name: 'Faggruppe for plan' })).id;
    ids.otherGroup = (await http.ok('/groups', { name: 'Faggruppe for vann' })).id;
    for (const role of ['secretariat', 'chair', 'member', 'observer'])
      await http.ok(`/groups/${ids.group}/members`, { personId: ids[role], role });
    await http.ok(`/groups/${ids.otherGroup}/members`, { personId: ids.outsider, role: 'secretariat' });
    ids.meeting = (
      await http.ok('/meetings', { groupId: ids.group, startsAt: '2030-03-20T09:00:00+01:00' })
    ).id;
    ids.next = (await http.ok('/meetings', { groupId: ids.group, startsAt: '2030-05-20T09:00:00+02:00' })).id;
    const commitment = async (personId: string, text: string) =>
      (
        await http.ok('/commitments', {
          meetingId: ids.meeting,
          text,
          owner: { personId },
          due: { nextMeeting: true },
        })
      ).id as string;
    ids.mine = await commitment(ids.member, 'Fordele arbeidet');
    ids.theirs = await commitment(ids.chair, 'Skrive notat');
    ids.other = await commitment(ids.member, 'Bestille rom');
    ids.matter = (await http.ok('/matters', { groupId: ids.group, title: 'Handlingsprogram' })).id;
    ids.wg = (
      await http.ok('/working-groups', {
        groupId: ids.group,
        name: 'Arbeidsgruppe 1',
        leadPersonId: ids.member,
      })
    ).id;
    ids.otherMeeting = (
      await http.ok('/meetings', { groupId: ids.otherGroup, startsAt: '2030-03-21T09:00:00+01:00' })
    ).id;
    ids.otherCommitment = (
      await http.ok('/commitments', {
        meetingId: ids.otherMeeting,
        text: 'Måle vannet',
        owner: { personId: ids.outsider },
        due: { nextMeeting: true },
      })
    ).id;
    ids.otherMatter = (await http.ok('/matters', { groupId: ids.otherGroup, title: 'Vannplan' })).id;
    ids.otherWg = (
      await http.ok('/working-groups', { groupId: ids.otherGroup, name: 'Arbeidsgruppe vann' })
    ).id;
  });

  it('signs in with an e-mail link: the GET shows a button and uses nothing, the POST signs in once', async () => {
    const token = await linkFor('member@example.no');
    const url = `${origin()}/logg-inn/${token}`;
    for (let i = 0; i < 2; i++) {
      const shown = await fetch(url);
      expect(shown.status).toBe(200);
      const html = await shown.text();
      expect(html).toContain('logge inn som Mona Medlem');
      expect(html).toContain(`<form method="post" action="/logg-inn/${token}">`);
      expect(shown.headers.get('set-cookie')).toBeNull();
    }
    const first = await fetch(url, { method: 'POST', redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const setCookie = first.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // PUBLIC_URL is http here
    const again = await fetch(url, { method: 'POST', redirect: 'manual' });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('brukt eller utløpt');
    expect((await fetch(url)).status).toBe(410);
    const cookie = setCookie.split(';')[0];
    secrets.push(cookie.split('=')[1]);
    const me = await fetch(`${api.url}/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    const body = (await me.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      personId: ids.member,
      name: 'Mona Medlem',
      roles: [{ groupId: ids.group, role: 'member' }],
      admin: false,
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    cookies.member = cookie;
    tokens.memberCsrf = body.csrfToken as string;
  });

  it('answers 202 for an unknown address and sends nothing', async () => {
    const before = smtp.received.length;
    const res = await fetch(`${api.url}/auth/sign-in-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@example.no' }),
    });
    expect(res.status).toBe(202);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received.length).toBe(before);
  });

  it('refuses a cookie write without the CSRF token, and takes it in the header', async () => {
    const progress = (headers: Record<string, string>) =>
      fetch(`${api.url}/commitments/${ids.mine}/progress`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookies.member, ...headers },
        body: JSON.stringify({ text: 'Godt i gang' }),
      });
    const refused = await progress({});
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/CSRF/);
    expect((await progress({ 'x-csrf-token': 'wrong' })).status).toBe(403);
    expect((await progress({ 'x-csrf-token': tokens.memberCsrf })).status).toBe(200);
    const audit = await client(api).get(`/audit?stream=commitment-${ids.mine}`);
    const last = audit.body.events.at(-1);
    expect(last.type).toBe('CommitmentProgressReported');
    expect(last.metadata.actor).toEqual({ kind: 'person', id: ids.member });
  });

  it('issues personal API tokens once, lists them without the secret, and revokes them', async () => {
    for (const role of ['secretariat', 'chair', 'observer', 'outsider']) {
      const { cookie, csrf } = await signIn(`${role}@example.no`);
      const made = await fetch(`${api.url}/me/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
        body: JSON.stringify({ name: 'skript' }),
      });
      expect(made.status).toBe(201);
      const { token } = (await made.json()) as { id: string; token: string };
      tokens[role] = token;
      secrets.push(token);
    }
    const member = client(api);
    const made = await member.post(
      '/me/tokens',
      { name: 'kalender' },
      { cookie: cookies.member, authorization: '', 'x-csrf-token': tokens.memberCsrf },
    );
    expect(made.status).toBe(201);
    tokens.member = made.body.token;
    secrets.push(tokens.member);
    const bearer = { authorization: `Bearer ${tokens.member}` };
    const listed = await member.get('/me/tokens', bearer);
    expect(listed.body.tokens).toEqual([expect.objectContaining({ id: made.body.id, name: 'kalender' })]);
    expect(JSON.stringify(listed.body)).not.toContain(tokens.member);

    const spare = (await member.post('/me/tokens', { name: 'engang' }, bearer)).body;
    expect((await member.get('/me', { authorization: `Bearer ${spare.token}` })).status).toBe(200);
    const revoked = await fetch(`${api.url}/me/tokens/${spare.id}`, { method: 'DELETE', headers: bearer });
    expect(revoked.status).toBe(204);
    expect((await member.get('/me', { authorization: `Bearer ${spare.token}` })).status).toBe(401);
  });

  describe('one allowed and one forbidden call per role and endpoint family', () => {
    type Call = { family: string; method: string; path: () => string; body?: () => unknown; text?: string };
    const calls: [Call, string][] = [
      [{ family: 'people', method: 'GET', path: () => `/people/${ids.member}` }, 'y y y y y y n'],
      [{ family: 'people', method: 'GET', path: () => `/people/${ids.outsider}/tasks` }, 'y y n n n n y'],
      [
        {
          family: 'people',
          method: 'POST',
          path: () => `/people/${ids.member}/details`,
          body: () => ({ organisation: `Org ${randomUUID()}` }),
        },
        'y n y n y n n',
      ],
      [
        { family: 'people', method: 'POST', path: () => '/people', body: () => ({ name: 'Ny Person' }) },
        'y n y n n n y',
      ],
      [{ family: 'groups', method: 'GET', path: () => `/groups/${ids.group}/dashboard` }, 'y y y y y y n'],
      [
        { family: 'groups', method: 'GET', path: () => `/groups/${ids.otherGroup}/next-agenda` },
        'y y n n n n y',
      ],
      [
        {
          family: 'groups',
          method: 'PUT',
          path: () => `/groups/${ids.group}/reminder-policy`,
          body: () => ({ offsets: ['P7D'] }),
        },
        'y n y n n n n',
      ],
      [
        { family: 'groups', method: 'POST', path: () => '/groups', body: () => ({ name: 'Enda en gruppe' }) },
        'y n n n n n n',
      ],
      [{ family: 'meetings', method: 'GET', path: () => `/meetings/${ids.meeting}` }, 'y y y y y y n'],
      [{ family: 'meetings', method: 'GET', path: () => `/meetings/${ids.otherMeeting}` }, 'y y n n n n y'],
      [
        {
          family: 'meetings',
          method: 'POST',
          path: () => `/meetings/${ids.next}/agenda-items`,
          body: () => ({ title: 'Eventuelt' }),
        },
        'y n y y n n n',
      ],
      [
        {
          family: 'meetings',
          method: 'POST',
          path: () => '/meetings',
          body: () => ({ groupId: ids.group, startsAt: '2031-01-01T09:00:00+01:00' }),
        },
        'y n y n n n n',
      ],
      [{ family: 'commitments', method: 'GET', path: () => `/commitments/${ids.mine}` }, 'y y y y y y n'],
      [
        {
          family: 'commitments',
          method: 'POST',
          path: () => `/commitments/${ids.otherCommitment}/progress`,
          body: () => ({ text: 'Målt' }),
        },
        'y n n n n n y',
      ],
      [
        {
          family: 'commitments',
          method: 'POST',
          path: () => `/commitments/${ids.mine}/progress`,
          body: () => ({ text: 'Litt til' }),
        },
        'y n y n y n n',
      ],
      [
        {
          family: 'commitments',
          method: 'POST',
          path: () => `/commitments/${ids.theirs}/progress`,
          body: () => ({ text: 'Ikke min' }),
        },
        'y n y y n n n',
      ],
      [{ family: 'matters', method: 'GET', path: () => `/matters/${ids.matter}/history` }, 'y y y y y y n'],
      [
        { family: 'matters', method: 'GET', path: () => `/matters/${ids.otherMatter}/history` },
        'y y n n n n y',
      ],
      [
        {
          family: 'matters',
          method: 'POST',
          path: () => '/matters',
          body: () => ({ groupId: ids.group, title: 'Ny sak' }),
        },
        'y n y n n n n',
      ],
      [{ family: 'working-groups', method: 'GET', path: () => `/working-groups/${ids.wg}` }, 'y y y y y y n'],
      [
        { family: 'working-groups', method: 'GET', path: () => `/working-groups/${ids.otherWg}` },
        'y y n n n n y',
      ],
      [
        {
          family: 'working-groups',
          method: 'POST',
          path: () => `/working-groups/${ids.wg}/status`,
          body: () => ({ status: 'active' }),
        },
        'y n y n y n n',
      ],
      [
        {
          family: 'imports',
          method: 'POST',
          path: () => '/imports/no-such-import/commit',
          body: () => ({ groupId: ids.otherGroup }),
        },
        '- n n n n n -',
      ],
      [
        {
          family: 'imports',
          method: 'POST',
          path: () => '/imports/no-such-import/commit',
          body: () => ({ groupId: ids.group }),
        },
        '- n - n n n n',
      ],
      [
        {
          family: 'imports',
          method: 'POST',
          path: () => '/imports/minutes',
          text: 'Referat fra møte i Faggruppe for plan\n\nSak 1 Godkjenning av innkalling\nVedtak: Godkjent.\n',
        },
        'y n y n n n y',
      ],
      [{ family: 'audit', method: 'GET', path: () => `/audit?stream=group-${ids.group}` }, 'y y y y y y n'],
      [
        { family: 'audit', method: 'GET', path: () => `/audit?stream=group-${ids.otherGroup}` },
        'y y n n n n y',
      ],
      [{ family: 'audit', method: 'GET', path: () => '/audit?actor=admin' }, 'y y n n n n n'],
      [{ family: 'reminders', method: 'GET', path: () => `/groups/${ids.group}/reminders` }, 'y y y y y y n'],
      [
        { family: 'reminders', method: 'GET', path: () => `/groups/${ids.otherGroup}/reminders` },
        'y y n n n n y',
      ],
      [{ family: 'reminders', method: 'GET', path: () => '/reminders/queue' }, 'y y n n n n n'],
      [{ family: 'account', method: 'GET', path: () => '/me' }, 'n n y y y y y'],
      [
        {
          family: 'account',
          method: 'PUT',
          path: () => `/people/${ids.observer}/admin`,
          body: () => ({ admin: false }),
        },
        'y n n n n n n',
      ],
      [{ family: 'account', method: 'GET', path: () => '/me/tokens' }, 'n n y y y y y'],
    ];
    const roles = ['admin', 'reader', 'secretariat', 'chair', 'member', 'observer', 'outsider'] as const;
    const bearer = (role: (typeof roles)[number]) =>
      role === 'admin' ? TOKEN : role === 'reader' ? READ_TOKEN : tokens[role];

    it.each(roles)('%s', async (role) => {
      const seen = new Map<string, { allowed: number; forbidden: number }>();
      const wrong: string[] = [];
      for (const [call, verdicts] of calls) {
        const verdict = verdicts.split(' ')[roles.indexOf(role)];
        if (verdict === '-') continue;
        const expected = verdict === 'y';
        const res = await fetch(`${api.url}${call.path()}`, {
          method: call.method,
          headers: {
            authorization: `Bearer ${bearer(role)}`,
            ...(call.text
              ? { 'content-type': 'text/plain; charset=utf-8' }
              : call.body
                ? { 'content-type': 'application/json' }
                : {}),
          },
          body: call.text ?? (call.body ? JSON.stringify(call.body()) : undefined),
        });
        const text = await res.text();
        const got = res.status >= 200 && res.status < 300;
        if (got !== expected || (!got && res.status !== 403))
          wrong.push(
            `${call.method} ${call.path()} → ${res.status} ${text.slice(0, 200)} (expected ${expected ? '2xx' : '403'})`,
          );
        const tally = seen.get(call.family) ?? { allowed: 0, forbidden: 0 };
        tally[expected ? 'allowed' : 'forbidden'] += 1;
        seen.set(call.family, tally);
      }
      expect(wrong).toEqual([]);
      const families = [...seen.values()];
      expect(families.some((f) => f.allowed > 0) && families.some((f) => f.forbidden > 0)).toBe(true);
    });

    it('has an allowed and a forbidden call in every family for every role but where a role has no right there at all', () => {
      // No right at all: the read token writes nothing and has no account; only the secretariat imports.
      // Nothing to forbid: the read token reads every audit trail and reminder list (they are read-only).
      const only: Record<string, string[]> = {
        'reader/imports': ['n'],
        'reader/account': ['n'],
        'chair/imports': ['n'],
        'member/imports': ['n'],
        'observer/imports': ['n'],
        'reader/audit': ['y'],
        'reader/reminders': ['y'],
      };
      for (const family of new Set(calls.map(([c]) => c.family))) {
        for (const role of roles) {
          const verdicts = calls
            .filter(([c]) => c.family === family)
            .map(([, v]) => v.split(' ')[roles.indexOf(role)]);
          const wanted = only[`${role}/${family}`] ?? (role === 'admin' ? ['y'] : ['y', 'n']);
          expect([`${role}/${family}`, wanted.every((v) => verdicts.includes(v))]).toEqual([
            `${role}/${family}`,
            true,
          ]);
        }
      }
    });
  });

  it('lets a person answer their own commitments, and refuses the rest with 403', async () => {
    const http = client(api);
    const as = { authorization: `Bearer ${tokens.member}` };
    expect((await http.post(`/commitments/${ids.theirs}/complete`, {}, as)).status).toBe(403);
    expect((await http.post(`/commitments/${ids.other}/complete`, {}, as)).status).toBe(200);
    expect((await http.get(`/people/${ids.member}/tasks`, as)).status).toBe(200);
    expect((await http.get(`/groups/${ids.otherGroup}/dashboard`, as)).status).toBe(403);
  });

  it("lets a working group's lead from outside its group see it and report its status, and nothing more", async () => {
    const http = client(api);
    const wg = (
      await http.ok('/working-groups', {
        groupId: ids.group,
        name: 'Gjesteledet gruppe',
        leadPersonId: ids.outsider,
      })
    ).id as string;
    const as = { authorization: `Bearer ${tokens.outsider}` };
    expect((await http.get(`/working-groups/${wg}`, as)).status).toBe(200);
    expect(
      (await http.post(`/working-groups/${wg}/status`, { status: 'active', text: 'I gang' }, as)).status,
    ).toBe(200);
    expect((await http.get(`/working-groups/${wg}`)).body).toMatchObject({ status: 'active' });
    expect((await http.post(`/working-groups/${wg}/lead`, { leadPersonId: ids.member }, as)).status).toBe(
      403,
    );
    expect((await http.get(`/groups/${ids.group}/dashboard`, as)).status).toBe(403);
    expect((await http.get(`/working-groups/${ids.wg}`, as)).status).toBe(403);
  });

  it("shows a working group's lead from outside its group the due meeting on the start page as text, not a link to a 403", async () => {
    const http = client(api);
    // The outsider's personal token: pages take it as they take a session, and no sign-in is spent (they are limited).
    const wg = (
      await http.ok('/working-groups', { groupId: ids.group, name: 'Stigruppe', leadPersonId: ids.outsider })
    ).id as string;
    await http.ok('/commitments', {
      meetingId: ids.meeting,
      text: 'Kartlegge turstiene',
      owner: { workingGroupId: wg },
      due: { nextMeeting: true },
    });
    const page = (path: string, token: string) =>
      fetch(`${origin()}${path}`, { headers: { authorization: `Bearer ${token}` }, redirect: 'manual' });
    const start = await page('/', tokens.outsider);
    expect(start.status).toBe(200);
    const html = await start.text();
    expect(html).toMatch(/Kartlegge turstiene – Frist: <span>[^<]+<\/span>/);
    expect(html).not.toContain(`href="/moter/${ids.next}"`);
    // The meeting is not theirs to open: a link there would have been a 403.
    expect((await page(`/moter/${ids.next}`, tokens.outsider)).status).toBe(403);
    // A member of the group still has the link, to a page that opens.
    expect(await (await page('/', tokens.member)).text()).toContain(`href="/moter/${ids.next}"`);
    expect((await page(`/moter/${ids.next}`, tokens.member)).status).toBe(200);
  });

  it('serves the pages through the same policy, with the session cookie and its CSRF token in forms', async () => {
    const made = await client(api).ok('/commitments', {
      meetingId: ids.meeting,
      text: 'Sidesak',
      owner: { personId: ids.member },
      due: { nextMeeting: true },
    });
    const page = (path: string, init: RequestInit = {}) =>
      fetch(`${origin()}${path}`, {
        ...init,
        redirect: 'manual',
        headers: { cookie: cookies.member, ...(init.headers as Record<string, string>) },
      });
    const tasks = await page(`/personer/${ids.member}/oppgaver`);
    expect(tasks.status).toBe(200);
    const html = await tasks.text();
    expect(html).toContain('Sidesak');
    expect(html).toContain(`name="_csrf" value="${tokens.memberCsrf}"`);
    expect((await page(`/grupper/${ids.group}`)).status).toBe(200);
    expect((await page(`/grupper/${ids.otherGroup}`)).status).toBe(403);
    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    const done = `/personer/${ids.member}/oppgaver/${made.id}/utfort`;
    expect((await page(done, form({}))).status).toBe(403);
    expect(
      (
        await page(
          `/personer/${ids.member}/oppgaver/${ids.theirs}/utfort`,
          form({ _csrf: tokens.memberCsrf }),
        )
      ).status,
    ).toBe(403);
    expect((await page(done, form({ _csrf: tokens.memberCsrf }))).status).toBe(303);
    expect((await client(api).get(`/commitments/${made.id}`)).body.status).toBe('completed');
  });

  it('exports everything about a person to that person or an admin, and to nobody else', async () => {
    const http = client(api);
    const own = await http.get(`/people/${ids.member}/export`, { authorization: `Bearer ${tokens.member}` });
    expect(own.status).toBe(200);
    expect(own.body.person).toMatchObject({
      id: ids.member,
      name: 'Mona Medlem',
      email: 'member@example.no',
    });
    expect(own.body.memberships).toEqual([{ groupId: ids.group, role: 'member' }]);
    expect(own.body.commitmentsOwned.map((c: { id: string }) => c.id)).toContain(ids.mine);
    expect(own.body.events.aboutThem[0].type).toBe('PersonRegistered');
    expect(own.body.events.byThem.map((e: { type: string }) => e.type)).toContain(
      'CommitmentProgressReported',
    );
    expect(JSON.stringify(own.body)).not.toContain(tokens.member);
    expect((await http.get(`/people/${ids.member}/export`)).status).toBe(200);
    expect(
      (await http.get(`/people/${ids.member}/export`, { authorization: `Bearer ${tokens.secretariat}` }))
        .status,
    ).toBe(403);
    expect(
      (await http.get(`/people/${ids.member}/export`, { authorization: `Bearer ${READ_TOKEN}` })).status,
    ).toBe(403);
  });

  it('answers a non-ASCII bearer token with 401, whatever its length', async () => {
    const sameLength = Buffer.from(`${TOKEN.slice(0, -1)}é`, 'latin1');
    expect(sameLength.length).toBe(TOKEN.length);
    expect(await rawGet('/groups/x/dashboard', Buffer.concat([Buffer.from('Bearer '), sameLength]))).toBe(
      401,
    );
    expect(await rawGet('/groups/x/dashboard', Buffer.from('Bearer ÆØÅ', 'latin1'))).toBe(401);
  });

  it('keeps a session over a restart, and sign-out ends it on the server', async () => {
    await api.restart();
    const me = await fetch(`${api.url}/me`, { headers: { cookie: cookies.member } });
    expect(me.status).toBe(200);
    const refused = await fetch(`${api.url}/auth/sign-out`, {
      method: 'POST',
      headers: { cookie: cookies.member },
    });
    expect(refused.status).toBe(403);
    const out = await fetch(`${api.url}/auth/sign-out`, {
      method: 'POST',
      headers: { cookie: cookies.member, 'x-csrf-token': tokens.memberCsrf },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/i);
    expect((await fetch(`${api.url}/me`, { headers: { cookie: cookies.member } })).status).toBe(401);
  });

  it('a sign-in link stops working once it expires', async () => {
    const short = new ApiProcess(join(dir, 'expiry.db'), {
      SMTP_URL: smtp.url,
      SIGN_IN_LINK_TTL: 'PT2S',
      TILNESTE_EMBEDDED_WORKER: 'false',
    });
    await short.start();
    try {
      await client(short).ok('/people', { name: 'Rask Rolf', email: 'rolf@example.no' });
      const token = await linkFor('rolf@example.no', short);
      await new Promise((r) => setTimeout(r, 2_500));
      const url = `http://127.0.0.1:${short.port}/logg-inn/${token}`;
      expect((await fetch(url)).status).toBe(410);
      const used = await fetch(url, { method: 'POST', redirect: 'manual' });
      expect(used.status).toBe(410);
      expect(used.headers.get('set-cookie')).toBeNull();
    } finally {
      await short.stop();
    }
  });

  describe('reminder links', () => {
    const link = (
      action: 'done' | 'progress',
      commitmentId: string,
      personId = ids.member,
      issuedAt = Date.now(),
    ) =>
      `${api.url}/links/${signLink(
        {
          action,
          commitmentId,
          personId,
          meetingId: ids.next,
          offset: 'P7D',
          version: 1,
          issuedAt,
          expiresAt: Date.now() + 86_400_000,
        },
        LINK_SECRET,
      )}`;
    const post = (url: string, form: Record<string, string> = {}) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });
    const events = async (id: string) =>
      (await client(api).get(`/audit?stream=commitment-${id}`)).body.events as { type: string }[];

    it('acts only on the commitment and the person it names, and never opens a session', async () => {
      ids.linked = (
        await client(api).ok('/commitments', {
          meetingId: ids.meeting,
          text: 'Lenkesak',
          owner: { personId: ids.member },
          due: { meetingId: ids.next },
        })
      ).id;
      const good = link('done', ids.linked);
      const payload = good.slice(good.lastIndexOf('/') + 1).split('.')[0];
      const swapped = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), c: ids.theirs }),
      ).toString('base64url');
      const other = await post(good.replace(payload, swapped));
      expect(other.status).toBe(400);
      expect((await post(link('done', ids.theirs, ids.member))).status).toBe(409);
      expect((await events(ids.theirs)).map((e) => e.type)).not.toContain('CommitmentCompleted');
      const shown = await fetch(good);
      expect(shown.status).toBe(200);
      expect(shown.headers.get('set-cookie')).toBeNull();
    });

    it('reports progress once per link', async () => {
      const url = link('progress', ids.linked);
      const first = await post(url, { text: 'Halvveis' });
      expect(first.status).toBe(200);
      const second = await post(url, { text: 'Halvveis igjen' });
      expect(second.status).toBe(410);
      expect(await second.text()).toContain('allerede brukt');
      expect((await events(ids.linked)).filter((e) => e.type === 'CommitmentProgressReported')).toHaveLength(
        1,
      );
    });

    it('stops once the item was handed on and back after the e-mail', async () => {
      const url = link('done', ids.linked, ids.member, Date.now() - 1000);
      const http = client(api);
      await http.ok(`/commitments/${ids.linked}/reassign`, { owner: { personId: ids.chair } });
      await http.ok(`/commitments/${ids.linked}/reassign`, { owner: { personId: ids.member } });
      const res = await post(url);
      expect(res.status).toBe(410);
      expect((await events(ids.linked)).map((e) => e.type)).not.toContain('CommitmentCompleted');
      // A link made after the moves still works.
      expect((await post(link('done', ids.linked))).status).toBe(200);
    });
  });

  it('sends security headers and no X-Powered-By, and checks X-Correlation-Id before storing it', async () => {
    const res = await fetch(`${api.url}/health`);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    // No inline style either: a stylesheet from elsewhere or a style="…" that slipped into a page is refused.
    expect(csp).toMatch(/style-src 'self'(;|$)/);
    // Served over plain http here: an upgrade to https would send the browser where nothing answers.
    expect(csp).not.toContain('upgrade-insecure-requests');
    const http = client(api);
    const long = await http.post('/people', { name: 'Lang Id' }, { 'x-correlation-id': 'x'.repeat(500) });
    expect(long.status).toBe(400);
    expect(long.body.error.issues[0].path).toEqual(['X-Correlation-Id']);
    const odd = await http.post('/people', { name: 'Rar Id' }, { 'x-correlation-id': 'a b<script>' });
    expect(odd.status).toBe(400);
    expect(
      (await http.post('/people', { name: 'God Id' }, { 'x-correlation-id': 'req-123.abc' })).status,
    ).toBe(201);
  });

  it('asks browsers to upgrade to https when the public address is https', async () => {
    const behindTls = new ApiProcess(join(dir, 'https.db'), {
      TILNESTE_EMBEDDED_WORKER: 'false',
      PUBLIC_URL: 'https://tilneste.example.no',
    });
    await behindTls.start();
    try {
      const csp = (await fetch(`${behindTls.url}/health`)).headers.get('content-security-policy')!;
      expect(csp).toContain('upgrade-insecure-requests');
    } finally {
      await behindTls.stop();
    }
  });

  it('pages the lists that grow: a limit with a maximum and a cursor', async () => {
    const http = client(api);
    const walk = async (path: string, field: string) => {
      const seen: unknown[] = [];
      let cursor: string | null = null;
      do {
        const sep = path.includes('?') ? '&' : '?';
        const res: { status: number; body: Record<string, unknown> } = await http.get(
          `${path}${sep}limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        expect((res.body[field] as unknown[]).length).toBeLessThanOrEqual(1);
        seen.push(...(res.body[field] as unknown[]));
        cursor = res.body.nextCursor as string | null;
      } while (cursor);
      return seen;
    };
    const all = (await http.get(`/audit?stream=commitment-${ids.mine}`)).body.events;
    expect(all.length).toBeGreaterThan(2);
    expect(await walk(`/audit?stream=commitment-${ids.mine}`, 'events')).toEqual(all);
    const byActor = (await http.get('/audit?actor=admin')).body.events;
    expect(await walk('/audit?actor=admin', 'events')).toEqual(byActor);
    const tasks = (await http.get(`/people/${ids.member}/tasks?status=all`)).body.tasks;
    expect(tasks.length).toBeGreaterThan(1);
    expect(await walk(`/people/${ids.member}/tasks?status=all`, 'tasks')).toEqual(tasks);
    expect(await walk(`/matters/${ids.matter}/history`, 'timeline')).toEqual(
      (await http.get(`/matters/${ids.matter}/history`)).body.timeline,
    );
    expect((await http.get('/audit?actor=admin&limit=10001')).status).toBe(400);
    expect((await http.get(`/people/${ids.member}/tasks?cursor=${'x'.repeat(10)}`)).status).toBe(400);
  });

  it('rate-limits sign-in links per account with 429 and Retry-After', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 12; i++) {
      last = await fetch(`${api.url}/auth/sign-in-link`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'observer@example.no' }),
      });
      if (last.status === 429) break;
      expect(last.status).toBe(202);
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('keeps its data files owner-only', () => {
    const files = readdirSync(dir).filter((f) => f.startsWith('access.'));
    // The store, the sign-in store and the read models' snapshot (written at the restart above) at least.
    expect(files).toEqual(expect.arrayContaining(['access.db', 'access.auth.db', 'access.db.snapshot']));
    for (const file of files) {
      expect([file, (statSync(join(dir, file)).mode & 0o777).toString(8)]).toEqual([file, '600']);
    }
  });

  describe('the sign-in pages', () => {
    const html = { accept: 'text/html,application/xhtml+xml' };
    const form = (fields: Record<string, string>, cookie?: string) => ({
      method: 'POST',
      redirect: 'manual' as const,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...html,
        ...(cookie ? { cookie } : {}),
      },
      body: new URLSearchParams(fields).toString(),
    });

    it('sends a browser without a session to /logg-inn, and a script gets its 401', async () => {
      for (const path of ['/', `/grupper/${ids.group}`, `/personer/${ids.member}/oppgaver`]) {
        const res = await fetch(`${origin()}${path}`, { headers: html, redirect: 'manual' });
        const back = path === '/' ? '/logg-inn' : `/logg-inn?neste=${encodeURIComponent(path)}`;
        expect([path, res.status, res.headers.get('location')]).toEqual([path, 303, back]);
      }
      expect((await fetch(`${origin()}/grupper/${ids.group}`, { redirect: 'manual' })).status).toBe(401);
      const page = await fetch(`${origin()}/logg-inn`, { headers: html });
      expect(page.status).toBe(200);
      const text = await page.text();
      expect(text).toContain('<html lang="nb"');
      expect(text).toContain('<label class="ds-label" for="email">E-postadresse</label>');
      expect(text).toContain('<form method="post" action="/logg-inn"');
    });

    it('e-mails a link from the form, answers the same for an unknown address, and marks a bad one', async () => {
      const before = smtp.to('chair@example.no').length;
      const asked = await fetch(`${origin()}/logg-inn`, form({ email: 'Chair@Example.no' }));
      expect(asked.status).toBe(200);
      const sent = await asked.text();
      expect(sent).toContain('Sjekk e-posten din');
      await until(() => smtp.to('chair@example.no').length > before, 10_000, 'the sign-in e-mail');
      secrets.push(
        /\/logg-inn\/([A-Za-z0-9_-]{43})/.exec(mailBodies(smtp.to('chair@example.no').at(-1)!.raw))![1],
      );
      const unknown = await fetch(`${origin()}/logg-inn`, form({ email: 'ingen@example.no' }));
      expect(unknown.status).toBe(200);
      expect(await unknown.text()).toBe(sent);
      const bad = await fetch(`${origin()}/logg-inn`, form({ email: 'ikke en adresse' }));
      expect(bad.status).toBe(400);
      const marked = await bad.text();
      expect(marked).toMatch(/<input[^>]*id="email"[^>]*aria-invalid="true"/);
      expect(marked).toContain('id="email-error"');
    });

    it('leads on to the page asked for once signed in, through the form and the e-mailed link', async () => {
      const asked = `/arbeidsgrupper/${ids.wg}?lang=en`;
      const sent = await fetch(`${origin()}${asked}`, { headers: html, redirect: 'manual' });
      const signInPage = sent.headers.get('location')!;
      expect(signInPage).toBe(`/logg-inn?neste=${encodeURIComponent(asked)}`);
      expect(await (await fetch(`${origin()}${signInPage}`, { headers: html })).text()).toContain(
        `<input type="hidden" name="neste" value="/arbeidsgrupper/${ids.wg}?lang=en"/>`,
      );
      const before = smtp.to('member@example.no').length;
      const posted = await fetch(`${origin()}/logg-inn`, form({ email: 'member@example.no', neste: asked }));
      expect(posted.status).toBe(200);
      // Asked again from the page that says the link went, it still leads on to the same page.
      expect(await posted.text()).toContain(
        `<input type="hidden" name="neste" value="/arbeidsgrupper/${ids.wg}?lang=en"/>`,
      );
      await until(() => smtp.to('member@example.no').length > before, 10_000, 'the sign-in e-mail');
      const link = /\/logg-inn\/([A-Za-z0-9_-]{43})\?neste=([^\s"<]+)/.exec(
        mailBodies(smtp.to('member@example.no').at(-1)!.raw),
      )!;
      secrets.push(link[1]);
      expect(decodeURIComponent(link[2])).toBe(asked);
      const confirm = await (await fetch(`${origin()}${link[0]}`, { headers: html })).text();
      expect(confirm).toContain(`action="/logg-inn/${link[1]}?neste=${encodeURIComponent(asked)}"`);
      const signedIn = await fetch(`${origin()}${link[0]}`, form({}));
      expect([signedIn.status, signedIn.headers.get('location')]).toEqual([303, asked]);
      const cookie = signedIn.headers.get('set-cookie')!.split(';')[0];
      secrets.push(cookie.split('=')[1]);
      expect((await fetch(`${origin()}${asked}`, { headers: { ...html, cookie } })).status).toBe(200);
    });

    it('never leads anywhere but to a page of ours after signing in', async () => {
      // Someone of their own: the others' sign-in links are counted against their budgets elsewhere here.
      await client(api).ok('/people', { name: 'Vera Videre', email: 'vera@example.no' });
      const token = await linkFor('vera@example.no');
      const elsewhere = ['//evil.example/x', '/\\evil.example', 'https://evil.example/', '/api/me'];
      for (const back of elsewhere) {
        const query = `?neste=${encodeURIComponent(back)}`;
        const signInPage = await (await fetch(`${origin()}/logg-inn${query}`, { headers: html })).text();
        const confirm = await (
          await fetch(`${origin()}/logg-inn/${token}${query}`, { headers: html })
        ).text();
        expect([back, signInPage.includes('name="neste"'), confirm.includes('neste=')]).toEqual([
          back,
          false,
          false,
        ]);
      }
      // A link opened with a crafted address signs in all the same, and leads to the start page.
      const res = await fetch(
        `${origin()}/logg-inn/${token}?neste=${encodeURIComponent(elsewhere[0])}`,
        form({}),
      );
      expect([res.status, res.headers.get('location')]).toEqual([303, '/']);
    });

    it('signs out from the page header: the button carries the CSRF token, and the session ends', async () => {
      const { cookie, csrf } = await signIn('chair@example.no');
      const start = await fetch(`${origin()}/`, { headers: { ...html, cookie } });
      expect(start.status).toBe(200);
      const page = await start.text();
      expect(page).toContain('Faggruppe for plan');
      expect(page).not.toContain('Faggruppe for vann');
      expect(page).toContain('action="/logg-ut"');
      expect(page).toContain(`name="_csrf" value="${csrf}"`);
      expect((await fetch(`${origin()}/logg-ut`, form({}, cookie))).status).toBe(403);
      const out = await fetch(`${origin()}/logg-ut`, form({ _csrf: csrf }, cookie));
      expect(out.status).toBe(303);
      expect(out.headers.get('location')).toBe('/logg-inn?utlogget');
      expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/i);
      expect((await fetch(`${api.url}/me`, { headers: { cookie } })).status).toBe(401);
      const gone = await fetch(`${origin()}/`, { headers: { ...html, cookie }, redirect: 'manual' });
      expect(gone.headers.get('location')).toBe('/logg-inn');
    });

    it('sets up the first administrator with the admin token, once, and signs them in', async () => {
      const offered = await (await fetch(`${origin()}/logg-inn`, { headers: html })).text();
      expect(offered).toContain('action="/forste-gang"');
      const setup = (token: string) =>
        fetch(`${origin()}/forste-gang`, form({ token, name: 'Anne Admin', email: 'anne@example.no' }));
      const wrong = await setup(`${TOKEN}x`);
      expect(wrong.status).toBe(403);
      expect(wrong.headers.get('set-cookie')).toBeNull();
      expect(await wrong.text()).toMatch(/<input[^>]*id="setup-token"[^>]*aria-invalid="true"/);
      const done = await setup(TOKEN);
      expect(done.status).toBe(303);
      expect(done.headers.get('location')).toBe('/');
      const cookie = done.headers.get('set-cookie')!.split(';')[0];
      secrets.push(cookie.split('=')[1]);
      const me = (await (await fetch(`${api.url}/me`, { headers: { cookie } })).json()) as Record<
        string,
        unknown
      >;
      expect(me).toMatchObject({ name: 'Anne Admin', admin: true });
      const audit = await client(api).get(`/audit?stream=person-${me.personId as string}`);
      expect(audit.body.events[0].metadata.actor).toEqual({ kind: 'client', id: 'admin' });
      const start = await (await fetch(`${origin()}/`, { headers: { ...html, cookie } })).text();
      expect(start).toContain('Faggruppe for vann');
      expect(await (await fetch(`${origin()}/logg-inn`, { headers: html })).text()).not.toContain(
        '/forste-gang',
      );
      expect((await setup(TOKEN)).status).toBe(409);
    });
  });

  it('still answers every route of the API contract (../shared/docs/API.md) for the admin token', async () => {
    const http = client(api);
    const health = await http.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', eventStore: expect.any(String) });
    expect(['up', 'down']).toContain(health.body.redis);

    const created = async (path: string, body: unknown) => {
      const reply = await http.post(path, body);
      if (reply.status !== 201) throw new Error(`${path} → ${reply.status} ${JSON.stringify(reply.body)}`);
      expect(reply.etag).toMatch(/^"\d+"$/);
      return reply.body.id as string;
    };
    const answered = async (path: string, body: unknown = {}) => {
      const reply = await http.post(path, body);
      if (reply.status < 200 || reply.status > 299)
        throw new Error(`${path} → ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body;
    };
    const lead = await created('/people', {
      name: 'Kari Kontrakt',
      email: 'kari@example.no',
      organisation: 'Kommunen',
    });
    const other = await created('/people', { name: 'Per Kontrakt' });
    const group = await created('/groups', { name: 'Faggruppe for kontrakten' });
    for (const [personId, role] of [
      [lead, 'member'],
      [other, 'chair'],
    ] as const)
      await answered(`/groups/${group}/members`, { personId, role });
    const policy = await http.put(`/groups/${group}/reminder-policy`, { offsets: ['P7D', 'P1D'] });
    expect(policy.status).toBe(200);
    const meeting = await created('/meetings', {
      groupId: group,
      title: 'Møte 1',
      startsAt: '2025-03-20T09:00:00+01:00',
      endsAt: '2025-03-20T11:00:00+01:00',
      location: 'Rådhuset',
      online: false,
    });
    const next = await created('/meetings', { groupId: group, startsAt: '2031-05-20T09:00:00+02:00' });
    const spare = await created('/meetings', { groupId: group, startsAt: '2031-09-20T09:00:00+02:00' });
    await answered(`/meetings/${next}/reschedule`, { startsAt: '2031-05-21T09:00:00+02:00' });
    await answered(`/meetings/${spare}/cancel`, { reason: 'Ingen saker' });
    const item = (
      await answered(`/meetings/${meeting}/agenda-items`, { number: 1, title: 'Status', kind: 'round' })
    ).id as string;
    const later = (await answered(`/meetings/${meeting}/agenda-items`, { title: 'Budsjett' })).id as string;
    await answered(`/meetings/${meeting}/agenda-items/${later}/defer`, {});
    await answered(`/meetings/${meeting}/attendance`, { personId: lead, remote: true });
    await answered(`/meetings/${meeting}/attendance`, { personId: other, substituteFor: lead });
    const wg = await created('/working-groups', {
      groupId: group,
      name: 'AG Kontrakt',
      leadPersonId: lead,
      memberIds: [other],
      meetingId: meeting,
    });
    await answered(`/working-groups/${wg}/status`, { meetingId: meeting, status: 'active', text: 'I gang' });
    const matter = await created('/matters', { groupId: group, title: 'Avtalen' });
    const decision = (
      await answered(`/matters/${matter}/decisions`, {
        meetingId: meeting,
        agendaItemId: item,
        text: 'Godkjent',
        kind: 'approved',
      })
    ).id as string;
    await answered(`/matters/${matter}/decisions/${decision}/amend`, {
      meetingId: meeting,
      text: 'Godkjent med endring',
      reason: 'Retting',
    });
    const owners = [{ personId: lead }, { workingGroupId: wg }, { secretariat: true }];
    const dues = [{ nextMeeting: true }, { meetingId: next }, { date: '2031-06-01' }];
    const commitments: string[] = [];
    for (let i = 0; i < 3; i++)
      commitments.push(
        await created('/commitments', {
          meetingId: meeting,
          agendaItemId: item,
          matterId: matter,
          text: `Oppgave ${i + 1}`,
          owner: owners[i],
          due: dues[i],
        }),
      );
    await answered(`/commitments/${commitments[0]}/progress`, { text: 'Startet' });
    await answered(`/commitments/${commitments[1]}/reassign`, { owner: { personId: other } });
    await answered(`/commitments/${commitments[2]}/complete`, { note: 'Ferdig' });
    await answered(`/meetings/${meeting}/held`, {});

    const tasks = await http.get(`/people/${lead}/tasks`);
    expect(tasks.body.tasks[0]).toMatchObject({
      id: commitments[0],
      owner: { personId: lead },
      carriedOver: expect.any(Number),
    });
    const dashboard = await http.get(`/groups/${group}/dashboard`);
    expect(Object.keys(dashboard.body)).toEqual(
      expect.arrayContaining([
        'nextMeeting',
        'open',
        'overdue',
        'carriedOver',
        'byOwner',
        'workingGroups',
        'deferredItems',
      ]),
    );
    const agenda = await http.get(`/groups/${group}/next-agenda`);
    expect(agenda.body).toMatchObject({ meetingId: next, items: expect.any(Array) });
    const status = await http.get(`/working-groups/${wg}`);
    expect(status.body).toMatchObject({ id: wg, name: 'AG Kontrakt', status: 'active' });
    const history = await http.get(`/matters/${matter}/history`);
    expect(history.body.timeline.map((t: { text: string }) => t.text)).toContain('Godkjent med endring');
    const audit = await http.get(`/audit?stream=commitment-${commitments[2]}`);
    expect(audit.body.events.map((e: { type: string }) => e.type)).toEqual([
      'CommitmentMade',
      'CommitmentCompleted',
    ]);
    expect(audit.body.events[1].metadata.actor).toEqual({ kind: 'client', id: 'admin' });
    const exported = await http.get(`/people/${lead}/export`);
    expect(exported.body.person).toMatchObject({ id: lead, email: 'kari@example.no' });

    const parsed = await fetch(`${api.url}/imports/minutes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain; charset=utf-8' },
      body: 'Referat fra møte i Faggruppe for kontrakten 10. april 2025\n\nTil stede: Kari Kontrakt\n\nSak 1 Godkjenning av innkalling\nVedtak: Godkjent.\n',
    });
    expect(parsed.status).toBe(200);
    const draft = (await parsed.json()) as { id: string; draft: unknown };
    expect(draft.draft).toBeDefined();
    const committed = await http.post(`/imports/${draft.id}/commit`, { groupId: group });
    expect([committed.status, committed.body.error]).toEqual([201, undefined]);
    expect(committed.body).toMatchObject({ meetingId: expect.any(String), created: expect.any(Object) });
    const eventsBefore = (await http.get('/audit?actor=admin&limit=10000')).body.events.length;
    const again = await http.post(`/imports/${draft.id}/commit`, { groupId: group });
    expect(again.body.meetingId).toBe(committed.body.meetingId);
    expect((await http.get('/audit?actor=admin&limit=10000')).body.events.length).toBe(eventsBefore);
  });

  it('never writes the admin token, a session id or a link token to its log', () => {
    expect(api.output.length).toBeGreaterThan(0);
    for (const secret of [TOKEN, READ_TOKEN, LINK_SECRET, ...secrets])
      expect(api.output).not.toContain(secret);
  });
});
