import { en, nb } from '@tilneste/i18n';
import { newItemNumbers } from '@tilneste/projections';
import { commitment, council } from '../../../../../libs/projections/testing/history';
import { meetingPage } from '../meeting/meeting.page-query';
import { noticeModel } from './notice';
import { recordPage } from './record.page-query';

// Audit L2: the numbers the chair reads out from the notice are the numbers the record page (and the meeting
// page) show beside the same items, whether an item was stored with a number or without one.

const now = new Date('2026-03-01T12:00:00Z');

/** m1 held with an item deferred and a commitment due at m2; m2, the next meeting, is being prepared. */
function group() {
  const { catalog, apply } = council();
  apply('meeting-m1', 'AgendaItemAdded', {
    meetingId: 'm1',
    itemId: 'old',
    number: 4,
    title: 'Posisjonsnotat',
    kind: 'discussion',
  });
  apply('meeting-m1', 'AgendaItemDeferred', { meetingId: 'm1', itemId: 'old' });
  apply('commitment-c1', 'CommitmentMade', commitment('c1', { kind: 'person', personId: 'kari' }));
  apply('meeting-m1', 'MeetingHeld', { meetingId: 'm1' });
  const add = (itemId: string, number: number | null, title: string, kind = 'decision') =>
    apply('meeting-m2', 'AgendaItemAdded', { meetingId: 'm2', itemId, number, title, kind });
  return { catalog, add };
}

/** The notice's number of each item, by title, and the record page's and the meeting page's. */
function numbers(catalog: ReturnType<typeof council>['catalog']) {
  const notice = noticeModel(catalog, 'm2', nb.agenda.draft)!;
  const byTitle = (items: { number: number | null; title: string }[]) =>
    Object.fromEntries(items.map((i) => [i.title, i.number]));
  const stored = recordPage(catalog, 'm2', now)!.items;
  return {
    notice: byTitle(notice.items),
    record: byTitle(stored),
    meeting: byTitle(meetingPage(catalog, 'm2', now)!.items),
    storedTitles: stored.map((i) => i.title),
  };
}

describe('the numbers of a meeting’s agenda items', () => {
  it('are the same on the record page, the meeting page and the notice, for items stored with a number', () => {
    const { catalog, add } = group();
    // As the record page numbered them before: from 1, the standard items not counted.
    add('a', 1, 'Budsjett');
    add('b', 3, 'Handlingsprogram');
    const { notice, record, meeting, storedTitles } = numbers(catalog);
    for (const title of storedTitles) {
      expect([title, record[title]]).toEqual([title, notice[title]]);
      expect([title, meeting[title]]).toEqual([title, notice[title]]);
    }
    expect(record).toEqual({ Budsjett: 1, Handlingsprogram: 3 });
  });

  it('are the same for items stored without one (as the API may add them)', () => {
    const { catalog, add } = group();
    add('a', null, 'Budsjett');
    add('b', null, 'Handlingsprogram');
    const { notice, record, meeting } = numbers(catalog);
    expect(record.Budsjett).toBe(notice.Budsjett);
    expect(record.Handlingsprogram).toBe(notice.Handlingsprogram);
    expect(meeting.Handlingsprogram).toBe(notice.Handlingsprogram);
    expect(notice.Budsjett).toEqual(expect.any(Number));
  });

  it('count the standard items first when the record page numbers what it adds', () => {
    const { catalog, add } = group();
    const meeting = () => catalog.meetings.get('m2')!;
    const [first] = newItemNumbers(catalog, meeting(), 1);
    add('a', first, 'Budsjett');
    // The deferred item taken on afterwards, then one more.
    const [second, third] = newItemNumbers(catalog, meeting(), 2);
    add('b', second, 'Posisjonsnotat', 'discussion');
    add('c', third, 'Klimaplan');
    const notice = noticeModel(catalog, 'm2', nb.agenda.draft)!;
    expect(notice.items.map((i) => `${i.number}. ${i.title}`)).toEqual([
      '1. Godkjenning av innkalling og saksliste',
      '2. Godkjenning av referat fra forrige møte',
      '3. Budsjett',
      '4. Posisjonsnotat',
      '5. Klimaplan',
      '6. Oppfølging: Oppfølging c1 (Kari)',
      '7. Eventuelt',
    ]);
    expect(recordPage(catalog, 'm2', now)!.items.map((i) => [i.number, i.title])).toEqual([
      [3, 'Budsjett'],
      [4, 'Posisjonsnotat'],
      [5, 'Klimaplan'],
    ]);
    // The same numbers in English.
    expect(noticeModel(catalog, 'm2', en.agenda.draft)!.items.map((i) => i.number)).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
  });

  it('give a standard item stored on the meeting the number it is stored with', () => {
    const { catalog, add } = group();
    add('n', 1, 'Godkjenning av innkalling', 'notice-approval');
    add('m', 2, 'Godkjenning av referat', 'minutes-approval');
    add('a', 5, 'Budsjett');
    add('e', 9, 'Eventuelt', 'aob');
    const { record, notice } = numbers(catalog);
    expect(record).toEqual({
      'Godkjenning av innkalling': 1,
      'Godkjenning av referat': 2,
      Budsjett: 5,
      Eventuelt: 9,
    });
    expect(notice['Godkjenning av innkalling og saksliste']).toBe(1);
    expect(notice['Godkjenning av referat fra forrige møte']).toBe(2);
    expect(notice.Eventuelt).toBe(9);
    // What the notice adds takes the numbers left free, never one an item holds.
    const all = noticeModel(catalog, 'm2', nb.agenda.draft)!.items.map((i) => i.number);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual([...all].sort((a, b) => a - b));
  });
});
