import { until } from '../../../../../libs/reminders/testing/reminder-fixtures';
import { mailBodies, TestSmtpServer } from '../../../../../libs/reminders/testing/smtp-test-server';
import { ADMIN, buildStory, READER, WebTestApp, type WebStory } from '../testing/web-test-app';

// The API in this process on a real SQLite file, with sign-in mail to an in-process SMTP server: the group's
// meetings and matters listed on the dashboard and on pages of their own, the links between a group's meetings,
// and who may read them (whoever may read the dashboard).
jest.setTimeout(30_000);

const app = new WebTestApp();
const smtp = new TestSmtpServer();
let story: WebStory;
const auth = { authorization: `Bearer ${ADMIN}` };

beforeAll(async () => {
  await smtp.start();
  await app.start({ SMTP_URL: smtp.url });
  story = await buildStory(app);
});
afterAll(async () => {
  await app.stop();
  await smtp.stop();
});

/** A session cookie for the person with this address, through the e-mailed sign-in link. */
async function signIn(email: string): Promise<string> {
  const before = smtp.to(email).length;
  const asked = await fetch(`${app.base}/api/auth/sign-in-link`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  expect(asked.status).toBe(202);
  await until(() => smtp.to(email).length > before, 10_000, `the sign-in e-mail to ${email}`);
  const token = /\/logg-inn\/([A-Za-z0-9_-]{43})/.exec(mailBodies(smtp.to(email)[before].raw))![1];
  const res = await fetch(`${app.base}/logg-inn/${token}`, { method: 'POST', redirect: 'manual' });
  expect(res.status).toBe(303);
  return res.headers.get('set-cookie')!.split(';')[0];
}

const page = async (path: string, headers: Record<string, string> = auth) => {
  const res = await app.get(path, headers);
  return { status: res.status, html: await res.text() };
};
/** The ids of a list's rows, in the order shown. */
const rows = (html: string, kind: 'meeting' | 'matter') =>
  [...html.matchAll(new RegExp(`data-${kind}="([^"]+)"`, 'g'))].map((m) => m[1]);

describe("a group's meetings and matters", () => {
  it('lists the meetings on the dashboard, the latest first, each linked and its status in words', async () => {
    const { status, html } = await page(`/grupper/${story.group}`);
    expect(status).toBe(200);
    const section = html.slice(html.indexOf('<section id="meetings"'), html.indexOf('<section id="matters"'));
    expect(rows(section, 'meeting')).toEqual([story.june, story.cancelled, story.march]);
    expect(section).toContain('<h2 id="meetings-h" class="ds-heading" data-size="sm">Møter</h2>');
    expect(section).toContain('<caption id="meetings-caption">Møtene, det siste først</caption>');
    expect(section).toMatch(
      new RegExp(
        `data-meeting="${story.cancelled}" data-status="cancelled"><th scope="row"><a class="ds-link" href="/moter/${story.cancelled}">2\\. mai \\d{4}</a></th><td>Ekstramøte</td><td>avlyst</td>`,
      ),
    );
    expect(section).toContain(`href="/grupper/${story.group}/moter">Se alle møtene (3)</a>`);
    const matters = html.slice(html.indexOf('<section id="matters"'));
    expect(rows(matters, 'matter')).toEqual([story.matter]);
    expect(matters).toMatch(
      new RegExp(
        `<a class="ds-link" href="/saker/${story.matter}">Handlingsprogram 2025</a></th><td>20\\. mars \\d{2}</td><td>åpen</td>`,
      ),
    );
    expect(matters).toContain(`href="/grupper/${story.group}/saker">Se alle sakene (1)</a>`);
  });

  it('has a page per list, in bokmål and English, and 404 for a group that does not exist', async () => {
    const meetings = await page(`/grupper/${story.group}/moter`);
    expect(meetings.status).toBe(200);
    expect(meetings.html).toContain('<title>Møter i Faggruppe for plan');
    expect(rows(meetings.html, 'meeting')).toEqual([story.june, story.cancelled, story.march]);
    expect(meetings.html).toContain(`<a class="ds-link" href="/grupper/${story.group}">`);
    const matters = await page(`/grupper/${story.group}/saker?lang=en`);
    expect(matters.status).toBe(200);
    expect(matters.html).toContain(
      '<caption id="matters-caption">The matters, the one last dealt with first</caption>',
    );
    expect(matters.html).toMatch(/<td>20 Mar \d{2}<\/td><td>open<\/td>/);
    for (const list of ['moter', 'saker']) {
      const missing = await page(`/grupper/finnes-ikke/${list}`);
      expect(missing.status).toBe(404);
      // The error page, as for the dashboard of a group that does not exist.
      expect(missing.html).toContain('<main id="main"');
      expect(missing.html).toBe(
        (await page('/grupper/finnes-ikke')).html.replace(
          '/grupper/finnes-ikke',
          `/grupper/finnes-ikke/${list}`,
        ),
      );
    }
  });

  it("links a meeting to the group's meetings before and after it, cancelled ones too, named by date", async () => {
    const march = await page(`/moter/${story.march}`);
    expect(march.html).not.toContain('data-neighbour="previous"');
    expect(march.html).toMatch(
      new RegExp(
        `href="/moter/${story.cancelled}" rel="next" data-neighbour="next">Neste møte: 2\\. mai \\d{4} \\(avlyst\\)</a>`,
      ),
    );
    const cancelled = await page(`/moter/${story.cancelled}`);
    expect(cancelled.html).toMatch(
      new RegExp(
        `href="/moter/${story.march}" rel="prev" data-neighbour="previous">Forrige møte: 20\\. mars \\d{4}</a>`,
      ),
    );
    expect(cancelled.html).toMatch(
      new RegExp(
        `href="/moter/${story.june}" rel="next" data-neighbour="next">Neste møte: 12\\. juni \\d{4} \\(planlagt\\)</a>`,
      ),
    );
    const june = await page(`/moter/${story.june}?lang=en`);
    expect(june.html).toMatch(
      /rel="prev" data-neighbour="previous">Previous meeting: 2 May \d{4} \(cancelled\)<\/a>/,
    );
    expect(june.html).not.toContain('data-neighbour="next"');
    expect(june.html).toContain(`href="/grupper/${story.group}/moter">All the group's meetings</a>`);
  });

  it('lets whoever may read the dashboard read the lists, and nobody else', async () => {
    const outsiderGroup = await app.id('/groups', { name: 'Faggruppe for samferdsel' });
    const outsider = await app.id('/people', { name: 'Ulla Utenfor', email: 'ulla@annet.example' });
    await app.api('POST', `/groups/${outsiderGroup}/members`, { personId: outsider, role: 'secretariat' });
    const member = { cookie: await signIn('kari@sorfjord.example') };
    const stranger = { cookie: await signIn('ulla@annet.example') };
    for (const path of [
      `/grupper/${story.group}`,
      `/grupper/${story.group}/moter`,
      `/grupper/${story.group}/saker`,
    ]) {
      expect({ path, status: (await page(path, member)).status }).toEqual({ path, status: 200 });
      expect({ path, status: (await page(path, { authorization: `Bearer ${READER}` })).status }).toEqual({
        path,
        status: 200,
      });
      const refused = await page(path, stranger);
      expect({ path, status: refused.status }).toEqual({ path, status: 403 });
      expect(refused.html).not.toContain('Handlingsprogram 2025');
      expect(refused.html).not.toContain(`/moter/${story.march}`);
      expect({ path, status: (await page(path, {})).status }).toEqual({ path, status: 401 });
    }
    // Their own group's lists open for them.
    expect((await page(`/grupper/${outsiderGroup}/moter`, stranger)).status).toBe(200);
  });
});
