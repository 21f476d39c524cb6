import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ApiProcess, client, READ_TOKEN, TOKEN } from '../support/server';
import {
  axeViolations,
  brokenWords,
  launch,
  newPage,
  overflowing,
  screenshot,
  scrollWidth,
  seriousViolations,
} from './browser';

// The pages in headless Chromium against the real server, on the story from ../shared/docs/DOMAIN.md.
jest.setTimeout(180_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-web-'));
const api = new ApiProcess(join(dir, 'web.db'), { TILNESTE_EMBEDDED_WORKER: 'false' });
const http = client(api);
const ids: Record<string, string> = {};
let browser: Browser;
let origin: string;
const bearer = { authorization: `Bearer ${TOKEN}` };

/** Text that runs script if any page put it into the HTML unescaped (or as a link). */
const XSS = {
  script: '<script>window.__xss = "script"</script>',
  attribute: '"><img src=x onerror="window.__xss=\'img\'">',
  quote: 'O\'Brien "sitat" <b>fet</b>',
  url: 'javascript:window.__xss="url"',
};
const xssText = (label: string) => `${label} ${XSS.script} ${XSS.attribute} ${XSS.quote} ${XSS.url}`;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function buildStory(): Promise<void> {
  const person = async (key: string, name: string, email: string | null) => {
    ids[key] = (
      await http.ok('/people', { name, ...(email ? { email } : {}), organisation: 'Eksempel kommune' })
    ).id;
  };
  await person('chair', 'Ola Leder', 'ola@example.no');
  await person('secretary', 'Siri Sekretær', 'siri@example.no');
  for (let i = 1; i <= 5; i++)
    await person(`lead${i}`, `Leder Nummer${i}`, i === 5 ? null : `leder${i}@example.no`);
  ids.group = (await http.ok('/groups', { name: 'Faggruppe for samfunnsplanlegging' })).id;
  await http.ok(`/groups/${ids.group}/members`, { personId: ids.chair, role: 'chair' });
  await http.ok(`/groups/${ids.group}/members`, { personId: ids.secretary, role: 'secretariat' });
  for (let i = 1; i <= 5; i++)
    await http.ok(`/groups/${ids.group}/members`, { personId: ids[`lead${i}`], role: 'member' });

  const meeting = async (key: string, startsAt: string, extra: Record<string, unknown> = {}) => {
    ids[key] = (await http.ok('/meetings', { groupId: ids.group, startsAt, ...extra })).id;
  };
  await meeting('march', '2025-03-20T09:00:00+01:00', {
    title: 'Møte i faggruppen',
    endsAt: '2025-03-20T11:00:00+01:00',
    location: 'Fylkeshuset',
  });
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
  const commit = async (text: string, owner: unknown, due: unknown = { nextMeeting: true }) =>
    (await http.ok('/commitments', { meetingId: ids.march, agendaItemId: ids.itemGroups, text, owner, due }))
      .id as string;
  ids.c2 = await commit('Fordele arbeidet mellom medlemmene', { workingGroupId: ids.wg2 });
  ids.c5 = await commit('Avholde første møte i arbeidsgruppen', { workingGroupId: ids.wg5 });
  ids.cSec = await commit('Sende ut oppdatert handlingsprogram', { secretariat: true });
  ids.c1 = await commit('Dele kontaktinformasjonen med gruppen', { personId: ids.lead1 });
  ids.cLate = await commit('Levere innspill til høringen', { personId: ids.lead3 }, { date: '2025-10-01' });

  ids.matter = (await http.ok('/matters', { groupId: ids.group, title: 'Handlingsprogram 2025' })).id;
  await http.ok(`/matters/${ids.matter}/proposal`, {
    meetingId: ids.march,
    text: 'Faggruppen legger fram et utkast til handlingsprogram for KG',
    reason: 'Første utkast',
  });
  await http.ok(`/matters/${ids.matter}/proposal`, {
    meetingId: ids.march,
    text: 'Faggruppen legger fram et revidert utkast til handlingsprogram for styret',
    reason: 'Endret etter drøfting',
  });
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
  await http.ok(`/matters/${ids.matter}/referrals`, {
    to: 'KG',
    meetingId: ids.march,
    note: 'Til orientering',
  });

  // March, June, September and December are held; group 5's item is carried over at each of the last three.
  await http.ok(`/meetings/${ids.march}/held`);
  await meeting('june', '2025-06-19T09:00:00+02:00');
  await meeting('september', '2025-09-18T09:00:00+02:00');
  await meeting('december', '2025-12-04T09:00:00+01:00');
  await meeting('next', inDays(30), { title: 'Neste møte', location: 'Rådhuset' });
  await http.ok(`/commitments/${ids.c2}/complete`, { note: 'Fordelt' });
  for (const key of ['june', 'september', 'december']) await http.ok(`/meetings/${ids[key]}/held`);
  // Made last and dated before the next one, so nothing is due at it: past, and never marked held or cancelled.
  await meeting('forgotten', '2025-11-06T09:00:00+01:00', { title: 'Glemt møte' });
}

/** A second group where every kind of text a person or an import can write holds script, quotes and a javascript: URL. */
async function buildHostileGroup(): Promise<void> {
  ids.xPerson = (await http.ok('/people', { name: xssText('Navn'), organisation: xssText('Org') })).id;
  ids.xGroup = (await http.ok('/groups', { name: xssText('Gruppe') })).id;
  await http.ok(`/groups/${ids.xGroup}/members`, { personId: ids.xPerson, role: 'chair' });
  ids.xMeeting = (
    await http.ok('/meetings', {
      groupId: ids.xGroup,
      startsAt: '2025-05-05T10:00:00+02:00',
      title: xssText('Møte'),
      location: xssText('Sted'),
    })
  ).id;
  const xItem = (
    await http.ok(`/meetings/${ids.xMeeting}/agenda-items`, {
      number: 1,
      title: xssText('Sak'),
      kind: 'discussion',
    })
  ).id;
  await http.ok(`/meetings/${ids.xMeeting}/agenda-items/${xItem}/defer`);
  await http.ok(`/meetings/${ids.xMeeting}/attendance`, { personId: ids.xPerson, remote: true });
  ids.xWg = (
    await http.ok('/working-groups', {
      groupId: ids.xGroup,
      name: xssText('Arbeidsgruppe'),
      leadPersonId: ids.xPerson,
      memberIds: [ids.xPerson],
    })
  ).id;
  await http.ok(`/working-groups/${ids.xWg}/status`, { status: 'active', text: xssText('Status') });
  ids.xMatter = (await http.ok('/matters', { groupId: ids.xGroup, title: xssText('Saken') })).id;
  await http.ok(`/matters/${ids.xMatter}/proposal`, { text: xssText('Forslag'), reason: xssText('Grunn') });
  await http.ok(`/matters/${ids.xMatter}/proposal`, {
    text: xssText('Nytt forslag'),
    reason: xssText('Grunn 2'),
  });
  const decision = (
    await http.ok(`/matters/${ids.xMatter}/decisions`, {
      meetingId: ids.xMeeting,
      agendaItemId: xItem,
      text: xssText('Vedtak'),
      kind: 'adopted',
    })
  ).id;
  await http.ok(`/matters/${ids.xMatter}/decisions/${decision}/amend`, {
    text: xssText('Endret vedtak'),
    reason: xssText('Endring'),
  });
  await http.ok(`/matters/${ids.xMatter}/referrals`, { to: xssText('Styret'), note: xssText('Notat') });
  ids.xCommitment = (
    await http.ok('/commitments', {
      meetingId: ids.xMeeting,
      agendaItemId: xItem,
      text: xssText('Oppgave'),
      owner: { personId: ids.xPerson },
      due: { nextMeeting: true },
    })
  ).id;
  await http.ok('/commitments', {
    meetingId: ids.xMeeting,
    text: xssText('Gruppeoppgave'),
    owner: { workingGroupId: ids.xWg },
    due: { date: '2025-06-01' },
  });
  await http.ok(`/commitments/${ids.xCommitment}/progress`, { text: xssText('Fremdrift') });
  await http.ok(`/meetings/${ids.xMeeting}/held`);
  await http.ok('/meetings', { groupId: ids.xGroup, startsAt: inDays(10), title: xssText('Neste') });
}

/** Every page, by name (for screenshots) and path. */
const pages = () => [
  ['start', '/'],
  ['dashboard', `/grupper/${ids.group}`],
  ['draft-agenda', `/grupper/${ids.group}/neste-saksliste`],
  ['group-meetings', `/grupper/${ids.group}/moter`],
  ['group-matters', `/grupper/${ids.group}/saker`],
  ['my-tasks', `/personer/${ids.lead5}/oppgaver`],
  ['meeting', `/moter/${ids.march}`],
  ['next-meeting', `/moter/${ids.next}`],
  ['matter', `/saker/${ids.matter}`],
  ['working-group', `/arbeidsgrupper/${ids.wg5}`],
  ['commitment', `/forpliktelser/${ids.c5}`],
  ['not-found', '/grupper/finnes-ikke'],
];

const hostilePages = () => [
  ['xss-start', '/'],
  ['xss-dashboard', `/grupper/${ids.xGroup}`],
  ['xss-draft-agenda', `/grupper/${ids.xGroup}/neste-saksliste`],
  ['xss-group-meetings', `/grupper/${ids.xGroup}/moter`],
  ['xss-group-matters', `/grupper/${ids.xGroup}/saker`],
  ['xss-my-tasks', `/personer/${ids.xPerson}/oppgaver`],
  ['xss-meeting', `/moter/${ids.xMeeting}`],
  ['xss-matter', `/saker/${ids.xMatter}`],
  ['xss-working-group', `/arbeidsgrupper/${ids.xWg}`],
];

const figure = (page: Page, key: string) => page.locator(`[data-figure="${key}"] dd`).innerText();

beforeAll(async () => {
  // The browser starts while the API does and the story is written: neither waits for the other.
  const launching = launch().then((b) => (browser = b));
  await api.start();
  origin = api.url.replace(/\/api$/, '');
  await buildStory();
  await buildHostileGroup();
  await launching;
});

afterAll(async () => {
  await browser?.close();
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the pages in a browser', () => {
  it('sends a reader with no credentials to the sign-in page, where they ask for a link', async () => {
    const page = await newPage(browser, origin);
    const response = await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/logg-inn');
    expect(response?.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('nb');
    expect(await page.locator('h1').innerText()).toBe('Logg inn for å se møtene dine');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');
    await page.getByLabel('E-postadresse', { exact: true }).first().fill('ikke en adresse');
    await page.getByRole('button', { name: 'Send meg en innloggingslenke' }).click();
    await page.waitForLoadState();
    const field = page.locator('#email');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toContain('email-error');
    expect(await seriousViolations(page)).toEqual([]);
    await field.fill('ola@example.no');
    await page.getByRole('button', { name: 'Send meg en innloggingslenke' }).click();
    await page.waitForLoadState();
    expect(await page.locator('h1').innerText()).toBe('Sjekk e-posten din');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-sent');
    await page.context().close();
  });

  it('sets up the first administrator in the browser, who then signs out from the header', async () => {
    const page = await newPage(browser, origin);
    await page.goto('/logg-inn');
    // A wrong token first: the summary takes the focus, the name and address stay, the token does not.
    await page.getByLabel('Administratornøkkel').fill('ikke-nøkkelen');
    await page.getByLabel('Navnet ditt').fill('Anne Admin');
    await page.locator('#setup-email').fill('anne.admin@example.no');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/forste-gang')),
      page.getByRole('button', { name: 'Opprett og logg inn' }).press('Enter'),
    ]);
    expect(refused.status()).toBe(403);
    await page.waitForLoadState();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('setup-errors');
    expect(await page.locator('#setup-errors').innerText()).toContain(
      'Administratornøkkel: Nøkkelen stemmer ikke.',
    );
    expect(await page.locator('#setup-token').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#setup-token').getAttribute('aria-describedby')).toBe('setup-token-error');
    expect(await page.locator('#setup-token').inputValue()).toBe('');
    expect(await page.getByLabel('Navnet ditt').inputValue()).toBe('Anne Admin');
    expect(await page.locator('#setup-email').inputValue()).toBe('anne.admin@example.no');
    // Drawn at /forste-gang, its language link is the sign-in page's.
    expect(await page.locator('a[hreflang="en"]').getAttribute('href')).toBe('/logg-inn?lang=en');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Administratornøkkel').fill(TOKEN);
    await page.getByRole('button', { name: 'Opprett og logg inn' }).click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('.site-header__who').innerText()).toBe('Innlogget som Anne Admin');
    expect(await page.locator('main').innerText()).toContain('Faggruppe for samfunnsplanlegging');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'start-signed-in');
    await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe('/logg-inn');
    expect(await page.getByRole('status').first().innerText()).toBe('Du er logget ut.');
    expect(await page.locator('#setup-token').count()).toBe(0);
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/logg-inn');
    await page.context().close();
  });

  it('answers an unknown or malformed id with a 404 page', async () => {
    for (const path of [
      '/grupper/finnes-ikke',
      '/moter/%00',
      `/saker/${'x'.repeat(500)}`,
      '/personer/%E2%80%AE/oppgaver',
      '/arbeidsgrupper/..%2F..',
      '/grupper/nei/neste-saksliste',
    ]) {
      const res = await fetch(`${origin}${path}`, { headers: bearer });
      expect([path, res.status, res.headers.get('content-type')?.split(';')[0]]).toEqual([
        path,
        404,
        'text/html',
      ]);
      expect(await res.text()).toContain('Fant ikke siden');
    }
    // A path no route has: the header still says who is reading, as on every page; a token that is not
    // ours gets the same 404 page, anonymous, not a 401.
    const unknown = await fetch(`${origin}/finnes-ikke`, { headers: bearer });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Innlogget som administrator (API-nøkkel)');
    const stranger = await fetch(`${origin}/finnes-ikke`, { headers: { authorization: 'Bearer ikke-vår' } });
    expect(stranger.status).toBe(404);
    const strangerPage = await stranger.text();
    expect(strangerPage).toContain('Fant ikke siden');
    expect(strangerPage).not.toContain('Innlogget som');
  });

  it('loads the dashboard with its figures, and filters it by working group, with and without script', async () => {
    const page = await newPage(browser, origin, { extraHTTPHeaders: bearer });
    await page.goto(`/grupper/${ids.group}`);
    expect(await page.locator('h1').innerText()).toBe('Oversikt: Faggruppe for samfunnsplanlegging');
    expect(await figure(page, 'open')).toBe('4');
    expect(await figure(page, 'overdue')).toBe('1');
    expect(await figure(page, 'carried')).toBe('3');
    expect(await figure(page, 'often')).toBe('3');
    expect(await page.locator('#next').innerText()).toContain('Neste møte');
    expect(await page.locator('#next').innerText()).toContain('Glemt møte');
    expect(await page.locator('.carried-often').innerText()).toContain(
      'Avholde første møte i arbeidsgruppen',
    );
    // The plot, and the same figures in a table for screen readers: one row per held meeting.
    expect(await page.locator('svg.plot__svg rect').count()).toBe(8);
    expect(await page.locator('#plot table tbody tr').count()).toBe(4);
    expect(await page.locator('a[href*="/oppfolging.csv?"]').count()).toBe(1);

    await page.selectOption('#f-wg', ids.wg5);
    await page.waitForSelector('#follow-up-results [data-shown="1"]');
    expect(await page.locator('#follow-up-results tbody tr').innerText()).toContain('Avholde første møte');
    expect(page.url()).toContain(`arbeidsgruppe=${ids.wg5}`);
    await page.selectOption('#f-state', 'overdue');
    await page.selectOption('#f-wg', '');
    // Both lists show one row: wait for the one asked for, not for the count the previous list also had.
    await page.waitForSelector('#follow-up-results tbody tr:has-text("Levere innspill til høringen")');
    expect(await page.locator('#follow-up-results tbody tr').count()).toBe(1);
    expect(page.url()).toContain('status=overdue');
    await page.context().close();

    const plain = await newPage(browser, origin, { extraHTTPHeaders: bearer, javaScriptEnabled: false });
    await plain.goto(`/grupper/${ids.group}`);
    await plain.selectOption('#f-wg', ids.wg5);
    await plain.click('.filters button[type="submit"]');
    await plain.waitForURL(/arbeidsgruppe=/);
    expect(await plain.locator('#follow-up-results [data-shown]').getAttribute('data-shown')).toBe('1');
    await plain.context().close();
  });

  it('answers a filter it does not know with 400: the summary takes the focus, its link leads to the field, axe passes', async () => {
    const page = await newPage(browser, origin, { extraHTTPHeaders: bearer });
    const answer = await page.goto(`/grupper/${ids.group}?status=ferdig`);
    expect(answer!.status()).toBe(400);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('filter-errors');
    expect(await page.locator('#f-state').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-state-error').innerText()).toContain('Velg en av disse: open (Åpne)');
    expect(await page.locator('#follow-up-results').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-filter-refused');
    // By keyboard: the summary's link takes the reader to the field, where a state is picked and sent.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#f-state');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#f-state$/);
    await page.selectOption('#f-state', 'overdue');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Vis');
    const [again] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(again!.status()).toBe(200);
    expect(page.url()).toContain('status=overdue');
    expect(await page.locator('[data-error-summary]').count()).toBe(0);
    expect(await page.locator('#follow-up-results tbody tr').innerText()).toContain(
      'Levere innspill til høringen',
    );
    await page.context().close();
  });

  it("has the next meeting's page say what the draft agenda gathers, link to it, and offer no minutes yet", async () => {
    const page = await newPage(browser, origin, { extraHTTPHeaders: bearer });
    await page.goto(`/grupper/${ids.group}`);
    await Promise.all([
      page.waitForURL(`${origin}/moter/${ids.next}`),
      page.locator(`#next a[href="/moter/${ids.next}"]`).click(),
    ]);
    expect(await page.locator('#agenda').innerText()).toContain('Dette er gruppens neste møte.');
    expect(await page.locator('a[href$="/referat.docx"]').count()).toBe(0);
    expect(await page.locator('#minutes').innerText()).toContain(
      'Referatet kan lastes ned når møtet er avholdt.',
    );
    const link = page.locator(`#agenda a[href="/grupper/${ids.group}/neste-saksliste"]`);
    const items = Number(/\((\d+) saker\)/.exec(await link.innerText())![1]);
    await link.focus();
    await Promise.all([page.waitForURL(/neste-saksliste$/), page.keyboard.press('Enter')]);
    expect(await page.locator('ol.agenda > li').count()).toBe(items);
    const minutes = await fetch(`${origin}/moter/${ids.next}/referat.docx`, { headers: bearer });
    expect(minutes.status).toBe(409);
    expect(await minutes.text()).toContain('Referatet kan lastes ned når møtet er avholdt.');
    await page.context().close();
  });

  it('marks a task done from "my tasks", and the dashboard counts change', async () => {
    const page = await newPage(browser, origin, { extraHTTPHeaders: bearer });
    await page.goto(`/personer/${ids.lead1}/oppgaver`);
    const task = page.locator(`[data-commitment="${ids.c1}"]`);
    expect(await task.innerText()).toContain('Dele kontaktinformasjonen med gruppen');
    await task.getByRole('button', { name: 'Marker som utført' }).click();
    await page.waitForSelector(`[data-open-count="0"]`);
    // The flash names the task, which has left the list.
    expect(await page.locator('#tasks').innerText()).toContain(
      '«Dele kontaktinformasjonen med gruppen» er registrert som utført.',
    );
    expect(await page.locator(`[data-commitment="${ids.c1}"]`).count()).toBe(0);

    await page.goto(`/grupper/${ids.group}`);
    expect(await figure(page, 'open')).toBe('3');
    // The chair can list it again: under "Utført", and under "Alle" beside the open ones.
    await page.selectOption('#f-state', 'done');
    await page.waitForSelector(`#follow-up-results [data-commitment="${ids.c1}"][data-status="completed"]`);
    expect(page.url()).toContain('status=done');
    expect(await page.locator('#follow-up-results [data-status="open"]').count()).toBe(0);
    expect(await page.locator(`[data-commitment="${ids.c1}"]`).innerText()).toContain('Utført');
    await page.selectOption('#f-state', 'all');
    await page.waitForSelector('#follow-up-results [data-status="open"]');
    expect(await page.locator(`#follow-up-results [data-commitment="${ids.c1}"]`).count()).toBe(1);
    expect(await page.locator('#follow-up-results [data-status="open"]').count()).toBe(3);
    await page.context().close();

    // Without script the same forms post and redirect: progress on group 5's item from its lead's list.
    const plain = await newPage(browser, origin, { extraHTTPHeaders: bearer, javaScriptEnabled: false });
    await plain.goto(`/personer/${ids.lead5}/oppgaver`);
    const item = plain.locator(`[data-commitment="${ids.c5}"]`);
    await item.locator('summary').click();
    await item.locator('textarea').fill('Første møte er avtalt');
    await item.getByRole('button', { name: 'Send' }).click();
    await plain.waitForURL(/melding=fremdrift/);
    expect(await plain.locator(`[data-commitment="${ids.c5}"]`).innerText()).toContain(
      'Første møte er avtalt',
    );
    const audit = (await http.get(`/audit?stream=commitment-${ids.c5}`)).body.events.at(-1);
    expect(audit).toMatchObject({ type: 'CommitmentProgressReported', metadata: { via: 'web' } });
    await plain.context().close();
  });

  it('says so, in place, when an item was handed to someone else after the list was opened', async () => {
    const page = await newPage(browser, origin, { extraHTTPHeaders: bearer });
    await page.goto(`/personer/${ids.lead3}/oppgaver`);
    const late = page.locator(`[data-commitment="${ids.cLate}"]`);
    expect(await late.count()).toBe(1);
    await http.ok(`/commitments/${ids.cLate}/reassign`, { owner: { personId: ids.lead2 } });
    await late.getByRole('button', { name: 'Marker som utført' }).click();
    await page.waitForSelector('h1:text("Det gikk ikke")');
    expect(await page.locator('main').innerText()).toContain('gitt til en annen');
    expect((await http.get(`/commitments/${ids.cLate}`)).body.status).toBe('open');
    await http.ok(`/commitments/${ids.cLate}/reassign`, { owner: { personId: ids.lead3 } });
    await page.context().close();
  });

  it('refuses to close an item from a list it is no longer on', async () => {
    const res = await fetch(`${origin}/personer/${ids.lead1}/oppgaver/${ids.cSec}/utfort`, {
      method: 'POST',
      headers: bearer,
      redirect: 'manual',
    });
    expect(res.status).toBe(409);
    expect((await http.get(`/commitments/${ids.cSec}`)).body.status).toBe('open');
  });

  it('shows a reader who may not answer for the items the list without its buttons', async () => {
    const page = await newPage(browser, origin, {
      extraHTTPHeaders: { authorization: `Bearer ${READ_TOKEN}` },
    });
    const shown = await page.goto(`/personer/${ids.lead5}/oppgaver`);
    expect(shown!.status()).toBe(200);
    expect(await page.locator(`[data-commitment="${ids.c5}"]`).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Marker som utført' }).count()).toBe(0);
    expect(await page.locator('form[action*="/oppgaver/"]').count()).toBe(0);
    await page.context().close();
  });

  it('gives a progress report of only spaces back beside its field, with and without script, the text kept', async () => {
    const made = async (text: string) =>
      (
        await http.ok('/commitments', {
          meetingId: ids.december,
          text,
          owner: { personId: ids.lead4 },
          due: { date: '2026-12-01' },
        })
      ).id as string;
    const first = await made('Skrive et notat om vegvedlikehold');
    const second = await made('Ringe rundt til kommunene');
    const list = `/personer/${ids.lead4}/oppgaver`;

    const page = await newPage(browser, origin, { extraHTTPHeaders: bearer });
    await page.goto(list);
    const item = page.locator(`[data-commitment="${second}"]`);
    await item.locator('summary').press('Enter');
    await item.locator('textarea').fill('   ');
    // Marks the page outside the list, to tell a swap of the list (what the form asks for) from one of all of <main>.
    await page.evaluate(() => document.querySelector('h1')?.setAttribute('data-before', 'yes'));
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/fremdrift')),
      item.getByRole('button', { name: 'Send' }).press('Enter'),
    ]);
    expect(answer.status()).toBe(400);
    await page.waitForSelector(`#progress-${second}-errors`);
    // Swapped in place: the list is still there, that task's form open, its error beside the field.
    expect(await page.locator('h1').innerText()).toBe('Oppgavene til Leder Nummer4');
    expect(await page.locator('h1').getAttribute('data-before')).toBe('yes');
    expect(await page.locator('.tasks > li').count()).toBe(2);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`progress-${second}-errors`);
    const field = page.locator(`#progress-${second}`);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toBe(`progress-${second}-error`);
    expect(await page.locator(`#progress-${second}-error`).innerText()).toBe(
      'Skriv litt om fremdriften før du sender.',
    );
    expect(await field.inputValue()).toBe('   ');
    expect(await page.locator(`[data-commitment="${second}"] details`).getAttribute('open')).not.toBeNull();
    expect(await page.locator(`[data-commitment="${first}"] details`).getAttribute('open')).toBeNull();
    expect(await page.locator('main').innerText()).not.toContain('invalid request');
    expect(await seriousViolations(page)).toEqual([]);
    // Then a real report from the same form is recorded.
    await field.fill('Halvparten er ringt');
    await page.locator(`[data-commitment="${second}"]`).getByRole('button', { name: 'Send' }).press('Enter');
    await page.waitForSelector('#tasks .flash .ds-alert');
    expect(await page.locator(`[data-commitment="${second}"]`).innerText()).toContain('Halvparten er ringt');
    await page.context().close();

    // Without script: the list again at the form's address, status 400, in bokmål or English only.
    for (const lang of ['nb', 'en'] as const) {
      const plain = await newPage(browser, origin, { extraHTTPHeaders: bearer, javaScriptEnabled: false });
      await plain.goto(`${list}?lang=${lang}`);
      const task = plain.locator(`[data-commitment="${first}"]`);
      await task.locator('summary').click();
      await task.locator('textarea').fill('  \n  ');
      // The answer to the post itself, then its page parsed (not every resource loaded): a failure says which of
      // the two never came.
      const [shown] = await Promise.all([
        plain.waitForResponse((r) => r.url().endsWith('/fremdrift') && r.request().method() === 'POST'),
        task.locator('button[type=submit]').last().click(),
      ]);
      await plain.waitForURL(/\/fremdrift$/, { waitUntil: 'domcontentloaded' });
      expect(shown.status()).toBe(400);
      expect(new URL(plain.url()).pathname).toBe(`${list}/${first}/fremdrift`);
      expect(await plain.locator(`#progress-${first}-error`).innerText()).toBe(
        lang === 'nb'
          ? 'Skriv litt om fremdriften før du sender.'
          : 'Please write something about the progress before sending.',
      );
      expect(await plain.locator(`#progress-${first}`).inputValue()).toBe('  \n  ');
      const other = lang === 'nb' ? 'en' : 'nb';
      const href = await plain.locator(`a[hreflang="${other}"]`).getAttribute('href');
      expect(href).toBe(`${list}?lang=${other}`);
      expect(await plain.locator('main').innerText()).not.toMatch(/invalid request|Ugyldig forespørsel/);
      await plain.context().close();
    }
    const audit = (await http.get(`/audit?stream=commitment-${first}`)).body.events;
    expect(audit.map((e: { type: string }) => e.type)).toEqual(['CommitmentMade']);
  });

  it('leaves the focus on the status message, not <body>, after "Marker som utført" and "Send" by keyboard', async () => {
    const made = async (text: string) =>
      (
        await http.ok('/commitments', {
          meetingId: ids.december,
          text,
          owner: { personId: ids.lead4 },
          due: { date: '2026-12-02' },
        })
      ).id as string;
    const done = await made('Sende ut referatet');
    const reported = await made('Samle inn innspill');
    const page = await newPage(browser, origin, { extraHTTPHeaders: bearer });
    await page.goto(`/personer/${ids.lead4}/oppgaver`);
    const active = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return el === document.body ? 'body' : `${el?.tagName} ${el?.textContent?.trim()}`;
      });

    await page
      .locator(`[data-commitment="${done}"]`)
      .getByRole('button', { name: 'Marker som utført' })
      .focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => !document.querySelector(`[data-commitment="${id}"]`), done);
    // The focus moves once htmx has settled the swap, a moment after the new list is in.
    const focusMoved = () => page.waitForFunction(() => document.activeElement !== document.body);
    await focusMoved();
    expect(await active()).toBe('DIV «Sende ut referatet» er registrert som utført.');
    // The next Tab goes on in the list, not back to the skip link at the top.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('#tasks'))).toBe(true);

    const item = page.locator(`[data-commitment="${reported}"]`);
    await item.locator('summary').press('Enter');
    await item.locator('textarea').fill('Tre innspill så langt');
    await item.getByRole('button', { name: 'Send' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#tasks .flash :text("Fremdriften på «Samle inn innspill» er registrert.")');
    await focusMoved();
    expect(await active()).toBe('DIV Fremdriften på «Samle inn innspill» er registrert.');
    await page.context().close();
  });

  it('links a form refused in place to its own page in the other language, which answers 200', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded', ...bearer };
    const tasks = `/personer/${ids.lead5}/oppgaver`;
    const membership = `/personer/${ids.lead4}/grupper/${ids.group}`;
    const record = `/moter/${ids.next}/registrer`;
    const held = `/moter/${ids.march}/registrer`;
    const cases: [post: string, body: Record<string, string>, page: string][] = [
      ['/personer/ny', { name: 'Ny Person', email: 'bad' }, '/personer'],
      ['/personer/ny-gruppe', { name: '' }, '/personer'],
      ['/personer/medlem', {}, '/personer'],
      ['/personer/sla-sammen', {}, '/personer'],
      [`/personer/${ids.lead5}/epost`, { email: '' }, '/personer'],
      [`${membership}/rolle`, { role: '' }, membership],
      [`${membership}/fjern`, {}, membership],
      [
        `/grupper/${ids.group}/paminnelser/tidspunkter`,
        { offsets: 'om en uke' },
        `/grupper/${ids.group}/paminnelser`,
      ],
      [`/grupper/${ids.group}/nytt-mote`, {}, `/grupper/${ids.group}/nytt-mote`],
      [`${record}/flytt`, {}, record],
      [`${record}/saker`, {}, record],
      [`${record}/oppmote`, {}, record],
      [`${held}/vedtak`, { agendaItemId: ids.itemProgramme }, held],
      [`${held}/forpliktelser`, { agendaItemId: ids.itemProgramme }, held],
      [`${held}/arbeidsgrupper`, { agendaItemId: ids.itemGroups }, held],
      [`${held}/referat-godkjent`, {}, held],
      [
        `/moter/${ids.march}/registrer/vedtak/${ids.matter}/${ids.decision}/endre`,
        { text: '' },
        `/moter/${ids.march}/registrer`,
      ],
      [`/forpliktelser/${ids.c5}/frist`, {}, `/forpliktelser/${ids.c5}`],
      [`/arbeidsgrupper/${ids.wg5}/status`, { status: 'finished' }, `/arbeidsgrupper/${ids.wg5}`],
      [`/arbeidsgrupper/${ids.wg5}/avvikle`, {}, `/arbeidsgrupper/${ids.wg5}`],
      [`/grupper/${ids.group}/neste-saksliste/saker`, { title: '' }, `/grupper/${ids.group}/neste-saksliste`],
      [`${tasks}/${ids.c5}/fremdrift`, { text: '   ' }, tasks],
      ['/forste-gang', { token: 'feil', name: 'X', email: 'x@example.no' }, '/logg-inn'],
    ];
    const seen: unknown[] = [];
    for (const [post, body] of cases) {
      const res = await fetch(`${origin}${post}`, {
        method: 'POST',
        headers: form,
        body: new URLSearchParams(body).toString(),
        redirect: 'manual',
      });
      const html = await res.text();
      // Refused and drawn in place (not an error page, not a redirect), linking to its page, which a GET answers.
      const href = /<a class="ds-link" href="([^"]*)" hreflang="en"/.exec(html)?.[1];
      const followed = href
        ? (await fetch(`${origin}${href}`, { headers: bearer, redirect: 'manual' })).status
        : null;
      seen.push({
        post,
        refused: res.status >= 400 && res.status < 500,
        inPlace: /aria-invalid="true"|data-error-summary|role="alert"/.test(html),
        href,
        followed,
      });
    }
    expect(seen).toEqual(
      cases.map(([post, , own]) => ({
        post,
        refused: true,
        inPlace: true,
        href: `${own}?lang=en`,
        followed: 200,
      })),
    );
    // A post no page makes gets the error page, which has no page of its own: its language link is the start
    // page's, and it speaks bokmål only (no "(invalid request)").
    const error = await fetch(`${origin}/grupper/${ids.group}/paminnelser/send-igjen`, {
      method: 'POST',
      headers: form,
      body: '',
    });
    expect(error.status).toBe(400);
    const html = await error.text();
    expect(html).toContain('Noe var feil i skjemaet');
    expect(html).toContain('Ugyldig forespørsel');
    expect(html).not.toContain('invalid request');
    expect(html).toContain('<a class="ds-link" href="/?lang=en" hreflang="en"');
  });

  it("shows a matter's history with word-level changes, who recorded them, and the referral", async () => {
    const page = await newPage(browser, origin, { extraHTTPHeaders: bearer });
    await page.goto(`/saker/${ids.matter}`);
    const revised = page.locator('[data-type="ProposalRevised"]').nth(1);
    // A removed or added run is named in words for screen readers, in text that takes no room on screen.
    expect(await revised.locator('del').allTextContents()).toEqual(
      expect.arrayContaining(['fjernet: KG slutt på fjernet, ']),
    );
    expect((await revised.locator('ins').allTextContents()).join(' ')).toMatch(/lagt til: [^]*revidert/);
    const hidden = revised.locator('del .ds-sr-only').first();
    expect(await hidden.evaluate((e) => e.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
    // The new wording is shown whole above the diff.
    expect(await revised.locator('.diff__new').innerText()).toBe(
      'Ny tekst: Faggruppen legger fram et revidert utkast til handlingsprogram for styret',
    );
    const amended = page.locator('[data-type="DecisionAmended"]');
    expect((await amended.locator('ins').allTextContents()).join('')).toContain('med endringene i punkt 3');
    expect(await amended.locator('.diff__new').innerText()).toBe(
      'Ny tekst: Utkastet godkjennes med endringene i punkt 3',
    );
    expect(await amended.innerText()).toContain('Rettet etter innspill fra KG');
    expect(await amended.innerText()).toContain('Registrert av administrator');
    expect(await page.locator('[data-type="MatterReferred"]').innerText()).toContain('Sendt videre til KG');
    await page.context().close();
  });

  it('loads every page with no error in the console, its icon included, and the API docs too', async () => {
    const page = await newPage(browser, origin, { extraHTTPHeaders: bearer });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`/grupper/${ids.group}`);
    const icon = (await page.locator('link[rel="icon"]').getAttribute('href'))!;
    const served = await page.context().request.get(icon);
    expect([served.status(), served.headers()['content-type']]).toEqual([200, 'image/svg+xml']);
    await page.waitForLoadState('networkidle');
    expect({ errors, failed }).toEqual({ errors: [], failed: [] });
    // Every other page, and the API's documentation (Swagger UI), under the same CSP: a refused inline style
    // or script shows here as a console error. (The 404 page logs its own status; layout-pages checks it.)
    for (const [name, path] of [...pages().filter(([n]) => n !== 'not-found'), ['api-docs', '/api/docs']]) {
      await page.goto(path);
      if (name === 'api-docs') await page.locator('.opblock').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect({ name, errors, failed }).toEqual({ name, errors: [], failed: [] });
    }
    await page.context().close();
  });

  it('switches to English and remembers it', async () => {
    const page = await newPage(browser, origin, { extraHTTPHeaders: bearer });
    await page.goto(`/grupper/${ids.group}`);
    await page.getByRole('link', { name: 'Read this page in English' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').innerText()).toBe('Overview: Faggruppe for samfunnsplanlegging');
    // What people typed is read as Norwegian on the English page (WCAG 3.1.2): the group's name, a commitment.
    expect(await page.locator('h1 [lang="nb"]').innerText()).toBe('Faggruppe for samfunnsplanlegging');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`/personer/${ids.lead5}/oppgaver`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'Mark as done' }).count()).toBe(1);
    expect(await page.locator('.task__text [lang="nb"]').innerText()).toBe(
      'Avholde første møte i arbeidsgruppen',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'my-tasks-en');
    await page.getByRole('link', { name: 'Les denne siden på norsk' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('nb');
    await page.context().close();
  });

  it('words the draft agenda and the notice in English, while the API keeps its bokmål titles', async () => {
    const page = await newPage(browser, origin, { extraHTTPHeaders: bearer });
    await page.goto(`/grupper/${ids.group}/neste-saksliste?lang=en`);
    const titles = await page.locator('.agenda__title').allInnerTexts();
    expect(titles).toEqual(
      expect.arrayContaining([
        'Approval of the notice and agenda',
        'Approval of the minutes of the previous meeting',
        'Report from Arbeidsgruppe 1',
        'Follow-up: Sende ut oppdatert handlingsprogram (The secretariat)',
        'Any other business',
      ]),
    );
    const norwegian = /Godkjenning|Oppfølging|Rapport fra|Sekretariatet|Eventuelt/;
    expect(titles.filter((t) => norwegian.test(t))).toEqual([]);
    expect(await page.locator('#agenda-text').textContent()).not.toMatch(norwegian);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`/moter/${ids.next}/registrer?lang=en`);
    const notice = (await page.locator('#notice-text').textContent()) ?? '';
    expect(notice).toContain('Approval of the notice and agenda');
    expect(notice).toContain('Follow-up: Sende ut oppdatert handlingsprogram (The secretariat)');
    expect(notice).not.toMatch(norwegian);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();

    const api = (await http.get(`/groups/${ids.group}/next-agenda`)).body as { items: { title: string }[] };
    expect(api.items.map((i) => i.title)).toEqual(
      expect.arrayContaining([
        'Godkjenning av innkalling og saksliste',
        'Rapport fra Arbeidsgruppe 1',
        'Oppfølging: Sende ut oppdatert handlingsprogram (Sekretariatet)',
        'Eventuelt',
      ]),
    );
  });

  it('has no serious or critical axe violation on any page, fits 375 px (screenshotted with SCREENSHOTS=1)', async () => {
    const page = await newPage(browser, origin, { extraHTTPHeaders: bearer });
    for (const [name, path] of pages()) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(path);
      expect([name, await seriousViolations(page)]).toEqual([name, []]);
      await screenshot(page, name);
      await page.setViewportSize({ width: 375, height: 800 });
      await screenshot(page, `${name}-375`);
      const width = await scrollWidth(page);
      expect([name, width <= 375 ? [] : await overflowing(page, 375)]).toEqual([name, []]);
      expect(width).toBeLessThanOrEqual(375);
      // A fact's value (a task's owner, "Som leder av arbeidsgruppen", say) wraps between words, never inside one.
      expect([name, await brokenWords(page, '.facts dd, .task__facts dd')]).toEqual([name, []]);
    }
    await page.context().close();
  });

  it('never runs a <script>, an event handler or a javascript: URL from stored text, on any page', async () => {
    const page = await newPage(browser, origin, { extraHTTPHeaders: bearer });
    const dialogs: string[] = [];
    page.on('dialog', (d) => void dialogs.push(d.message()));
    for (const [name, path] of hostilePages()) {
      await page.goto(path);
      await page.waitForLoadState('load');
      expect([name, await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss)]).toEqual([
        name,
        undefined,
      ]);
      // The text is shown as written, not swallowed.
      expect([name, (await page.locator('main').innerText()).includes('<script>window.__xss')]).toEqual([
        name,
        true,
      ]);
      expect([name, await page.locator('main script, main img, main b').count()]).toEqual([name, 0]);
      const hrefs = await page
        .locator('a[href]')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect([name, hrefs.filter((h) => /^\s*javascript:/i.test(h))]).toEqual([name, []]);
      expect([name, await seriousViolations(page)]).toEqual([name, []]);
      await screenshot(page, name);
    }
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it('shows where the keyboard focus is', async () => {
    const page = await newPage(browser, origin, { extraHTTPHeaders: bearer });
    await page.goto(`/personer/${ids.lead5}/oppgaver`);
    const focused = () =>
      page.evaluate(() => {
        const el = (globalThis as unknown as { document: { activeElement: Element } }).document.activeElement;
        const style = (
          globalThis as unknown as {
            getComputedStyle: (e: Element) => {
              outlineStyle: string;
              outlineWidth: string;
              boxShadow: string;
            };
          }
        ).getComputedStyle(el);
        return {
          tag: el.tagName,
          text: (el.textContent ?? '').trim(),
          outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
          shadow: style.boxShadow !== 'none',
        };
      });
    await page.keyboard.press('Tab');
    const skip = await focused();
    expect(skip).toMatchObject({ tag: 'A', text: 'Gå til hovedinnhold' });
    expect(skip.outline || skip.shadow).toBe(true);
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      const now = await focused();
      expect([now.tag, now.outline || now.shadow]).toEqual([now.tag, true]);
    }
    await page.keyboard.press('Tab');
    await screenshot(page, 'focus-visible');
    await page.context().close();
  });

  it('lets the keyboard reach and scroll a table wider than a 375 px screen, which says so only then', async () => {
    const page = await newPage(browser, origin, {
      extraHTTPHeaders: bearer,
      viewport: { width: 375, height: 800 },
    });
    await page.goto(`/grupper/${ids.group}`);
    const box = page.locator('#follow-up .table-scroll');
    const state = () =>
      box.evaluate((el) => {
        const view = globalThis as unknown as {
          document: { activeElement: Element | null };
          getComputedStyle: (e: Element, pseudo?: string) => { visibility: string; outlineStyle: string };
        };
        return {
          focused: view.document.activeElement === el,
          overflows: el.scrollWidth > el.clientWidth,
          scrollLeft: el.scrollLeft,
          hint: view.getComputedStyle(el, '::before').visibility,
          outline: view.getComputedStyle(el).outlineStyle,
        };
      });
    expect(await box.getAttribute('role')).toBe('region');
    expect(await page.getByRole('region', { name: 'Tabell: Oppfølgingsliste', exact: true }).count()).toBe(1);
    expect(await state()).toMatchObject({ overflows: true, scrollLeft: 0, hint: 'visible' });

    // By Tab alone, from the filter's button just before it.
    await page.locator('#follow-up form button[type=submit]').focus();
    let tabs = 0;
    while (!(await state()).focused && tabs++ < 5) await page.keyboard.press('Tab');
    expect(await state()).toMatchObject({ focused: true, outline: 'solid' });
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect((await state()).scrollLeft).toBeGreaterThan(0);
    await screenshot(page, 'dashboard-table-scroll-375');
    expect(await seriousViolations(page)).toEqual([]);
    // Nor a landmark named as the section around it (axe's landmark-unique, moderate).
    expect((await axeViolations(page, ['moderate'])).map((v) => v.id)).toEqual([]);

    // Where the table fits, no hint.
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await state()).toMatchObject({ overflows: false, hint: 'hidden' });
    await page.context().close();
  });
});
