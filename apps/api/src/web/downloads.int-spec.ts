import mammoth from 'mammoth';
import { ADMIN, buildStory, WebTestApp, type WebStory } from './testing/web-test-app';

// The API in this process on a real SQLite file: the follow-up list and the minutes downloaded over HTTP.
jest.setTimeout(30_000);

const app = new WebTestApp();
let story: WebStory;
const auth = { authorization: `Bearer ${ADMIN}` };
beforeAll(async () => {
  await app.start();
  story = await buildStory(app);
});
afterAll(() => app.stop());

describe('the follow-up list as CSV', () => {
  it('downloads the group\'s commitments in the municipal layout, with a BOM, ";" and formula-safe cells', async () => {
    const res = await app.get(`/grupper/${story.group}/oppfolging.csv`, auth);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="oppfolging-Faggruppe for plan.csv"; filename*=UTF-8''oppfolging-Faggruppe%20for%20plan.csv`,
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, row, end] = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(header).toBe('Gruppe;Møtedato;Sak/vedtak;Ansvarlig;Frist;Status;Siste fremdrift');
    const year = new Date().getUTCFullYear();
    const today = new Intl.DateTimeFormat('nb-NO', {
      timeZone: 'Europe/Oslo',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }).format(new Date());
    expect(row).toBe(
      `Faggruppe for plan;20.03.${year - 1};"Handlingsprogram 2025: =HYPERLINK(""http://evil.example"") fordele arbeidet; ""raskt""";` +
        `Kari Nordmann;12.06.${year + 1};Åpen;${today}: Halvveis, møte avtalt`,
    );
    expect(end).toBe('');
  });

  it('prefixes a cell that starts a formula, and answers in English with ?lang=en', async () => {
    const owner = await app.id('/people', { name: '=cmd|calc', email: null });
    await app.id('/commitments', {
      meetingId: story.june,
      text: '@SUM(A1:A9)',
      owner: { personId: owner },
      due: { date: '2030-01-31' },
    });
    const text = await (await app.get(`/grupper/${story.group}/oppfolging.csv?lang=en`, auth)).text();
    // fetch's text() drops the BOM, as a UTF-8 decoder should.
    expect(text.split('\r\n')[0]).toBe('Group;Meeting date;Matter/decision;Owner;Due;Status;Latest progress');
    const row = text.split('\r\n').find((line) => line.includes('SUM'))!;
    expect(row.split(';').slice(2, 6)).toEqual(["'@SUM(A1:A9)", "'=cmd|calc", '31/01/2030', 'Open']);
  });

  it('answers 404 with a page for an unknown group, and 401 without a token', async () => {
    const missing = await app.get('/grupper/finnes-ikke/oppfolging.csv', auth);
    expect(missing.status).toBe(404);
    const html = await missing.text();
    expect(html).toContain('Fant ikke gruppen.');
    expect(html).toContain('<a class="ds-skip-link" href="#main">');
    expect(html).toContain('<main id="main"');
    expect(html).toContain('href="/static/app.css"');
    expect((await app.get(`/grupper/${story.group}/oppfolging.csv`)).status).toBe(401);
  });

  it("lists what the dashboard's filter in the query picks, and says which in the file's name", async () => {
    const csv = async (query: string) => {
      const res = await app.get(`/grupper/${story.group}/oppfolging.csv${query}`, auth);
      expect(res.status).toBe(200);
      const name = decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]);
      return { name, rows: (await res.text()).split('\r\n').slice(1, -1) };
    };
    const done = await app.id('/commitments', {
      meetingId: story.march,
      text: 'Levere rapporten',
      owner: { secretariat: true },
      due: { date: '2026-01-31' },
    });
    await app.api('POST', `/commitments/${done}/complete`, {});
    const open = await csv('?status=open');
    expect(open.name).toBe('oppfolging-Faggruppe for plan-åpne.csv');
    expect(open.rows).toContainEqual(expect.stringContaining('fordele arbeidet'));
    expect(open.rows.filter((row) => !row.includes(';Åpen'))).toEqual([]);
    expect(await csv('?status=done')).toEqual({
      name: 'oppfolging-Faggruppe for plan-utførte.csv',
      rows: [expect.stringMatching(/;Levere rapporten;Sekretariatet;31\.01\.2026;Utført;$/)],
    });
    expect((await csv('?status=open&ansvarlig=secretariat')).rows).toEqual([]);
    expect((await csv('?status=all&lang=en')).name).toBe('follow-up-Faggruppe for plan-all.csv');
    // A status the dashboard does not know is refused as the dashboard refuses it, never read as another list.
    expect((await app.get(`/grupper/${story.group}/oppfolging.csv?status=ferdig`, auth)).status).toBe(400);
  });

  it("is in the language of the reader's pages, kept in the language cookie", async () => {
    const text = await (
      await app.get(`/grupper/${story.group}/oppfolging.csv`, { ...auth, cookie: 'tilneste_lang=en' })
    ).text();
    expect(text.split('\r\n')[0]).toBe('Group;Meeting date;Matter/decision;Owner;Due;Status;Latest progress');
    const missing = await app.get('/grupper/finnes-ikke/oppfolging.csv', {
      ...auth,
      cookie: 'tilneste_lang=en',
    });
    const html = await missing.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Group not found.');
  });
});

describe('the minutes as a Word document', () => {
  it('holds the title, date, place, attendance, decisions, commitments and deferred items, read back from the .docx', async () => {
    const res = await app.get(`/moter/${story.march}/referat.docx`, auth);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const buffer = Buffer.from(await res.arrayBuffer());
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    const text = (await mammoth.extractRawText({ buffer })).value;
    expect(text).toContain('Referat – Møte i faggruppen');
    expect(text).toContain('Gruppe: Faggruppe for plan');
    expect(text).toMatch(/Dato: torsdag 20\. mars \d{4}/);
    expect(text).toContain('Sted: Fylkeshuset, møterom 3');
    expect(text).toContain('Kari Nordmann (digitalt)');
    expect(text).toContain('Per Vikar (i stedet for Eli Bryhni)');
    expect(text).toContain('Vedtak: Innkalling og saksliste godkjent. (godkjent – Handlingsprogram 2025)');
    expect(text).toContain(
      'Vedtak: Statusrapportene tas til etterretning. (tatt til etterretning – Handlingsprogram 2025)',
    );
    expect(text.indexOf('Sak 4: Arbeidsgrupper – status')).toBeLessThan(
      text.indexOf('Statusrapportene tas til etterretning'),
    );
    expect(text).toMatch(
      /fordele arbeidet; "raskt" – Ansvarlig: Kari Nordmann – Frist: 12\. juni \d{4} \(neste møte\)/,
    );
    expect(text).toContain('Ikke behandlet – tas opp på neste møte');
    expect(text).toContain('Posisjonsnotat om <script>alert(1)</script> klima');
  });

  it('answers in English with ?lang=en, 404 with a page for an unknown meeting, and 401 without a token', async () => {
    const buffer = Buffer.from(
      await (await app.get(`/moter/${story.march}/referat.docx?lang=en`, auth)).arrayBuffer(),
    );
    const text = (await mammoth.extractRawText({ buffer })).value;
    expect(text).toContain('Decision: Innkalling og saksliste godkjent. (approved');
    expect(text).toContain('Per Vikar (instead of Eli Bryhni)');
    const missing = await app.get('/moter/finnes-ikke/referat.docx', auth);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await app.get(`/moter/${story.march}/referat.docx`)).status).toBe(401);
  });

  it('answers 409 with a page, no document, before the meeting is held, and for a cancelled meeting', async () => {
    const ahead = await app.get(`/moter/${story.june}/referat.docx`, auth);
    expect(ahead.status).toBe(409);
    expect(ahead.headers.get('content-type')).toMatch(/^text\/html/);
    expect(ahead.headers.get('content-disposition')).toBeNull();
    const page = await ahead.text();
    expect(page).toContain('<title>Referatet er ikke klart – Tilneste</title>');
    expect(page).toContain('Referatet kan lastes ned når møtet er avholdt.');
    expect(page).toContain(`<a class="ds-link" href="/moter/${story.june}">Gå til møtet</a>`);
    const english = await (await app.get(`/moter/${story.june}/referat.docx?lang=en`, auth)).text();
    expect(english).toContain('The minutes can be downloaded once the meeting is held.');
    const cancelled = await app.get(`/moter/${story.cancelled}/referat.docx`, auth);
    expect(cancelled.status).toBe(409);
    expect(await cancelled.text()).toContain('Møtet ble avlyst, så det har ikke noe referat.');
    // Still asked who may read it first: no token, no page about the meeting.
    expect((await app.get(`/moter/${story.june}/referat.docx`)).status).toBe(401);
  });
});

describe('the secretariat as an owner', () => {
  let secretary: string;
  let commitment: string;
  beforeAll(async () => {
    secretary = await app.id('/people', { name: 'Siri Sekretær', email: 'siri@sorfjord.example' });
    await app.api('POST', `/groups/${story.group}/members`, { personId: secretary, role: 'secretariat' });
    // Made at the meeting held, whose minutes can be downloaded (June's cannot until it is held).
    commitment = await app.id('/commitments', {
      meetingId: story.march,
      text: 'Sende ut referatet',
      owner: { secretariat: true },
      due: { date: '2031-02-01' },
    });
  });

  const csvRow = async (headers: Record<string, string>, query = '') => {
    const text = await (await app.get(`/grupper/${story.group}/oppfolging.csv${query}`, headers)).text();
    return text
      .split('\r\n')
      .find((line) => line.includes('Sende ut referatet'))!
      .split(';');
  };
  const docxText = async (headers: Record<string, string>, query = '') => {
    const res = await app.get(`/moter/${story.march}/referat.docx${query}`, headers);
    return (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value;
  };

  it("is named in the reader's language in the follow-up list", async () => {
    expect((await csvRow(auth))[3]).toBe('Sekretariatet');
    expect((await csvRow(auth, '?lang=en'))[3]).toBe('The secretariat');
    expect((await csvRow({ ...auth, cookie: 'tilneste_lang=en' }))[3]).toBe('The secretariat');
  });

  it("is named in the reader's language in the minutes", async () => {
    expect(await docxText(auth)).toContain('Sende ut referatet – Ansvarlig: Sekretariatet – Frist:');
    const english = await docxText(auth, '?lang=en');
    expect(english).toContain('Sende ut referatet – Owner: The secretariat – Due:');
    expect(english).not.toContain('Sekretariatet');
    expect(await docxText({ ...auth, cookie: 'tilneste_lang=en' })).toContain('Owner: The secretariat');
  });

  it('keeps the JSON of the tasks and dashboard API as it is, whatever language is asked for', async () => {
    const english = { ...auth, cookie: 'tilneste_lang=en', 'accept-language': 'en' };
    for (const headers of [auth, english]) {
      const tasks = await (await app.get(`/api/people/${secretary}/tasks?lang=en`, headers)).json();
      expect(tasks.tasks.find((t: { id: string }) => t.id === commitment)).toMatchObject({
        owner: { secretariat: true },
        ownerName: 'Sekretariatet',
        as: 'secretariat',
      });
      const dashboard = await (await app.get(`/api/groups/${story.group}/dashboard?lang=en`, headers)).json();
      expect(
        dashboard.byOwner.find((o: { owner: unknown }) => JSON.stringify(o.owner) === '{"secretariat":true}'),
      ).toMatchObject({ name: 'Sekretariatet' });
    }
  });
});
