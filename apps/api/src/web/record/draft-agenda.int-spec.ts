import { ADMIN, buildStory, WebTestApp, type WebStory } from '../testing/web-test-app';

// The API in this process on a real SQLite file: the record page of the next meeting offers the draft agenda's
// items not on its agenda yet, and adds the chosen ones together, so the agenda recorded is the one the notice
// set out; the draft then lists each of them once, as stored, with the same numbers.
jest.setTimeout(30_000);

const app = new WebTestApp();
let story: WebStory;
let workingGroup: string;

type Draft = { items: { number: number; title: string; kind: string; source: Record<string, unknown> }[] };
const draft = async () =>
  (await app.api<Draft>('GET', `/groups/${story.group}/next-agenda`)).body.items.map(
    ({ number, title }) => [number, title] as const,
  );
type Event = { type: string; data: Record<string, unknown> };
const added = async () =>
  (await app.api<{ events: Event[] }>('GET', `/audit?stream=meeting-${story.june}`)).body.events.filter(
    (e) => e.type === 'AgendaItemAdded',
  );

const recordPage = async (lang = '') =>
  (await app.get(`/moter/${story.june}/registrer${lang}`, { authorization: `Bearer ${ADMIN}` })).text();
/** The keys the draft offer's boxes carry, in the order shown. */
const offered = (html: string) =>
  [...html.matchAll(/id="draft-key-[^"]*" name="key" value="([^"]+)"/g)].map((match) => match[1]);

const post = (keys: string[], lang = '') =>
  fetch(`${app.base}/moter/${story.june}/registrer/fra-utkastet${lang}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(keys.map((key) => ['key', key])).toString(),
    redirect: 'manual',
  });

beforeAll(async () => {
  await app.start();
  story = await buildStory(app);
  workingGroup = await app.id('/working-groups', {
    groupId: story.group,
    name: 'Arbeidsgruppe for kart',
    leadPersonId: story.eli,
    meetingId: story.march,
  });
});
afterAll(() => app.stop());

describe("the draft agenda's items on the record page of the next meeting", () => {
  it('refuses a post that chooses none of them, storing nothing, and ignores keys it did not offer', async () => {
    for (const keys of [[], ['follow-up:no-such-commitment']]) {
      const res = await post(keys);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('Velg et av alternativene.');
    }
    expect(await added()).toEqual([]);
  });

  it('are offered, chosen, and added together with the numbers and words of the draft, which then lists each once', async () => {
    const before = await draft();
    expect(before.map(([, title]) => title)).toContain('Posisjonsnotat om <script>alert(1)</script> klima');
    const html = await recordPage();
    // All of the draft, the item deferred at the meeting before too, and not that item's offer of its own.
    expect(offered(html)).toEqual([
      'notice-approval',
      'minutes-approval',
      `deferred:${story.deferredItem}`,
      `working-group-report:${workingGroup}`,
      `follow-up:${story.commitment}`,
      'aob',
    ]);
    expect(html).not.toContain('/registrer/utsatte-saker');
    expect(html.includes('Sakslisten er tom ennå: legg til sakene fra utkastet over')).toBe(true);

    const res = await post(offered(html));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/moter/${story.june}/registrer?melding=draftAdded#agenda`);
    // The draft is what it was: the same items under the same numbers, each once.
    expect(await draft()).toEqual(before);
    const stored = await added();
    expect(stored.map((e) => [e.data.number, e.data.title, e.data.kind])).toEqual([
      [1, 'Godkjenning av innkalling og saksliste', 'notice-approval'],
      [2, 'Godkjenning av referat fra forrige møte', 'minutes-approval'],
      [3, 'Posisjonsnotat om <script>alert(1)</script> klima', 'other'],
      [4, 'Rapport fra Arbeidsgruppe for kart', 'working-group-report'],
      [
        5,
        'Oppfølging: =HYPERLINK("http://evil.example") fordele arbeidet; "raskt" (Kari Nordmann)',
        'information',
      ],
      [6, 'Eventuelt', 'aob'],
    ]);
    expect(before).toEqual(stored.map((e) => [e.data.number, e.data.title]));
    expect(stored.find((e) => e.data.kind === 'working-group-report')!.data.workingGroupId).toBe(
      workingGroup,
    );
    expect(stored.find((e) => e.data.kind === 'information')!.data.commitmentId).toBe(story.commitment);

    const after = await recordPage('?melding=draftAdded');
    expect(offered(after)).toEqual([]);
    expect(after.includes('Sakene fra utkastet er lagt til på sakslisten.')).toBe(true);
    // Offered no more: a second post (another tab) is refused and stores nothing.
    expect((await post([`follow-up:${story.commitment}`])).status).toBe(400);
    expect(await added()).toHaveLength(stored.length);
  });

  it("takes the reader's words for the titles it stores", async () => {
    const commitment = await app.id('/commitments', {
      meetingId: story.march,
      text: 'Sende kartet til kommunene',
      owner: { personId: story.ola },
      due: { meetingId: story.june },
    });
    const html = await recordPage('?lang=en');
    expect(offered(html)).toEqual([`follow-up:${commitment}`]);
    expect((await post([`follow-up:${commitment}`], '?lang=en')).status).toBe(303);
    const last = (await added()).at(-1)!;
    expect(last.data).toMatchObject({
      title: 'Follow-up: Sende kartet til kommunene (Ola Leder)',
      kind: 'information',
      commitmentId: commitment,
    });
  });
});

describe('an agenda item named for a commitment or a working group through the API', () => {
  it("refuses another group's or one that does not exist, with the field, storing nothing", async () => {
    const other = await app.id('/groups', { name: 'Faggruppe for helse' });
    const otherGroup = await app.id('/working-groups', {
      groupId: other,
      name: 'Arbeidsgruppe i en annen gruppe',
    });
    const before = (await added()).length;
    const ofOther = await app.api('POST', `/meetings/${story.june}/agenda-items`, {
      title: 'Rapport',
      kind: 'working-group-report',
      workingGroupId: otherGroup,
    });
    expect(ofOther.status).toBe(400);
    expect(ofOther.body).toMatchObject({
      error: { code: 'MEETING.ITEM_OF_OTHER_GROUP', details: { field: 'workingGroupId' } },
    });
    const missing = await app.api('POST', `/meetings/${story.june}/agenda-items`, {
      title: 'Oppfølging',
      commitmentId: 'no-such-commitment',
    });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      error: { code: 'COMMITMENT.NOT_FOUND', details: { field: 'commitmentId' } },
    });
    expect(await added()).toHaveLength(before);
  });
});
