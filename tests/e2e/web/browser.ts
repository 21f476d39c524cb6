import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import type { TestSmtpServer } from '../../../libs/reminders/testing/smtp-test-server';
import type { ApiProcess } from '../support/server';
import { signInLinkFor } from '../support/sign-in';

export const CHROMIUM = '/usr/bin/chromium';
/** Ignored by git; written only with SCREENSHOTS=1 (see `screenshot`). */
export const SCREENSHOTS = join(__dirname, '../../../artifacts/screenshots');
const takeScreenshots = process.env.SCREENSHOTS === '1';

/** Debian's Chromium, headless; never a browser download. */
export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does`,
    );
  }
  if (takeScreenshots) mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * A browser context against the test server, under the pages' own Content-Security-Policy, as a person's
 * browser is: a CSP directive that breaks a page (an upgrade to https on plain http, say) breaks the test too.
 * axe-core is put in by `evaluate`, which a CSP does not govern.
 */
export async function newPage(
  browser: Browser,
  origin: string,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: origin,
    viewport: { width: 1280, height: 900 },
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
    ...options,
  });
  return context.newPage();
}

/**
 * A page signed in as the person with this e-mail address, the way a person signs in: ask for a link, read
 * it from the e-mail that arrives, open it and press its button (opening alone does not sign in).
 */
export async function signedIn(
  browser: Browser,
  api: ApiProcess,
  smtp: TestSmtpServer,
  email: string,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const token = await signInLinkFor(api, smtp, email, 15_000);
  const origin = api.url.replace(/\/api$/, '');
  const page = await newPage(browser, origin, options);
  await page.goto(`/logg-inn/${token}`);
  await Promise.all([page.waitForURL(`${origin}/`), page.locator('form button[type=submit]').click()]);
  return page;
}

/** A signed-in page's cookies as a `Cookie` header, for a request made outside the browser. */
export async function cookieHeader(page: Page): Promise<string> {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  return (await axeViolations(page, ['serious', 'critical'])).map(
    (v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** axe-core's violations of these impacts on the page as it is now. */
export async function axeViolations(page: Page, impacts: readonly string[]): Promise<AxeViolation[]> {
  // Parsing axe-core costs about as much as a run on two busy cores: a document checked before has it already.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(globalThis.document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact !== null && impacts.includes(v.impact));
}

/** How wide the document is: wider than the viewport means sideways scrolling. */
export const scrollWidth = (page: Page) =>
  page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
        .documentElement.scrollWidth,
  );

/** The innermost elements reaching past the right edge: what to fix when a page scrolls sideways. */
export const overflowing = (page: Page, width: number) =>
  page.evaluate((limit) => {
    const doc = (
      globalThis as unknown as { document: { querySelectorAll: (s: string) => ArrayLike<Element> } }
    ).document;
    return Array.from(doc.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > limit + 0.5 && !el.closest('.table-scroll'))
      .filter((el) => !Array.from(el.children).some((c) => c.getBoundingClientRect().right > limit + 0.5))
      .slice(0, 5)
      .map(
        (el) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 40)}"`,
      );
  }, width);

/**
 * The words (runs of letters and digits) in elements matching `selector` that wrap onto two lines, as
 * "arbeidsgru-ppen" does in a column too narrow for it: each word's text range should sit on one line.
 */
export const brokenWords = (page: Page, selector: string) =>
  page.evaluate((css) => {
    type TextNode = { textContent: string | null };
    const doc = globalThis as unknown as {
      document: {
        querySelectorAll: (s: string) => ArrayLike<Element>;
        createTreeWalker: (root: Element, what: number) => { nextNode: () => TextNode | null };
        createRange: () => {
          setStart: (n: TextNode, o: number) => void;
          setEnd: (n: TextNode, o: number) => void;
          getClientRects: () => ArrayLike<{ top: number; width: number }>;
        };
      };
    };
    const broken: string[] = [];
    for (const el of Array.from(doc.document.querySelectorAll(css))) {
      const walker = doc.document.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of (node.textContent ?? '').matchAll(/[\p{L}\p{N}]+/gu)) {
          const range = doc.document.createRange();
          range.setStart(node, word.index!);
          range.setEnd(node, word.index! + word[0].length);
          const lines = new Set(
            Array.from(range.getClientRects())
              .filter((r) => r.width > 0)
              .map((r) => Math.round(r.top)),
          );
          if (lines.size > 1) broken.push(word[0]);
        }
      }
    }
    return broken;
  }, selector);

/**
 * A full-page screenshot for people to look at, only with SCREENSHOTS=1: the ~70 of a run check nothing and
 * cost about half a second each on two cores (15 s of the pages suite alone), so CI runs without them.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!takeScreenshots) return;
  // The design system's details grow to their height over 0.4 s: a picture taken sooner shows an open one's
  // last field cut off (at 375 px just after the viewport changed, say), which a reader never sees.
  await page.waitForTimeout(450);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
