import { ADMIN, buildStory, WebTestApp, type WebStory } from '../testing/web-test-app';

// The API in this process on a real SQLite file: the dashboard and its CSV refuse a filter they do not know with
// 400 (the page beside its field, the CSV with the API's error body), and read an absent one as they always did.
jest.setTimeout(30_000);

const app = new WebTestApp();
let story: WebStory;
const auth = { authorization: `Bearer ${ADMIN}` };

beforeAll(async () => {
  await app.start();
  story = await buildStory(app);
});
afterAll(() => app.stop());

describe("the dashboard's filter", () => {
  it('answers a state it does not know with 400 and the form, the error beside the field, in bokmål and English', async () => {
    const nb = await app.get(`/grupper/${story.group}?status=ferdig`, auth);
    expect(nb.status).toBe(400);
    const html = await nb.text();
    expect(html).toContain('id="f-state-error">Ukjent status i adressen. Velg en av disse: open (Åpne),');
    expect(html).toContain('<a href="#f-state">Status: Ukjent status i adressen.');
    expect(html).not.toContain('id="follow-up-results"');
    const en = await app.get(`/grupper/${story.group}?status=ferdig&lang=en`, auth);
    expect(en.status).toBe(400);
    expect(await en.text()).toContain('Unknown state in the address. Choose one of these: open (Open),');
    const owner = await app.get(`/grupper/${story.group}?ansvarlig=Kari&status=open`, auth);
    expect(owner.status).toBe(400);
    expect(await owner.text()).toContain('id="f-owner-error"');
  });

  it('keeps an old link without a state, or with the form’s empty choices, as the open list', async () => {
    for (const query of ['', '?ansvarlig=&arbeidsgruppe=&status=']) {
      const res = await app.get(`/grupper/${story.group}${query}`, auth);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).not.toContain('aria-invalid');
      expect(html).toContain(`data-commitment="${story.commitment}" data-status="open"`);
    }
  });

  it('answers the CSV with 400 and the field path in the API’s error body, and keeps its meaning without a state', async () => {
    const bad = await app.get(`/grupper/${story.group}/oppfolging.csv?status=ferdig`, auth);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await bad.json()) as {
      error: { code: string; issues: { path: unknown[]; message: string }[] };
    };
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.issues).toEqual([
      expect.objectContaining({
        path: ['status'],
        message: 'must be one of open, overdue, carried-over, done, all',
      }),
    ]);
    const twice = await app.get(`/grupper/${story.group}/oppfolging.csv?status=open&status=done`, auth);
    expect(twice.status).toBe(400);
    // Without a state the CSV lists every commitment, as it always did.
    const all = await app.get(`/grupper/${story.group}/oppfolging.csv`, auth);
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toMatch(/^text\/csv/);
  });
});
