import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import type { Browser, Cookie, Page } from 'playwright-core';
import { TestSmtpServer } from '../../../libs/reminders/testing/smtp-test-server';
import { ApiProcess, client, TOKEN } from '../support/server';
import {
  axeViolations,
  launch,
  newPage,
  overflowing,
  screenshot,
  scrollWidth,
  seriousViolations,
  signedIn,
} from './browser';

// Importing minutes through the pages (issue 14, item 2) in headless Chromium against the real server:
// a .docx made here is uploaded, reviewed (a name match rejected, an owner corrected, a commitment
// removed) and recorded; what is recorded is the corrected draft, and recording it again creates nothing.
jest.setTimeout(300_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-web-import-'));
const smtp = new TestSmtpServer();
let api: ApiProcess;
let http: ReturnType<typeof client>;
let browser: Browser;
const ids: Record<string, string> = {};
const origin = () => api.url.replace(/\/api$/, '');

/** The minutes as the secretariat would write them; one name spelt differently, one with a middle name. */
const MINUTES = [
  'REFERAT',
  'Faggruppe for kompetanse',
  '',
  'Møtedato: tirsdag 9. september 2025',
  'Tid: kl. 09.00-11.30',
  'Sted: Molde, Fylkeshuset',
  '',
  'Deltakere:',
  '- Håkon Gjems, Eksempel kommune (møteleder)',
  '- Eli Arnkværn Bryhni, Nabo kommune',
  '- Kari Nordmann, Eksempel kommune',
  'Referent: Siri Sekretær',
  '',
  'Sak 18/25 Godkjenning av innkalling',
  'Godkjent uten merknader.',
  '',
  'Sak 19/25 Fagbrev på jobb',
  'Vedtak: Forumet støtter en felles informasjonskampanje.',
  'Ansvar: Håkon Gjems',
  'Oppgave: Lage et utkast til kampanjeplan.',
  'Frist: Neste møte',
  '',
  'Sak 20/25 Bransjeprogram for helse',
  'Vedtak: Saken tas til orientering.',
  'Ansvar: Eli Arnkværn Bryhni',
  'Oppgave: Innhente tall for deltakelse i bransjeprogrammet.',
  'Frist: 15.10.2025',
  '',
  'Sak 21/25 Kompetansebehov i havbruk <script>window.xssRan = 1</script>',
  'Vedtak: Saken drøftes videre.',
  'Ansvar: Kari Nordmann',
  'Oppgave: Kartlegge behovet i havbruksnæringen.',
  'Frist: Neste møte',
];

async function minutesDocx(): Promise<Buffer> {
  const doc = new Document({
    sections: [{ children: MINUTES.map((line) => new Paragraph({ children: [new TextRun(line)] })) }],
  });
  return Packer.toBuffer(doc);
}

/** The session of the person with this address (signed in through the link they are sent), as cookies. */
async function sessionOf(email: string): Promise<Cookie[]> {
  const page = await signedIn(browser, api, smtp, email);
  const cookies = await page.context().cookies();
  await page.context().close();
  return cookies;
}

async function pageAs(cookies: Cookie[], width = 1280): Promise<Page> {
  const page = await newPage(browser, origin(), { viewport: { width, height: 900 } });
  await page.context().addCookies(cookies);
  return page;
}

async function expectAccessible(page: Page, name: string) {
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, name);
}

/** Open commitments of the group, as the API's dashboard lists them. */
async function recordedCommitments() {
  const board = (await http.get(`/groups/${ids.group}/dashboard`)).body as {
    byOwner: { name: string | null; commitments: { text: string; ownerName: string | null }[] }[];
  };
  return board.byOwner
    .flatMap((o) => o.commitments.map((c) => ({ text: c.text, owner: c.ownerName ?? o.name })))
    .sort((a, b) => a.text.localeCompare(b.text));
}

/** Every commitment field on the review page, as the reviewer left it. */
async function draftCommitments(page: Page) {
  return page.$$eval('textarea[name^="item."][name$=".text"]', (areas) =>
    areas
      .filter((a) => /\.commitment\.\d+\.text$/.test(a.getAttribute('name')!))
      .map((a) => {
        const prefix = a.getAttribute('name')!.replace(/\.text$/, '');
        // A choice (radio buttons) reads as the one checked.
        const field = (n: string) =>
          (
            (document.querySelector(`[name="${prefix}.${n}"]:checked`) ??
              document.querySelector(`[name="${prefix}.${n}"]`)) as HTMLInputElement | HTMLSelectElement
          ).value;
        return {
          prefix,
          text: (a as HTMLTextAreaElement).value,
          ownerKind: field('ownerKind'),
          owner: field('owner'),
          dueKind: field('dueKind'),
          dueDate: field('dueDate'),
        };
      }),
  );
}

beforeAll(async () => {
  // The browser starts while the API does and the story is written: neither waits for the other.
  const launching = launch().then((b) => (browser = b));
  await smtp.start();
  api = new ApiProcess(join(dir, 'import.db'), {
    SMTP_URL: smtp.url,
    TILNESTE_LINK_SECRET: `e2e-link-secret-${randomUUID()}`,
    TILNESTE_EMBEDDED_WORKER: 'false',
  });
  await api.start();
  http = client(api);
  const person = async (key: string, name: string, email: string | null, organisation: string) => {
    ids[key] = (await http.ok('/people', { name, ...(email ? { email } : {}), organisation })).id;
  };
  await person('secretary', 'Siri Sekretær', 'siri@example.no', 'Regionrådet');
  await person('member', 'Mona Medlem', 'mona@example.no', 'Eksempel kommune');
  await person('haakon', 'Haakon Gjems', null, 'Eksempel kommune');
  await person('eli', 'Eli Bryhni', null, 'Annen kommune');
  await person('kari', 'Kari Nordmann', null, 'Eksempel kommune');
  await person('per', 'Per Hansen', null, 'Eksempel kommune');
  ids.group = (await http.ok('/groups', { name: 'Faggruppe for kompetanse' })).id;
  await http.ok(`/groups/${ids.group}/members`, { personId: ids.secretary, role: 'secretariat' });
  await http.ok(`/groups/${ids.group}/members`, { personId: ids.member, role: 'member' });
  await launching;
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await smtp.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('importing minutes through the pages', () => {
  let secretary: Cookie[];
  let reviewUrl: string;
  /** The first line of the kampanjeplan commitment in the source text, as the review page links to it. */
  let kampanjeLine: number;

  it('refuses a member, with a page', async () => {
    const member = await sessionOf('mona@example.no');
    const page = await pageAs(member);
    const res = await page.goto('/import');
    expect(res!.status()).toBe(403);
    await expect(page.locator('h1').textContent()).resolves.toContain('Ingen tilgang');
    const post = await fetch(`${origin()}/import`, {
      method: 'POST',
      headers: { cookie: member.map((c) => `${c.name}=${c.value}`).join('; ') },
      body: new URLSearchParams({ text: 'Referat' }),
      redirect: 'manual',
    });
    expect(post.status).toBe(403);
    await page.context().close();
  });

  it('refuses a wrong type or a file too large, in Norwegian beside the field, storing nothing', async () => {
    secretary = await sessionOf('siri@example.no');
    const page = await pageAs(secretary);
    await page.goto('/import');
    await expectAccessible(page, 'import-upload');
    const peopleBefore = (await http.get(`/audit?stream=group-${ids.group}`)).body;

    await page.setInputFiles('#f-file', {
      name: 'bilde.png',
      mimeType: 'image/png',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
    });
    const wrong = await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
    expect(wrong[0]!.status()).toBe(415);
    await expect(page.locator('#f-file-error').textContent()).resolves.toContain(
      'Filtypen «.png» kan ikke leses',
    );
    await expect(page.locator('#f-file').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('[data-error-summary] a[href="#f-file"]').count()).resolves.toBe(1);
    await expectAccessible(page, 'import-upload-refused');

    await page.setInputFiles('#f-file', {
      name: 'stort-referat.txt',
      mimeType: 'text/plain',
      buffer: Buffer.alloc(5 * 1024 * 1024 + 10, 'a'),
    });
    const big = await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
    expect(big[0]!.status()).toBe(413);
    await expect(page.locator('#f-file-error').textContent()).resolves.toContain('Filen er for stor');

    await expect(page.locator('#drafts li').count()).resolves.toBe(0);
    expect((await http.get(`/audit?stream=group-${ids.group}`)).body).toEqual(peopleBefore);
    await page.context().close();
  });

  it('uploads a .docx and shows the draft beside the source, with the name matches and their evidence', async () => {
    const page = await pageAs(secretary);
    await page.goto('/import');
    await page.setInputFiles('#f-file', {
      name: 'referat-2025-09-09.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await minutesDocx(),
    });
    await page.click('main button[type=submit]');
    await page.waitForURL(/\/import\/[0-9a-f]{64}/, { timeout: 60_000 });
    reviewUrl = new URL(page.url()).pathname;

    // The source text, line by line, and links from the draft to it.
    const from = await page.locator('#item-1-commitment-0 a.source-link').getAttribute('href');
    const lines = await page.$$eval(
      '.source-line',
      (divs, first) => divs.slice(first - 1, first + 4).map((d) => d.textContent ?? ''),
      Number(from!.slice(2)),
    );
    expect(lines.join(' ')).toContain('Oppgave: Lage et utkast til kampanjeplan.');
    kampanjeLine = Number(from!.slice(2));
    const links = await page.$$eval('a.source-link', (as) => as.map((a) => a.getAttribute('href')));
    expect(links.length).toBeGreaterThan(3);
    expect(links.every((href) => /^#L\d+$/.test(href!))).toBe(true);

    const people = await page.locator('#people').textContent();
    expect(people).toContain('Er «Håkon Gjems» den samme som Haakon Gjems?');
    expect(people).toContain('samme organisasjon (Eksempel kommune)');
    expect(people).toContain('Er «Eli Arnkværn Bryhni» den samme som Eli Bryhni?');
    expect(await page.evaluate(() => (window as unknown as { xssRan?: number }).xssRan)).toBeUndefined();
    await expect(page.locator('main').textContent()).resolves.toContain('<script>window.xssRan = 1</script>');
    await expectAccessible(page, 'import-review');
    // Landmarks are how a screen reader moves about the page: no two may share a name.
    const landmarks = await axeViolations(page, ['minor', 'moderate', 'serious', 'critical']);
    expect(landmarks.filter((v) => v.id.startsWith('landmark')).map((v) => [v.id, v.nodes])).toEqual([]);
    await page.context().close();
  });

  it('keeps the reviewer’s corrections across tabs and a restart, and records exactly the corrected draft', async () => {
    const page = await pageAs(secretary);
    await page.goto(reviewUrl);
    // Reject Eli's match; give the havbruk task to Per Hansen instead of Kari Nordmann.
    const eli = page.locator('fieldset', { hasText: 'Eli Arnkværn Bryhni' });
    await eli.locator('input[value=reject]').check();
    const before = await draftCommitments(page);
    const havbruk = before.find((c) => c.text.includes('havbruksnæringen'))!;
    const helse = before.find((c) => c.text.includes('bransjeprogrammet'))!;
    expect(havbruk.owner).toBe('Kari Nordmann');
    await page.check(`[name="${havbruk.prefix}.ownerKind"][value="person"]`);
    await page.fill(`[name="${havbruk.prefix}.owner"]`, 'Per Hansen');
    await Promise.all([page.waitForNavigation(), page.click('button[value=save] >> nth=0')]);
    await expect(page.locator('[role=status]').first().textContent()).resolves.toContain(
      'Utkastet er lagret',
    );

    // A refused edit says what is wrong beside the field and changes nothing.
    const first = (await draftCommitments(page))[0];
    await page.fill(`[name="${first.prefix}.text"]`, '');
    const refused = await Promise.all([page.waitForNavigation(), page.click('button[value=save] >> nth=0')]);
    expect(refused[0]!.status()).toBe(400);
    const id = `#f-${first.prefix.replace(/\./g, '-')}-text`;
    await expect(page.locator(`${id}-error`).textContent()).resolves.toContain('Skriv hva oppgaven er');
    await page.goto(reviewUrl);

    // Remove the helse commitment (its button names it by its place in its item).
    const [, item, index] = /^item\.(\d+)\.commitment\.(\d+)$/.exec(helse.prefix)!;
    await Promise.all([
      page.waitForNavigation(),
      page.click(`button[value="remove-commitment:${item}:${index}"]`),
    ]);
    await page.context().close();

    // A restart loses nothing: the draft is kept in the store.
    await api.restart();
    const again = await pageAs(secretary);
    await again.goto(reviewUrl);
    const corrected = await draftCommitments(again);
    expect(corrected.some((c) => c.text.includes('bransjeprogrammet'))).toBe(false);
    expect(corrected.find((c) => c.text.includes('havbruksnæringen'))!.owner).toBe('Per Hansen');
    await expect(
      again
        .locator('fieldset', { hasText: 'Eli Arnkværn Bryhni' })
        .locator('input[value=reject]')
        .isChecked(),
    ).resolves.toBe(true);

    // What will be created, then record it.
    await Promise.all([again.waitForNavigation(), again.click('button[value=preview] >> nth=0')]);
    expect(new URL(again.url()).pathname).toBe(`${reviewUrl}/lagre`);
    const preview = await again.locator('main').textContent();
    expect(preview).toContain('Eli Arnkværn Bryhni');
    expect(preview).toContain('«Håkon Gjems» = Haakon Gjems');
    expect(preview).toContain('Per Hansen');
    // The attendance and the held meeting the commit records are said before it, as the commit records them.
    const present = /(\d+) deltakere? føres som til stede\./.exec(preview!);
    expect(present).not.toBeNull();
    expect(preview).toContain('Møtet merkes som avholdt.');
    await expectAccessible(again, 'import-preview');
    await again.click('main button[type=submit]');
    await again.waitForURL((url) => url.pathname === reviewUrl, { timeout: 60_000 });
    await expect(again.locator('[role=status]').first().textContent()).resolves.toContain(
      'Lagret i Tilneste',
    );
    const meetingLink = await again.locator('main a[href^="/moter/"]').first().getAttribute('href');
    const meeting = (await http.get(`/meetings/${meetingLink!.split('/').pop()}`)).body as {
      status: string;
      attendance: unknown[];
    };
    expect(meeting.status).toBe('held');
    expect(meeting.attendance).toHaveLength(3);
    expect(Number(present![1])).toBe(meeting.attendance.length);

    // Håkon's match was accepted: what he owns is Haakon Gjems's.
    const expected = corrected
      .map((c) => ({ text: c.text, owner: c.owner === 'Håkon Gjems' ? 'Haakon Gjems' : c.owner }))
      .sort((a, b) => a.text.localeCompare(b.text));
    expect(expected).toHaveLength(2);
    expect(await recordedCommitments()).toEqual(expected);
    // Håkon is Haakon under another spelling; Eli Arnkværn Bryhni is someone new, not Eli Bryhni.
    expect((await http.get(`/people/${ids.haakon}`)).body.aliases).toContain('Håkon Gjems');
    expect((await http.get(`/people/${ids.eli}`)).body.aliases).not.toContain('Eli Arnkværn Bryhni');
    // The audit trail names the signed-in secretary as the actor, through the import.
    const board = (await http.get(`/groups/${ids.group}/dashboard`)).body as {
      byOwner: { commitments: { id: string }[] }[];
    };
    for (const { id } of board.byOwner.flatMap((o) => o.commitments)) {
      const audit = (await http.get(`/audit?stream=commitment-${id}`)).body as {
        events: { type: string; metadata: { actor: unknown; via: string } }[];
      };
      expect(audit.events[0]).toMatchObject({
        type: 'CommitmentMade',
        metadata: { actor: { kind: 'person', id: ids.secretary }, via: 'import' },
      });
    }
    await again.context().close();
  });

  it("shows on the owner's task list the imported document and line each task came from", async () => {
    // Through the API: the task says which import, document and line.
    const tasks = (await http.get(`/people/${ids.haakon}/tasks`)).body.tasks as {
      text: string;
      source: { imported: { importId: string; document: string | null; line: number | null } | null };
    }[];
    const kampanje = tasks.find((t) => t.text.includes('kampanjeplan'))!;
    expect(kampanje.source.imported).toEqual({
      importId: reviewUrl.split('/').pop(),
      document: 'referat-2025-09-09.docx',
      line: kampanjeLine,
    });

    // On the page, read by an admin: the text, linked to the import's review page.
    const page = await newPage(browser, origin(), { extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` } });
    await page.goto(`/personer/${ids.haakon}/oppgaver`);
    const task = page.locator('li.task', { hasText: 'kampanjeplan' });
    const imported = task.locator('.imported-from');
    await expect(imported.textContent()).resolves.toBe(
      `Importert fra «referat-2025-09-09.docx», linje ${kampanjeLine}`,
    );
    await expect(imported.locator('a').getAttribute('href')).resolves.toBe(reviewUrl);
    await expectAccessible(page, 'tasks-imported');
    await page.context().close();
  });

  it('creates nothing new when the same document is recorded again', async () => {
    const before = await recordedCommitments();
    const page = await pageAs(secretary);
    await page.goto('/import');
    await page.setInputFiles('#f-file', {
      name: 'referat-2025-09-09.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await minutesDocx(),
    });
    await page.click('main button[type=submit]');
    await page.waitForURL((url) => url.pathname === reviewUrl, { timeout: 60_000 });
    await expect(page.locator('main').textContent()).resolves.toContain('allerede lagret');
    await page.goto(`${reviewUrl}/lagre`);
    await page.click('main button[type=submit]');
    await page.waitForURL((url) => url.pathname === reviewUrl, { timeout: 60_000 });
    await expect(page.locator('[role=status]').first().textContent()).resolves.toContain('Ingenting nytt');
    expect(await recordedCommitments()).toEqual(before);
    await page.context().close();
  });

  it('is usable at 375 px', async () => {
    const page = await pageAs(secretary, 375);
    for (const path of ['/import', reviewUrl, `${reviewUrl}/lagre`]) {
      await page.goto(path);
      const width = await scrollWidth(page);
      if (width > 375)
        throw new Error(`${path} scrolls sideways: ${(await overflowing(page, 375)).join('; ')}`);
    }
    await screenshot(page, 'import-review-375');
    await page.context().close();
  });
});
