import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { signLink } from '../../../libs/reminders/src/reminder-links';
import { ApiProcess, client, TOKEN } from '../support/server';
import { axeViolations, launch, newPage, screenshot } from './browser';

// A working group's lead reports its status from the reminder e-mail's link, in Chromium against the real
// server: by keyboard only, without signing in, and with no axe violation on the form, a refusal or the answer.
jest.setTimeout(180_000);

const LINK_SECRET = 'status-link-secret-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'tilneste-status-link-'));
let api: ApiProcess;
let browser: Browser;
let origin: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  api = new ApiProcess(join(dir, 'status-link.db'), {
    TILNESTE_LINK_SECRET: LINK_SECRET,
    TILNESTE_EMBEDDED_WORKER: 'false',
  });
  await Promise.all([api.start(), launch().then((b) => (browser = b))]);
  origin = api.url.replace(/\/api$/, '');
  const http = client(api);
  ids.kari = (await http.ok('/people', { name: 'Kari Nordmann', email: 'kari@example.no' })).id;
  ids.group = (await http.ok('/groups', { name: 'Faggruppe for plan' })).id;
  await http.ok(`/groups/${ids.group}/members`, { personId: ids.kari, role: 'member' });
  ids.next = (await http.ok('/meetings', { groupId: ids.group, startsAt: '2030-05-20T09:00:00+02:00' })).id;
  ids.wg = (
    await http.ok('/working-groups', {
      groupId: ids.group,
      name: 'Kartgruppa',
      leadPersonId: ids.kari,
      memberIds: [ids.kari],
    })
  ).id;
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const statusLink = () =>
  `/api/links/${signLink(
    {
      action: 'status',
      workingGroupId: ids.wg,
      personId: ids.kari,
      meetingId: ids.next,
      offset: 'P7D',
      version: 1,
      issuedAt: Date.now(),
      expiresAt: Date.now() + 86_400_000,
    },
    LINK_SECRET,
  )}`;

/** Every axe violation, whatever its impact. */
const violations = async (page: Page) =>
  (await axeViolations(page, ['minor', 'moderate', 'serious', 'critical'])).map(
    (v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );

/** An attribute of the element that has the focus. */
const focused = (page: Page, attribute: 'id' | 'name') =>
  page.evaluate(
    (a) =>
      (
        globalThis as unknown as {
          document: { activeElement: { getAttribute(name: string): string | null } | null };
        }
      ).document.activeElement?.getAttribute(a) ?? null,
    attribute,
  );

/** Presses Tab until the field with this name has the focus (at most `limit` times). */
async function tabTo(page: Page, name: string, limit = 15): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page, 'name')) === name) return;
  }
  throw new Error(`Tab never reached the field ${name}`);
}

const reports = async () =>
  ((await client(api).get(`/audit?stream=workinggroup-${ids.wg}`)).body.events as { type: string }[]).filter(
    (e) => e.type === 'WorkingGroupStatusReported',
  );

describe("a working group's status from the e-mail's link", () => {
  it('is reported by keyboard, refused beside its field when too long, and recorded as the lead', async () => {
    const path = statusLink();
    const page = await newPage(browser, origin);
    const shown = await page.goto(path);
    expect(shown?.status()).toBe(200);
    await expect(page.locator('h1').innerText()).resolves.toBe('Meld status for arbeidsgruppen');
    expect(await violations(page)).toEqual([]);
    await screenshot(page, 'status-link-nb');

    // The status: from the first choice, arrow keys move the choice, as in any radio group.
    await tabTo(page, 'status');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel('i gang').isChecked()).resolves.toBe(true);
    // Too long, as from a browser that does not stop at the field's maxlength: the server refuses it.
    await page.locator('textarea[name="text"]').evaluate((e) => e.removeAttribute('maxlength'));
    await tabTo(page, 'text');
    await page.keyboard.insertText('x'.repeat(5001));
    await page.keyboard.press('Tab');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.keyboard.press('Enter'),
    ]);
    expect(refused.status()).toBe(400);
    await page.locator('#status-text-error').waitFor();
    await page.waitForLoadState();
    // The summary takes the focus and leads to the field, which says what is wrong.
    await expect(focused(page, 'id')).resolves.toBe('status-errors');
    await expect(page.locator('#status-text-error').innerText()).resolves.toBe(
      'Teksten er for lang: høyst 5000 tegn.',
    );
    await expect(page.getByLabel('i gang').isChecked()).resolves.toBe(true);
    expect(await violations(page)).toEqual([]);
    await screenshot(page, 'status-link-refused-nb');
    expect(await reports()).toEqual([]);

    await tabTo(page, 'text');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Første møte er holdt');
    await page.keyboard.press('Tab');
    const [recorded] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.keyboard.press('Enter'),
    ]);
    expect(recorded.status()).toBe(200);
    await page.locator('[data-status-again]').waitFor();
    await page.waitForLoadState();
    await expect(page.getByRole('status').innerText()).resolves.toBe(
      'Takk! Statusen for arbeidsgruppen er registrert.',
    );
    await expect(page.locator('[data-latest-report]').innerText()).resolves.toContain('Første møte er holdt');
    expect(await violations(page)).toEqual([]);
    await screenshot(page, 'status-link-recorded-nb');
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('tilneste_session');

    const wg = (await client(api).get(`/working-groups/${ids.wg}`)).body;
    expect(wg).toMatchObject({ status: 'active', statusText: 'Første møte er holdt' });
    const events = (await client(api).get(`/audit?stream=workinggroup-${ids.wg}`)).body.events as {
      type: string;
      metadata: Record<string, unknown>;
    }[];
    expect(events.filter((e) => e.type === 'WorkingGroupStatusReported').map((e) => e.metadata)).toEqual([
      expect.objectContaining({ actor: { kind: 'person', id: ids.kari }, via: 'email-link' }),
    ]);
    await page.context().close();
  });

  it("opens the working group's own status address with the form open and the focus on it", async () => {
    // Pages answer to the API's bearer token as well as to a session.
    const page = await newPage(browser, origin, { extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` } });
    expect((await page.goto(`/arbeidsgrupper/${ids.wg}/status`))?.status()).toBe(200);
    await expect(
      page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { tagName: string } | null } }).document
            .activeElement?.tagName,
      ),
    ).resolves.toBe('SUMMARY');
    await expect(page.locator('[data-status-first]').getAttribute('open')).resolves.not.toBeNull();
    await tabTo(page, 'status');
    expect(await violations(page)).toEqual([]);
    await screenshot(page, 'working-group-status-first');
    await page.context().close();
  });

  it('reads in English when asked, with no axe violation', async () => {
    const page = await newPage(browser, origin);
    const path = `${statusLink()}?lang=en`;
    expect((await page.goto(path))?.status()).toBe(200);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('h1').innerText()).resolves.toBe("Report the working group's status");
    expect(await violations(page)).toEqual([]);
    await screenshot(page, 'status-link-en');
    // On a phone, where such a link is mostly opened: nothing wider than the screen.
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'status-link-en-375');
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(375);
    await page.context().close();
  });
});
