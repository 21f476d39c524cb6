import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import mammoth from 'mammoth';
import type { Browser } from 'playwright-core';
import { ApiProcess, client, TOKEN } from '../support/server';
import { TestSmtpServer } from '../../../libs/reminders/testing/smtp-test-server';
import { launch, newPage, signedIn } from './browser';

// The downloads behind the pages, from the real server: the minutes .docx and the follow-up CSV through the
// links on the pages in Chromium (fetched by the browser context: Debian's headless Chromium cancels file
// downloads), and both iCal feeds fetched as a calendar app would (a token, then the secret URL without one).
jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-downloads-'));
const smtp = new TestSmtpServer();
let api: ApiProcess;
let http: ReturnType<typeof client>;
const ids: Record<string, string> = {};
let browser: Browser;
let origin: string;
const bearer = { authorization: `Bearer ${TOKEN}` };

beforeAll(async () => {
  // The browser starts while the API does and the story is written: neither waits for the other.
  const launching = launch().then((b) => (browser = b));
  await smtp.start();
  api = new ApiProcess(join(dir, 'downloads.db'), { TILNESTE_EMBEDDED_WORKER: 'false', SMTP_URL: smtp.url });
  await api.start();
  http = client(api);
  origin = api.url.replace(/\/api$/, '');
  await launching;
  ids.kari = (await http.ok('/people', { name: 'Kari Nordmann', email: 'kari@example.no' })).id;
  ids.substitute = (await http.ok('/people', { name: 'Per Vikar' })).id;
  ids.group = (await http.ok('/groups', { name: 'Faggruppe for plan' })).id;
  ids.otherGroup = (await http.ok('/groups', { name: 'Faggruppe for veg' })).id;
  ids.ola = (await http.ok('/people', { name: 'Ola Veg', email: 'ola@example.no' })).id;
  await http.ok(`/groups/${ids.otherGroup}/members`, { personId: ids.ola, role: 'chair' });
  await http.ok(`/groups/${ids.group}/members`, { personId: ids.kari, role: 'member' });
  ids.march = (
    await http.ok('/meetings', {
      groupId: ids.group,
      title: 'Møte i faggruppen',
      startsAt: '2025-03-20T09:00:00+01:00',
      location: 'Fylkeshuset',
    })
  ).id;
  ids.june = (
    await http.ok('/meetings', {
      groupId: ids.group,
      title: 'Møte i faggruppen',
      startsAt: '2031-06-12T09:00:00+02:00',
    })
  ).id;
  const item = (
    await http.ok(`/meetings/${ids.march}/agenda-items`, { number: 3, title: 'Handlingsprogram 2025' })
  ).id;
  await http.ok(`/meetings/${ids.march}/attendance`, { personId: ids.kari, remote: true });
  await http.ok(`/meetings/${ids.march}/attendance`, { personId: ids.substitute, substituteFor: ids.kari });
  ids.matter = (await http.ok('/matters', { groupId: ids.group, title: 'Handlingsprogram 2025' })).id;
  await http.ok(`/matters/${ids.matter}/decisions`, {
    meetingId: ids.march,
    agendaItemId: item,
    text: 'Handlingsprogrammet vedtas.',
    kind: 'adopted',
  });
  await http.ok('/commitments', {
    meetingId: ids.march,
    agendaItemId: item,
    text: 'Sende programmet til kommunene',
    owner: { personId: ids.kari },
    due: { nextMeeting: true },
  });
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await smtp.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('downloads and calendar feeds', () => {
  it('offers the minutes .docx on the meeting page once it is held, and finds the decision in it', async () => {
    const page = await newPage(browser, origin, { extraHTTPHeaders: bearer });
    // Not held yet: no minutes offered, and the address answers 409 with a page saying when they can be had.
    await page.goto(`/moter/${ids.march}`);
    expect(await page.locator('a[href$="/referat.docx"]').count()).toBe(0);
    expect(await page.locator('#minutes').innerText()).toContain(
      'Referatet kan lastes ned når møtet er avholdt.',
    );
    const early = await page.context().request.get(`/moter/${ids.march}/referat.docx`);
    expect(early.status()).toBe(409);
    expect(early.headers()['content-type']).toMatch(/^text\/html/);
    expect(await early.text()).toContain('Referatet er ikke klart');
    await http.ok(`/meetings/${ids.march}/held`);
    await page.goto(`/moter/${ids.march}`);
    const res = await page
      .context()
      .request.get((await page.locator('a[href$="/referat.docx"]').getAttribute('href'))!);
    expect(res.headers()['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const text = (await mammoth.extractRawText({ buffer: await res.body() })).value;
    expect(text).toContain('Vedtak: Handlingsprogrammet vedtas. (vedtatt – Handlingsprogram 2025)');
    expect(text).toContain('Per Vikar (i stedet for Kari Nordmann)');
    await page.context().close();
  });

  it('downloads the follow-up list from the dashboard as a CSV for Norwegian Excel', async () => {
    const page = await newPage(browser, origin, { extraHTTPHeaders: bearer });
    await page.goto(`/grupper/${ids.group}`);
    const res = await page
      .context()
      .request.get((await page.locator('a[href*="/oppfolging.csv"]').getAttribute('href'))!);
    const bytes = await res.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Gruppe;Møtedato;Sak/vedtak;Ansvarlig;Frist;Status;Siste fremdrift');
    expect(lines[1]).toBe(
      'Faggruppe for plan;20.03.2025;3 Handlingsprogram 2025: Sende programmet til kommunene;Kari Nordmann;12.06.2031;Åpen;',
    );
    await page.context().close();
  });

  it("lets a signed-in member download her group's list and her own calendar from the pages' links, and no one else's", async () => {
    const page = await signedIn(browser, api, smtp, 'kari@example.no');
    const get = async (href: string) => (await page.context().request.get(href)).status();
    await page.goto(`/grupper/${ids.group}`);
    const csv = (await page.locator('a[href*="/oppfolging.csv"]').getAttribute('href'))!;
    expect(await get(csv)).toBe(200);
    await page.goto(`/personer/${ids.kari}/oppgaver`);
    const calendar = (await page.locator('a[href$=".ics"]').getAttribute('href'))!;
    expect(calendar).toBe(`/kalender/personer/${ids.kari}.ics`);
    const feed = await page.context().request.get(calendar);
    expect(feed.status()).toBe(200);
    const todo = new ICAL.Component(ICAL.parse(await feed.text())).getFirstSubcomponent('vtodo')!;
    expect(todo.getFirstPropertyValue('summary')).toBe('Sende programmet til kommunene');
    expect(await get(`/kalender/grupper/${ids.group}.ics`)).toBe(200);
    // Another group's list and feed, and another person's calendar, stay closed to her.
    expect(await get(`/grupper/${ids.otherGroup}/oppfolging.csv`)).toBe(403);
    expect(await get(`/kalender/grupper/${ids.otherGroup}.ics`)).toBe(403);
    expect(await get(`/kalender/personer/${ids.ola}.ics`)).toBe(403);

    // Her own e-mail choices are one link from her list: she picks English for her e-mails.
    await page.goto(`/personer/${ids.kari}/oppgaver`);
    await Promise.all([
      page.waitForURL(/\/varsler\/[\w-]+\.[\w-]{43}$/),
      page.getByRole('link', { name: 'Mine e-postvarsler: hvilke påminnelser og hvilket språk' }).click(),
    ]);
    await expect(page.locator('h1').innerText()).resolves.toBe('Påminnelser fra Tilneste');
    await page.getByLabel('English', { exact: true }).check();
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Lagre valgene' }).click(),
    ]);
    const http = client(api);
    expect((await http.get(`/people/${ids.kari}/reminder-preferences`)).body.language).toBe('en');
    await http.put(`/people/${ids.kari}/reminder-preferences`, {
      reminders: 'all',
      chairDigest: true,
      calendarNotices: true,
      language: 'nb',
    });
    // Anyone else reading her list (here the admin token) is not offered her link.
    const asAdmin = await fetch(`${api.url.replace(/\/api$/, '')}/personer/${ids.kari}/oppgaver`, {
      headers: bearer,
    });
    expect(asAdmin.status).toBe(200);
    expect(await asAdmin.text()).not.toContain('/varsler/');
    await page.context().close();
  });

  it('serves both iCal feeds with a token and at the secret URLs without one', async () => {
    const group = await fetch(`${origin}/kalender/grupper/${ids.group}.ics`, { headers: bearer });
    expect(group.status).toBe(200);
    const events = new ICAL.Component(ICAL.parse(await group.text())).getAllSubcomponents('vevent');
    expect(events).toHaveLength(2);
    const urls = (await http.get(`/people/${ids.kari}/calendar`)).body as {
      personFeed: string;
      groupFeeds: { url: string }[];
    };
    const local = (url: string) => `${origin}${new URL(url).pathname}`;
    const person = await fetch(local(urls.personFeed));
    expect(person.status).toBe(200);
    const todo = new ICAL.Component(ICAL.parse(await person.text())).getFirstSubcomponent('vtodo')!;
    expect(todo.getFirstPropertyValue('summary')).toBe('Sende programmet til kommunene');
    expect(String(todo.getFirstPropertyValue('due'))).toBe('2031-06-12T07:00:00Z');
    expect((await fetch(local(urls.groupFeeds[0].url))).status).toBe(200);
    expect((await fetch(`${origin}/kalender/personer/${ids.kari}.ics`)).status).toBe(401);
  });

  // Last: it completes a commitment, which the feeds above would otherwise see.
  it('downloads the list the dashboard shows: the filter picked goes with the CSV link, and names the file', async () => {
    const done = (
      await http.ok('/commitments', {
        meetingId: ids.march,
        text: 'Sende referatet ut',
        owner: { personId: ids.kari },
        due: { nextMeeting: true },
      })
    ).id;
    await http.ok(`/commitments/${done}/complete`);
    const page = await newPage(browser, origin, { extraHTTPHeaders: bearer });
    await page.goto(`/grupper/${ids.group}`);
    const link = page.locator('a[href*="/oppfolging.csv"]');
    expect(await link.getAttribute('href')).toBe(`/grupper/${ids.group}/oppfolging.csv?status=open`);
    // With script the filter swaps the list in place: the link swapped with it carries the new filter.
    await Promise.all([page.waitForURL(/status=done/), page.locator('#f-state').selectOption('done')]);
    await page.locator('[data-commitment]').first().waitFor();
    expect(await link.getAttribute('href')).toBe(`/grupper/${ids.group}/oppfolging.csv?status=done`);
    const res = await page.context().request.get((await link.getAttribute('href'))!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('oppfolging-Faggruppe for plan-utførte.csv')}`,
    );
    const rows = (await res.text()).split('\r\n').slice(1, -1);
    expect(rows).toEqual([expect.stringMatching(/;Sende referatet ut;Kari Nordmann;.*;Utført;$/)]);
    await page.context().close();
  });
});
