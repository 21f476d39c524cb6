import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import type { Browser, Locator, Page } from 'playwright-core';
import { TestSmtpServer } from '../../../libs/reminders/testing/smtp-test-server';
import { ApiProcess, client, TOKEN } from '../support/server';
import {
  launch,
  newPage,
  overflowing,
  screenshot,
  scrollWidth,
  seriousViolations,
  signedIn,
} from './browser';

// Issue 14, items 1 and 3: the secretariat, signed in by e-mail link, records a meeting from the pages of the
// real server in headless Chromium; then the dashboard, the tasks and the draft agenda show it, and the audit
// trail names her. A refused form stores nothing; a member and an observer are refused.
jest.setTimeout(240_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-record-'));
const smtp = new TestSmtpServer();
let api: ApiProcess;
let http: ReturnType<typeof client>;
let browser: Browser;
let origin: string;
const ids: Record<string, string> = {};
const bearer = { authorization: `Bearer ${TOKEN}` };

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
/** The date field's value for a day ahead, as the group's zone reads it. */
const dateField = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(inDays(days));

async function story(): Promise<void> {
  const person = async (key: string, name: string, email: string) => {
    ids[key] = (await http.ok('/people', { name, email, organisation: 'Eksempel kommune' })).id;
  };
  await person('secretary', 'Siri Sekretær', 'siri@example.no');
  await person('chair', 'Ola Leder', 'ola@example.no');
  await person('member', 'Mia Medlem', 'mia@example.no');
  await person('observer', 'Otto Observatør', 'otto@example.no');
  await person('substitute', 'Lars Vikar', 'lars@example.no');
  await person('lead', 'Wenche Leder', 'wenche@example.no');
  ids.group = (await http.ok('/groups', { name: 'Faggruppe for samfunnsplanlegging' })).id;
  for (const [key, role] of [
    ['secretary', 'secretariat'],
    ['chair', 'chair'],
    ['member', 'member'],
    ['observer', 'observer'],
    ['lead', 'member'],
  ])
    await http.ok(`/groups/${ids.group}/members`, { personId: ids[key], role });
  ids.wg = (
    await http.ok('/working-groups', {
      groupId: ids.group,
      name: 'Arbeidsgruppe for klima',
      leadPersonId: ids.lead,
    })
  ).id;
  // The previous meeting, held, with an item not dealt with: the new meeting's agenda offers it first.
  ids.previous = (
    await http.ok('/meetings', { groupId: ids.group, startsAt: '2025-09-18T09:00:00+02:00' })
  ).id;
  const item = (
    await http.ok(`/meetings/${ids.previous}/agenda-items`, {
      number: 5,
      title: 'Posisjonsnotat om klimatilpasning',
      kind: 'discussion',
    })
  ).id;
  await http.ok(`/meetings/${ids.previous}/agenda-items/${item}/defer`);
  await http.ok(`/meetings/${ids.previous}/held`);
}

/** Signs in through the e-mail link, in the browser: the session cookie and its CSRF token are the page's. */
const signedInAs = (email: string): Promise<Page> => signedIn(browser, api, smtp, email);

/**
 * Submits a form with its button from the keyboard (focus it, press Enter) and waits for the page it leads to
 * (a redirect, or the page again with errors). A pointer click could be lost: the button was seen to move
 * between the pointer's down and up, so the up landed on another element and nothing was sent. The
 * double-click test below clicks.
 */
async function submit(form: Locator, button: string | RegExp): Promise<void> {
  const send = form.getByRole('button', { name: button });
  await focused(send);
  await Promise.all([
    form.page().waitForNavigation({ waitUntil: 'load' }),
    form.page().keyboard.press('Enter'),
  ]);
}

/**
 * Gives an element the keyboard focus, and says so when it did not take it. A field in a disclosure opened a
 * moment ago cannot be focused until the browser has drawn the disclosure open (its content stays
 * `content-visibility: hidden` until then): waiting for it to be visible waits for that.
 */
async function focused(target: Locator): Promise<void> {
  await target.waitFor({ state: 'visible' });
  await target.focus();
  if (!(await target.evaluate((e) => e === (e.ownerDocument as { activeElement: unknown }).activeElement)))
    throw new Error(`focus did not land on ${target.toString()}`);
}

const itemCard = (page: Page, title: string) =>
  page.locator('li.record-item', { has: page.locator('h3', { hasText: title }) });
/** A form inside a disclosure: opens it, and returns the form once it is drawn (see `focused`). */
async function opened(scope: Locator | Page, summary: string): Promise<Locator> {
  const details = scope.locator(`details:has(> summary:text-is("${summary}"))`).first();
  if (!(await details.evaluate((d) => (d as unknown as { open: boolean }).open)))
    await details.locator('summary').click();
  const form = details.locator('form');
  await form.waitFor({ state: 'visible' });
  return form;
}

const audit = async (stream: string) =>
  (
    (await http.get(`/audit?stream=${stream}`)).body as {
      events: { type: string; data: Record<string, unknown>; metadata: { actor: unknown; via: string } }[];
    }
  ).events;

beforeAll(async () => {
  // The browser starts while the API does and the story is written: neither waits for the other.
  const launching = launch().then((b) => (browser = b));
  await smtp.start();
  api = new ApiProcess(join(dir, 'record.db'), { SMTP_URL: smtp.url, TILNESTE_EMBEDDED_WORKER: 'false' });
  await api.start();
  http = client(api);
  origin = api.url.replace(/\/api$/, '');
  await story();
  await launching;
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await smtp.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('recording a meeting in the browser (secretariat)', () => {
  let page: Page;

  beforeAll(async () => {
    page = await signedInAs('siri@example.no');
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it('schedules a meeting from the dashboard', async () => {
    await page.goto(`/grupper/${ids.group}`);
    await Promise.all([
      page.waitForURL(/\/nytt-mote$/),
      page.getByRole('link', { name: 'Planlegg nytt møte' }).click(),
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    const form = page.locator('main form');
    await form.getByLabel('Tittel').fill('Møte i faggruppen');
    // Yesterday's meeting, recorded after it: a meeting is marked held only once it has begun.
    await form.getByLabel('Dato').fill(dateField(-1));
    await form.getByLabel('Starter kl.').fill('10:00');
    await form.getByLabel('Slutter kl.').fill('12:00');
    await form.getByLabel('Sted').fill('Rådhuset');
    await submit(form, 'Sett opp møtet');
    expect(page.url()).toMatch(/\/moter\/[^/]+\/registrer\?melding=scheduled$/);
    ids.meeting = /\/moter\/([^/]+)\/registrer/.exec(page.url())![1];
    await expect(page.locator('.flash').innerText()).resolves.toContain('Møtet er satt opp.');
  });

  it('names the field in each entry of the error summary, in bokmål and in English', async () => {
    try {
      for (const [lang, entry] of [
        ['en', 'Starts at: This field is required.'],
        ['nb', 'Starter kl.: Feltet må fylles ut.'],
      ]) {
        await page.goto(`/grupper/${ids.group}/nytt-mote?lang=${lang}`);
        const form = page.locator('main form');
        await form.locator('#schedule-date').fill(dateField(21));
        await submit(form, lang === 'en' ? 'Schedule the meeting' : 'Sett opp møtet');
        const link = page.locator('[data-error-summary] a[href="#schedule-startTime"]');
        await expect(link.innerText()).resolves.toBe(entry);
        await link.click();
        await expect(
          page.evaluate(() => (globalThis as unknown as { document: Document }).document.activeElement?.id),
        ).resolves.toBe('schedule-startTime');
        expect(await seriousViolations(page)).toEqual([]);
      }
    } finally {
      // Back in bokmål on the meeting scheduled above, for the tests that follow.
      await page.goto(`/moter/${ids.meeting}/registrer?lang=nb`);
    }
  });

  it('offers the deferred item of the previous meeting with the draft, and adds it alone, by keyboard', async () => {
    expect(await page.locator('.deferred-offer').count()).toBe(0);
    const offer = page.locator('.draft-offer');
    const deferred = offer.getByLabel('3. Posisjonsnotat om klimatilpasning');
    await expect(deferred.isChecked()).resolves.toBe(true);
    // Every other box unticked with the space bar: only the deferred item is added.
    const boxes = offer.locator('input[type="checkbox"]');
    for (let i = 0; i < (await boxes.count()); i++) {
      const box = boxes.nth(i);
      if ((await box.getAttribute('id')) === (await deferred.getAttribute('id'))) continue;
      await focused(box);
      await page.keyboard.press('Space');
      await expect(box.isChecked()).resolves.toBe(false);
    }
    await submit(offer.locator('form'), 'Legg valgte saker fra utkastet til på sakslisten');
    expect(await itemCard(page, 'Posisjonsnotat om klimatilpasning').count()).toBe(1);
    expect(await page.locator('li.record-item').count()).toBe(1);
    // Added with the number the notice reads out: after approving the notice (1) and the previous minutes (2).
    await expect(itemCard(page, 'Posisjonsnotat om klimatilpasning').locator('h3').innerText()).resolves.toBe(
      '3. Posisjonsnotat om klimatilpasning',
    );
    await expect(page.locator('.draft-offer').innerText()).resolves.not.toContain('Posisjonsnotat');
  });

  it('shows a refused form with its error beside the field, focused, and stores nothing', async () => {
    const before = (await audit(`meeting-${ids.meeting}`)).length;
    const form = await opened(page, 'Legg til sak');
    await form.getByLabel('Saksnummer').fill('3');
    await form.getByLabel('Sakens tittel').fill('   ');
    await submit(form, 'Legg til sak');
    const title = page.locator('#item-title');
    await expect(title.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(title.getAttribute('aria-describedby')).resolves.toBe('item-title-error');
    await expect(page.locator('#item-title-error').innerText()).resolves.toBe('Feltet må fylles ut.');
    // The summary links to the field and has the focus; what was typed is kept.
    const summary = page.locator('#item-form [data-error-summary]');
    await expect(summary.locator('a[href="#item-title"]').innerText()).resolves.toBe(
      'Sakens tittel: Feltet må fylles ut.',
    );
    await expect(
      page.evaluate(() =>
        (
          globalThis as unknown as { document: { activeElement: { hasAttribute(n: string): boolean } } }
        ).document.activeElement.hasAttribute('data-error-summary'),
      ),
    ).resolves.toBe(true);
    await expect(page.locator('#item-number').inputValue()).resolves.toBe('3');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'record-form-error');
    expect((await audit(`meeting-${ids.meeting}`)).length).toBe(before);
  });

  it('adds agenda items, the last one by keyboard alone', async () => {
    const form = await opened(page, 'Legg til sak');
    await form.getByLabel('Saksnummer').fill('4');
    await form.getByLabel('Sakens tittel').fill('Handlingsprogram 2026');
    await form.getByLabel('Type sak').selectOption('decision');
    await submit(form, 'Legg til sak');
    expect(await itemCard(page, 'Handlingsprogram 2026').count()).toBe(1);
    await focused((await opened(page, 'Legg til sak')).getByLabel('Sakens tittel'));
    await page.keyboard.type('Budsjett 2027');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    expect(await itemCard(page, 'Budsjett 2027').count()).toBe(1);
    // No number given: the next after the highest on the agenda (3 and 4 are there).
    await expect(itemCard(page, 'Budsjett 2027').locator('h3').innerText()).resolves.toBe('5. Budsjett 2027');
    // The notice the chair reads out numbers every item as this page does (audit L2).
    const shown = await page.locator('li.record-item h3').allInnerTexts();
    expect(shown).toEqual([
      '3. Posisjonsnotat om klimatilpasning',
      '4. Handlingsprogram 2026',
      '5. Budsjett 2027',
    ]);
    const notice = (await page.locator('#notice-text').innerText()).split('\n');
    expect(notice.filter((line) => /^\d+\. /.test(line)).slice(0, 5)).toEqual([
      '1. Godkjenning av innkalling og saksliste',
      '2. Godkjenning av referat fra forrige møte',
      ...shown,
    ]);
  });

  it('gives an item another number by keyboard, and refuses a taken one beside the field', async () => {
    const budget = itemCard(page, 'Budsjett 2027');
    const field = (await opened(budget, 'Endre saksnummer')).getByLabel('Saksnummer');
    await expect(field.inputValue()).resolves.toBe('5');
    await focused(field);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('7');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    expect(page.url()).toMatch(/\?melding=renumbered#item-/);
    await expect(page.locator('.flash').innerText()).resolves.toContain('Saken har fått nytt nummer.');
    await expect(budget.locator('h3').innerText()).resolves.toBe('7. Budsjett 2027');

    const before = (await audit(`meeting-${ids.meeting}`)).length;
    const plan = itemCard(page, 'Handlingsprogram 2026');
    const form = await opened(plan, 'Endre saksnummer');
    await form.getByLabel('Saksnummer').fill('3');
    await submit(form, 'Endre saksnummer');
    const refused = plan.getByLabel('Saksnummer');
    await expect(refused.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await refused.getAttribute('aria-describedby')) ?? '';
    await expect(page.locator(`[id="${describedBy}"]`).innerText()).resolves.toBe(
      'Saksnummer 3 er allerede brukt i dette møtet.',
    );
    await expect(refused.inputValue()).resolves.toBe('3');
    await expect(page.locator('li.record-item h3').allInnerTexts()).resolves.toEqual([
      '3. Posisjonsnotat om klimatilpasning',
      '4. Handlingsprogram 2026',
      '7. Budsjett 2027',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    expect((await audit(`meeting-${ids.meeting}`)).length).toBe(before);
  });

  it('records attendance: one in person, one remote, one substitute', async () => {
    const form = page.locator('#attendance-form');
    await form.getByLabel('Person').selectOption({ label: 'Siri Sekretær' });
    await submit(form, 'Registrer oppmøte');
    await page.locator('#attendance-form').getByLabel('Person').selectOption({ label: 'Ola Leder' });
    await page.locator('#attendance-form').getByLabel('Deltok digitalt').check();
    await submit(page.locator('#attendance-form'), 'Registrer oppmøte');
    await page.locator('#attendance-form').getByLabel('Person').selectOption({ label: 'Lars Vikar' });
    await page
      .locator('#attendance-form')
      .getByLabel('Deltok i stedet for')
      .selectOption({ label: 'Mia Medlem' });
    await submit(page.locator('#attendance-form'), 'Registrer oppmøte');
    const list = await page.locator('#attendance ul').innerText();
    expect(list).toContain('Ola Leder (digitalt)');
    expect(list).toContain('Lars Vikar (i stedet for Mia Medlem)');
  });

  it('removes an attendee recorded by mistake, by keyboard, and the meeting page and audit trail follow', async () => {
    await page.locator('#attendance-form').getByLabel('Person').selectOption({ label: 'Otto Observatør' });
    await submit(page.locator('#attendance-form'), 'Registrer oppmøte');
    await expect(page.locator('#attendance ul').innerText()).resolves.toContain('Otto Observatør');
    const before = (await audit(`meeting-${ids.meeting}`)).length;
    // One form per attendee; its button says whom it removes to a screen reader.
    const remove = page.locator(`[data-attendee="${ids.observer}"] form`);
    await submit(remove, 'Fjern Otto Observatør fra oppmøtet');
    expect(page.url()).toMatch(/\?melding=attendanceWithdrawn#attendance$/);
    await expect(page.locator('.flash').innerText()).resolves.toContain('Personen er fjernet fra oppmøtet.');
    const list = await page.locator('#attendance ul').innerText();
    expect(list).not.toContain('Otto Observatør');
    expect(list).toContain('Siri Sekretær');
    expect(list).toContain('Ola Leder (digitalt)');
    const added = (await audit(`meeting-${ids.meeting}`)).slice(before);
    expect(added.map((e) => [e.type, e.metadata.actor, e.metadata.via])).toEqual([
      ['AttendanceWithdrawn', { kind: 'person', id: ids.secretary }, 'web'],
    ]);
    await page.goto(`/moter/${ids.meeting}`);
    const shown = await page.locator('#attendance').innerText();
    expect(shown).not.toContain('Otto Observatør');
    expect(shown).toContain('Siri Sekretær');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`/moter/${ids.meeting}/registrer`);
  });

  it('records a decision on a new matter, opened with it', async () => {
    const form = await opened(itemCard(page, 'Handlingsprogram 2026'), 'Registrer vedtak');
    await expect(form.getByLabel('Tittel på ny sak').inputValue()).resolves.toBe('Handlingsprogram 2026');
    await form.getByLabel('Vedtak', { exact: false }).first().fill('Handlingsprogrammet vedtas');
    await submit(form, 'Registrer vedtak');
    await expect(page.locator('.flash').innerText()).resolves.toContain('Vedtaket er registrert.');
    await expect(page.locator('#decisions').innerText()).resolves.toContain(
      'Handlingsprogram 2026: Handlingsprogrammet vedtas',
    );
  });

  it('records three commitments: a person, a working group and the secretariat', async () => {
    const commit = async (
      what: string,
      owner: (f: Locator) => Promise<void>,
      due: (f: Locator) => Promise<void>,
    ) => {
      const form = await opened(itemCard(page, 'Handlingsprogram 2026'), 'Registrer forpliktelse');
      await form.getByLabel('Hva skal gjøres?').fill(what);
      await owner(form);
      await due(form);
      await submit(form, 'Registrer forpliktelse');
      await expect(page.locator('.flash').innerText()).resolves.toContain('Forpliktelsen er registrert.');
    };
    const next = async () => undefined;
    await commit(
      'Sende innspill til handlingsprogrammet',
      (f) =>
        f
          .getByLabel('Ansvarlig person')
          .selectOption({ label: 'Ola Leder' })
          .then(() => undefined),
      next,
    );
    await commit(
      'Lage en plan for klimatilpasning',
      async (f) => {
        await f.getByLabel('En arbeidsgruppe').check();
        await f.getByLabel('Ansvarlig arbeidsgruppe').selectOption({ label: 'Arbeidsgruppe for klima' });
      },
      async (f) => {
        await f.getByLabel('En dato').check();
        await f.getByLabel('Datoen').fill(dateField(60));
      },
    );
    await commit(
      'Sende ut det vedtatte handlingsprogrammet',
      (f) => f.getByLabel('Sekretariatet').check(),
      next,
    );
    const card = await itemCard(page, 'Handlingsprogram 2026').innerText();
    expect(card).toContain('Sende innspill til handlingsprogrammet – Ola Leder');
    expect(card).toContain('Lage en plan for klimatilpasning – Arbeidsgruppe for klima');
    expect(card).toContain('Sende ut det vedtatte handlingsprogrammet – Sekretariatet');
  });

  it('refuses a commitment with a person owner but no person, beside that field', async () => {
    const form = await opened(itemCard(page, 'Handlingsprogram 2026'), 'Registrer forpliktelse');
    await form.getByLabel('Hva skal gjøres?').fill('Uten ansvarlig');
    await submit(form, 'Registrer forpliktelse');
    const select = itemCard(page, 'Handlingsprogram 2026').getByLabel('Ansvarlig person');
    await expect(select.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await itemCard(page, 'Handlingsprogram 2026').locator('[data-commitment]').count()).toBe(3);
  });

  it('forms a working group on an item', async () => {
    const form = await opened(itemCard(page, 'Posisjonsnotat om klimatilpasning'), 'Opprett arbeidsgruppe');
    await form.getByLabel('Navn på arbeidsgruppen').fill('Arbeidsgruppe for posisjonsnotat');
    await form.getByLabel('Leder').selectOption({ label: 'Ola Leder' });
    await submit(form, 'Opprett arbeidsgruppe');
    await expect(page.locator('.flash').innerText()).resolves.toContain('Arbeidsgruppen er opprettet.');
  });

  it('defers an item, approves the previous minutes and amends the decision with a reason', async () => {
    await submit(
      itemCard(page, 'Budsjett 2027').locator('form', { hasText: 'Ikke behandlet' }),
      /Ikke behandlet/,
    );
    await expect(itemCard(page, 'Budsjett 2027').innerText()).resolves.toContain(
      'Ikke behandlet – tas opp på neste møte',
    );
    await submit(page.locator('#minutes-approval form'), /Godkjenn referatet fra møtet 18. september 2025/);
    await expect(page.locator('#minutes-approval').innerText()).resolves.toContain('er godkjent');
    const amend = await opened(page.locator('#decisions li').first(), 'Endre et vedtak');
    await amend.getByLabel('Ny tekst').fill('Handlingsprogrammet vedtas med endringene i punkt 2');
    await amend.getByLabel('Hvorfor endres vedtaket?').fill('Rettet etter innspill i møtet');
    await submit(amend, 'Lagre endringen');
    await expect(page.locator('#decisions').innerText()).resolves.toContain('med endringene i punkt 2');
  });

  it('passes axe, fits 375 px, and reads in English', async () => {
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'record');
    await page.setViewportSize({ width: 375, height: 800 });
    const width = await scrollWidth(page);
    expect(width <= 375 ? [] : await overflowing(page, 375)).toEqual([]);
    await screenshot(page, 'record-375');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/moter/${ids.meeting}/registrer?lang=en`);
    await expect(page.locator('h1').innerText()).resolves.toContain('Record the meeting');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await screenshot(page, 'record-en');
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'record-en-375');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/moter/${ids.meeting}/registrer?lang=nb`);
  });

  it('refuses to mark the meeting held unless the box is ticked, beside it, with nothing stored', async () => {
    const before = (await audit(`meeting-${ids.meeting}`)).length;
    await submit(page.locator('#close form'), 'Marker møtet som avholdt');
    const box = page.locator('#hold-confirm');
    await expect(box.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#hold-confirm-error').innerText()).resolves.toBe(
      'Kryss av for å bekrefte at møtet er avholdt.',
    );
    await expect(page.locator('#close [data-error-summary] a[href="#hold-confirm"]').count()).resolves.toBe(
      1,
    );
    expect(await seriousViolations(page)).toEqual([]);
    expect((await audit(`meeting-${ids.meeting}`)).length).toBe(before);
    expect((await http.get(`/meetings/${ids.meeting}`)).body.status).toBe('scheduled');
  });

  it('marks the meeting held, then offers the minutes and the notice of the next meeting', async () => {
    // The box ticked by keyboard, as the refusal above left the page.
    await focused(page.locator('#hold-confirm'));
    await page.keyboard.press('Space');
    await expect(page.locator('#hold-confirm').isChecked()).resolves.toBe(true);
    await submit(page.locator('#close form'), 'Marker møtet som avholdt');
    await expect(page.locator('.flash').innerText()).resolves.toContain('Møtet er markert som avholdt.');
    const minutes = await page
      .context()
      .request.get((await page.locator('a[href$="/referat.docx"]').getAttribute('href'))!);
    const text = (await mammoth.extractRawText({ buffer: await minutes.body() })).value;
    expect(text).toContain('Handlingsprogrammet vedtas med endringene i punkt 2');
    expect(text).toContain('Lars Vikar (i stedet for Mia Medlem)');
    // The next meeting, from the dashboard's link; the held meeting's page then has its notice.
    await page.goto(`/grupper/${ids.group}/nytt-mote`);
    const form = page.locator('main form');
    await form.getByLabel('Dato').fill(dateField(42));
    await form.getByLabel('Starter kl.').fill('09:00');
    await submit(form, 'Sett opp møtet');
    ids.next = /\/moter\/([^/]+)\/registrer/.exec(page.url())![1];
    await page.goto(`/moter/${ids.meeting}/registrer`);
    const notice = await page.locator('#notice-text').innerText();
    expect(notice).toContain('Innkalling til møte i Faggruppe for samfunnsplanlegging');
    expect(notice).toMatch(/\d+\. Budsjett 2027/);
    expect(notice).toContain('Rapport fra Arbeidsgruppe for klima');
    expect(notice).toContain('Oppfølging: Sende innspill til handlingsprogrammet (Ola Leder)');
    const docx = await page
      .context()
      .request.get((await page.locator('a[href$="/innkalling.docx"]').getAttribute('href'))!);
    expect(docx.status()).toBe(200);
    const noticeDoc = (await mammoth.extractRawText({ buffer: await docx.body() })).value;
    expect(noticeDoc).toContain('Budsjett 2027');
    expect(noticeDoc).toContain('Oppfølging: Sende ut det vedtatte handlingsprogrammet (Sekretariatet)');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'record-held');
  });

  it('does not offer to mark a meeting held before it begins, and the API refuses it', async () => {
    await page.goto(`/moter/${ids.next}/registrer`);
    const close = await page.locator('#close').innerText();
    expect(close).toContain('Møtet kan merkes som avholdt når det har begynt');
    expect(await page.locator('#close form').count()).toBe(0);
    const early = await http.post(`/meetings/${ids.next}/held`, {});
    expect([early.status, early.body.error?.code]).toEqual([409, 'MEETING.NOT_STARTED']);
    expect((await http.get(`/meetings/${ids.next}`)).body.status).toBe('scheduled');
  });

  it("records the held meeting's minutes as approved by e-mail, by keyboard, refused first with the box unticked", async () => {
    await page.goto(`/moter/${ids.meeting}/registrer`);
    const section = page.locator('#own-minutes');
    await expect(section.locator('h2').innerText()).resolves.toBe('Referatet fra dette møtet');
    await expect(section.innerText()).resolves.toContain('Referatet er ikke godkjent ennå.');
    const before = (await audit(`meeting-${ids.meeting}`)).length;
    await submit(section.locator('form'), 'Registrer at referatet er godkjent');
    const box = page.locator('#approve-otherwise-confirm');
    await expect(box.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#approve-otherwise-confirm-error').innerText()).resolves.toBe(
      'Kryss av for å bekrefte at referatet er godkjent.',
    );
    const summary = page.locator('#own-minutes [data-error-summary]');
    await expect(summary.locator('a[href="#approve-otherwise-confirm"]').innerText()).resolves.toContain(
      'Kryss av for å bekrefte at referatet er godkjent.',
    );
    await expect(
      page.evaluate(() =>
        (
          globalThis as unknown as { document: { activeElement: { hasAttribute(n: string): boolean } } }
        ).document.activeElement.hasAttribute('data-error-summary'),
      ),
    ).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    expect((await audit(`meeting-${ids.meeting}`)).length).toBe(before);

    // From the summary's link to the box, ticked with Space, sent with Enter on the button.
    await summary.locator('a[href="#approve-otherwise-confirm"]').focus();
    await page.keyboard.press('Enter');
    await expect(
      page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement
            .id,
      ),
    ).resolves.toBe('approve-otherwise-confirm');
    await page.keyboard.press('Space');
    await expect(box.isChecked()).resolves.toBe(true);
    await submit(page.locator('#own-minutes form'), 'Registrer at referatet er godkjent');
    expect(page.url()).toMatch(/\?melding=approvedOtherwise#own-minutes$/);
    await expect(page.locator('.flash').innerText()).resolves.toContain(
      'Det er registrert at referatet er godkjent.',
    );
    await expect(page.locator('#own-minutes').innerText()).resolves.toContain(
      'Referatet er godkjent på annen måte (for eksempel per e-post).',
    );
    expect(await page.locator('#own-minutes form').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // Read back: one MinutesApproved at no meeting, by her, through the web; the API has the minutes approved.
    const added = (await audit(`meeting-${ids.meeting}`)).slice(before);
    expect(added.map((e) => [e.type, e.data, e.metadata.actor, e.metadata.via])).toEqual([
      [
        'MinutesApproved',
        { meetingId: ids.meeting, atMeetingId: null },
        { kind: 'person', id: ids.secretary },
        'web',
      ],
    ]);
    expect((await http.get(`/meetings/${ids.meeting}`)).body.minutesApproved).toBe(true);

    // Said on the meeting page, and in English; axe on each.
    await page.goto(`/moter/${ids.meeting}`);
    await expect(page.locator('#minutes').innerText()).resolves.toContain(
      'Referatet er godkjent på annen måte (for eksempel per e-post).',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`/moter/${ids.meeting}/registrer?lang=en`);
    await expect(page.locator('#own-minutes').innerText()).resolves.toContain(
      'The minutes were approved another way (for example by e-mail).',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`/moter/${ids.meeting}?lang=en`);
    await expect(page.locator('#minutes').innerText()).resolves.toContain(
      'The minutes were approved another way (for example by e-mail).',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`/moter/${ids.meeting}/registrer?lang=nb`);
  });

  it('refuses the form in English beside the box once the minutes are approved, storing nothing', async () => {
    const before = (await audit(`meeting-${ids.meeting}`)).length;
    const form = page.locator('#approve-otherwise-form');
    // The form is no longer on the page: posted as from a page left open in another tab.
    expect(await form.count()).toBe(0);
    const csrf = ((await (await page.context().request.get('/api/me')).json()) as { csrfToken: string })
      .csrfToken;
    const res = await page
      .context()
      .request.post(`/moter/${ids.meeting}/registrer/referat-godkjent?lang=en`, {
        form: { _csrf: csrf, confirm: 'on' },
        maxRedirects: 0,
      });
    expect(res.status()).toBe(409);
    const html = await res.text();
    expect(html).toMatch(/id="approve-otherwise-confirm"[^>]*aria-invalid="true"/);
    expect(html).toContain('id="approve-otherwise-confirm-error">The minutes are already approved.</p>');
    expect((await audit(`meeting-${ids.meeting}`)).length).toBe(before);
    // ?lang=en is remembered: back in bokmål for the tests that follow.
    await page.goto(`/moter/${ids.meeting}/registrer?lang=nb`);
  });

  it('shows it all on the dashboard, the tasks and the draft agenda', async () => {
    await page.goto(`/grupper/${ids.group}`);
    const dashboard = await page.locator('main').innerText();
    expect(dashboard).toContain('Budsjett 2027');
    expect(dashboard).toContain('Sende innspill til handlingsprogrammet');
    expect(dashboard).toContain('Lage en plan for klimatilpasning');
    expect(dashboard).toContain('Sende ut det vedtatte handlingsprogrammet');
    await page.goto(`/personer/${ids.chair}/oppgaver`);
    await expect(page.locator('#tasks').innerText()).resolves.toContain(
      'Sende innspill til handlingsprogrammet',
    );
    await page.goto(`/personer/${ids.lead}/oppgaver`);
    await expect(page.locator('#tasks').innerText()).resolves.toContain('Lage en plan for klimatilpasning');
    await page.goto(`/grupper/${ids.group}/neste-saksliste`);
    const agenda = await page.locator('ol.agenda').innerText();
    expect(agenda).toContain('Godkjenning av referat fra forrige møte');
    expect(agenda).toContain('Budsjett 2027');
    expect(agenda).toContain('Oppfølging: Sende ut det vedtatte handlingsprogrammet (Sekretariatet)');
  });

  it('names the signed-in secretariat as the actor of everything recorded, through the web', async () => {
    const meetingEvents = await audit(`meeting-${ids.meeting}`);
    expect(meetingEvents.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'MeetingScheduled',
        'AgendaItemAdded',
        'AttendanceRecorded',
        'AgendaItemDeferred',
        'MeetingHeld',
      ]),
    );
    const previousEvents = await audit(`meeting-${ids.previous}`);
    const recorded = [...meetingEvents, previousEvents.find((e) => e.type === 'MinutesApproved')!];
    for (const event of recorded) {
      expect([event.type, event.metadata.actor, event.metadata.via]).toEqual([
        event.type,
        { kind: 'person', id: ids.secretary },
        'web',
      ]);
    }
    await page.goto(`/moter/${ids.meeting}/registrer`);
    const commitmentIds = await page
      .locator('[data-commitment]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-commitment')!));
    expect(commitmentIds).toHaveLength(3);
    for (const id of commitmentIds) {
      const [made] = await audit(`commitment-${id}`);
      expect([made.type, made.metadata.actor, made.metadata.via]).toEqual([
        'CommitmentMade',
        { kind: 'person', id: ids.secretary },
        'web',
      ]);
    }
    const matterId = /\/saker\/([^/"?#]+)/.exec(
      await page.goto(`/moter/${ids.meeting}`).then(() => page.content()),
    )![1];
    const matterEvents = await audit(`matter-${matterId}`);
    expect(matterEvents.map((e) => e.type)).toEqual(['MatterOpened', 'DecisionRecorded', 'DecisionAmended']);
    for (const event of matterEvents)
      expect(event.metadata.actor).toEqual({ kind: 'person', id: ids.secretary });
    await page.goto(`/saker/${matterId}`);
    await expect(page.locator('main').innerText()).resolves.toContain('Registrert av Siri Sekretær');
  });

  it('records an item once when its button is clicked twice, and numbers it', async () => {
    await page.goto(`/moter/${ids.next}/registrer`);
    const before = await audit(`meeting-${ids.next}`);
    const posts: string[] = [];
    const count = (r: { method(): string }) => void (r.method() === 'POST' && posts.push(r.method()));
    page.on('request', count);
    const form = await opened(page, 'Legg til sak');
    await form.getByLabel('Sakens tittel').fill('Dobbeltklikket sak');
    // Two presses in a row, the second before the first post's page has come: was each submit sent?
    const [, sent] = await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      form.getByRole('button', { name: 'Legg til sak' }).evaluate((button) => {
        type Listen = (type: string, listener: (e: { defaultPrevented: boolean }) => void) => void;
        const doc = (globalThis as unknown as { document: { addEventListener: Listen } }).document;
        const seen: boolean[] = [];
        // After app.js's own listener (capturing): whether it let this submit go.
        doc.addEventListener('submit', (e) => seen.push(!e.defaultPrevented));
        const b = button as unknown as { click(): void; getAttribute(n: string): string | null };
        b.click();
        const marked = b.getAttribute('aria-disabled');
        b.click();
        return { seen, marked };
      }),
    ]);
    page.off('request', count);
    // The page sent the first and not the second, and said so on the button; the server recorded one item.
    expect(sent).toEqual({ seen: [true, false], marked: 'true' });
    expect(posts).toEqual(['POST']);
    const added = (await audit(`meeting-${ids.next}`)).slice(before.length);
    expect(added.map((e) => e.type)).toEqual(['AgendaItemAdded']);
    // Added without a number to an empty agenda: after the notice's standard items, 1 and 2.
    await expect(itemCard(page, 'Dobbeltklikket sak').locator('h3').innerText()).resolves.toBe(
      '3. Dobbeltklikket sak',
    );
  });

  it('answers the same form posted twice as the first time, recording one commitment', async () => {
    await page.goto(`/moter/${ids.next}/registrer`);
    const form = itemCard(page, 'Dobbeltklikket sak').locator('form[action$="/forpliktelser"]');
    const hidden = async (name: string) => form.locator(`input[name="${name}"]`).inputValue();
    const fields = {
      _csrf: await hidden('_csrf'),
      _key: await hidden('_key'),
      agendaItemId: await hidden('agendaItemId'),
      text: 'Sendt to ganger',
      ownerKind: 'secretariat',
      dueKind: 'next-meeting',
    };
    const post = (body: Record<string, string>) =>
      page
        .context()
        .request.post(`/moter/${ids.next}/registrer/forpliktelser`, { form: body, maxRedirects: 0 });
    const first = await post(fields);
    const second = await post(fields);
    expect([first.status(), second.status()]).toEqual([303, 303]);
    expect(second.headers().location).toBe(first.headers().location);
    expect(second.headers()['idempotent-replayed']).toBe('true');
    // The same key with other content is refused, and a key that is not one is a client's mistake.
    const changed = await post({ ...fields, text: 'Noe annet' });
    expect(changed.status()).toBe(409);
    await expect(changed.text()).resolves.toContain('allerede sendt');
    const malformed = await post({ ...fields, _key: 'ikke-en-nøkkel' });
    expect(malformed.status()).toBe(400);
    await page.goto(`/moter/${ids.next}/registrer`);
    const made = itemCard(page, 'Dobbeltklikket sak').locator('[data-commitment]');
    await expect(made.count()).resolves.toBe(1);
    const [id] = await made.evaluateAll((els) => els.map((el) => el.getAttribute('data-commitment')!));
    expect((await audit(`commitment-${id}`)).map((e) => e.type)).toEqual(['CommitmentMade']);
  });

  it("adds the draft agenda's items to the next meeting by keyboard, and the notice reads as before", async () => {
    await page.goto(`/moter/${ids.next}/registrer`);
    const notice = await page.locator('#notice-text').innerText();
    const offer = page.locator('.draft-offer');
    for (const label of [
      'Godkjenning av innkalling og saksliste',
      'Rapport fra Arbeidsgruppe for klima',
      'Oppfølging: Sende innspill til handlingsprogrammet (Ola Leder)',
      'Eventuelt',
    ])
      await expect(offer.getByLabel(label).isChecked()).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'record-draft-offer');
    await submit(offer.locator('form'), 'Legg valgte saker fra utkastet til på sakslisten');
    await expect(page.locator('.flash').innerText()).resolves.toContain(
      'Sakene fra utkastet er lagt til på sakslisten.',
    );
    expect(await page.locator('.draft-offer').count()).toBe(0);
    // Each on the agenda once, to record on, under the number the notice gave it; the notice is unchanged.
    const follow = itemCard(page, 'Oppfølging: Sende innspill til handlingsprogrammet (Ola Leder)');
    expect(await follow.count()).toBe(1);
    expect(notice).toContain(await follow.locator('h3').innerText());
    expect(await itemCard(page, 'Rapport fra Arbeidsgruppe for klima').count()).toBe(1);
    await expect(page.locator('#notice-text').innerText()).resolves.toBe(notice);
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('recording is for the secretariat', () => {
  // A held meeting whose minutes are not approved: the approval a member posts would otherwise be stored.
  let unapproved: string;
  beforeAll(async () => {
    unapproved = (await http.ok('/meetings', { groupId: ids.group, startsAt: '2025-05-15T09:00:00+02:00' }))
      .id;
    await http.ok(`/meetings/${unapproved}/held`);
  });

  it.each([
    ['member', 'mia@example.no'],
    ['observer', 'otto@example.no'],
    // The chair may edit the agenda over the API, but the record pages are the secretariat's.
    ['chair', 'ola@example.no'],
  ])('refuses a %s the record page, its forms and the notice, and stores nothing', async (_role, email) => {
    const page = await signedInAs(email);
    const before = (await audit(`meeting-${ids.next}`)).length;
    const shown = await page.goto(`/moter/${ids.next}/registrer`);
    expect(shown!.status()).toBe(403);
    await expect(page.locator('h1').innerText()).resolves.toBe('Ingen tilgang');
    expect((await page.goto(`/grupper/${ids.group}/nytt-mote`))!.status()).toBe(403);
    expect((await page.goto(`/moter/${ids.next}/innkalling.docx`))!.status()).toBe(403);
    // A post with the reader's own session and CSRF token: the policy, not the token, refuses it.
    await page.goto(`/grupper/${ids.group}`);
    await expect(page.getByRole('link', { name: 'Registrer møtet' }).count()).resolves.toBe(0);
    const csrf = ((await (await page.context().request.get('/api/me')).json()) as { csrfToken: string })
      .csrfToken;
    const posted = await page.context().request.post(`/moter/${ids.next}/registrer/saker`, {
      form: { _csrf: csrf, title: 'Sniket inn' },
      maxRedirects: 0,
    });
    expect(posted.status()).toBe(403);
    expect((await audit(`meeting-${ids.next}`)).length).toBe(before);
    // Nor may they record a held meeting's minutes as approved by e-mail.
    const approvals = (await audit(`meeting-${unapproved}`)).length;
    const approved = await page.context().request.post(`/moter/${unapproved}/registrer/referat-godkjent`, {
      form: { _csrf: csrf, confirm: 'on' },
      maxRedirects: 0,
    });
    expect(approved.status()).toBe(403);
    expect((await audit(`meeting-${unapproved}`)).length).toBe(approvals);
    expect((await http.get(`/meetings/${unapproved}`)).body.minutesApproved).toBe(false);
    await page.context().close();
  });

  it('lets an admin token read the record page', async () => {
    const page = await newPage(browser, origin, { extraHTTPHeaders: bearer });
    const shown = await page.goto(`/moter/${ids.next}/registrer`);
    expect(shown!.status()).toBe(200);
    await page.context().close();
  });
});
