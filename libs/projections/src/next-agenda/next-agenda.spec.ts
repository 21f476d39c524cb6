import { en, nb } from '@tilneste/i18n';
import { commitment, council } from '../../testing/history';
import { meetingsAround } from '../shared/commitment-terms';
import {
  agendaTitle,
  aobMove,
  draftItemsToAdd,
  newItemNumbers,
  nextAgenda,
  numberAgenda,
  wordAgenda,
} from './next-agenda.queries';

describe('The draft agenda of the next meeting', () => {
  it('runs as such a meeting runs: notice, minutes, deferred items, reports, follow-ups, any other business', () => {
    const { catalog, apply } = council();
    apply('meeting-m1', 'AgendaItemAdded', {
      meetingId: 'm1',
      itemId: 'i1',
      number: 3,
      title: 'Budsjett',
      kind: 'decision',
    });
    apply('meeting-m1', 'AgendaItemDeferred', { meetingId: 'm1', itemId: 'i1' });
    apply('commitment-c1', 'CommitmentMade', commitment('c1', { kind: 'person', personId: 'kari' }));
    apply('meeting-m1', 'MeetingHeld', { meetingId: 'm1' });
    const agenda = wordAgenda(nextAgenda(catalog, 'hovedutvalg'), nb.agenda.draft);
    expect(agenda.meetingId).toBe('m2');
    expect(agenda.items.map((i) => [i.number, i.kind, i.title])).toEqual([
      [1, 'notice-approval', 'Godkjenning av innkalling og saksliste'],
      [2, 'minutes-approval', 'Godkjenning av referat fra forrige møte'],
      [3, 'decision', 'Budsjett'],
      [4, 'follow-up', 'Oppfølging: Oppfølging c1 (Kari)'],
      [5, 'aob', 'Eventuelt'],
    ]);
  });

  it('follows up, after what is due at the meeting, each open commitment whose date ran out by the meeting’s day', () => {
    const { catalog, apply } = council();
    const byDate = (id: string, owner: Record<string, unknown>, date: string) =>
      apply(`commitment-${id}`, 'CommitmentMade', { ...commitment(id, owner), due: { kind: 'date', date } });
    apply('commitment-c1', 'CommitmentMade', commitment('c1', { kind: 'person', personId: 'kari' }));
    byDate('late', { kind: 'person', personId: 'ola' }, '2026-03-20');
    byDate('early', { kind: 'secretariat' }, '2026-02-20');
    // The next meeting is on 9 April: a date on its day counts, the day after does not.
    byDate('on-the-day', { kind: 'person', personId: 'kari' }, '2026-04-09');
    byDate('after', { kind: 'person', personId: 'kari' }, '2026-04-10');
    byDate('done', { kind: 'person', personId: 'kari' }, '2026-03-01');
    apply('commitment-done', 'CommitmentCompleted', { commitmentId: 'done', note: null });
    apply('meeting-m1', 'MeetingHeld', { meetingId: 'm1' });
    const agenda = nextAgenda(catalog, 'hovedutvalg');
    expect(agenda.meetingId).toBe('m2');
    expect(agenda.items.filter((i) => i.kind === 'follow-up').map((i) => i.source.commitmentId)).toEqual([
      'c1',
      'early',
      'late',
      'on-the-day',
    ]);
    expect(agenda.items.at(-1)!.kind).toBe('aob');
  });

  it('offers what is not on the agenda yet, and lists an item added from it once, as stored, under its number', () => {
    const { catalog, apply } = council();
    apply('workinggroup-wg', 'WorkingGroupFormed', {
      workingGroupId: 'wg',
      groupId: 'hovedutvalg',
      name: 'Budsjettgruppen',
      mandate: null,
      leadPersonId: null,
      memberIds: [],
      meetingId: 'm1',
    });
    apply('commitment-c1', 'CommitmentMade', commitment('c1', { kind: 'person', personId: 'kari' }));
    apply('meeting-m1', 'MeetingHeld', { meetingId: 'm1' });
    const m2 = catalog.meetings.get('m2')!;
    const worded = () => wordAgenda(nextAgenda(catalog, 'hovedutvalg'), nb.agenda.draft).items;
    const before = worded();
    const offer = draftItemsToAdd(catalog, m2);
    expect(offer.map((d) => [d.key, d.number, d.kind])).toEqual([
      ['notice-approval', 1, 'notice-approval'],
      ['minutes-approval', 2, 'minutes-approval'],
      ['working-group-report:wg', 3, 'working-group-report'],
      ['follow-up:c1', 4, 'information'],
      ['aob', 5, 'aob'],
    ]);
    for (const [i, d] of offer.slice(2, 4).entries())
      apply('meeting-m2', 'AgendaItemAdded', {
        meetingId: 'm2',
        itemId: `added-${i}`,
        number: d.number,
        title: agendaTitle(d.wording, nb.agenda.draft),
        kind: d.kind,
        ...(d.commitmentId && { commitmentId: d.commitmentId }),
        ...(d.workingGroupId && { workingGroupId: d.workingGroupId }),
      });
    // The same titles under the same numbers, each once; the two added are stored items now.
    expect(worded().map((i) => [i.number, i.title])).toEqual(before.map((i) => [i.number, i.title]));
    expect(worded().filter((i) => i.source.itemId !== undefined)).toEqual([
      expect.objectContaining({
        kind: 'working-group-report',
        source: { itemId: 'added-0', workingGroupId: 'wg' },
      }),
      expect.objectContaining({ kind: 'information', source: { itemId: 'added-1', commitmentId: 'c1' } }),
    ]);
    expect(draftItemsToAdd(catalog, m2).map((d) => d.key)).toEqual([
      'notice-approval',
      'minutes-approval',
      'aob',
    ]);
  });

  describe('with "Eventuelt" stored on a meeting still ahead', () => {
    const stored = (number: number) => {
      const { catalog, apply } = council();
      apply('meeting-m1', 'MeetingHeld', { meetingId: 'm1' });
      const add = (itemId: string, n: number | null, kind: string, title = itemId) =>
        apply('meeting-m2', 'AgendaItemAdded', { meetingId: 'm2', itemId, number: n, title, kind });
      add('notice', 1, 'notice-approval', 'Godkjenning av innkalling og saksliste');
      add('minutes', 2, 'minutes-approval', 'Godkjenning av referat fra forrige møte');
      add('budget', 3, 'decision', 'Budsjett');
      add('aob', number, 'aob', 'Eventuelt');
      const numbered = () =>
        wordAgenda(nextAgenda(catalog, 'hovedutvalg'), nb.agenda.draft).items.map((i) => [i.number, i.title]);
      return { catalog, apply, add, numbered, m2: catalog.meetings.get('m2')! };
    };

    it('keeps it last: what comes after it on the draft comes before it, and it moves down', () => {
      const { apply, numbered } = stored(4);
      expect(numbered()).toEqual([
        [1, 'Godkjenning av innkalling og saksliste'],
        [2, 'Godkjenning av referat fra forrige møte'],
        [3, 'Budsjett'],
        [4, 'Eventuelt'],
      ]);
      apply('commitment-c1', 'CommitmentMade', commitment('c1', { kind: 'person', personId: 'kari' }));
      expect(numbered()).toEqual([
        [1, 'Godkjenning av innkalling og saksliste'],
        [2, 'Godkjenning av referat fra forrige møte'],
        [3, 'Budsjett'],
        [4, 'Oppfølging: Oppfølging c1 (Kari)'],
        [5, 'Eventuelt'],
      ]);
    });

    it('numbers a new item where it stood, and moves it after them in the same commit', () => {
      const { catalog, apply, add, numbered, m2 } = stored(4);
      const numbers = newItemNumbers(catalog, m2, 2);
      expect(numbers).toEqual([4, 5]);
      const move = aobMove(m2, numbers);
      expect(move).toEqual({ itemId: 'aob', number: 6 });
      apply('meeting-m2', 'AgendaItemRenumbered', { meetingId: 'm2', ...move!, previousNumber: 4 });
      add('x', 4, 'other', 'Vei');
      add('y', 5, 'other', 'Skole');
      expect(aobMove(m2, [])).toBeNull();
      expect(numbered().at(-1)).toEqual([6, 'Eventuelt']);
      expect(numbered().map(([n]) => n)).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('keeps a number left free before it, and moves it only past what is added after it', () => {
      const { catalog, m2 } = stored(9);
      expect(newItemNumbers(catalog, m2, 1)).toEqual([4]);
      expect(aobMove(m2, [4])).toBeNull();
      expect(aobMove(m2, [9, 12])).toEqual({ itemId: 'aob', number: 13 });
    });

    it('leaves it where it is once the meeting is held, or when minutes put an item after it', () => {
      const after = stored(4);
      after.add('late', 7, 'other', 'Etter eventuelt');
      expect(aobMove(after.m2, [5])).toBeNull();
      expect(after.numbered().map(([n, t]) => `${n} ${t}`)).toContain('4 Eventuelt');
      const held = stored(4);
      held.apply('meeting-m2', 'MeetingHeld', { meetingId: 'm2' });
      expect(aobMove(held.m2, [4])).toBeNull();
    });
  });

  describe('worded for a reader', () => {
    const draft = () => {
      const { catalog, apply } = council();
      apply('workinggroup-wg', 'WorkingGroupFormed', {
        workingGroupId: 'wg',
        groupId: 'hovedutvalg',
        name: 'Budsjettgruppen',
        leadPersonId: 'ola',
        memberIds: ['ola'],
        mandate: null,
        meetingId: 'm1',
      });
      apply('meeting-m1', 'AgendaItemAdded', {
        meetingId: 'm1',
        itemId: 'i1',
        number: 3,
        title: 'Budsjett',
        kind: 'decision',
      });
      apply('meeting-m1', 'AgendaItemDeferred', { meetingId: 'm1', itemId: 'i1' });
      apply('commitment-c1', 'CommitmentMade', commitment('c1', { kind: 'secretariat' }));
      apply('meeting-m1', 'MeetingHeld', { meetingId: 'm1' });
      return nextAgenda(catalog, 'hovedutvalg');
    };
    const titles = (words: typeof nb.agenda.draft) => wordAgenda(draft(), words).items.map((i) => i.title);

    it('gives the API the bokmål titles it has always had', () => {
      expect(titles(nb.agenda.draft)).toEqual([
        'Godkjenning av innkalling og saksliste',
        'Godkjenning av referat fra forrige møte',
        'Budsjett',
        'Rapport fra Budsjettgruppen',
        'Oppfølging: Oppfølging c1 (Sekretariatet)',
        'Eventuelt',
      ]);
    });

    it('words what it adds in English, and keeps what was stored as it was stored', () => {
      expect(titles(en.agenda.draft)).toEqual([
        'Approval of the notice and agenda',
        'Approval of the minutes of the previous meeting',
        'Budsjett',
        'Report from Budsjettgruppen',
        'Follow-up: Oppfølging c1 (The secretariat)',
        'Any other business',
      ]);
    });
  });

  it('drafts, for a page, the first meeting not in the past, when an earlier one was never closed', () => {
    const { catalog } = council();
    // m1 (5 February) was neither held nor cancelled; on 1 March the next meeting is m2.
    const around = meetingsAround(catalog, 'hovedutvalg', new Date('2026-03-01T12:00:00Z'));
    expect(around.unclosed.map((m) => m.id)).toEqual(['m1']);
    expect(nextAgenda(catalog, 'hovedutvalg', around.next).meetingId).toBe('m2');
    expect(nextAgenda(catalog, 'hovedutvalg').meetingId).toBe('m1');
  });
});

describe('The numbering of an agenda', () => {
  it('counts 1, 2, 3 … in running order when nothing is stored with a number', () => {
    expect(numberAgenda([null, null, null])).toEqual([1, 2, 3]);
    expect(numberAgenda([])).toEqual([]);
  });

  it('keeps every stored number, and gives the rest the lowest number after the item before that none holds', () => {
    // Approving the notice and the minutes, an item stored as 3, a deferred item, any other business.
    expect(numberAgenda([null, null, 3, null, null])).toEqual([1, 2, 3, 4, 5]);
    // Stored 1 and 2 by an earlier numbering that did not count the standard items: they go around them.
    expect(numberAgenda([null, null, 1, 2, null])).toEqual([3, 4, 1, 2, 5]);
    // A gap stays; what follows an item comes after it.
    expect(numberAgenda([null, 7, null])).toEqual([1, 7, 8]);
    expect(numberAgenda([null, null, null, 3])).toEqual([1, 2, 4, 3]);
  });

  it('lists the draft in the order of its numbers, the standard items where they are stored', () => {
    const { catalog, apply } = council();
    const add = (itemId: string, number: number, title: string, kind: string) =>
      apply('meeting-m1', 'AgendaItemAdded', { meetingId: 'm1', itemId, number, title, kind });
    add('n', 1, 'Innkalling', 'notice-approval');
    add('e', 6, 'Eventuelt', 'aob');
    add('b', 4, 'Budsjett', 'decision');
    const agenda = wordAgenda(nextAgenda(catalog, 'hovedutvalg'), nb.agenda.draft);
    expect(agenda.meetingId).toBe('m1');
    expect(agenda.items.map((i) => [i.number, i.kind])).toEqual([
      [1, 'notice-approval'],
      [4, 'decision'],
      [6, 'aob'],
    ]);
  });
});
