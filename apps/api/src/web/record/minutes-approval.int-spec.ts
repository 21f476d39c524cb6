import { ADMIN, buildStory, READER, WebTestApp, type WebStory } from '../testing/web-test-app';

// The API in this process on a real SQLite file: a held meeting's minutes recorded from its record page as
// approved another way (by e-mail), with no meeting; every refusal comes back beside the box, nothing stored.
jest.setTimeout(30_000);

const app = new WebTestApp();
let story: WebStory;

type Event = { type: string; data: Record<string, unknown>; metadata: { via: string } };
const events = async (meetingId: string) =>
  (await app.api<{ events: Event[] }>('GET', `/audit?stream=meeting-${meetingId}`)).body.events;

/** The form posted as the record page posts it; the admin token stands for the group's secretariat. */
const post = async (meetingId: string, form: Record<string, string>, token = ADMIN, lang = '') =>
  fetch(`${app.base}/moter/${meetingId}/registrer/referat-godkjent${lang}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });

/** The refused form's box and its error, as the page draws them. */
const besideTheBox = (html: string) => ({
  invalid: /id="approve-otherwise-confirm"[^>]*aria-invalid="true"/.test(html),
  error: /id="approve-otherwise-confirm-error">([^<]*)<\/p>/.exec(html)?.[1],
  summary: /<a href="#approve-otherwise-confirm">/.test(html),
});

beforeAll(async () => {
  await app.start();
  story = await buildStory(app);
});
afterAll(() => app.stop());

describe("recording a held meeting's minutes as approved another way", () => {
  it('refuses the form with the box unticked, beside the box, in bokmål and in English, storing nothing', async () => {
    const before = (await events(story.march)).length;
    const nb = await post(story.march, {});
    expect(nb.status).toBe(400);
    expect(besideTheBox(await nb.text())).toEqual({
      invalid: true,
      error: 'Kryss av for å bekrefte at referatet er godkjent.',
      summary: true,
    });
    const en = await post(story.march, { confirm: '' }, ADMIN, '?lang=en');
    expect(en.status).toBe(400);
    expect(besideTheBox(await en.text()).error).toBe(
      'Tick the box to confirm that the minutes have been approved.',
    );
    expect((await events(story.march)).length).toBe(before);
  });

  it('refuses a meeting not held (MEETING.NOT_HELD) beside the box, storing nothing', async () => {
    const before = (await events(story.june)).length;
    const res = await post(story.june, { confirm: 'on' });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(besideTheBox(html)).toEqual({
      invalid: true,
      error: 'Møtet er ikke avholdt ennå.',
      summary: true,
    });
    expect((await events(story.june)).length).toBe(before);
    const cancelled = await post(story.cancelled, { confirm: 'on' }, ADMIN, '?lang=en');
    expect(cancelled.status).toBe(409);
    expect(besideTheBox(await cancelled.text()).error).toBe('The meeting has not been held yet.');
  });

  it('refuses a token without the right to record (403), storing nothing', async () => {
    const before = (await events(story.march)).length;
    expect((await post(story.march, { confirm: 'on' }, READER)).status).toBe(403);
    expect((await events(story.march)).length).toBe(before);
  });

  it('records the approval with no meeting, then says so on the meeting page and the record page', async () => {
    const res = await post(story.march, { confirm: 'on' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(
      `/moter/${story.march}/registrer?melding=approvedOtherwise#own-minutes`,
    );
    const approved = (await events(story.march)).at(-1)!;
    expect([approved.type, approved.data, approved.metadata.via]).toEqual([
      'MinutesApproved',
      { meetingId: story.march, atMeetingId: null },
      'web',
    ]);
    const auth = { authorization: `Bearer ${ADMIN}` };
    const record = await (
      await app.get(`/moter/${story.march}/registrer?melding=approvedOtherwise`, auth)
    ).text();
    expect(record).toContain('Det er registrert at referatet er godkjent.');
    expect(record).toContain('Referatet er godkjent på annen måte (for eksempel per e-post).');
    expect(record).not.toContain('/referat-godkjent"');
    const meeting = await (await app.get(`/moter/${story.march}?lang=en`, auth)).text();
    expect(meeting).toContain('The minutes were approved another way (for example by e-mail).');
    // The next meeting's record page no longer offers to approve them there, and says how they were.
    const next = await (await app.get(`/moter/${story.june}/registrer`, auth)).text();
    expect(next).toContain('er godkjent på annen måte (for eksempel per e-post).');
    expect(next).not.toContain('/godkjenn-referat"');
  });

  it('refuses them approved a second time (MEETING.MINUTES_ALREADY_APPROVED) beside the box, storing nothing', async () => {
    const before = (await events(story.march)).length;
    const res = await post(story.march, { confirm: 'on' });
    expect(res.status).toBe(409);
    expect(besideTheBox(await res.text())).toEqual({
      invalid: true,
      error: 'Referatet er allerede godkjent.',
      summary: true,
    });
    const en = await post(story.march, { confirm: 'on' }, ADMIN, '?lang=en');
    expect(besideTheBox(await en.text()).error).toBe('The minutes are already approved.');
    expect((await events(story.march)).length).toBe(before);
  });
});
