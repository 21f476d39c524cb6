import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { signLink } from '../../../libs/reminders/src/reminder-links';
import { signPreferencesToken } from '../../../libs/reminders/src/reminder-preferences';
import { ApiProcess, client } from '../support/server';
import { launch, newPage, screenshot, seriousViolations } from './browser';

// The pages reached without signing in that used to be bare HTML (the reminder preferences behind
// List-Unsubscribe, the pages a reminder's links open, the 404 page, single sign-on's refusal), in Chromium against the real server and a real
// OpenID Connect provider: each in the common layout, in both languages, passing axe.
jest.setTimeout(180_000);

const LINK_SECRET = 'layout-pages-link-secret-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'tilneste-layout-pages-'));
let api: ApiProcess;
let provider: ChildProcess;
let browser: Browser;
let origin: string;
let kari: string;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  const [providerPort, apiPort] = await Promise.all([freePort(), freePort()]);
  origin = `http://127.0.0.1:${apiPort}`;
  provider = spawn(process.execPath, [join(__dirname, '../support/oidc-provider.mjs')], {
    env: {
      ...process.env,
      PORT: String(providerPort),
      CLIENT_SECRET: 'oidc-client-secret-for-tests',
      REDIRECT_URI: `${origin}/logg-inn/sso/callback`,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    provider.stdout!.on('data', (d) => String(d).includes('ready') && resolve());
    provider.once('exit', (code) => reject(new Error(`oidc-provider exited with ${code}`)));
  });
  api = new ApiProcess(join(dir, 'pages.db'), {
    PORT: String(apiPort),
    PUBLIC_URL: origin,
    OIDC_ISSUER: `http://127.0.0.1:${providerPort}`,
    OIDC_CLIENT_ID: 'tilneste',
    OIDC_CLIENT_SECRET: 'oidc-client-secret-for-tests',
    OIDC_SCOPES: 'openid email',
    TILNESTE_LINK_SECRET: LINK_SECRET,
    TILNESTE_EMBEDDED_WORKER: 'false',
  });
  await Promise.all([api.start(), launch().then((b) => (browser = b))]);
  kari = (await client(api).ok('/people', { name: 'Kari Nordmann', email: 'kari@example.no' })).id;
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  provider?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The common layout around the page: its skip link to <main>, the shared stylesheets loaded and applied, no
 * style of the page's own (the CSP needs no inline style), and a header that offers only the start page and
 * the other language to a reader who has not signed in. Then axe, and a screenshot.
 */
async function expectCommonLayout(page: Page, name: string, languageLink: string): Promise<void> {
  await expect(page.locator('a.ds-skip-link').getAttribute('href')).resolves.toBe('#main');
  await expect(page.locator('main#main h1').count()).resolves.toBe(1);
  const styles = await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: Document }).document;
    return {
      sheets: Array.from(doc.styleSheets).map((s) => new URL(s.href ?? '', doc.baseURI).pathname),
      rules: Array.from(doc.styleSheets).every((s) => s.cssRules.length > 0),
      own: doc.querySelectorAll('style, [style]').length,
    };
  });
  expect(styles).toEqual({
    sheets: ['/static/ds/theme/designsystemet.css', '/static/ds/css/index.css', '/static/app.css'],
    rules: true,
    own: 0,
  });
  // app.css lays out the header: the stylesheet is applied, not only listed.
  await expect(
    page.locator('.site-header__inner').evaluate((e) => getComputedStyle(e).display),
  ).resolves.toBe('flex');
  const nav = await page
    .locator('header nav a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(nav).toEqual(['/', languageLink]);
  await expect(page.locator('form[action="/logg-ut"]').count()).resolves.toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, name);
}

describe('pages reached without signing in, in the common layout', () => {
  it('shows the reminder preferences and saves them, in bokmål and then in English', async () => {
    const path = `/varsler/${signPreferencesToken(kari, LINK_SECRET)}`;
    const page = await newPage(browser, origin);
    const shown = await page.goto(path);
    expect(shown?.status()).toBe(200);
    expect(shown?.headers()['referrer-policy']).toBe('no-referrer');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nb');
    await expect(page.locator('h1').innerText()).resolves.toBe('Påminnelser fra Tilneste');
    await expectCommonLayout(page, 'preferences-nb', `${path}?lang=en`);

    await page.getByLabel('Bare den siste før møtet').check();
    await page.getByLabel('Beskjed når et møte flyttes eller avlyses').uncheck();
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Lagre valgene' }).click(),
    ]);
    expect(saved.status()).toBe(200);
    await page.waitForLoadState();
    await expect(page.getByRole('status').innerText()).resolves.toBe('Valgene er lagret.');
    await expect(page.getByLabel('Bare den siste før møtet').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Beskjed når et møte flyttes eller avlyses').isChecked()).resolves.toBe(
      false,
    );
    await expectCommonLayout(page, 'preferences-saved-nb', `${path}?lang=en`);
    const stored = await client(api).get(`/people/${kari}/reminder-preferences`);
    expect(stored.body).toEqual({
      personId: kari,
      reminders: 'last',
      chairDigest: true,
      calendarNotices: false,
      language: 'nb',
    });

    // The language link, as on every page; the choice is remembered, and the form posts in English.
    await Promise.all([
      page.waitForURL(`${origin}${path}?lang=en`),
      page.getByRole('link', { name: 'English' }).click(),
    ]);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('h1').innerText()).resolves.toBe('Reminders from Tilneste');
    await expectCommonLayout(page, 'preferences-en', `${path}?lang=nb`);
    await page.getByLabel('Every reminder (for example a week and a day before)').check();
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Save' }).click(),
    ]);
    await page.waitForLoadState();
    await expect(page.getByRole('status').innerText()).resolves.toBe('Your choices are saved.');
    // Reading the page in English does not change the language of the e-mails, which the form keeps.
    const after = (await client(api).get(`/people/${kari}/reminder-preferences`)).body;
    expect([after.reminders, after.language]).toEqual(['all', 'nb']);

    // A link that names nobody: the same layout, 404, in the language remembered, and no form.
    const refused = await page.goto('/varsler/bm9ib2R5.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(refused?.status()).toBe(404);
    await expect(page.getByRole('status').innerText()).resolves.toContain('The link is not valid.');
    await expect(page.locator('main form').count()).resolves.toBe(0);
    await page.context().close();
  });

  it("marks an item done and reports progress from a reminder's links, in bokmål and in English", async () => {
    const http = client(api);
    const group = (await http.ok('/groups', { name: 'Faggruppe for lenker' })).id;
    await http.ok(`/groups/${group}/members`, { personId: kari, role: 'member' });
    const meeting = (await http.ok('/meetings', { groupId: group, startsAt: '2030-03-20T09:00:00+01:00' }))
      .id;
    const next = (await http.ok('/meetings', { groupId: group, startsAt: '2030-05-20T09:00:00+02:00' })).id;
    const item = async (text: string) =>
      (
        await http.ok('/commitments', {
          meetingId: meeting,
          text,
          owner: { personId: kari },
          due: { meetingId: next },
        })
      ).id as string;
    const [toFinish, toReport] = [await item('Bestille møterom'), await item('Skrive utkastet')];
    // Signed as the reminder e-mail signs them; the worker is off here, so no later reminder supersedes them.
    const link = (action: 'done' | 'progress', commitmentId: string) =>
      `/api/links/${signLink(
        {
          action,
          commitmentId,
          personId: kari,
          meetingId: next,
          offset: 'P7D',
          version: 1,
          issuedAt: Date.now(),
          expiresAt: Date.now() + 86_400_000,
        },
        LINK_SECRET,
      )}`;

    // "Done" in bokmål: opening the link changes nothing, its button does.
    const done = link('done', toFinish);
    const page = await newPage(browser, origin);
    const shown = await page.goto(done);
    expect(shown?.status()).toBe(200);
    expect(shown?.headers()['referrer-policy']).toBe('no-referrer');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nb');
    await expect(page.locator('h1').innerText()).resolves.toBe('Marker som utført');
    await expect(page.locator('main').innerText()).resolves.toContain(
      'Vil du merke «Bestille møterom» som utført?',
    );
    await expectCommonLayout(page, 'link-done-nb', `${done}?lang=en`);
    expect((await http.get(`/commitments/${toFinish}`)).body.status).toBe('open');
    const [marked] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Ja, merk som utført' }).click(),
    ]);
    expect(marked.status()).toBe(200);
    await page.waitForLoadState();
    // The thanks names the item, as the task list writes it.
    await expect(page.getByRole('status').innerText()).resolves.toBe(
      'Takk! Oppgaven er merket som utført: «Bestille møterom».',
    );
    // A way on: signing in, to see the rest of her tasks.
    await expect(
      page.getByRole('link', { name: 'Logg inn for å se alle oppgavene dine' }).getAttribute('href'),
    ).resolves.toBe('/');
    await expectCommonLayout(page, 'link-done-recorded-nb', `${done}?lang=en`);
    expect((await http.get(`/commitments/${toFinish}`)).body.status).toBe('completed');
    // Opened again (or by a mail scanner): it says so, and records nothing more.
    const again = await page.goto(done);
    expect(again?.status()).toBe(200);
    await expect(page.getByRole('status').innerText()).resolves.toBe(
      '«Bestille møterom» er allerede merket som utført. Ingenting ble endret.',
    );
    await expect(page.locator('main form').count()).resolves.toBe(0);

    // "Progress" in English, asked for by the language link; the language is kept when the form posts.
    const progress = link('progress', toReport);
    await page.goto(progress);
    await Promise.all([
      page.waitForURL(`${origin}${progress}?lang=en`),
      page.getByRole('link', { name: 'English' }).click(),
    ]);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('h1').innerText()).resolves.toBe('Report progress');
    await expectCommonLayout(page, 'link-progress-en', `${progress}?lang=nb`);
    await page.getByLabel('Progress').fill('Halfway there');
    const [reported] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Send progress' }).click(),
    ]);
    expect(reported.status()).toBe(200);
    expect(new URL(reported.url()).search).toBe('?lang=en');
    await page.waitForLoadState();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.getByRole('status').innerText()).resolves.toBe(
      'Thank you! Your progress is recorded for “Skrive utkastet”.',
    );
    // The progress link cannot mark it done too: the page says which link can, and where else to do it.
    await expect(page.locator('main').innerText()).resolves.toContain(
      'Is the task done now? Use the “Mark as done” link by the task in the e-mail',
    );
    await expect(page.locator('main form').count()).resolves.toBe(0);
    await expect(
      page.getByRole('link', { name: 'Sign in to see all your tasks' }).getAttribute('href'),
    ).resolves.toBe('/');
    await expectCommonLayout(page, 'link-progress-recorded-en', `${progress}?lang=nb`);
    const reportedItem = (await http.get(`/commitments/${toReport}`)).body;
    expect(reportedItem).toMatchObject({ status: 'open', progress: [{ text: 'Halfway there' }] });

    // A progress link works once: used, it answers 410; one that is not ours answers 400; both in English.
    const used = await page.goto(progress);
    expect(used?.status()).toBe(410);
    await expect(page.getByRole('status').innerText()).resolves.toContain('This link has already been used.');
    await expect(page.locator('main form').count()).resolves.toBe(0);
    await expectCommonLayout(page, 'link-used-en', `${progress}?lang=nb`);
    const invalid = await page.goto('/api/links/bm9ib2R5.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(invalid?.status()).toBe(400);
    expect(invalid?.headers()['content-type']).toMatch(/^text\/html/);
    await expect(page.locator('h1').innerText()).resolves.toBe('Link from a reminder');
    await expect(page.getByRole('status').innerText()).resolves.toContain('The link is not valid.');
    await expect(page.locator('main form').count()).resolves.toBe(0);
    await expectCommonLayout(
      page,
      'link-invalid-en',
      '/api/links/bm9ib2R5.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA?lang=nb',
    );
    // Not a dead end: by keyboard, on to the start page, which asks a reader not signed in to sign in.
    await page.getByRole('link', { name: 'Sign in to see all your tasks' }).focus();
    await Promise.all([page.waitForURL(`${origin}/logg-inn`), page.keyboard.press('Enter')]);
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('tilneste_session');
    await page.context().close();
    expect((await http.get(`/commitments/${toReport}`)).body.progress).toHaveLength(1);
  });

  it('answers an unknown page path with the 404 page, and an unknown API path with JSON', async () => {
    const page = await newPage(browser, origin);
    const missing = await page.goto('/finnes-ikke');
    expect(missing?.status()).toBe(404);
    expect(missing?.headers()['content-type']).toMatch(/^text\/html/);
    await expect(page.locator('h1').innerText()).resolves.toBe('Fant ikke siden');
    await expectCommonLayout(page, 'not-found-nb', '/finnes-ikke?lang=en');
    const english = await page.goto('/finnes-ikke?lang=en');
    expect(english?.status()).toBe(404);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('h1').innerText()).resolves.toBe('Page not found');
    await expectCommonLayout(page, 'not-found-en', '/finnes-ikke?lang=nb');
    await page.context().close();

    const api404 = await fetch(`${origin}/api/finnes-ikke`, { headers: { accept: 'text/html' } });
    expect(api404.status).toBe(404);
    expect(await api404.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Finnes ikke (not found)' } });
    // A path that starts like another host's address is linked to as a path on this one.
    const odd = await fetch(`${origin}//elsewhere.example/x`);
    expect(odd.status).toBe(404);
    expect(await odd.text()).toContain('href="/elsewhere.example/x?lang=en"');
  });

  it("refuses a single sign-on callback that is not this browser's, in bokmål", async () => {
    const page = await newPage(browser, origin);
    const refused = await page.goto('/logg-inn/sso/callback?code=abc&state=forged');
    expect(refused?.status()).toBe(400);
    await expect(page.locator('main').innerText()).resolves.toContain(
      'Innloggingen med virksomhetens konto ble ikke fullført.',
    );
    await expect(
      page.getByRole('link', { name: 'Gå til innloggingssiden' }).getAttribute('href'),
    ).resolves.toBe('/logg-inn');
    // The callback cannot be opened again: the language link leads to the sign-in page.
    await expectCommonLayout(page, 'sso-failed-nb', '/logg-inn?lang=en');
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('tilneste_session');
    await page.context().close();
  });

  it('tells someone the provider vouches for but nobody knows that no person matches, in English', async () => {
    const page = await newPage(browser, origin);
    // English chosen on the sign-in page; the provider sends the browser back without ?lang.
    await page.goto('/logg-inn?lang=en');
    await page.goto('/logg-inn/sso');
    await page.locator('input[name=login]').fill('nobody@example.no');
    await page.locator('input[name=password]').fill('any');
    await page.locator('button[type=submit]').click();
    const [callback] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/logg-inn/sso/callback'),
      page.locator('button[type=submit]').click(),
    ]);
    expect(callback.status()).toBe(403);
    await page.waitForURL((url) => url.pathname === '/logg-inn/sso/callback');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('main').innerText()).resolves.toContain(
      'We found no one whose verified e-mail address matches.',
    );
    await expectCommonLayout(page, 'sso-unknown-person-en', '/logg-inn?lang=nb');
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('tilneste_session');
    await page.context().close();
  });

  // Last: it spends this address's budget for the links.
  it("answers a reminder link's refusals before the page (no form, too many tries) with a page", async () => {
    const token = signLink(
      {
        action: 'progress',
        commitmentId: 'c-none',
        personId: kari,
        meetingId: 'm-none',
        offset: 'P7D',
        version: 1,
        issuedAt: Date.now(),
        expiresAt: Date.now() + 86_400_000,
      },
      LINK_SECRET,
    );
    const notAForm = await fetch(`${origin}/api/links/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', accept: 'text/html' },
      body: 'fremdrift',
    });
    expect(notAForm.status).toBe(415);
    expect(notAForm.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await notAForm.text()).toContain('Noe var feil i skjemaet');

    let last: Response | undefined;
    for (let i = 0; i < 80; i++) {
      last = await fetch(`${origin}/api/links/ikke-en-lenke?lang=en`);
      if (last.status === 429) break;
      expect(last.status).toBe(400);
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await last!.text();
    expect(html).toContain('Too many attempts');
    expect(html).toMatch(/Try again in \d+ minutes\./);

    const page = await newPage(browser, origin);
    const shown = await page.goto('/api/links/ikke-en-lenke');
    expect(shown?.status()).toBe(429);
    await expect(page.locator('h1').innerText()).resolves.toBe('For mange forsøk');
    await expectCommonLayout(page, 'too-many-nb', '/api/links/ikke-en-lenke?lang=en');
    await page.context().close();
  });
});
