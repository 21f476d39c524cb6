import { linkSecretFrom, preferencesUrl, signLink } from '@tilneste/reminders';
import { buildStory, LINK_SECRET, READER, WebTestApp, type WebStory } from '../testing/web-test-app';

// The List-Unsubscribe target over HTTP, on a real SQLite file; the reminder policy then reads the choice.
jest.setTimeout(30_000);

const app = new WebTestApp();
let story: WebStory;
beforeAll(async () => {
  await app.start();
  story = await buildStory(app);
});
afterAll(() => app.stop());

const secret = linkSecretFrom({ TILNESTE_LINK_SECRET: LINK_SECRET });
const pathOf = (personId: string) => new URL(preferencesUrl('https://x.example', personId, secret)).pathname;
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});
const events = async (personId: string) =>
  (
    await app.api<{
      events: { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }[];
    }>('GET', `/audit?stream=person-${personId}`)
  ).body.events.filter((e) => e.type === 'ReminderPreferencesSet');

describe('the reminder preferences page', () => {
  it('shows the choices without changing anything, in bokmål and in English', async () => {
    const res = await app.get(pathOf(story.kari));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="nb"');
    expect(html).toContain('Velg hvilke e-poster Kari Nordmann får fra Tilneste.');
    expect(html).toMatch(/value="all" checked/);
    expect(html).toMatch(/name="calendarNotices" value="on" checked/);
    expect(await (await app.get(`${pathOf(story.kari)}?lang=en`)).text()).toContain(
      'Only the last one before the meeting',
    );
    expect(await events(story.kari)).toEqual([]);
  });

  it('follows the language cookie as every page does, and posts in that language', async () => {
    const asked = await app.get(`${pathOf(story.kari)}?lang=en`);
    expect(asked.headers.get('set-cookie')).toMatch(/^tilneste_lang=en;/);
    const html = await (await app.get(pathOf(story.kari), { cookie: 'tilneste_lang=en' })).text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain(`<form method="post" action="${pathOf(story.kari)}?lang=en"`);
    expect(await events(story.kari)).toEqual([]);
  });

  it('records a one-click unsubscribe (RFC 8058) once, as the person through the e-mail link', async () => {
    const first = await fetch(`${app.base}${pathOf(story.ola)}`, form({ 'List-Unsubscribe': 'One-Click' }));
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Du får ikke flere påminnelser.');
    await fetch(`${app.base}${pathOf(story.ola)}`, form({ 'List-Unsubscribe': 'One-Click' }));
    const recorded = await events(story.ola);
    expect(recorded).toHaveLength(1);
    expect(recorded[0].data).toEqual({
      personId: story.ola,
      preferences: { reminders: 'none', chairDigest: false, calendarNotices: false, language: 'nb' },
      source: 'one-click',
    });
    expect(recorded[0].metadata).toMatchObject({
      actor: { kind: 'person', id: story.ola },
      via: 'email-link',
    });
  });

  it('saves the form, an unticked box as off, and shows the saved choice', async () => {
    const res = await fetch(
      `${app.base}${pathOf(story.eli)}`,
      form({ reminders: 'last', calendarNotices: 'on' }),
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Valgene er lagret.');
    expect(html).toMatch(/value="last" checked/);
    expect(html).not.toMatch(/name="chairDigest" value="on" checked/);
    expect((await events(story.eli))[0].data).toMatchObject({
      preferences: { reminders: 'last', chairDigest: false, calendarNotices: true },
      source: 'page',
    });
  });

  it('sets the language of the e-mails through the form; the link pages then speak it unless the reader asks otherwise', async () => {
    const personId = await app.id('/people', { name: 'Jane Visitor', email: 'jane@abroad.example' });
    const commitment = await app.id('/commitments', {
      meetingId: story.march,
      text: 'Send the English summary',
      owner: { personId },
      due: { nextMeeting: true },
    });
    const link = `/api/links/${signLink(
      {
        action: 'done',
        commitmentId: commitment,
        personId,
        meetingId: story.june,
        offset: 'P7D',
        version: 1,
        issuedAt: Date.now(),
        expiresAt: Date.now() + 3_600_000,
      },
      secret,
    )}`;
    const langOf = async (path: string, headers: Record<string, string> = {}) =>
      /<html lang="(\w+)"/.exec(await (await app.get(path, headers)).text())?.[1];
    expect(await langOf(pathOf(personId))).toBe('nb');
    expect(await langOf(link)).toBe('nb');

    const saved = await fetch(
      `${app.base}${pathOf(personId)}`,
      form({ reminders: 'all', chairDigest: 'on', calendarNotices: 'on', language: 'en' }),
    );
    expect(saved.status).toBe(200);
    const html = await saved.text();
    // No ?lang and no cookie: the answer is in the language just chosen, and sets no cookie.
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Your choices are saved.');
    expect(html).toMatch(/name="language" value="en" checked/);
    expect(saved.headers.get('set-cookie')).toBeNull();
    expect((await events(personId)).map((e) => e.data)).toEqual([
      {
        personId,
        preferences: { reminders: 'all', chairDigest: true, calendarNotices: true, language: 'en' },
        source: 'page',
      },
    ]);

    for (const path of [pathOf(personId), link]) {
      expect([path, await langOf(path)]).toEqual([path, 'en']);
      expect([path, await langOf(path, { cookie: 'tilneste_lang=nb' })]).toEqual([path, 'nb']);
      expect([path, await langOf(`${path}?lang=nb`)]).toEqual([path, 'nb']);
    }
    // A form without the field (rendered before the choice existed) keeps the language.
    await fetch(`${app.base}${pathOf(personId)}`, form({ reminders: 'last', calendarNotices: 'on' }));
    expect((await events(personId)).at(-1)?.data).toMatchObject({
      preferences: { reminders: 'last', chairDigest: false, calendarNotices: true, language: 'en' },
    });
    expect(
      (await fetch(`${app.base}${pathOf(personId)}`, form({ reminders: 'all', language: 'de' }))).status,
    ).toBe(400);
  });

  it('refuses a bad form with 400 and a tampered or unknown token with 404, recording nothing', async () => {
    expect((await fetch(`${app.base}${pathOf(story.kari)}`, form({ reminders: 'sometimes' }))).status).toBe(
      400,
    );
    // The signature's first character carries six significant bits: any other value changes the MAC.
    const tampered = pathOf(story.kari).replace(/\.(.)/, (_, c: string) => `.${c === 'A' ? 'B' : 'A'}`);
    expect((await fetch(`${app.base}${tampered}`, form({ 'List-Unsubscribe': 'One-Click' }))).status).toBe(
      404,
    );
    expect((await app.get(pathOf('nobody'))).status).toBe(404);
    expect((await app.get('/varsler/%%%')).status).toBeLessThan(500);
    expect(await events(story.kari)).toEqual([]);
  });
});

describe('reminder preferences over the API', () => {
  it('reads and sets the choice, 400 with the field for a bad value, 403 for the read token', async () => {
    expect((await app.api('GET', `/people/${story.substitute}/reminder-preferences`)).body).toEqual({
      personId: story.substitute,
      reminders: 'all',
      chairDigest: true,
      calendarNotices: true,
      language: 'nb',
    });
    const set = await app.api('PUT', `/people/${story.substitute}/reminder-preferences`, {
      reminders: 'last',
      chairDigest: true,
      calendarNotices: false,
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ reminders: 'last', calendarNotices: false });
    expect((await events(story.substitute))[0].data).toMatchObject({ source: 'api' });
    const bad = await app.api<{ error: { issues: { path: string[] }[] } }>(
      'PUT',
      `/people/${story.substitute}/reminder-preferences`,
      { reminders: 'often', chairDigest: true, calendarNotices: true },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toEqual(['reminders']);
    const english = await app.api('PUT', `/people/${story.substitute}/reminder-preferences`, {
      reminders: 'last',
      chairDigest: true,
      calendarNotices: false,
      language: 'en',
    });
    expect(english.body).toMatchObject({ reminders: 'last', language: 'en' });
    // A body from before the language choice is still valid, and keeps the language.
    const older = await app.api('PUT', `/people/${story.substitute}/reminder-preferences`, {
      reminders: 'all',
      chairDigest: true,
      calendarNotices: false,
    });
    expect(older.status).toBe(200);
    expect(older.body).toMatchObject({ reminders: 'all', language: 'en' });
    const badLanguage = await app.api<{ error: { issues: { path: string[] }[] } }>(
      'PUT',
      `/people/${story.substitute}/reminder-preferences`,
      { reminders: 'all', chairDigest: true, calendarNotices: true, language: 'de' },
    );
    expect(badLanguage.status).toBe(400);
    expect(badLanguage.body.error.issues.map((i) => i.path)).toEqual([['language']]);
    expect(
      (await app.api('GET', `/people/${story.substitute}/reminder-preferences`, undefined, READER)).status,
    ).toBe(403);
    expect(
      (
        await app.api('PUT', `/people/nobody/reminder-preferences`, {
          reminders: 'all',
          chairDigest: true,
          calendarNotices: true,
        })
      ).status,
    ).toBe(404);
  });
});
