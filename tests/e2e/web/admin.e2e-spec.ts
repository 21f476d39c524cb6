import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { sleep, until } from '../../../libs/reminders/testing/reminder-fixtures';
import { mailBodies, TestSmtpServer } from '../../../libs/reminders/testing/smtp-test-server';
import { ApiProcess, client, TOKEN } from '../support/server';
import { signInLinkFor } from '../support/sign-in';
import {
  launch,
  newPage,
  overflowing,
  screenshot,
  scrollWidth,
  seriousViolations,
  signedIn,
} from './browser';

// The secretariat's reminders page, Bull Board, and people and groups, in Chromium against the real server,
// its embedded reminder worker, a real Redis and an SMTP server in this process.
jest.setTimeout(240_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-web-admin-'));
const smtp = new TestSmtpServer();
let api: ApiProcess;
let http: ReturnType<typeof client>;
let browser: Browser;
let origin: string;
const ids: Record<string, string> = {};
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const isReminder = (messageId: string | null) => !!messageId?.startsWith('<rem.');
const remindersTo = (email: string) => smtp.to(email).filter((mail) => isReminder(mail.messageId));

beforeAll(async () => {
  // The browser starts while the API does and the story is written: neither waits for the other.
  const launching = launch().then((b) => (browser = b));
  await smtp.start();
  // The first reminder is answered only after the sender gave up waiting (1.5 s): it may have arrived, so it
  // needs attention. Every later message is answered at once.
  let held = false;
  smtp.beforeAnswer = async (mail) => {
    if (!held && isReminder(mail.messageId)) {
      held = true;
      await sleep(4_000);
    }
  };
  api = new ApiProcess(join(dir, 'admin.db'), {
    SMTP_URL: `${smtp.url}/?socketTimeout=1500`,
    TILNESTE_LINK_SECRET: `e2e-link-secret-${randomUUID()}`,
  });
  await api.start();
  http = client(api);
  origin = api.url.replace(/\/api$/, '');
  await launching;
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await smtp.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A browser page signed in as the person with this e-mail address, through the sign-in link they are sent. */
const signedInAs = (email: string, width = 1280): Promise<Page> =>
  signedIn(browser, api, smtp, email, { viewport: { width, height: 900 } });

async function checkPage(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, name);
}

async function narrow(page: Page, path: string, name: string): Promise<void> {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(path);
  expect(await overflowing(page, 375)).toEqual([]);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
  await screenshot(page, `${name}-375`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('the secretariat at work: reminders, Bull Board, people and groups', () => {
  it('sets up a group with a secretariat, a member and a reminder due now', async () => {
    const person = async (key: string, name: string, email: string | null) =>
      (ids[key] = (await http.ok('/people', { name, ...(email ? { email } : {}) })).id);
    await person('secretary', 'Siri Sekretær', 'siri@example.no');
    await person('member', 'Mona Medlem', 'mona@example.no');
    await person('lead', 'Lars Leder', 'lars@example.no');
    await person('noEmail', 'Nils Uten <b>e-post</b>', null);
    ids.group = (await http.ok('/groups', { name: 'Faggruppe for plan' })).id;
    await http.ok(`/groups/${ids.group}/members`, { personId: ids.secretary, role: 'secretariat' });
    await http.ok(`/groups/${ids.group}/members`, { personId: ids.member, role: 'member' });
    await http.ok(`/groups/${ids.group}/members`, { personId: ids.lead, role: 'member' });
    await http.ok(`/groups/${ids.group}/members`, { personId: ids.noEmail, role: 'member' });
    ids.past = (await http.ok('/meetings', { groupId: ids.group, startsAt: inDays(-30) })).id;
    // Two days ahead: the week-before reminder is already due, so it goes at once.
    ids.next = (
      await http.ok('/meetings', { groupId: ids.group, startsAt: inDays(2), title: 'Neste møte' })
    ).id;
    ids.commitment = (
      await http.ok('/commitments', {
        meetingId: ids.past,
        text: 'Skrive høringsinnspill',
        owner: { personId: ids.lead },
        due: { nextMeeting: true },
      })
    ).id;
    await until(
      async () => {
        const { body } = await http.get(`/groups/${ids.group}/reminders`);
        return body.reminders.some((r: { status: string }) => r.status === 'needs-attention');
      },
      60_000,
      'the first reminder to need attention',
    );
    expect(remindersTo('lars@example.no').length).toBeLessThanOrEqual(1);
  });

  it('sends a reminder needing attention again exactly once from the page, recorded with the secretary as actor', async () => {
    const page = await signedInAs('siri@example.no');
    await page.goto(`/grupper/${ids.group}/paminnelser`);
    const item = page.locator('.attention-list > li');
    await expect(item.count()).resolves.toBe(1);
    const messageId = (await item.locator('code').innerText()).trim();
    expect(messageId).toMatch(/^<rem\./);
    await checkPage(page, 'admin-reminders');
    // The original arrives at the server in the end (it answered late), so the mail log has it once.
    await until(
      () => smtp.received.filter((m) => m.messageId === messageId).length === 1,
      15_000,
      'the held original',
    );
    const form = item.locator('form');
    const fields = await form.evaluate((el) =>
      Object.fromEntries(
        new FormData(el as unknown as HTMLFormElement) as unknown as Iterable<[string, string]>,
      ),
    );
    await form.getByLabel(/Hva du sjekket/).fill('Ikke i e-postloggen');
    await form.getByRole('button', { name: 'Send igjen' }).click();
    await page.waitForURL(/melding=sendes-igjen/);
    await expect(page.locator('[role=status]').first().innerText()).resolves.toContain(
      'sendes igjen, én gang',
    );
    await until(
      () => smtp.received.filter((m) => m.messageId === messageId).length === 2,
      30_000,
      'the resend',
    );
    // The same form posted again (a second click, a stale tab) is refused and sends nothing.
    const again = await page.request.post(`/grupper/${ids.group}/paminnelser/send-igjen`, { form: fields });
    expect(again.status()).toBe(409);
    await sleep(3_000);
    expect(smtp.received.filter((m) => m.messageId === messageId)).toHaveLength(2);
    await page.goto(`/grupper/${ids.group}/paminnelser`);
    await expect(page.locator('.attention-list > li').count()).resolves.toBe(0);
    await expect(page.locator('#sent-table').innerText()).resolves.toContain('Lars Leder');

    const stream = `reminder-${ids.next}-${ids.lead}-P7D`;
    const { body: audit } = await http.get(`/audit?stream=${encodeURIComponent(stream)}`);
    const types = audit.events.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t === 'ReminderResendRequested')).toHaveLength(1);
    expect(types.filter((t: string) => t === 'ReminderSent')).toHaveLength(1);
    const asked = audit.events.find((e: { type: string }) => e.type === 'ReminderResendRequested');
    expect(asked.metadata.actor).toEqual({ kind: 'person', id: ids.secretary });
    await narrow(page, `/grupper/${ids.group}/paminnelser`, 'admin-reminders');
    await page.context().close();
  });

  it('edits the reminder policy on the page in words, with errors next to the field quoting what was typed', async () => {
    const page = await signedInAs('siri@example.no');
    await page.goto(`/grupper/${ids.group}/paminnelser`);
    await expect(page.locator('#policy-now').innerText()).resolves.toBe(
      'Nå: standarden, 7 dager før og 1 dag før møtet.',
    );
    const field = page.locator('#policy-offsets');
    await expect(field.inputValue()).resolves.toBe('7 dager, 1 dag');
    const policySets = async () =>
      (await http.get(`/audit?stream=group-${ids.group}`)).body.events.filter(
        (e: { type: string }) => e.type === 'ReminderPolicySet',
      );
    await field.fill('7 dager, om en uke');
    await page.getByRole('button', { name: 'Lagre tidspunktene' }).click();
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#policy-offsets-error').innerText()).resolves.toContain(
      '«om en uke» er ikke en tid før møtet',
    );
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('policy-errors');
    await expect(page.locator('#policy-form a[href="#policy-offsets"]').count()).resolves.toBe(1);
    await expect(field.inputValue()).resolves.toBe('7 dager, om en uke');
    await checkPage(page, 'admin-reminders-error');
    // An empty field is no longer "no reminders": it is refused, and nothing is stored.
    await field.fill('');
    await page.getByRole('button', { name: 'Lagre tidspunktene' }).click();
    await expect(page.locator('#policy-offsets-error').innerText()).resolves.toContain(
      'eller velg «Ingen påminnelser»',
    );
    // Refused by the rules, which name the ISO form: the error quotes the time as it was typed.
    for (const [typed, quoted] of [
      ['1 dag, 24 timer', '«24 timer»: Det samme tidspunktet er oppgitt to ganger.'],
      ['100 dager', '«100 dager»: En påminnelse kan komme høyst 90 dager før møtet.'],
    ]) {
      await field.fill(typed);
      await page.getByRole('button', { name: 'Lagre tidspunktene' }).click();
      await expect(page.locator('#policy-offsets-error').innerText()).resolves.toContain(quoted);
    }
    expect(await policySets()).toHaveLength(0);
    await field.fill('3 dager, 2 timer');
    await page.getByRole('button', { name: 'Lagre tidspunktene' }).click();
    await page.waitForURL(/melding=tidspunkter/);
    await expect(page.locator('#policy-now').innerText()).resolves.toBe(
      'Nå: 3 dager før og 2 timer før møtet.',
    );
    const set = await policySets();
    expect(set.map((e: { data: { offsets: string[] } }) => e.data.offsets)).toEqual([['P3D', 'PT2H']]);
    expect(set[0].metadata.actor).toEqual({ kind: 'person', id: ids.secretary });
    await page.goto(`/grupper/${ids.group}/paminnelser?lang=en`);
    await expect(page.locator('#policy-now').innerText()).resolves.toBe(
      'Now: 3 days before and 2 hours before the meeting.',
    );
    await page.goto(`/grupper/${ids.group}/paminnelser?lang=nb`);
    // No reminders: chosen, by keyboard.
    await page.getByLabel('Ingen påminnelser').focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Lagre tidspunktene' }).click();
    await page.waitForURL(/melding=tidspunkter/);
    await expect(page.locator('#policy-now').innerText()).resolves.toBe('Nå: ingen påminnelser.');
    await expect(page.getByLabel('Ingen påminnelser').isChecked()).resolves.toBe(true);
    expect((await policySets()).at(-1).data.offsets).toEqual([]);
    await page.context().close();
  });

  it('shows Bull Board to an admin, read-only under its own CSP, and refuses it to a member and to nobody', async () => {
    const admin = await newPage(browser, origin, { extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` } });
    const response = await admin.goto('/admin/ko');
    expect(response!.status()).toBe(200);
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(response!.headers()['content-security-policy']).not.toContain('https:');
    await admin.getByText('Påminnelser (reminders)').first().waitFor({ timeout: 30_000 });
    // A way back to the product, the first thing a keyboard reaches, in the reader's language.
    await admin.keyboard.press('Tab');
    await expect(admin.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
      'Tilbake til Tilneste',
    );
    await expect(admin.locator('nav[lang="nb"] a').getAttribute('href')).resolves.toBe('/');
    // Seen, not covered by the board's app: the element at the link's centre is the link.
    const covered = await admin.locator('nav[lang="nb"] a').evaluate((a) => {
      const box = a.getBoundingClientRect();
      const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      return box.width === 0 || top !== a;
    });
    expect(covered).toBe(false);
    await screenshot(admin, 'admin-bull-board');
    const queues = await admin.request.get('/admin/ko/api/queues');
    expect(queues.status()).toBe(200);
    expect(JSON.stringify(await queues.json())).toContain('"readOnlyMode":true');
    await admin.context().close();

    const member = await signedInAs('mona@example.no');
    await expect(
      member.getByRole('navigation').getByRole('link', { name: 'Personer og grupper' }).count(),
    ).resolves.toBe(0);
    const refused = await member.goto('/admin/ko');
    expect(refused!.status()).toBe(403);
    await expect(member.locator('h1').innerText()).resolves.toBeTruthy();
    expect((await member.request.get('/admin/ko/api/queues')).status()).toBe(403);
    for (const path of [`/grupper/${ids.group}/paminnelser`, '/personer']) {
      const res = await member.goto(path);
      expect([path, res!.status()]).toEqual([path, 403]);
    }
    const post = await member.request.post(`/grupper/${ids.group}/paminnelser/tidspunkter`, {
      form: { offsets: 'P1D' },
    });
    expect(post.status()).toBe(403);
    await member.context().close();
    expect((await fetch(`${origin}/admin/ko`)).status).toBe(401);
  });

  it('adds a person and a membership with a role, with errors next to the fields first', async () => {
    const page = await signedInAs('siri@example.no');
    await page.goto('/personer');
    await checkPage(page, 'admin-people');
    await page.locator('#add-email').fill('ikke en adresse');
    await page.getByRole('button', { name: 'Legg til personen' }).click();
    await expect(page.locator('#add-name').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#add-name-error').innerText()).resolves.toBe('Fyll ut feltet.');
    await expect(page.locator('#add-email-error').innerText()).resolves.toContain('gyldig e-postadresse');
    await expect(page.locator('#add-email').getAttribute('aria-describedby')).resolves.toBe(
      'add-email-error',
    );
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('add-errors');
    const people = (await http.get(`/groups/${ids.group}/dashboard`)).status;
    expect(people).toBe(200);
    await page.locator('#add-name').fill('Tone <script>window.__xss=1</script> Tangen');
    await page.locator('#add-email').fill('Tone@Example.no');
    await page.getByRole('button', { name: 'Legg til personen' }).click();
    await page.waitForURL(/melding=lagt-til/);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    const row = page.locator('#people-table tr', { hasText: 'Tangen' });
    await expect(row.innerText()).resolves.toContain('tone@example.no');
    ids.tone = (await row.getAttribute('data-person'))!;

    await page.locator('#member-personId').selectOption(ids.tone);
    await page.locator('#member-groupId').selectOption(ids.group);
    await page.locator('#member-role').selectOption('chair');
    await page.getByRole('button', { name: 'Legg til medlemmet' }).click();
    await page.waitForURL(/melding=medlem/);
    await expect(page.locator(`#people-table tr[data-person="${ids.tone}"]`).innerText()).resolves.toContain(
      'Møteleder',
    );
    const { body: audit } = await http.get(`/audit?stream=group-${ids.group}`);
    const joined = audit.events.filter(
      (e: { type: string; data: { personId?: string } }) =>
        e.type === 'MemberJoined' && e.data.personId === ids.tone,
    );
    expect(joined).toHaveLength(1);
    expect(joined[0].data.role).toBe('chair');
    expect(joined[0].metadata.actor).toEqual({ kind: 'person', id: ids.secretary });
    await narrow(page, '/personer', 'admin-people');
    await page.context().close();
  });

  it('lists who has no e-mail address and fixes it', async () => {
    const page = await signedInAs('siri@example.no');
    await page.goto('/personer');
    const item = page.locator(`.no-email-list li[data-person="${ids.noEmail}"]`);
    await expect(item.innerText()).resolves.toContain('Nils Uten <b>e-post</b>');
    await item.getByLabel(/E-postadresse for Nils/).fill('nils@');
    await item.getByRole('button', { name: 'Lagre adressen' }).click();
    const again = page.locator(`.no-email-list li[data-person="${ids.noEmail}"]`);
    await expect(again.locator('[aria-invalid=true]').count()).resolves.toBe(1);
    await again.getByLabel(/E-postadresse for Nils/).fill('nils@example.no');
    await again.getByRole('button', { name: 'Lagre adressen' }).click();
    await page.waitForURL(/melding=epost/);
    await expect(page.locator(`.no-email-list li[data-person="${ids.noEmail}"]`).count()).resolves.toBe(0);
    await expect(page.locator('#no-email').innerText()).resolves.toContain('Alle har en e-postadresse.');
    const { body: person } = await http.get(`/people/${ids.noEmail}/tasks`);
    expect(person).toBeTruthy();
    await page.context().close();
  });

  it('merges two records of the same person: the duplicate becomes an alias, and its history follows the survivor', async () => {
    ids.dup = (await http.ok('/people', { name: 'L. Leder', email: 'l.leder@example.no' })).id;
    await http.ok(`/groups/${ids.group}/members`, { personId: ids.dup, role: 'member' });
    ids.dupCommitment = (
      await http.ok('/commitments', {
        meetingId: ids.past,
        text: 'Bestille møterom',
        owner: { personId: ids.dup },
        due: { nextMeeting: true },
      })
    ).id;
    const page = await signedInAs('siri@example.no');
    await page.goto('/personer');
    await page.locator('#merge-form-intoPersonId').selectOption(ids.lead);
    await page.locator('#merge-form-personId').selectOption(ids.lead);
    await page.getByRole('button', { name: 'Slå sammen' }).click();
    await expect(page.locator('#merge-form-intoPersonId-error').innerText()).resolves.toBe(
      'Velg to forskjellige personer.',
    );
    await page.locator('#merge-form-personId').selectOption(ids.dup);
    await page.getByRole('button', { name: 'Slå sammen' }).click();
    await page.waitForURL(/melding=sammenslatt/);
    await expect(page.locator('[role=status]').first().innerText()).resolves.toContain(
      'L. Leder er slått sammen med Lars Leder',
    );
    await expect(page.locator(`#people-table tr[data-person="${ids.dup}"]`).count()).resolves.toBe(0);
    await expect(page.locator(`#people-table tr[data-person="${ids.lead}"]`).innerText()).resolves.toContain(
      'L. Leder',
    );
    const tasks = (await http.get(`/people/${ids.lead}/tasks`)).body.tasks.map((t: { id: string }) => t.id);
    expect(tasks).toEqual(expect.arrayContaining([ids.commitment, ids.dupCommitment]));
    // The duplicate's events are kept as they were, and the merge names the secretary.
    const { body: history } = await http.get(`/audit?stream=person-${ids.dup}`);
    expect(history.events.map((e: { type: string }) => e.type)).toEqual(['PersonRegistered', 'PersonMerged']);
    expect(history.events[1].metadata.actor).toEqual({ kind: 'person', id: ids.secretary });
    // A merged record takes no more commands.
    const refused = await http.post(`/people/${ids.dup}/details`, { organisation: 'Et sted' });
    expect(refused.status).toBe(404);
    // In English too, reached from the header's link.
    await page.goto('/?lang=en');
    await page.getByRole('navigation').getByRole('link', { name: 'People and groups' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('People and groups');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await checkPage(page, 'admin-people-en');
    await page.goto(`/grupper/${ids.group}?lang=en`);
    await page.getByRole('link', { name: 'Reminders', exact: true }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Reminders for Faggruppe for plan');
    await checkPage(page, 'admin-reminders-en');
    await page.context().close();
  });

  it('erases, with a person, the records merged into them (their own events have keys of their own)', async () => {
    const erased = await http.post(`/people/${ids.lead}/erase`, {});
    expect({ status: erased.status, body: erased.body }).toEqual({ status: 200, body: { id: ids.lead } });
    for (const id of [ids.lead, ids.dup]) {
      const { body } = await http.get(`/audit?stream=person-${id}`);
      const registered = body.events.find((e: { type: string }) => e.type === 'PersonRegistered');
      expect(registered.data).toMatchObject({ name: 'slettet person', email: null });
      expect(JSON.stringify(body)).not.toMatch(/Leder|leder@example/);
      expect(body.events.at(-1).type).toBe('PersonErased');
    }
  });

  it("links people and groups only where the reader may open them; an admin's links all stay", async () => {
    ids.otherGroup = (await http.ok('/groups', { name: 'Annen gruppe' })).id;
    await http.ok(`/groups/${ids.otherGroup}/members`, { personId: ids.member, role: 'member' });
    ids.loner = (await http.ok('/people', { name: 'Ola Utenfor', email: 'ola.utenfor@example.no' })).id;
    const row = (page: Page, id: string) => page.locator(`#people-table tr[data-person="${id}"]`);
    const links = (page: Page) =>
      page.locator('#people-table a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));

    const page = await signedInAs('siri@example.no');
    await page.goto('/personer');
    // Mona is in Siri's group and in another one: her tasks and Siri's group are links, the other group is not.
    await expect(row(page, ids.member).getByRole('link', { name: 'Mona Medlem' }).count()).resolves.toBe(1);
    await expect(
      row(page, ids.member).getByRole('link', { name: 'Faggruppe for plan' }).count(),
    ).resolves.toBe(1);
    await expect(row(page, ids.member).getByRole('link', { name: 'Annen gruppe' }).count()).resolves.toBe(0);
    await expect(row(page, ids.member).innerText()).resolves.toContain('Annen gruppe');
    // In no group yet: listed for the secretariat to place, but their task list is not Siri's to read.
    await expect(row(page, ids.loner).getByRole('link').count()).resolves.toBe(0);
    await expect(row(page, ids.loner).innerText()).resolves.toContain('Ola Utenfor');
    const hrefs = await links(page);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect([href, (await page.request.get(href)).status()]).toEqual([href, 200]);
    await checkPage(page, 'admin-people-links');
    await page.context().close();

    const admin = await newPage(browser, origin, { extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` } });
    await admin.goto('/personer');
    await expect(row(admin, ids.member).getByRole('link', { name: 'Annen gruppe' }).count()).resolves.toBe(1);
    await expect(row(admin, ids.loner).getByRole('link', { name: 'Ola Utenfor' }).count()).resolves.toBe(1);
    await admin.context().close();
  });

  it('opens a sign-in link in the common layout, signing in only when its button is pressed', async () => {
    const token = await signInLinkFor(api, smtp, 'mona@example.no', 15_000);
    const page = await newPage(browser, origin);
    const shown = await page.goto(`/logg-inn/${token}?lang=en`);
    expect(shown?.status()).toBe(200);
    // The token is in the URL: neither the page nor the stylesheets it loads may pass it on in a Referer.
    expect(shown?.headers()['referrer-policy']).toBe('no-referrer');
    await expect(page.locator('main#main h1').innerText()).resolves.toBe('Sign in to Tilneste');
    await expect(page.locator('a.ds-skip-link').getAttribute('href')).resolves.toBe('#main');
    const styleSheets = () =>
      page.evaluate(() => (globalThis as unknown as { document: Document }).document.styleSheets.length);
    expect(await styleSheets()).toBeGreaterThan(0);
    await checkPage(page, 'sign-in-link-en');
    // Opening the link (as a mail scanner would) signed nobody in: the start page still sends one to sign in.
    expect((await page.context().cookies()).map((c) => c.name)).toEqual(['tilneste_lang']);
    await Promise.all([
      page.waitForURL(`${origin}/`),
      page.getByRole('button', { name: 'Sign in', exact: true }).click(),
    ]);
    await expect(page.locator('.site-header__who').innerText()).resolves.toContain('Mona Medlem');
    // Used: the same layout says so, with the way back to asking for a new link.
    const gone = await page.goto(`/logg-inn/${token}`);
    expect(gone?.status()).toBe(410);
    await expect(page.locator('main#main').innerText()).resolves.toContain('has been used or has expired');
    expect(await styleSheets()).toBeGreaterThan(0);
    await checkPage(page, 'sign-in-link-gone-en');
    await page.context().close();
  });

  it('e-mails a link asked for on the English sign-in page in English, and the link opens in English', async () => {
    const page = await newPage(browser, origin);
    await page.goto('/logg-inn?lang=en');
    const before = smtp.to('ola.utenfor@example.no').length;
    await page.getByLabel('E-mail address', { exact: true }).first().fill('ola.utenfor@example.no');
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await page.waitForLoadState();
    await expect(page.locator('h1').innerText()).resolves.toBe('Check your e-mail');
    await page.context().close();
    // Ola chose no language for his e-mails; the page he asked from was English.
    await until(() => smtp.to('ola.utenfor@example.no').length > before, 15_000, 'the sign-in e-mail to Ola');
    const mail = smtp.to('ola.utenfor@example.no')[before];
    expect(mail.subject).toBe('Sign in to Tilneste');
    const link = /https?:\/\/\S+\/logg-inn\/[A-Za-z0-9_-]{43}\S*/.exec(mailBodies(mail.raw))?.[0];
    expect(link && new URL(link).search).toBe('?lang=en');
    // Opened in another browser, with no language remembered: still English.
    const elsewhere = await newPage(browser, origin);
    await elsewhere.goto(new URL(link!).pathname + new URL(link!).search);
    await expect(elsewhere.locator('main#main h1').innerText()).resolves.toBe('Sign in to Tilneste');
    await elsewhere.context().close();
  });
});
