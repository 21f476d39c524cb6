import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { FEBRUARY, JANUARY } from '../../../libs/application/testing/water-minutes';
import { TestSmtpServer } from '../../../libs/reminders/testing/smtp-test-server';
import { ApiProcess, client } from '../support/server';
import { launch, seriousViolations, signedIn } from './browser';
import { KIND_OF_EVENT } from '../../../libs/application/testing/recorded-kinds';

// Recording minutes through the pages, in headless Chromium against the real server: the preview names everything
// the commit will write, the plan's records and those after it (January's minutes approved, January's open task
// carried over when February is held), and the summary after recording gives, kind by kind, exactly what the
// store then holds, read back through the API.
jest.setTimeout(300_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-web-import-summary-'));
const smtp = new TestSmtpServer();
let api: ApiProcess;
let http: ReturnType<typeof client>;
let browser: Browser;
let page: Page;
const ids: Record<string, string> = {};

/** A preview section's count, from its heading "… (n)". */
async function shownCount(id: string): Promise<number> {
  const heading = await page.locator(`#${id}-h`).textContent();
  return Number(/\((\d+)\)$/.exec(heading ?? '')![1]);
}

beforeAll(async () => {
  // The browser starts while the API does and the story is written: neither waits for the other.
  const launching = launch().then((b) => (browser = b));
  await smtp.start();
  api = new ApiProcess(join(dir, 'import-summary.db'), {
    SMTP_URL: smtp.url,
    TILNESTE_LINK_SECRET: `e2e-link-secret-${randomUUID()}`,
    TILNESTE_EMBEDDED_WORKER: 'false',
  });
  await api.start();
  http = client(api);
  ids.secretary = (await http.ok('/people', { name: 'Siri Sekretær', email: 'siri@example.no' })).id;
  ids.group = (await http.ok('/groups', { name: 'Faggruppe for vann' })).id;
  await http.ok(`/groups/${ids.group}/members`, { personId: ids.secretary, role: 'secretariat' });
  // January through the API: a held meeting whose minutes February approves, and Per Hansen's open task.
  const january = await http.post('/imports/minutes', { text: JANUARY });
  expect(january.status).toBe(200);
  const committed = await http.post(`/imports/${january.body.id}/commit`, { groupId: ids.group });
  expect(committed.status).toBe(201);
  ids.january = committed.body.meetingId;
  await launching;
  page = await signedIn(browser, api, smtp, 'siri@example.no');
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await smtp.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('recording minutes, and the summary of what was recorded', () => {
  let reviewUrl: string;
  const preview: Record<string, number> = {};
  /** The preview's own summary, kind by kind. */
  let summary: Record<string, number> = {};

  it('shows before recording what the commit writes after its plan, with each due worded as a sentence', async () => {
    await page.goto('/import');
    await page.selectOption('#f-groupId', ids.group);
    await page.fill('#f-text', FEBRUARY);
    await page.click('main button[type=submit]');
    await page.waitForURL(/\/import\/[0-9a-f]{64}$/, { timeout: 60_000 });
    reviewUrl = new URL(page.url()).pathname;
    await Promise.all([page.waitForNavigation(), page.click('button[value=preview] >> nth=0')]);
    expect(new URL(page.url()).pathname).toBe(`${reviewUrl}/lagre`);

    const main = (await page.locator('main').textContent())!;
    expect(main).toContain('3 deltakere føres som til stede. Møtet merkes som avholdt.');
    expect(await page.locator('#p-approvals li').allTextContents()).toEqual([
      'Referatet fra møtet 15. januar 2026 blir godkjent, i møtet 12. februar 2026.',
    ]);
    expect(await page.locator('#p-carried-over li').allTextContents()).toEqual([
      '«Lage en oversikt over ledningsnettet» er fortsatt åpen etter møtet 12. februar 2026, og overføres til neste møte.',
    ]);
    expect(await page.locator('#p-wgs li').allTextContents()).toEqual([
      'Vannkvalitet (leder: Anne Lie), medlemmer: Per Hansen',
    ]);
    const commitments = await page.locator('#p-commitments li').allTextContents();
    expect(commitments.length).toBeGreaterThan(0);
    for (const line of commitments) expect(line).toMatch(/, til neste møte$/);
    expect(main).not.toContain('Neste møte');
    // A kind the commit records none of has no section; one it records has its heading and count.
    expect(await page.locator('#p-leads').count()).toBe(0);
    expect(await page.locator('#p-aliases').count()).toBe(0);
    expect(main).not.toContain('Ingen.');
    await expect(page.locator('#p-approvals-h').isVisible()).resolves.toBe(true);
    await expect(page.locator('#p-approvals-h').textContent()).resolves.toBe(
      'Referater som blir godkjent (1)',
    );
    // Headings in order: the title, then the summary and each section one level under it.
    const levels = await page.$$eval('main :is(h1, h2, h3, h4)', (hs) => hs.map((h) => h.tagName));
    expect(levels[0]).toBe('H1');
    expect(new Set(levels.slice(1))).toEqual(new Set(['H2']));
    expect(levels.length).toBe(1 + (await page.locator('main section h2').count()));
    expect(await seriousViolations(page)).toEqual([]);
    summary = Object.fromEntries(
      await page.$$eval('#p-summary li[data-kind]', (lis) =>
        lis.map((li) => [li.getAttribute('data-kind')!, Number(li.getAttribute('data-count'))]),
      ),
    ) as Record<string, number>;
    expect(summary).toMatchObject({ held: 1, minutesApproved: 1, carriedOver: 1, workingGroups: 1 });

    preview.attendance = Number(/(\d+) deltakere føres som til stede/.exec(main)![1]);
    preview.decisions = await shownCount('p-decisions');
    preview.commitments = await shownCount('p-commitments');
    preview.workingGroups = await shownCount('p-wgs');
    preview.minutesApproved = await shownCount('p-approvals');
    preview.carriedOver = await shownCount('p-carried-over');
    preview.people = await shownCount('p-people');
    preview.agendaItems = await shownCount('p-items');

    // In English too.
    await page.goto(`${reviewUrl}/lagre?lang=en`);
    const english = (await page.locator('main').textContent())!;
    expect(english).toContain('Minutes to be approved (1)');
    expect(english).toContain(
      'The minutes of the meeting on 15 January 2026 are approved, at the meeting on 12 February 2026.',
    );
    expect(english).toMatch(/, by the next meeting/);
  });

  it('says after recording, kind by kind, what the store then holds, and what the preview said', async () => {
    // Back to bokmål (the language chosen is kept), then record.
    await page.goto(`${reviewUrl}/lagre?lang=nb`);
    await page.click('main button[type=submit]');
    await page.waitForURL((url) => url.pathname === reviewUrl, { timeout: 60_000 });
    await expect(page.locator('#recorded h2').textContent()).resolves.toBe('Lagret i Tilneste');
    const shown = Object.fromEntries(
      await page.$$eval('#recorded li[data-kind]', (lis) =>
        lis.map((li) => [li.getAttribute('data-kind')!, Number(li.getAttribute('data-count'))]),
      ),
    ) as Record<string, number>;

    // Everything the secretary's commit stored, as the audit trail lists it (the carry-over policy acts in the
    // name of whoever held the meeting).
    const audit = (await http.get(`/audit?actor=${ids.secretary}&limit=1000`)).body as {
      events: { type: string }[];
    };
    const stored: Record<string, number> = {};
    for (const { type } of audit.events) {
      const kind = KIND_OF_EVENT[type];
      if (!kind) throw new Error(`the commit stored ${type}, which the summary does not count`);
      stored[kind] = (stored[kind] ?? 0) + 1;
    }
    expect(shown).toEqual(stored);
    expect(shown).toMatchObject({
      attendance: expect.any(Number),
      decisions: expect.any(Number),
      commitments: expect.any(Number),
      workingGroups: 1,
      minutesApproved: 1,
      carriedOver: 1,
      held: 1,
    });
    // As the preview said it would be, section by section and in its summary.
    for (const [kind, count] of Object.entries(preview))
      expect([kind, shown[kind] ?? 0]).toEqual([kind, count]);
    expect(summary).toEqual(shown);

    // And as the read models show it.
    const meetingId = (await page.locator('main a[href^="/moter/"]').first().getAttribute('href'))!
      .split('/')
      .pop()!;
    const february = (await http.get(`/meetings/${meetingId}`)).body as { attendance: unknown[] };
    expect(february.attendance).toHaveLength(shown.attendance);
    expect((await http.get(`/meetings/${ids.january}`)).body.minutesApproved).toBe(true);
    const board = (await http.get(`/groups/${ids.group}/dashboard`)).body as {
      carriedOver: number;
      byOwner: { commitments: { meetingId: string }[] }[];
      workingGroups: { name: string; lead: { id: string; name: string } | null }[];
    };
    expect(board.carriedOver).toBe(shown.carriedOver);
    expect(board.workingGroups.map((w) => [w.name, w.lead?.name])).toEqual([['Vannkvalitet', 'Anne Lie']]);
    const made = board.byOwner.flatMap((o) => o.commitments).filter((c) => c.meetingId === meetingId);
    expect(made).toHaveLength(shown.commitments);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
