import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderNoticeEmail, renderReminderEmail, type ReminderEmailModel } from './reminder-email.renderer';

// The reminder e-mail as a mail app shows it: rendered by headless Chromium, measured and photographed.
jest.setTimeout(60_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join(__dirname, '../../../artifacts/screenshots');
// Screenshots are for people to look at and check nothing: only with SCREENSHOTS=1, as the pages' (README).
const shoot = async (page: Page, name: string) => {
  if (process.env.SCREENSHOTS === '1') await page.screenshot({ path: join(SHOTS, name), fullPage: true });
};
const present = existsSync(CHROMIUM);
if (!present)
  console.warn(`skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
const maybe = present ? describe : describe.skip;

// Only what the page functions below touch: this project compiles without the DOM library.
type Win = {
  getComputedStyle(e: unknown): { backgroundColor: string };
  document: { documentElement: { scrollWidth: number } };
};
type El = { closest(selector: string): unknown };

const links = (id: string) => ({
  done: `https://tilneste.example.no/api/links/${id}.done`,
  progress: `https://tilneste.example.no/api/links/${id}.progress`,
});
const model: ReminderEmailModel = {
  recipientName: 'Kari Nordmann',
  meetingTitle: 'Møte i Faggruppe for plan',
  when: 'torsdag 12. juni 2025 kl. 09:00',
  place: 'Fylkeshuset, møterom 3',
  online: true,
  own: [
    {
      workingGroup: null,
      items: [
        {
          commitmentId: 'c1',
          text: 'Sende ut forslag til handlingsprogram 2026 til kommunene',
          sourceMeeting: '20. mars 2025',
          sourceItem: { number: 4, title: 'Arbeidsgrupper – status' },
          carriedOver: 2,
          ownerName: null,
          links: links('c1'),
        },
      ],
    },
    {
      workingGroup: 'Arbeidsgruppe 2 – kartgrunnlag',
      items: [
        {
          commitmentId: 'c2',
          text: 'Fordele arbeidet mellom medlemmene <og> melde tilbake',
          sourceMeeting: '20. mars 2025',
          sourceItem: null,
          carriedOver: 0,
          ownerName: 'Arbeidsgruppe 2',
          links: links('c2'),
        },
      ],
    },
  ],
  digest: [],
  preferencesUrl: 'https://tilneste.example.no/varsler/abc.def',
};

maybe('the reminder e-mail in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (process.env.SCREENSHOTS === '1') mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(() => browser?.close());

  for (const width of [600, 375]) {
    it(`shows blue buttons for each own item and fits ${width} px without sideways scrolling`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.setContent((await renderReminderEmail(model)).html, { waitUntil: 'load' });
      const buttons = page.getByRole('link', { name: 'Marker som utført' });
      expect(await buttons.count()).toBe(2);
      expect(await page.getByRole('link', { name: 'Meld fremdrift' }).count()).toBe(2);
      // The colour sits on the button's table cell, where Outlook's Word engine paints it too.
      const cell = await buttons
        .first()
        .evaluate(
          (a) =>
            (globalThis as unknown as Win).getComputedStyle((a as unknown as El).closest('td'))
              .backgroundColor,
        );
      expect(cell).toBe('rgb(0, 98, 186)');
      const box = (await buttons.first().boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(
        await page.evaluate(() => (globalThis as unknown as Win).document.documentElement.scrollWidth),
      ).toBeLessThanOrEqual(width);
      expect(await page.textContent('body')).toContain(
        'Fordele arbeidet mellom medlemmene <og> melde tilbake',
      );
      await shoot(page, `reminder-email-${width}.png`);
      await page.close();
    });
  }

  it('has headings a screen reader can jump between, and no WCAG 2.1 A or AA violation by axe-core', async () => {
    const page = await browser.newPage({ viewport: { width: 600, height: 900 } });
    await page.setContent(
      (
        await renderReminderEmail({
          ...model,
          digest: [{ ...model.own[0].items[0], commitmentId: 'c3', ownerName: 'Ola' }],
        })
      ).html,
      { waitUntil: 'load' },
    );
    expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual([
      'Møtet: Møte i Faggruppe for plan',
    ]);
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
      'Det du har påtatt deg',
      'Alt som er åpent til møtet',
      'Møte i Faggruppe for plan',
    ]);
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const { axe } = globalThis as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string }[] }> };
      };
      const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
        runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
      });
      return result.violations.map((v) => v.id);
    });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('lays out a cancellation the same way', async () => {
    const page = await browser.newPage({ viewport: { width: 600, height: 700 } });
    const email = await renderNoticeEmail({
      kind: 'cancelled',
      recipientName: 'Kari Nordmann',
      meetingTitle: 'Møte i Faggruppe for plan',
      when: 'torsdag 12. juni 2025 kl. 09:00',
      place: null,
      online: null,
      preferencesUrl: model.preferencesUrl,
    });
    await page.setContent(email.html, { waitUntil: 'load' });
    expect(await page.textContent('body')).toContain(
      'Møtet «Møte i Faggruppe for plan» torsdag 12. juni 2025 kl. 09:00 er avlyst.',
    );
    await shoot(page, 'reminder-cancellation-600.png');
    await page.close();
  });
});
