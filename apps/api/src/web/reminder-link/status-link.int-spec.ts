import { signLink, type StatusLinkClaims } from '@tilneste/reminders';
import { ADMIN, buildStory, LINK_SECRET, WebTestApp, type WebStory } from '../testing/web-test-app';

// A working group's lead reports its status from the reminder e-mail's signed link, over HTTP against the real
// server on a real SQLite file: no sign-in, the lead as the actor, the rules checked on showing and on posting.
jest.setTimeout(60_000);

// The link routes' rate limits count in Redis under the app's own prefix (WebTestApp), so that other runs and
// suites from this address neither spend this one's budget nor have theirs spent by it.
const app = new WebTestApp();
let story: WebStory;
let outsider: string;
beforeAll(async () => {
  await app.start();
  story = await buildStory(app);
  outsider = await app.id('/people', { name: 'Ulla Utenfor', email: 'ulla@annet.example' });
});
afterAll(() => app.stop());

const link = (workingGroupId: string, personId: string, claims: Partial<StatusLinkClaims> = {}) =>
  `/api/links/${signLink(
    {
      action: 'status',
      workingGroupId,
      personId,
      meetingId: story.june,
      offset: 'P7D',
      version: 1,
      issuedAt: Date.now(),
      expiresAt: Date.now() + 3_600_000,
      ...claims,
    },
    LINK_SECRET,
  )}`;

const post = (path: string, fields: Record<string, string>) =>
  fetch(`${app.base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

/** The key of the form as the page rendered it. */
const keyIn = (html: string) => /name="_key" value="([0-9a-f-]{36})"/.exec(html)![1];

/** Opens the link and posts its form as rendered, with these fields. */
async function report(path: string, fields: Record<string, string>) {
  const shown = await app.get(path);
  expect(shown.status).toBe(200);
  return post(path, { _key: keyIn(await shown.text()), ...fields });
}

type Recorded = { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> };
const reports = async (workingGroupId: string) =>
  (
    await app.api<{ events: Recorded[] }>('GET', `/audit?stream=workinggroup-${workingGroupId}`)
  ).body.events.filter((e) => e.type === 'WorkingGroupStatusReported');

const formed = (name: string, leadPersonId: string) =>
  app.id('/working-groups', { groupId: story.group, name, leadPersonId, memberIds: [leadPersonId] });

describe("a working group's status link", () => {
  let wg: string;
  beforeAll(async () => {
    wg = await formed('Kartgruppa', story.kari);
  });

  it('shows the lead the working group, its latest report and the form, and records nothing', async () => {
    await app.api('POST', `/working-groups/${wg}/status`, {
      status: 'not-started',
      text: 'Ikke møttes ennå',
    });
    const res = await app.get(link(wg, story.kari));
    expect(res.status).toBe(200);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('set-cookie')).toBeNull();
    const html = await res.text();
    expect(html).toContain('<h1 class="ds-heading" data-size="lg">Meld status for arbeidsgruppen</h1>');
    expect(html).toContain('For Kari Nordmann');
    expect(html).toContain('Hvordan står det til med arbeidsgruppen «Kartgruppa»?');
    expect(html).toContain('Ikke møttes ennå');
    expect(html).toMatch(/<input[^>]*name="status" value="not-started" checked/);
    expect(html).toMatch(/<textarea[^>]*name="text"/);
    expect(html).toMatch(/<form method="post" action="\.\/[^"]+"/);
    expect(keyIn(html)).toMatch(/^[0-9a-f-]{36}$/);
    expect(await reports(wg)).toHaveLength(1);
  });

  it('records the report as the lead through the e-mail link, and a second post of the same form once', async () => {
    const path = link(wg, story.kari);
    const shown = await app.get(path);
    const fields = { _key: keyIn(await shown.text()), status: 'active', text: 'Første møte holdt' };
    const first = await post(path, fields);
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain('Takk! Statusen for arbeidsgruppen er registrert.');
    expect(html).toContain('Første møte holdt');
    expect(html).not.toContain('<form');
    const again = await post(path, fields);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('Takk! Statusen for arbeidsgruppen er registrert.');

    const recorded = await reports(wg);
    expect(recorded).toHaveLength(2);
    expect(recorded[1].data).toEqual({
      workingGroupId: wg,
      meetingId: null,
      status: 'active',
      text: 'Første møte holdt',
    });
    expect(recorded[1].metadata).toMatchObject({
      actor: { kind: 'person', id: story.kari },
      via: 'email-link',
      command: 'ReportWorkingGroupStatus',
    });
    const read = await app.api<Record<string, unknown>>('GET', `/working-groups/${wg}`);
    expect(read.body).toMatchObject({ status: 'active', statusText: 'Første møte holdt' });
  });

  it('lets the lead correct a report from the same link, and refuses the same form sent with other content', async () => {
    const path = link(wg, story.kari);
    const shown = await app.get(path);
    const key = keyIn(await shown.text());
    expect((await post(path, { _key: key, status: 'active', text: 'Andre møte holdt' })).status).toBe(200);
    // Gone back to the page and sent again with other words: not a double click, so not answered as one.
    const other = await post(path, { _key: key, status: 'done', text: 'Ferdig' });
    expect(other.status).toBe(409);
    const html = await other.text();
    expect(html).toContain('Dette skjemaet er allerede sendt med et annet innhold.');
    expect(html).toContain('Ferdig');
    // The form comes back with a key of its own: sent again, it records.
    expect(keyIn(html)).not.toBe(key);
    expect((await post(path, { _key: keyIn(html), status: 'done', text: 'Ferdig' })).status).toBe(200);
    expect((await reports(wg)).map((r) => r.data.text)).toEqual([
      'Ikke møttes ennå',
      'Første møte holdt',
      'Andre møte holdt',
      'Ferdig',
    ]);
  });

  it('records one report for a form sent twice at the same moment, and both of two forms sent together', async () => {
    const racing = await formed('Gruppe med dobbeltklikk', story.kari);
    const path = link(racing, story.kari);
    // A double click on a slow line: the same form, the same key, both in flight before either is answered.
    const shown = await app.get(path);
    const fields = { _key: keyIn(await shown.text()), status: 'active', text: 'Sendt to ganger' };
    const twice = await Promise.all([post(path, fields), post(path, fields)]);
    expect(twice.map((r) => r.status)).toEqual([200, 200]);
    expect((await reports(racing)).map((r) => r.data.text)).toEqual(['Sendt to ganger']);

    // Two forms opened from the link (two tabs), sent together: two writes to one stream, both recorded.
    const keys = await Promise.all(
      [app.get(path), app.get(path)].map(async (r) => keyIn(await (await r).text())),
    );
    expect(keys[0]).not.toBe(keys[1]);
    const together = await Promise.all([
      post(path, { _key: keys[0], status: 'active', text: 'Fra første fane' }),
      post(path, { _key: keys[1], status: 'done', text: 'Fra andre fane' }),
    ]);
    expect(together.map((r) => r.status)).toEqual([200, 200]);
    const texts = (await reports(racing)).map((r) => r.data.text);
    expect(texts).toHaveLength(3);
    expect(texts.slice(1).sort()).toEqual(['Fra andre fane', 'Fra første fane']);
  });

  it('refuses a form with the error beside its field, and records nothing', async () => {
    const path = link(wg, story.kari);
    const before = (await reports(wg)).length;
    const noStatus = await report(path, { text: 'Uten status' });
    expect(noStatus.status).toBe(400);
    const html = await noStatus.text();
    expect(html).toContain('id="status-status-error"');
    expect(html).toMatch(/<fieldset[^>]*id="status-status"[^>]*aria-describedby="status-status-error"/);
    expect(html).toContain('<a href="#status-status">');
    expect(html).toContain('Uten status');

    const tooLong = await report(path, { status: 'active', text: 'x'.repeat(5001) });
    expect(tooLong.status).toBe(400);
    const long = await tooLong.text();
    expect(long).toContain('id="status-text-error"');
    expect(long).toMatch(
      /<textarea[^>]*aria-invalid="true"[^>]*name="text"|name="text"[^>]*aria-invalid="true"/,
    );
    expect(long).toContain('Teksten er for lang: høyst 5000 tegn.');

    const badChoice = await report(path, { status: 'finished' });
    expect(badChoice.status).toBe(400);
    expect(await badChoice.text()).toContain('id="status-status-error"');

    const badKey = await post(path, { _key: 'not-a-key', status: 'active' });
    expect(badKey.status).toBe(400);
    expect(await reports(wg)).toHaveLength(before);
  });

  it("speaks the reader's language", async () => {
    const path = `${link(wg, story.kari)}?lang=en`;
    const html = await (await app.get(path)).text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain("Report the working group's status");
    expect(html).toContain('How is the working group “<span lang="nb">Kartgruppa</span>” getting on?');
    expect(html).toMatch(/<form method="post" action="\.\/[^"?]+\?lang=en"/);
  });

  it('refuses an expired or a tampered link the way the item links do, and records nothing', async () => {
    const before = (await reports(wg)).length;
    const expired = link(wg, story.kari, { expiresAt: Date.now() - 1000 });
    const shown = await app.get(expired);
    expect(shown.status).toBe(410);
    expect(await shown.text()).toContain('Lenken er utløpt');
    expect((await post(expired, { status: 'active' })).status).toBe(410);

    const good = link(wg, story.kari);
    const [payload, signature] = good.slice('/api/links/'.length).split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), p: story.eli }),
    ).toString('base64url');
    const tampered = await post(`/api/links/${forged}.${signature}`, { status: 'active' });
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toContain('Lenken er ugyldig');
    expect(await reports(wg)).toHaveLength(before);
  });

  it('stops once someone else leads the working group, naming them to a member of the group', async () => {
    const led = await formed('Gruppe for lederbytte', story.eli);
    const path = link(led, story.eli);
    const shown = await app.get(path);
    const key = keyIn(await shown.text());
    await app.api('POST', `/working-groups/${led}/lead`, { leadPersonId: story.ola });

    const refused = await app.get(path);
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain('Arbeidsgruppen ledes nå av Ola Leder, så lenken gjelder ikke lenger.');
    expect(html).not.toContain('<form');
    // The form she opened before the change is refused too.
    const posted = await post(path, { _key: key, status: 'active', text: 'For sent' });
    expect(posted.status).toBe(409);
    expect(await reports(led)).toEqual([]);
  });

  it('names nobody to a former lead from outside the group, who may not read its page', async () => {
    const led = await formed('Gruppe med gjest', outsider);
    await app.api('POST', `/working-groups/${led}/lead`, { leadPersonId: story.kari });
    const refused = await post(link(led, outsider), { status: 'active' });
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain('Du er ikke lenger leder for arbeidsgruppen, så lenken gjelder ikke lenger.');
    expect(html).not.toContain('Kari Nordmann');
    expect(await reports(led)).toEqual([]);
  });

  it('stops once the working group is dissolved, and names no working group that does not exist', async () => {
    const gone = await formed('Gruppe som avvikles', story.kari);
    await app.api('POST', `/working-groups/${gone}/dissolve`, { reason: null });
    const shown = await app.get(link(gone, story.kari));
    expect(shown.status).toBe(410);
    expect(await shown.text()).toContain('Arbeidsgruppen er avviklet');
    expect((await post(link(gone, story.kari), { status: 'active' })).status).toBe(410);
    expect(await reports(gone)).toEqual([]);
    expect((await app.get(link('finnes-ikke', story.kari))).status).toBe(404);
  });
});

describe("the working group's own page, at the address of its status form", () => {
  it('opens with the status form open and focused, for a reader who may report', async () => {
    const wg = await formed('Gruppe med egen adresse', story.kari);
    const res = await app.get(`/arbeidsgrupper/${wg}/status`, { authorization: `Bearer ${ADMIN}` });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<details[^>]*open[^>]*data-status-first/);
    expect(html).toContain('<summary autofocus');
    expect(html).toContain(`action="/arbeidsgrupper/${wg}/status"`);
    // The language link stays on this address.
    expect(html).toContain(`href="/arbeidsgrupper/${wg}/status?lang=en"`);
    // Its page at its own address keeps the form tucked away.
    const plain = await (await app.get(`/arbeidsgrupper/${wg}`, { authorization: `Bearer ${ADMIN}` })).text();
    expect(plain).not.toContain('data-status-first');
  });

  it('sends a browser that is not signed in to sign in, and back to this address afterwards', async () => {
    const res = await fetch(`${app.base}/arbeidsgrupper/wg-x/status`, {
      headers: { accept: 'text/html' },
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/logg-inn?neste=%2Farbeidsgrupper%2Fwg-x%2Fstatus');
  });
});
