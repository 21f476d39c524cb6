import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { TestSmtpServer } from '../../../libs/reminders/testing/smtp-test-server';
import { ApiProcess, client } from '../support/server';
import { launch, screenshot, seriousViolations, signedIn } from './browser';

// Between meetings, in headless Chromium against the real server, by keyboard. A commitment's own page: its
// facts and history for everyone in the group, and the secretariat's three changes (owner, deadline,
// withdrawal). A working group's page: its lead or the secretariat reports its status; the secretariat changes
// its lead and members, and dissolves it. The draft agenda: the chair adds an item to the next meeting. A refused change stores nothing;
// a member sees both pages without the forms and is refused the posts.
jest.setTimeout(180_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-commitment-'));
const smtp = new TestSmtpServer();
let api: ApiProcess;
let http: ReturnType<typeof client>;
let browser: Browser;
const ids: Record<string, string> = {};

type Audited = {
  type: string;
  data: Record<string, unknown>;
  metadata: { actor: { id: string }; via: string };
};
const history = async (): Promise<Audited[]> =>
  ((await http.get(`/audit?stream=commitment-${ids.commitment}`)).body as { events: Audited[] }).events;
const tasksOf = async (key: string): Promise<string[]> =>
  ((await http.get(`/people/${ids[key]}/tasks`)).body as { tasks: { id: string }[] }).tasks.map((t) => t.id);

beforeAll(async () => {
  // The browser starts while the API does and the story is written: neither waits for the other.
  const launching = launch().then((b) => (browser = b));
  await smtp.start();
  api = new ApiProcess(join(dir, 'commitment.db'), { SMTP_URL: smtp.url, TILNESTE_EMBEDDED_WORKER: 'false' });
  await api.start();
  http = client(api);
  const person = async (key: string, name: string, email: string) =>
    (ids[key] = (await http.ok('/people', { name, email })).id);
  await person('secretary', 'Siri Sekretær', 'siri@example.no');
  await person('owner', 'Kari Eier', 'kari@example.no');
  await person('member', 'Mia Medlem', 'mia@example.no');
  await person('outsider', 'Ola Utenfor', 'ola@example.no');
  await person('chair', 'Cato Leder', 'cato@example.no');
  ids.group = (await http.ok('/groups', { name: 'Faggruppe for kultur' })).id;
  for (const [key, role] of [
    ['secretary', 'secretariat'],
    ['owner', 'member'],
    ['member', 'member'],
    ['chair', 'chair'],
  ])
    await http.ok(`/groups/${ids.group}/members`, { personId: ids[key], role });
  const day = 86_400_000;
  ids.made = (
    await http.ok('/meetings', { groupId: ids.group, startsAt: new Date(Date.now() - 7 * day).toISOString() })
  ).id;
  ids.later = (
    await http.ok('/meetings', {
      groupId: ids.group,
      startsAt: new Date(Date.now() + 60 * day).toISOString(),
      title: 'Sommermøtet',
    })
  ).id;
  ids.wg = (
    await http.ok('/working-groups', {
      groupId: ids.group,
      name: 'Arbeidsgruppe for festivalen',
      leadPersonId: ids.owner,
    })
  ).id;
  ids.commitment = (
    await http.ok('/commitments', {
      meetingId: ids.made,
      text: 'Lage en oversikt over kulturmidlene',
      owner: { personId: ids.owner },
      due: { nextMeeting: true },
    })
  ).id;
  await launching;
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await smtp.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens a disclosure by keyboard (focus its summary, Enter), and returns its form. */
async function opened(page: Page, summary: string): Promise<Locator> {
  const details = page.locator(`details:has(> summary:text-is("${summary}"))`);
  if (!(await details.evaluate((d) => (d as unknown as { open: boolean }).open))) {
    await details.locator('summary').focus();
    await page.keyboard.press('Enter');
  }
  // Until the details has opened, its fields cannot take the focus: a key pressed at once would reach the summary.
  await details.locator('form').waitFor({ state: 'visible' });
  return details.locator('form');
}

/** Submits with the keyboard (focus the button, Enter) and waits for the page it leads to. */
async function submit(form: Locator, button: string): Promise<void> {
  const send = form.getByRole('button', { name: button });
  await send.waitFor({ state: 'visible' });
  await send.focus();
  await Promise.all([
    form.page().waitForNavigation({ waitUntil: 'load' }),
    form.page().keyboard.press('Enter'),
  ]);
}

describe("a commitment's page (secretariat)", () => {
  let page: Page;
  beforeAll(async () => {
    page = await signedIn(browser, api, smtp, 'siri@example.no');
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it('is reached from the dashboard, shows the facts and history, and passes axe in both languages', async () => {
    await page.goto(`/grupper/${ids.group}`);
    await Promise.all([
      page.waitForURL(`**/forpliktelser/${ids.commitment}`),
      page.getByRole('link', { name: 'Lage en oversikt over kulturmidlene' }).click(),
    ]);
    await expect(page.locator('h1').innerText()).resolves.toBe('Lage en oversikt over kulturmidlene');
    const facts = await page.locator('dl.facts').innerText();
    expect(facts).toContain('Kari Eier');
    expect(facts).toContain('Faggruppe for kultur');
    await expect(page.locator('#history li').count()).resolves.toBe(1);
    await expect(page.locator('#history').innerText()).resolves.toContain('Registrert av administrator');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'commitment-secretariat');
    await page.goto(`/forpliktelser/${ids.commitment}?lang=en`);
    await expect(page.locator('#manage h2').innerText()).resolves.toBe('Change the commitment');
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'commitment-secretariat-en-375');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/forpliktelser/${ids.commitment}?lang=nb`);
  });

  it('gives it to another member, by keyboard; their task list has it and the history names who did it', async () => {
    const form = await opened(page, 'Endre ansvarlig');
    await form.getByLabel('Ansvarlig person').focus();
    await form.getByLabel('Ansvarlig person').selectOption({ label: 'Mia Medlem' });
    await submit(form, 'Lagre ny ansvarlig');
    await expect(page.getByRole('status').innerText()).resolves.toBe('Ny ansvarlig er lagret.');
    await expect(page.locator('dl.facts').innerText()).resolves.toContain('Mia Medlem');
    expect(await tasksOf('member')).toEqual([ids.commitment]);
    expect(await tasksOf('owner')).toEqual([]);
    const last = (await history()).at(-1)!;
    expect([last.type, last.metadata.actor.id, last.metadata.via]).toEqual([
      'CommitmentReassigned',
      ids.secretary,
      'web',
    ]);
    await expect(page.locator('#history li').last().innerText()).resolves.toContain(
      'Mia Medlem (før: Kari Eier)',
    );
  });

  it('refuses the owner it already has beside the field, and stores nothing', async () => {
    const before = (await history()).length;
    const form = await opened(page, 'Endre ansvarlig');
    await submit(form, 'Lagre ny ansvarlig');
    await expect(page.locator('#owner-ownerKind-error').innerText()).resolves.toContain(
      'har allerede denne ansvarlige',
    );
    // The summary took the focus, so a screen reader starts at what went wrong.
    await expect(
      page.evaluate(() => (globalThis as unknown as { document: Document }).document.activeElement?.id),
    ).resolves.toBe('owner-errors');
    expect((await history()).length).toBe(before);
    expect(await seriousViolations(page)).toEqual([]);
    // Drawn at the form's address, the page's language link still leads to the page.
    const english = await page.getByRole('link', { name: 'English' }).getAttribute('href');
    expect(english).toBe(`/forpliktelser/${ids.commitment}?lang=en`);
  });

  it('moves the deadline to a later meeting', async () => {
    await page.goto(`/forpliktelser/${ids.commitment}`);
    const form = await opened(page, 'Endre frist');
    await form.getByLabel('Et bestemt møte').check();
    await form.getByLabel(/^Møtet/).selectOption({ value: ids.later });
    await submit(form, 'Lagre ny frist');
    await expect(page.getByRole('status').innerText()).resolves.toBe('Ny frist er lagret.');
    const last = (await history()).at(-1)!;
    expect([last.type, last.data.due]).toEqual([
      'CommitmentDueChanged',
      { kind: 'meeting', meetingId: ids.later },
    ]);
    await expect(page.locator('dl.facts a[href="/moter/' + ids.later + '"]').count()).resolves.toBe(1);
  });

  it('withdraws it only once confirmed; then it leaves the task list and offers no more changes', async () => {
    const before = (await history()).length;
    let form = await opened(page, 'Trekk tilbake forpliktelsen');
    await form.getByLabel('Hvorfor trekkes den tilbake?').fill('Midlene er allerede fordelt');
    await submit(form, 'Trekk tilbake forpliktelsen');
    await expect(page.locator('#withdraw-confirm').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#withdraw-confirm-error').innerText()).resolves.toContain('Kryss av');
    await screenshot(page, 'commitment-withdraw-refused');
    // What was typed is still there.
    await expect(page.getByLabel('Hvorfor trekkes den tilbake?').inputValue()).resolves.toBe(
      'Midlene er allerede fordelt',
    );
    expect((await history()).length).toBe(before);

    form = await opened(page, 'Trekk tilbake forpliktelsen');
    await form.getByLabel('Ja, trekk tilbake forpliktelsen').focus();
    await page.keyboard.press('Space');
    await submit(form, 'Trekk tilbake forpliktelsen');
    await expect(page.getByRole('status').innerText()).resolves.toBe('Forpliktelsen er trukket tilbake.');
    await expect(page.locator('dd[data-status]').innerText()).resolves.toContain('Trukket tilbake');
    await expect(page.locator('#manage').count()).resolves.toBe(0);
    await expect(page.locator('#history').innerText()).resolves.toContain(
      'Begrunnelse: Midlene er allerede fordelt',
    );
    const last = (await history()).at(-1)!;
    expect([last.type, last.data.reason]).toEqual(['CommitmentWithdrawn', 'Midlene er allerede fordelt']);
    expect(await tasksOf('member')).toEqual([]);
  });
});

describe('changing a commitment is for the secretariat', () => {
  it('shows a member the page without forms, refuses their posts, and refuses someone outside the group', async () => {
    const page = await signedIn(browser, api, smtp, 'mia@example.no');
    const shown = await page.goto(`/forpliktelser/${ids.commitment}`);
    expect(shown!.status()).toBe(200);
    await expect(page.locator('form[action^="/forpliktelser/"]').count()).resolves.toBe(0);
    const before = (await history()).length;
    const csrf = ((await (await page.context().request.get('/api/me')).json()) as { csrfToken: string })
      .csrfToken;
    for (const path of ['ansvarlig', 'frist', 'trekk-tilbake']) {
      const posted = await page.context().request.post(`/forpliktelser/${ids.commitment}/${path}`, {
        form: { _csrf: csrf, ownerKind: 'secretariat', dueKind: 'next-meeting', confirm: 'on' },
        maxRedirects: 0,
      });
      expect([path, posted.status()]).toEqual([path, 403]);
    }
    expect((await history()).length).toBe(before);
    await page.context().close();

    const outsider = await signedIn(browser, api, smtp, 'ola@example.no');
    expect((await outsider.goto(`/forpliktelser/${ids.commitment}`))!.status()).toBe(403);
    // Unknown or not theirs: the same answer, so the page says nothing of what exists.
    expect((await outsider.goto('/forpliktelser/finnes-ikke'))!.status()).toBe(403);
    await outsider.context().close();
  });
});

describe("the next meeting's draft agenda", () => {
  const meetingItems = async (): Promise<{ title: string; kind: string | null }[]> =>
    ((await http.get(`/meetings/${ids.later}`)).body as { items: { title: string; kind: string | null }[] })
      .items;

  it('lets the chair add an item by keyboard, refuses one without a title, and names the chair as its author', async () => {
    const page = await signedIn(browser, api, smtp, 'cato@example.no');
    await page.goto(`/grupper/${ids.group}/neste-saksliste`);
    const form = page.locator('#add-item form');
    await submit(form, 'Legg til på sakslisten');
    await expect(page.locator('#add-item-title').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await meetingItems()).toEqual([]);
    expect(await page.getByRole('link', { name: 'English' }).getAttribute('href')).toBe(
      `/grupper/${ids.group}/neste-saksliste?lang=en`,
    );

    await page.locator('#add-item-title').focus();
    await page.keyboard.type('Budsjett for kulturmidler 2027');
    await page.locator('#add-item-kind').selectOption('decision');
    await submit(page.locator('#add-item form'), 'Legg til på sakslisten');
    await expect(page.locator('#add-item [role=status]').innerText()).resolves.toBe(
      'Saken er lagt til på sakslisten.',
    );
    await expect(page.locator('ol.agenda').innerText()).resolves.toContain('Budsjett for kulturmidler 2027');
    expect(await meetingItems()).toEqual([
      expect.objectContaining({ title: 'Budsjett for kulturmidler 2027', kind: 'decision' }),
    ]);
    const events = (
      (await http.get(`/audit?stream=meeting-${ids.later}`)).body as {
        events: { type: string; metadata: { actor: { id: string }; via: string } }[];
      }
    ).events;
    const added = events.filter((e) => e.type === 'AgendaItemAdded');
    expect(added.map((e) => [e.metadata.actor.id, e.metadata.via])).toEqual([[ids.chair, 'web']]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'draft-agenda-chair');
    await page.context().close();
  });

  it('gives a member no form and refuses their post', async () => {
    const page = await signedIn(browser, api, smtp, 'mia@example.no');
    await page.goto(`/grupper/${ids.group}/neste-saksliste`);
    await expect(page.locator('#add-item').count()).resolves.toBe(0);
    const csrf = ((await (await page.context().request.get('/api/me')).json()) as { csrfToken: string })
      .csrfToken;
    const posted = await page.context().request.post(`/grupper/${ids.group}/neste-saksliste/saker`, {
      form: { _csrf: csrf, title: 'Sniket inn' },
      maxRedirects: 0,
    });
    expect(posted.status()).toBe(403);
    expect((await meetingItems()).map((i) => i.title)).toEqual(['Budsjett for kulturmidler 2027']);
    await page.context().close();
  });
});

describe("a working group's page", () => {
  type Wg = { lead: { id: string } | null; members: { id: string }[]; status: string };
  const wg = async (): Promise<Wg> => (await http.get(`/working-groups/${ids.wg}`)).body as Wg;
  const streamTypes = async (): Promise<string[]> =>
    (
      (await http.get(`/audit?stream=workinggroup-${ids.wg}`)).body as { events: { type: string }[] }
    ).events.map((e) => e.type);

  it('gives a member no forms and refuses their posts', async () => {
    const page = await signedIn(browser, api, smtp, 'mia@example.no');
    await page.goto(`/arbeidsgrupper/${ids.wg}`);
    await expect(page.locator('form[action^="/arbeidsgrupper/"]').count()).resolves.toBe(0);
    await expect(page.locator('#manage').count()).resolves.toBe(0);
    const before = (await streamTypes()).length;
    const csrf = ((await (await page.context().request.get('/api/me')).json()) as { csrfToken: string })
      .csrfToken;
    for (const path of ['status', 'leder', 'medlemmer', 'medlemmer/fjern', 'avvikle']) {
      const posted = await page.context().request.post(`/arbeidsgrupper/${ids.wg}/${path}`, {
        form: { _csrf: csrf, status: 'done', personId: ids.chair, confirm: 'on' },
        maxRedirects: 0,
      });
      expect([path, posted.status()]).toEqual([path, 403]);
    }
    expect((await streamTypes()).length).toBe(before);
    await page.context().close();
  });

  it('lets its lead, a member of the group, report its status by keyboard, and nothing else', async () => {
    const page = await signedIn(browser, api, smtp, 'kari@example.no');
    await page.goto(`/arbeidsgrupper/${ids.wg}`);
    await expect(page.locator('#manage').count()).resolves.toBe(0);
    await expect(
      page
        .locator('form[action^="/arbeidsgrupper/"]')
        .evaluateAll((all) => all.map((f) => f.getAttribute('action'))),
    ).resolves.toEqual([`/arbeidsgrupper/${ids.wg}/status`]);
    expect(await seriousViolations(page)).toEqual([]);
    const form = await opened(page, 'Meld status');
    await form.getByLabel('i gang').check();
    await form.getByLabel(/^Hva er status\?/).fill('Første utkast er sendt til gruppen');
    await submit(form, 'Lagre statusrapporten');
    await expect(page.getByRole('status').innerText()).resolves.toBe('Statusrapporten er lagret.');
    await expect(page.locator('#status').innerText()).resolves.toContain(
      'Første utkast er sendt til gruppen',
    );
    const events = ((await http.get(`/audit?stream=workinggroup-${ids.wg}`)).body as { events: Audited[] })
      .events;
    expect(events.slice(-1).map((e) => [e.type, e.data.status, e.metadata.actor.id])).toEqual([
      ['WorkingGroupStatusReported', 'active', ids.owner],
    ]);
    // The secretariat's changes stay the secretariat's.
    const csrf = ((await (await page.context().request.get('/api/me')).json()) as { csrfToken: string })
      .csrfToken;
    const refused = await page.context().request.post(`/arbeidsgrupper/${ids.wg}/leder`, {
      form: { _csrf: csrf, leadPersonId: ids.member },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(403);
    expect((await wg()).lead?.id).toBe(ids.owner);
    await page.context().close();
  });

  it('lets its lead from outside the group reach it from their task list, meet no dead link, and report by keyboard', async () => {
    const led = (
      await http.ok('/working-groups', {
        groupId: ids.group,
        name: 'Arbeidsgruppe for budsjettet',
        leadPersonId: ids.outsider,
      })
    ).id as string;
    await http.ok(`/working-groups/${led}/members`, { personId: ids.member });
    await http.ok('/commitments', {
      meetingId: ids.made,
      text: 'Foreslå et budsjett for festivalen',
      owner: { workingGroupId: led },
      due: { nextMeeting: true },
    });
    const page = await signedIn(browser, api, smtp, 'ola@example.no');
    await page.goto(`/personer/${ids.outsider}/oppgaver`);
    const fromList = await page
      .locator('a[href^="/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(fromList.filter((h) => /^\/(moter|forpliktelser|grupper)\//.test(h))).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    const toWg = page.getByRole('link', { name: 'Arbeidsgruppe for budsjettet' });
    await toWg.focus();
    await Promise.all([page.waitForURL(`**/arbeidsgrupper/${led}`), page.keyboard.press('Enter')]);
    // Every link on the page opens for Ola; the group and Mia, whose pages do not, are text.
    const hrefs = await page
      .locator('a[href^="/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.filter((h) => h.startsWith('/grupper/'))).toEqual([]);
    expect(hrefs.filter((h) => h.startsWith('/personer/'))).toEqual([
      `/personer/${ids.outsider}/oppgaver`,
      `/personer/${ids.outsider}/oppgaver`,
    ]);
    await expect(page.locator('main').innerText()).resolves.toContain('Faggruppe for kultur');
    await expect(page.locator('main').innerText()).resolves.toContain('Mia Medlem');
    await expect(
      page
        .locator('form[action^="/arbeidsgrupper/"]')
        .evaluateAll((all) => all.map((f) => f.getAttribute('action'))),
    ).resolves.toEqual([`/arbeidsgrupper/${led}/status`]);
    expect(await seriousViolations(page)).toEqual([]);
    const form = await opened(page, 'Meld status');
    await form.getByLabel('i gang').focus();
    await page.keyboard.press('Space');
    await expect(form.getByLabel('i gang').isChecked()).resolves.toBe(true);
    await form.getByLabel(/^Hva er status\?/).fill('Vi har et første utkast');
    await submit(form, 'Lagre statusrapporten');
    await expect(page.getByRole('status').innerText()).resolves.toBe('Statusrapporten er lagret.');
    expect((await http.get(`/working-groups/${led}`)).body).toMatchObject({
      status: 'active',
      statusText: 'Vi har et første utkast',
    });
    expect(await seriousViolations(page)).toEqual([]);
    // Last: the language link among them sets the language cookie for the rest of the session.
    for (const href of [...fromList, ...hrefs])
      expect([href, (await page.request.get(href)).status()]).toEqual([href, 200]);
    await page.context().close();
  });

  it('lets the secretariat report status, change the lead and members, and dissolve it, by keyboard', async () => {
    const page = await signedIn(browser, api, smtp, 'siri@example.no');
    await page.goto(`/arbeidsgrupper/${ids.wg}`);
    expect(await seriousViolations(page)).toEqual([]);
    await page
      .locator('#status details, #manage details')
      .evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
    await screenshot(page, 'working-group-secretariat');
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'working-group-secretariat-375');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.reload();

    let form = await opened(page, 'Meld status');
    await form.getByLabel('i gang').check();
    await form.getByLabel(/^Hva er status\?/).fill('Programmet er klart');
    await submit(form, 'Lagre statusrapporten');
    await expect(page.getByRole('status').innerText()).resolves.toBe('Statusrapporten er lagret.');
    await expect(page.locator('#status').innerText()).resolves.toContain('Programmet er klart');

    form = await opened(page, 'Bytt leder');
    await form.getByLabel(/^Ny leder/).selectOption({ label: 'Mia Medlem' });
    await submit(form, 'Lagre ny leder');
    await expect(page.getByRole('status').innerText()).resolves.toBe('Ny leder er lagret.');

    form = await opened(page, 'Legg til et medlem');
    await form.getByLabel(/^Person/).selectOption({ label: 'Cato Leder' });
    await submit(form, 'Legg til');
    form = await opened(page, 'Fjern et medlem');
    await form.getByLabel(/^Person/).selectOption({ label: 'Kari Eier' });
    await submit(form, 'Fjern fra arbeidsgruppen');
    await expect(page.getByRole('status').innerText()).resolves.toBe('Medlemmet er fjernet.');
    const now = await wg();
    expect([now.status, now.lead?.id, now.members.map((p) => p.id).sort()]).toEqual([
      'active',
      ids.member,
      [ids.member, ids.chair].sort(),
    ]);

    // The lead is not offered for removal, and a post that names them is refused beside the field.
    const before = (await streamTypes()).length;
    const csrf = ((await (await page.context().request.get('/api/me')).json()) as { csrfToken: string })
      .csrfToken;
    const refused = await page.context().request.post(`/arbeidsgrupper/${ids.wg}/medlemmer/fjern`, {
      form: { _csrf: csrf, personId: ids.member },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(409);
    expect(await refused.text()).toContain('Lederen kan ikke fjernes');

    form = await opened(page, 'Avvikle arbeidsgruppen');
    await submit(form, 'Avvikle arbeidsgruppen');
    await expect(page.locator('#dissolve-confirm').getAttribute('aria-invalid')).resolves.toBe('true');
    expect((await streamTypes()).length).toBe(before);
    form = await opened(page, 'Avvikle arbeidsgruppen');
    await form.getByLabel('Ja, avvikle arbeidsgruppen').focus();
    await page.keyboard.press('Space');
    await submit(form, 'Avvikle arbeidsgruppen');
    await expect(page.getByRole('status').innerText()).resolves.toBe('Arbeidsgruppen er avviklet.');
    await expect(page.locator('#manage').count()).resolves.toBe(0);
    expect((await streamTypes()).slice(-1)).toEqual(['WorkingGroupDissolved']);
    await page.context().close();
  });
});
