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
const events = async (type: string) =>
  (await app.api<{ events: Event[] }>('GET', `/audit?stream=meeting-${story.june}`)).body.events.filter(
    (e) => e.type === type,
  );
const added = () => events('AgendaItemAdded');

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
      number: 6,
      title: 'Follow-up: Sende kartet til kommunene (Ola Leder)',
      kind: 'information',
      commitmentId: commitment,
    });
    // Where "Eventuelt" stood: it moved down first, in the same commit.
    expect((await events('AgendaItemRenumbered')).map((e) => e.data)).toEqual([
      expect.objectContaining({ number: 7, previousNumber: 6 }),
    ]);
    expect((await draft()).slice(-2)).toEqual([
      [6, 'Follow-up: Sende kartet til kommunene (Ola Leder)'],
      [7, 'Eventuelt'],
    ]);
  });

  it('keeps "Eventuelt" last when an item is added without a number, and leaves a typed number where it is', async () => {
    const addItem = (fields: Record<string, string>) =>
      fetch(`${app.base}/moter/${story.june}/registrer/saker`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ number: '', kind: '', ...fields }).toString(),
        redirect: 'manual',
      });
    expect((await addItem({ title: 'Budsjett 2027' })).status).toBe(303);
    expect((await draft()).slice(-2)).toEqual([
      [7, 'Budsjett 2027'],
      [8, 'Eventuelt'],
    ]);
    expect((await addItem({ title: 'Etter eventuelt', number: '20' })).status).toBe(303);
    expect((await draft()).slice(-2)).toEqual([
      [8, 'Eventuelt'],
      [20, 'Etter eventuelt'],
    ]);
    // Stored, not only shown: the numbers on the meeting are the draft's.
    const meeting = await app.api<{ items: { number: number; title: string }[] }>(
      'GET',
      `/meetings/${story.june}`,
    );
    expect(meeting.body.items.map((i) => [i.number, i.title])).toEqual(
      expect.arrayContaining([
        [7, 'Budsjett 2027'],
        [8, 'Eventuelt'],
        [20, 'Etter eventuelt'],
      ]),
    );
  });
});

describe("an item's number changed on the record page", () => {
  const renumber = (itemId: string, number: string) =>
    fetch(`${app.base}/moter/${story.june}/registrer/saker/${itemId}/nummer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ number }).toString(),
      redirect: 'manual',
    });

  it('is stored and said, and a taken, the same or no number is refused beside the field with nothing stored', async () => {
    const late = (await added()).find((e) => e.data.title === 'Etter eventuelt')!.data.itemId as string;
    const moved = await renumber(late, '15');
    expect(moved.status).toBe(303);
    expect(moved.headers.get('location')).toBe(
      `/moter/${story.june}/registrer?melding=renumbered#item-${late}`,
    );
    expect((await draft()).at(-1)).toEqual([15, 'Etter eventuelt']);
    const before = (await events('AgendaItemRenumbered')).length;
    for (const [number, message] of [
      ['8', 'Saksnummer 8 er allerede brukt i dette møtet.'],
      ['15', 'Saken har allerede dette nummeret. Skriv et annet, eller la det være.'],
      ['', 'Skriv et helt tall større enn 0.'],
    ]) {
      const refused = await renumber(late, number);
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      const html = await refused.text();
      expect(html).toContain(`id="number-${late}-number-error"`);
      expect(html).toContain(message);
    }
    expect(await events('AgendaItemRenumbered')).toHaveLength(before);
  });
});

describe('renumbering an agenda item through the API', () => {
  it('moves it to a free number, and refuses a taken one, an unknown item or a bad number with the field', async () => {
    const items = await added();
    const late = items.find((e) => e.data.title === 'Etter eventuelt')!.data.itemId as string;
    const budget = items.find((e) => e.data.title === 'Budsjett 2027')!.data.itemId as string;
    const renumber = (itemId: string, body: unknown) =>
      app.api('POST', `/meetings/${story.june}/agenda-items/${itemId}/renumber`, body);
    expect((await renumber(late, { number: 9 })).status).toBe(200);
    expect((await draft()).at(-1)).toEqual([9, 'Etter eventuelt']);
    const taken = await renumber(budget, { number: 9 });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ error: { code: 'MEETING.ITEM_NUMBER_TAKEN' } });
    const unknown = await renumber('no-such-item', { number: 30 });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'MEETING.ITEM_NOT_FOUND' } });
    const bad = await renumber(budget, { number: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'VALIDATION', issues: [{ path: ['number'] }] } });
    expect((await events('AgendaItemRenumbered')).map((e) => [e.data.itemId, e.data.number])).toEqual([
      [items.find((e) => e.data.kind === 'aob')!.data.itemId, 7],
      [items.find((e) => e.data.kind === 'aob')!.data.itemId, 8],
      [late, 15],
      [late, 9],
    ]);
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
