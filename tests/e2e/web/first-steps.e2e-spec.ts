import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TestSmtpServer } from '../../../libs/reminders/testing/smtp-test-server';
import { ApiProcess, client, TOKEN } from '../support/server';
import { cookieHeader, launch, newPage, screenshot, seriousViolations, signedIn } from './browser';

// From a fresh store to a working group, in the browser only: the first administrator signs up on /logg-inn,
// establishes a group, registers a person and makes them a member, changes their role and removes them; the
// group's only secretary cannot be removed.
jest.setTimeout(180_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-web-first-'));
const smtp = new TestSmtpServer();
let api: ApiProcess;
let http: ReturnType<typeof client>;
let browser: Browser;
let origin: string;
/** The first administrator's signed-in page, kept through the story. */
let admin: Page;
const ids: Record<string, string> = {};

beforeAll(async () => {
  // The browser starts while the API does and the story is written: neither waits for the other.
  const launching = launch().then((b) => (browser = b));
  await smtp.start();
  api = new ApiProcess(join(dir, 'first.db'), { SMTP_URL: smtp.url, TILNESTE_EMBEDDED_WORKER: 'false' });
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

async function checkPage(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, name);
}

/** What the store holds as this actor's doing, by event type. */
async function typesBy(actorId: string): Promise<string[]> {
  const { status, body } = await http.get(`/audit?actor=${encodeURIComponent(actorId)}`);
  expect(status).toBe(200);
  return body.events.map((e: { type: string }) => e.type);
}

async function groupEvents(): Promise<{ type: string; data: Record<string, string>; metadata: never }[]> {
  const { body } = await http.get(`/audit?stream=group-${ids.group}`);
  return body.events;
}

/** The signed-in reader as the API sees them (roles are read from the read models). */
async function me(page: Page): Promise<{ personId: string; csrfToken: string; roles: unknown[] }> {
  const res = await fetch(`${api.url}/me`, { headers: { cookie: await cookieHeader(page) } });
  expect(res.status).toBe(200);
  return (await res.json()) as { personId: string; csrfToken: string; roles: unknown[] };
}

describe('first steps on a fresh store, from the browser', () => {
  it('signs up the first administrator, whose start page offers to establish the first group', async () => {
    admin = await newPage(browser, origin);
    await admin.goto('/');
    await admin.waitForURL(`${origin}/logg-inn`);
    await admin.locator('#setup-token').fill(TOKEN);
    await admin.locator('#setup-name').fill('Anne Admin');
    await admin.locator('#setup-email').fill('anne@example.no');
    await Promise.all([
      admin.waitForURL(`${origin}/`),
      admin.locator('form[action="/forste-gang"] button[type=submit]').click(),
    ]);
    ids.admin = (await me(admin)).personId;
    const groups = admin.locator('#groups');
    await expect(groups.innerText()).resolves.toContain('Det finnes ingen grupper ennå.');
    await expect(groups.innerText()).resolves.not.toContain('Du er ikke med i noen gruppe');
    await checkPage(admin, 'first-steps-start');
    await admin.getByRole('link', { name: 'Opprett den første gruppen' }).click();
    await admin.waitForURL(`${origin}/personer#new-group`);
    await expect(admin.locator('#new-group h2').innerText()).resolves.toBe('Opprett en gruppe');
    await checkPage(admin, 'first-steps-people');
  });

  it('refuses a group without a name: the error beside the field and in the summary, nothing stored', async () => {
    await admin.goto('/personer');
    await admin.locator('#new-group-name').fill('   ');
    const [answer] = await Promise.all([
      admin.waitForResponse((r) => r.url().endsWith('/personer/ny-gruppe')),
      admin.getByRole('button', { name: 'Opprett gruppen' }).click(),
    ]);
    expect(answer.status()).toBe(400);
    await admin.waitForLoadState();
    const field = admin.locator('#new-group-name');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(field.getAttribute('aria-describedby')).resolves.toBe('new-group-name-error');
    await expect(admin.locator('#new-group-name-error').innerText()).resolves.toBe('Fyll ut feltet.');
    await expect(admin.evaluate(() => document.activeElement?.id)).resolves.toBe('new-group-errors');
    await expect(admin.locator('#new-group-errors a[href="#new-group-name"]').innerText()).resolves.toBe(
      'Navn på gruppen: Fyll ut feltet.',
    );
    await checkPage(admin, 'first-steps-group-refused');
    expect(await typesBy(ids.admin)).not.toContain('GroupEstablished');
    await admin.goto('/');
    await expect(admin.locator('#groups').innerText()).resolves.toContain('Det finnes ingen grupper ennå.');
  });

  it('establishes a group from the page (keyboard only), which the admin then sees on the start page without being a member', async () => {
    await admin.goto('/personer');
    await admin.locator('#new-group-name').focus();
    await admin.keyboard.type('Faggruppe for plan');
    await Promise.all([admin.waitForURL(/melding=gruppe/), admin.keyboard.press('Enter')]);
    ids.group = new URL(admin.url()).searchParams.get('gruppe')!;
    expect(ids.group).toBeTruthy();
    await expect(admin.locator('[role=status]').first().innerText()).resolves.toContain(
      'Gruppen Faggruppe for plan er opprettet',
    );
    // Its next step: adding members, with the new group chosen already.
    await expect(admin.locator('#member-groupId').inputValue()).resolves.toBe(ids.group);
    await expect(admin.locator(`#groups [data-group="${ids.group}"]`).innerText()).resolves.toContain(
      'Ingen medlemmer ennå.',
    );
    const established = (await groupEvents()).filter((e) => e.type === 'GroupEstablished');
    expect(established).toHaveLength(1);
    expect(established[0].data.name).toBe('Faggruppe for plan');
    expect(established[0].metadata).toMatchObject({ actor: { kind: 'person', id: ids.admin } });
    expect((await http.get(`/groups/${ids.group}/dashboard`)).status).toBe(200);

    await admin.goto('/');
    const link = admin.locator('#groups').getByRole('link', { name: 'Faggruppe for plan' });
    await expect(link.getAttribute('href')).resolves.toBe(`/grupper/${ids.group}`);
    await expect(admin.locator('#groups').innerText()).resolves.toContain('Opprett en ny gruppe');
    await checkPage(admin, 'first-steps-start-with-group');
    // The group's page opens, with the way to plan its first meeting.
    await link.click();
    await admin.waitForURL(`${origin}/grupper/${ids.group}`);
    await expect(admin.getByRole('link', { name: 'Planlegg nytt møte' }).count()).resolves.toBe(1);
  });

  it('registers a person and makes them a member of the group from the page', async () => {
    await admin.goto('/personer');
    await admin.locator('#add-name').fill('Mona Medlem');
    await admin.locator('#add-email').fill('mona@example.no');
    await admin.getByRole('button', { name: 'Legg til personen' }).click();
    await admin.waitForURL(/melding=lagt-til/);
    ids.member = (await admin
      .locator('#people-table tr', { hasText: 'Mona Medlem' })
      .getAttribute('data-person'))!;
    await admin.locator('#member-personId').selectOption(ids.member);
    await admin.locator('#member-groupId').selectOption(ids.group);
    await admin.locator('#member-role').selectOption('member');
    await admin.getByRole('button', { name: 'Legg til medlemmet' }).click();
    await admin.waitForURL(/melding=medlem/);
    const row = admin.locator(`#groups [data-group="${ids.group}"] tr[data-person="${ids.member}"]`);
    await expect(row.innerText()).resolves.toMatch(/Mona Medlem\s+Medlem/);
    const joined = (await groupEvents()).filter((e) => e.type === 'MemberJoined');
    expect(joined.map((e) => e.data)).toEqual([{ groupId: ids.group, personId: ids.member, role: 'member' }]);
  });

  it('refuses the new forms to a member (403), and shows them none', async () => {
    const member = await signedIn(browser, api, smtp, 'mona@example.no');
    const { csrfToken, roles } = await me(member);
    expect(roles).toEqual([{ groupId: ids.group, role: 'member' }]);
    await expect(member.locator('#groups').innerText()).resolves.toContain('Faggruppe for plan');
    await expect(member.getByRole('link', { name: /Opprett/ }).count()).resolves.toBe(0);
    await expect(member.locator('a[href^="/personer#"], a[href="/personer"]').count()).resolves.toBe(0);
    const membership = `/personer/${ids.member}/grupper/${ids.group}`;
    for (const path of ['/personer', membership]) {
      const res = await member.goto(path);
      expect([path, res!.status()]).toEqual([path, 403]);
      await expect(
        member.locator('form[action*="/grupper/"], form[action*="ny-gruppe"]').count(),
      ).resolves.toBe(0);
    }
    // With the session's own CSRF token, so the refusal is the access policy's.
    const posts: [string, Record<string, string>][] = [
      ['/personer/ny-gruppe', { _csrf: csrfToken, name: 'Medlemmenes egen gruppe' }],
      [`${membership}/rolle`, { _csrf: csrfToken, role: 'secretariat' }],
      [`${membership}/fjern`, { _csrf: csrfToken, confirm: 'on' }],
    ];
    const before = (await groupEvents()).length;
    for (const [path, form] of posts) {
      const res = await member.request.post(path, { form });
      expect([path, res.status()]).toEqual([path, 403]);
    }
    expect(await groupEvents()).toHaveLength(before);
    expect(await typesBy(ids.member)).toEqual([]);
    expect((await me(member)).roles).toEqual([{ groupId: ids.group, role: 'member' }]);
    await member.context().close();
  });

  it("lets the group's secretariat manage its members, but not establish a group (the API's system.admin)", async () => {
    ids.secretary = (await http.ok('/people', { name: 'Siri Sekretær', email: 'siri@example.no' })).id;
    await http.ok(`/groups/${ids.group}/members`, { personId: ids.secretary, role: 'secretariat' });
    const secretary = await signedIn(browser, api, smtp, 'siri@example.no');
    await expect(secretary.getByRole('link', { name: /Opprett/ }).count()).resolves.toBe(0);
    expect((await secretary.goto('/personer'))!.status()).toBe(200);
    await expect(secretary.locator('#new-group, form[action="/personer/ny-gruppe"]').count()).resolves.toBe(
      0,
    );
    const row = secretary.locator(`#groups [data-group="${ids.group}"] tr[data-person="${ids.member}"]`);
    await expect(
      row.getByRole('link', { name: /^Endre rolle eller fjern: Mona Medlem/ }).count(),
    ).resolves.toBe(1);
    const membership = `/personer/${ids.member}/grupper/${ids.group}`;
    expect((await secretary.goto(membership))!.status()).toBe(200);
    const { csrfToken } = await me(secretary);
    const refused = await secretary.request.post('/personer/ny-gruppe', {
      form: { _csrf: csrfToken, name: 'Sekretariatets egen gruppe' },
    });
    expect(refused.status()).toBe(403);
    expect(await typesBy(ids.secretary)).toEqual([]);
    await secretary.context().close();
  });

  it("keeps the group's only secretary: removing them or giving them another role is refused (409 with the code) by the API and beside the page's forms, in bokmål and English, and nothing is stored", async () => {
    const before = (await groupEvents()).length;
    const removed = await http.post(`/groups/${ids.group}/members/${ids.secretary}/remove`);
    expect({ status: removed.status, error: removed.body.error }).toEqual({
      status: 409,
      error: {
        code: 'GROUP.LAST_SECRETARIAT',
        message: expect.any(String),
        details: { groupId: ids.group, personId: ids.secretary },
      },
    });
    const demoted = await http.post(`/groups/${ids.group}/members`, {
      personId: ids.secretary,
      role: 'member',
    });
    expect([demoted.status, demoted.body.error.code, demoted.body.error.details]).toEqual([
      409,
      'GROUP.LAST_SECRETARIAT',
      { groupId: ids.group, personId: ids.secretary, role: 'member' },
    ]);

    const membership = `/personer/${ids.secretary}/grupper/${ids.group}`;
    const refusedBeside = async (form: 'role' | 'remove', submit: string, text: string) => {
      const [answer] = await Promise.all([
        admin.waitForResponse(
          (r) => r.url().startsWith(`${origin}${membership}/`) && r.request().method() === 'POST',
        ),
        admin.locator(`form[action$="${submit}"] button[type=submit]`).click(),
      ]);
      expect(answer.status()).toBe(409);
      await admin.waitForLoadState();
      const field = admin.locator(form === 'role' ? '#role-role' : '#remove-confirm');
      const error = form === 'role' ? 'role-role-error' : 'remove-confirm-error';
      await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(field.getAttribute('aria-describedby')).resolves.toBe(error);
      await expect(admin.locator(`#${error}`).innerText()).resolves.toContain(text);
    };
    const bokmal = 'Gruppen må ha minst én i sekretariatet.';
    await admin.goto(membership);
    await admin.locator('#role-role').selectOption('chair');
    await refusedBeside('role', '/rolle', bokmal);
    await checkPage(admin, 'first-steps-last-secretary-refused');
    await admin.locator('#remove-confirm').check();
    await refusedBeside('remove', '/fjern', bokmal);

    const english = 'The group must keep at least one secretariat member.';
    await admin.goto(`${membership}?lang=en`);
    await admin.locator('#role-role').selectOption('member');
    await refusedBeside('role', '/rolle', english);
    await admin.locator('#remove-confirm').check();
    await refusedBeside('remove', '/fjern', english);
    await admin.goto('/personer?lang=nb');

    expect(await groupEvents()).toHaveLength(before);
    const secretary = admin.locator(`#groups [data-group="${ids.group}"] tr[data-person="${ids.secretary}"]`);
    await expect(secretary.innerText()).resolves.toMatch(/Siri Sekretær\s+Sekretariat/);
  });

  it("changes the member's role, then removes them once the removal is confirmed, without script", async () => {
    await admin.goto('/personer');
    const row = admin.locator(`#groups [data-group="${ids.group}"] tr[data-person="${ids.member}"]`);
    await row
      .getByRole('link', { name: 'Endre rolle eller fjern: Mona Medlem i Faggruppe for plan' })
      .click();
    await admin.waitForURL(`${origin}/personer/${ids.member}/grupper/${ids.group}`);
    await expect(admin.locator('h1').innerText()).resolves.toBe(
      'Medlemskap: Mona Medlem i Faggruppe for plan',
    );
    await expect(admin.locator('#membership').innerText()).resolves.toMatch(/Rolle nå\s+Medlem/);
    await checkPage(admin, 'first-steps-membership');

    await admin.locator('#role-role').selectOption('chair');
    await admin.getByRole('button', { name: 'Lagre rollen' }).click();
    await admin.waitForURL(/melding=rolle/);
    await expect(admin.locator('[role=status]').first().innerText()).resolves.toContain(
      'Mona Medlem har rollen møteleder i Faggruppe for plan.',
    );
    await expect(row.innerText()).resolves.toMatch(/Mona Medlem\s+Møteleder/);
    const changed = (await groupEvents()).filter((e) => e.type === 'MemberRoleChanged');
    expect(changed.map((e) => e.data)).toEqual([
      { groupId: ids.group, personId: ids.member, role: 'chair', previousRole: 'member' },
    ]);

    // Unconfirmed: refused beside the checkbox, and still a member.
    await admin.goto(`/personer/${ids.member}/grupper/${ids.group}`);
    await admin.getByRole('button', { name: 'Fjern fra gruppen' }).click();
    const confirm = admin.locator('#remove-confirm');
    await expect(confirm.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(confirm.getAttribute('aria-describedby')).resolves.toBe('remove-confirm-error');
    await expect(admin.locator('#remove-confirm-error').innerText()).resolves.toContain(
      'Kryss av for å bekrefte',
    );
    await expect(admin.evaluate(() => document.activeElement?.id)).resolves.toBe('remove-errors');
    await checkPage(admin, 'first-steps-remove-refused');
    const leftBy = async (personId: string) =>
      (await groupEvents()).filter((e) => e.type === 'MemberLeft' && e.data.personId === personId);
    expect(await leftBy(ids.member)).toEqual([]);

    // Confirmed from the keyboard.
    await confirm.focus();
    await admin.keyboard.press('Space');
    await expect(confirm.isChecked()).resolves.toBe(true);
    const removeForm = admin.locator('#remove-form');
    const fields = await removeForm.evaluate((el) =>
      Object.fromEntries(
        new FormData(el as unknown as HTMLFormElement) as unknown as Iterable<[string, string]>,
      ),
    );
    await admin.getByRole('button', { name: 'Fjern fra gruppen' }).focus();
    await Promise.all([admin.waitForURL(/melding=fjernet/), admin.keyboard.press('Enter')]);
    await expect(admin.locator('[role=status]').first().innerText()).resolves.toContain(
      'Mona Medlem er fjernet fra Faggruppe for plan.',
    );
    await expect(row.count()).resolves.toBe(0);
    // The group's secretary stays: a group keeps one.
    await expect(admin.locator(`#groups [data-group="${ids.group}"] tr[data-person]`).count()).resolves.toBe(
      1,
    );
    await expect(
      admin.locator(`#people-table tr[data-person="${ids.member}"]`).innerText(),
    ).resolves.toContain('Ingen');
    const left = await leftBy(ids.member);
    expect(left.map((e) => e.data)).toEqual([{ groupId: ids.group, personId: ids.member }]);
    expect(left[0].metadata).toMatchObject({ actor: { kind: 'person', id: ids.admin } });
    // The same form posted again (a double click, a reload) is answered as the first was, and removes nothing more.
    const again = await admin.request.post(`/personer/${ids.member}/grupper/${ids.group}/fjern`, {
      form: fields,
      maxRedirects: 0,
    });
    expect([again.status(), again.headers().location]).toEqual([
      303,
      `/personer?melding=fjernet&person=${ids.member}&gruppe=${ids.group}#groups`,
    ]);
    expect(await leftBy(ids.member)).toHaveLength(1);
    // Gone from the membership page too, and from the read model the access policy reads.
    expect((await admin.goto(`/personer/${ids.member}/grupper/${ids.group}`))!.status()).toBe(404);
    const member = await signedIn(browser, api, smtp, 'mona@example.no');
    expect((await me(member)).roles).toEqual([]);
    await expect(member.locator('#groups').innerText()).resolves.toContain(
      'Du er ikke med i noen gruppe ennå.',
    );
    expect((await member.goto(`/grupper/${ids.group}`))!.status()).toBe(403);
    await member.context().close();

    // And in English.
    await admin.goto('/personer?lang=en');
    await expect(admin.locator('#new-group h2').innerText()).resolves.toBe('Establish a group');
    await checkPage(admin, 'first-steps-people-en');
    await admin.context().close();
  });
});
