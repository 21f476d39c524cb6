import ICAL from 'ical.js';
import { buildStory, READER, WebTestApp, ADMIN, type WebStory } from '../testing/web-test-app';

// The API in this process on a real SQLite file; the feeds fetched over HTTP as a calendar app would.
jest.setTimeout(30_000);

const app = new WebTestApp();
let story: WebStory;
beforeAll(async () => {
  await app.start();
  story = await buildStory(app);
});
afterAll(() => app.stop());

const parse = (ics: string) => new ICAL.Component(ICAL.parse(ics));
const uids = (calendar: ICAL.Component, kind: string) =>
  calendar.getAllSubcomponents(kind).map((c) => String(c.getFirstPropertyValue('uid')));

describe('calendar feeds', () => {
  it("serves a group's meetings with a bearer token, cancelled ones marked so, and refuses without one", async () => {
    const res = await app.get(`/kalender/grupper/${story.group}.ics`, { authorization: `Bearer ${READER}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const calendar = parse(await res.text());
    expect(uids(calendar, 'vevent').sort()).toEqual(
      [story.march, story.june, story.cancelled].map((id) => `meeting-${id}@sorfjord.example`).sort(),
    );
    const cancelled = calendar
      .getAllSubcomponents('vevent')
      .find((e) => String(e.getFirstPropertyValue('uid')).includes(story.cancelled))!;
    expect(cancelled.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.getFirstPropertyValue('sequence')).toBe(1);
    expect(cancelled.getFirstProperty('organizer')!.getParameter('cn')).toBe('Faggruppe for plan');
    expect((await app.get(`/kalender/grupper/${story.group}.ics`)).status).toBe(401);
    expect((await app.get(`/kalender/grupper/nope.ics`, { authorization: `Bearer ${ADMIN}` })).status).toBe(
      404,
    );
  });

  it("serves a person's meetings and what they owe as a VTODO due at the meeting, at a secret URL without a token", async () => {
    const urls = await app.api<{ personFeed: string; groupFeeds: { groupId: string; url: string }[] }>(
      'GET',
      `/people/${story.kari}/calendar`,
    );
    expect(urls.status).toBe(200);
    expect(urls.body.personFeed).toMatch(
      new RegExp(
        `^https://tilneste\\.sorfjord\\.example/kalender/personer/${story.kari}/[\\w-]+\\.[\\w-]{43}\\.ics$`,
      ),
    );
    const res = await app.get(new URL(app.local(urls.body.personFeed)).pathname);
    expect(res.status).toBe(200);
    const calendar = parse(await res.text());
    expect(uids(calendar, 'vevent')).toContain(`meeting-${story.june}@sorfjord.example`);
    const [todo] = calendar.getAllSubcomponents('vtodo');
    expect(todo.getFirstPropertyValue('uid')).toBe(`commitment-${story.commitment}@sorfjord.example`);
    expect(todo.getFirstPropertyValue('summary')).toContain('fordele arbeidet');
    expect(todo.getFirstPropertyValue('related-to')).toBe(`meeting-${story.june}@sorfjord.example`);
    const june = calendar
      .getAllSubcomponents('vevent')
      .find((e) => String(e.getFirstPropertyValue('uid')).includes(story.june))!;
    expect(String(todo.getFirstPropertyValue('due'))).toBe(String(june.getFirstPropertyValue('dtstart')));

    const groupFeed = urls.body.groupFeeds.find((g) => g.groupId === story.group)!;
    expect((await app.get(new URL(app.local(groupFeed.url)).pathname)).status).toBe(200);
  });

  it('speaks the language the person chose for their e-mails, unless the URL asks for one', async () => {
    const urls = await app.api<{ personFeed: string; groupFeeds: { groupId: string; url: string }[] }>(
      'GET',
      `/people/${story.kari}/calendar`,
    );
    const personPath = new URL(app.local(urls.body.personFeed)).pathname;
    const groupPath = new URL(app.local(urls.body.groupFeeds.find((g) => g.groupId === story.group)!.url))
      .pathname;
    const descriptions = async (path: string) => {
      const calendar = parse(await (await app.get(path)).text());
      return calendar
        .getAllSubcomponents('vevent')
        .map((e) => String(e.getFirstPropertyValue('description')));
    };
    expect(await descriptions(personPath)).toContainEqual(expect.stringMatching(/^Møte i /));
    const chosen = await app.api('PUT', `/people/${story.kari}/reminder-preferences`, {
      reminders: 'all',
      chairDigest: true,
      calendarNotices: true,
      language: 'en',
    });
    expect(chosen.status).toBe(200);
    for (const path of [personPath, groupPath]) {
      const english = await descriptions(path);
      expect(english).toContainEqual(expect.stringMatching(/^Meeting of /));
      expect(english).not.toContainEqual(expect.stringMatching(/^Møte i /));
      expect(await descriptions(`${path}?lang=nb`)).toContainEqual(expect.stringMatching(/^Møte i /));
    }
    // Read with a token that is nobody's, the group feed stays in bokmål.
    const byToken = await app.get(`/kalender/grupper/${story.group}.ics`, {
      authorization: `Bearer ${READER}`,
    });
    expect(await byToken.text()).toContain('Møte i ');
    await app.api('PUT', `/people/${story.kari}/reminder-preferences`, {
      reminders: 'all',
      chairDigest: true,
      calendarNotices: true,
      language: 'nb',
    });
  });

  it('stops serving the old secret URL once the owner resets it, and serves the new one', async () => {
    const before = (await app.api<{ personFeed: string }>('GET', `/people/${story.eli}/calendar`)).body
      .personFeed;
    const reset = await app.api<{ personFeed: string; groupFeeds: { url: string }[] }>(
      'POST',
      `/people/${story.eli}/calendar-key`,
    );
    expect(reset.status).toBe(200);
    expect(reset.body.personFeed).not.toBe(before);
    const old = await app.get(new URL(app.local(before)).pathname);
    expect(old.status).toBe(404);
    expect(old.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await app.get(new URL(app.local(reset.body.personFeed)).pathname)).status).toBe(200);
    expect((await app.get(new URL(app.local(reset.body.groupFeeds[0].url)).pathname)).status).toBe(200);
  });

  it("answers 404 for someone else's key, a key for a group the person is not in, and a malformed key", async () => {
    const kari = (await app.api<{ personFeed: string }>('GET', `/people/${story.kari}/calendar`)).body
      .personFeed;
    const key = /\/([^/]+)\.ics$/.exec(kari)![1];
    expect((await app.get(`/kalender/personer/${story.ola}/${key}.ics`)).status).toBe(404);
    expect((await app.get(`/kalender/personer/${story.substitute}/${key}.ics`)).status).toBe(404);
    const stranger = await app.id('/groups', { name: 'Annen gruppe' });
    expect((await app.get(`/kalender/grupper/${stranger}/${key}.ics`)).status).toBe(404);
    expect((await app.get(`/kalender/personer/${story.kari}/not-a-key.ics`)).status).toBe(404);
    expect((await app.get(`/kalender/personer/${story.kari}/%E0%A4%A.ics`)).status).toBeLessThan(500);
  });

  it('lets only the admin (or the person) read or reset the secret URLs', async () => {
    expect((await app.api('GET', `/people/${story.kari}/calendar`, undefined, READER)).status).toBe(403);
    expect((await app.api('POST', `/people/${story.kari}/calendar-key`, undefined, READER)).status).toBe(403);
    expect((await app.api('POST', `/people/unknown/calendar-key`)).status).toBe(404);
  });
});
