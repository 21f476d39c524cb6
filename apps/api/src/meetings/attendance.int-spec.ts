import mammoth from 'mammoth';
import { ADMIN, buildStory, WebTestApp, type WebStory } from '../web/testing/web-test-app';

// The API in this process on a real SQLite file: attendance recorded by mistake is withdrawn over HTTP, and the
// meeting, its page, its minutes and its audit trail follow; approved minutes keep theirs.
jest.setTimeout(30_000);

const app = new WebTestApp();
let story: WebStory;
const auth = { authorization: `Bearer ${ADMIN}` };

type Attendance = { personId: string; remote: boolean; substituteFor: string | null }[];
const attendance = async (meetingId: string) =>
  (await app.api<{ attendance: Attendance }>('GET', `/meetings/${meetingId}`)).body.attendance.map(
    (a) => a.personId,
  );
const withdraw = (meetingId: string, personId: string, body: unknown = {}) =>
  app.api<{ id?: string; error?: { code: string } }>(
    'POST',
    `/meetings/${meetingId}/attendance/${personId}/withdraw`,
    body,
  );
const minutes = async (meetingId: string) =>
  (
    await mammoth.extractRawText({
      buffer: Buffer.from(await (await app.get(`/moter/${meetingId}/referat.docx`, auth)).arrayBuffer()),
    })
  ).value;

beforeAll(async () => {
  await app.start();
  story = await buildStory(app);
});
afterAll(() => app.stop());

describe('withdrawing attendance through the API', () => {
  it('takes a person off the attendance of a held meeting, with the reason in the audit trail', async () => {
    expect(await minutes(story.march)).toContain('Per Vikar');
    const res = await withdraw(story.march, story.substitute, { reason: 'Registrert ved en feil' });
    expect([res.status, res.body]).toEqual([200, { id: story.march }]);
    expect(await attendance(story.march)).toEqual([story.ola, story.kari]);
    const page = await (await app.get(`/moter/${story.march}`, auth)).text();
    expect(page).toContain('Ola Leder');
    expect(page).not.toContain('Per Vikar');
    expect(await minutes(story.march)).not.toContain('Per Vikar');
    const audit = await app.api<{ events: { type: string; data: unknown }[] }>(
      'GET',
      `/audit?stream=meeting-${story.march}`,
    );
    expect(audit.body.events.at(-1)).toMatchObject({
      type: 'AttendanceWithdrawn',
      data: { meetingId: story.march, personId: story.substitute, reason: 'Registrert ved en feil' },
    });
  });

  it('refuses someone not recorded (409), a client naming merged ids (400), and an unknown meeting (404)', async () => {
    const again = await withdraw(story.march, story.substitute);
    expect([again.status, again.body.error?.code]).toEqual([409, 'MEETING.NOT_ATTENDING']);
    const merged = await withdraw(story.march, story.ola, { mergedIds: [story.eli] });
    expect(merged.status).toBe(400);
    expect((await withdraw('finnes-ikke', story.ola)).status).toBe(404);
    expect(await attendance(story.march)).toEqual([story.ola, story.kari]);
  });

  it('lets attendance be recorded again after it was withdrawn', async () => {
    await app.api('POST', `/meetings/${story.march}/attendance`, { personId: story.substitute });
    expect(await attendance(story.march)).toContain(story.substitute);
  });

  it('refuses once the minutes are approved: they are final', async () => {
    const approve = await fetch(`${app.base}/moter/${story.june}/registrer/godkjenn-referat`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    expect(approve.status).toBe(303);
    expect(
      (await app.api<{ minutesApproved: boolean }>('GET', `/meetings/${story.march}`)).body.minutesApproved,
    ).toBe(true);
    const res = await withdraw(story.march, story.ola);
    expect([res.status, res.body.error?.code]).toEqual([409, 'MEETING.MINUTES_FINAL']);
    expect(await attendance(story.march)).toContain(story.ola);
  });
});

describe('recording attendance once the minutes are approved', () => {
  const audit = async () =>
    (await app.api<{ events: unknown[] }>('GET', `/audit?stream=meeting-${story.march}`)).body.events.length;
  /** The record page's attendance form, posted as the page posts it, after the minutes were approved. */
  const stale = (form: Record<string, string>, lang = '') =>
    fetch(`${app.base}/moter/${story.march}/registrer/oppmote${lang}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });

  it('refuses someone new and a change over the API with 409 MEETING.MINUTES_FINAL, storing nothing', async () => {
    // March's minutes were approved at June's meeting above.
    expect(
      (await app.api<{ minutesApproved: boolean }>('GET', `/meetings/${story.march}`)).body.minutesApproved,
    ).toBe(true);
    const before = await audit();
    const record = (body: unknown) =>
      app.api<{ error?: { code: string } }>('POST', `/meetings/${story.march}/attendance`, body);
    const added = await record({ personId: story.eli });
    expect([added.status, added.body.error?.code]).toEqual([409, 'MEETING.MINUTES_FINAL']);
    const changed = await record({ personId: story.ola, remote: true });
    expect([changed.status, changed.body.error?.code]).toEqual([409, 'MEETING.MINUTES_FINAL']);
    // Bad input is still the client's mistake first.
    expect((await record({ personId: '' })).status).toBe(400);
    expect(await attendance(story.march)).not.toContain(story.eli);
    expect(await audit()).toBe(before);
  });

  it('answers a stale record-page form with the page and the refusal at the top (409), in bokmål and English', async () => {
    const before = await audit();
    const nb = await stale({ personId: story.eli, remote: 'on', substituteFor: '' });
    expect(nb.status).toBe(409);
    const nbPage = await nb.text();
    expect(nbPage).toMatch(
      /data-error-summary[^>]*>.*Referatet fra møtet er godkjent, så oppmøtet kan ikke lenger endres\./s,
    );
    // The form is not drawn again: the attendance is listed, read-only.
    expect(nbPage).not.toContain(`action="/moter/${story.march}/registrer/oppmote"`);
    expect(nbPage).toContain(`data-attendee="${story.ola}"`);
    const en = await stale({ personId: story.eli }, '?lang=en');
    expect(en.status).toBe(409);
    expect(await en.text()).toMatch(
      /data-error-summary[^>]*>.*so its attendance can no longer be changed\./s,
    );
    expect(await attendance(story.march)).not.toContain(story.eli);
    expect(await audit()).toBe(before);
  });
});
