import {
  meetingsDecider,
  type AgendaItem,
  type MeetingsCommand,
  type MeetingState,
} from '@tilneste/meetings';
import type { DraftAgendaItem, MinutesDraft } from '../draft.schema';
import { similarTitles, wordsInCommon } from './agenda-match';
import { ImportPlanError, planImport, type ImportContext, type ImportPlan } from './import-plan';

const MEETING = 'm-may';
const STARTS_AT = '2026-05-07T10:00:00+02:00';

type Stored = { itemId: string; number: number | null; title: string; kind: string };

const item = (number: number, title: string, decisions: string[] = []): DraftAgendaItem => ({
  number,
  title,
  category: /^eventuelt$/i.test(title) ? 'aob' : 'matter',
  decisions,
  commitments: [],
  deferred: false,
});

const minutes = (agendaItems: DraftAgendaItem[]): MinutesDraft => ({
  kind: 'minutes',
  meeting: { date: '2026-05-07', startTime: '10:00', endTime: null, location: null, online: null },
  chair: null,
  secretariat: [],
  previousMeetingDate: null,
  attendees: [],
  invited: [],
  agendaItems,
  workingGroups: [],
});

const context = (items: Stored[], status: 'scheduled' | 'held' = 'scheduled'): ImportContext => ({
  importId: 'hash-1',
  groupId: 'g1',
  directory: [],
  members: new Map(),
  meetings: [
    { id: MEETING, startsAt: STARTS_AT, status, items: items.map((i) => ({ ...i, deferred: false })) },
  ],
  matters: [],
  workingGroups: [],
});

/** Items 1–10 as the notice had them, and "Eventuelt" after them, as the draft agenda keeps it. */
const noticeAgenda = (): Stored[] => [
  ...Array.from({ length: 10 }, (_, i) => ({
    itemId: `s${i + 1}`,
    number: i + 1,
    title: `Tema nummer ${'abcdefghij'[i]}`,
    kind: 'discussion',
  })),
  { itemId: 's-aob', number: 11, title: 'Eventuelt', kind: 'aob' },
];
const sameTen = () =>
  noticeAgenda()
    .slice(0, 10)
    .map((s) => item(s.number!, s.title));

/** The item each decision is recorded on, by the decision's text. */
const decidedOn = (plan: ImportPlan) =>
  Object.fromEntries(
    plan.commands.flatMap((c) => (c.type === 'RecordDecision' ? [[c.data.text, c.data.agendaItemId]] : [])),
  );
const ofType = (plan: ImportPlan, type: string) => plan.commands.filter((c) => c.type === type);
const addedId = (plan: ImportPlan, title: string) => {
  for (const c of plan.commands)
    if (c.type === 'AddAgendaItem' && c.data.title === title) return c.data.itemId;
  return undefined;
};

/**
 * The plan's agenda commands run by the meetings context's own decider on the stored agenda, as a commit would run
 * them while the meeting is ahead (its HoldMeeting comes after them all): a refused one throws. The agenda after.
 */
function runOnMeeting(stored: Stored[], plan: ImportPlan, status: 'scheduled' | 'held' = 'scheduled') {
  const metadata = {
    now: '2026-05-08T12:00:00+02:00',
    actor: { kind: 'client' as const, id: 'test' },
    via: 'import' as const,
    correlationId: 'c1',
  };
  let state: MeetingState = meetingsDecider.initialState();
  const run = (command: Omit<MeetingsCommand, 'metadata'>) => {
    for (const event of meetingsDecider.decide({ ...command, metadata } as MeetingsCommand, state))
      state = meetingsDecider.evolve(state, event);
  };
  run({ type: 'ScheduleMeeting', data: { meetingId: MEETING, groupId: 'g1', startsAt: STARTS_AT } });
  for (const s of stored)
    run({ type: 'AddAgendaItem', data: { meetingId: MEETING, ...s, kind: s.kind as AgendaItem['kind'] } });
  if (status === 'held') run({ type: 'HoldMeeting', data: { meetingId: MEETING } });
  for (const c of plan.commands)
    if (c.context === 'meeting' && c.type !== 'RecordAttendance') run(c as Omit<MeetingsCommand, 'metadata'>);
  if (state.status === 'none') throw new Error('no meeting');
  return state.agenda;
}
const numbersOf = (agenda: AgendaItem[]) => Object.fromEntries(agenda.map((i) => [i.title, i.number]));

describe('minutes for a meeting whose agenda was stored before', () => {
  describe('when "Eventuelt" floated to the end and the minutes add an item before it', () => {
    const stored = noticeAgenda();
    const draft = minutes([
      ...sameTen(),
      item(11, 'Budsjett 2027', ['Budsjettforslaget ble vedtatt.']),
      item(12, 'Eventuelt', ['Neste møte blir digitalt.']),
    ]);
    const plan = planImport(draft, context(stored));

    it('records item 11’s decision on a new item 11, and the Eventuelt decision on the stored Eventuelt', () => {
      const budget = addedId(plan, 'Budsjett 2027');
      expect(budget).toBeDefined();
      expect(decidedOn(plan)).toEqual({
        'Budsjettforslaget ble vedtatt.': budget,
        'Neste møte blir digitalt.': 's-aob',
      });
      expect(ofType(plan, 'AddAgendaItem')).toHaveLength(1);
    });

    it('moves the stored Eventuelt to 12 before item 11 is added, so no command is refused', () => {
      const renumber = plan.commands.findIndex((c) => c.type === 'RenumberAgendaItem');
      expect(plan.commands[renumber].data).toEqual({ meetingId: MEETING, itemId: 's-aob', number: 12 });
      expect(renumber).toBeLessThan(plan.commands.findIndex((c) => c.type === 'AddAgendaItem'));
      const agenda = runOnMeeting(stored, plan);
      expect(numbersOf(agenda)).toMatchObject({ 'Budsjett 2027': 11, Eventuelt: 12 });
      expect(agenda).toHaveLength(12);
    });
  });

  it('takes an item of the same number whose title the minutes word otherwise for the same item', () => {
    const stored: Stored[] = [
      { itemId: 's1', number: 1, title: 'Godkjenning av innkalling og saksliste', kind: 'notice-approval' },
      { itemId: 's2', number: 2, title: 'Budsjett', kind: 'discussion' },
      { itemId: 's3', number: 3, title: 'Eventuelt', kind: 'aob' },
    ];
    const draft = minutes([
      item(1, 'Godkjenning av innkalling'),
      item(2, 'Forslag til budsjett for 2027', ['Forslaget sendes styret.']),
      item(3, 'Eventuelt'),
    ]);
    const plan = planImport(draft, context(stored));
    expect(ofType(plan, 'AddAgendaItem')).toEqual([]);
    expect(ofType(plan, 'RenumberAgendaItem')).toEqual([]);
    expect(decidedOn(plan)).toEqual({ 'Forslaget sendes styret.': 's2' });
  });

  it('does not take an item of the same number with a clearly different title: the stored one steps aside', () => {
    const stored: Stored[] = [
      { itemId: 's1', number: 1, title: 'Veivedlikehold', kind: 'discussion' },
      { itemId: 's2', number: 2, title: 'Eventuelt', kind: 'aob' },
    ];
    const draft = minutes([item(1, 'Nytt gatelys i sentrum', ['Saken utredes.']), item(2, 'Eventuelt')]);
    const plan = planImport(draft, context(stored));
    const added = addedId(plan, 'Nytt gatelys i sentrum');
    expect(decidedOn(plan)).toEqual({ 'Saken utredes.': added });
    // The stored item the minutes do not have keeps its place on the agenda, after the minutes' items.
    expect(numbersOf(runOnMeeting(stored, plan))).toEqual({
      'Nytt gatelys i sentrum': 1,
      Eventuelt: 2,
      Veivedlikehold: 3,
    });
  });

  it('does not count a word several of the items use, such as the region’s name, as the same subject', () => {
    const stored: Stored[] = [
      { itemId: 's1', number: 1, title: 'Strategi for Fjordregionen', kind: 'discussion' },
      { itemId: 's2', number: 2, title: 'Fjordregionens webinar om kompetanse', kind: 'discussion' },
      { itemId: 's3', number: 3, title: 'Eventuelt', kind: 'aob' },
    ];
    const draft = minutes([
      item(1, 'Strategi for Fjordregionen'),
      item(2, 'Årsmelding for Fjordregionen', ['Årsmeldingen ble godkjent.']),
      item(3, 'Eventuelt'),
    ]);
    const plan = planImport(draft, context(stored));
    expect(decidedOn(plan)).toEqual({
      'Årsmeldingen ble godkjent.': addedId(plan, 'Årsmelding for Fjordregionen'),
    });
    expect(numbersOf(runOnMeeting(stored, plan))).toEqual({
      'Strategi for Fjordregionen': 1,
      'Årsmelding for Fjordregionen': 2,
      Eventuelt: 3,
      'Fjordregionens webinar om kompetanse': 4,
    });
  });

  it('matches a reordered agenda by title, and renumbers it through a free number without a refusal', () => {
    const stored: Stored[] = [
      { itemId: 's1', number: 1, title: 'Godkjenning av innkalling', kind: 'notice-approval' },
      { itemId: 's2', number: 2, title: 'Veivedlikehold', kind: 'discussion' },
      { itemId: 's3', number: 3, title: 'Budsjett 2027', kind: 'discussion' },
      { itemId: 's4', number: 4, title: 'Skolestruktur', kind: 'discussion' },
      { itemId: 's5', number: 5, title: 'Eventuelt', kind: 'aob' },
    ];
    const draft = minutes([
      item(1, 'Godkjenning av innkalling'),
      item(2, 'Skolestruktur', ['Høringen sendes ut.']),
      item(3, 'Veivedlikehold', ['Asfaltering prioriteres.']),
      item(4, 'Budsjett 2027', ['Budsjettet ble vedtatt.']),
      item(5, 'Eventuelt'),
    ]);
    const plan = planImport(draft, context(stored));
    expect(ofType(plan, 'AddAgendaItem')).toEqual([]);
    expect(decidedOn(plan)).toEqual({
      'Høringen sendes ut.': 's4',
      'Asfaltering prioriteres.': 's2',
      'Budsjettet ble vedtatt.': 's3',
    });
    expect(numbersOf(runOnMeeting(stored, plan))).toEqual({
      'Godkjenning av innkalling': 1,
      Skolestruktur: 2,
      Veivedlikehold: 3,
      'Budsjett 2027': 4,
      Eventuelt: 5,
    });
  });

  it('matches the approval of the notice and "Eventuelt" by their kind when their number and words differ', () => {
    const stored: Stored[] = [
      { itemId: 's1', number: 1, title: 'Approval of the notice and agenda', kind: 'notice-approval' },
      { itemId: 's2', number: 2, title: 'Any other business', kind: 'aob' },
    ];
    const draft = minutes([
      { ...item(1, 'Godkjenning av innkalling', ['Godkjent.']), category: 'approve-notice' },
      item(2, 'Skolestruktur'),
      item(3, 'Eventuelt', ['Ingen saker.']),
    ]);
    const plan = planImport(draft, context(stored));
    expect(decidedOn(plan)).toEqual({ 'Ingen saker.': 's2' });
    expect(ofType(plan, 'AddAgendaItem').map((c) => c.data)).toEqual([
      expect.objectContaining({ number: 2, title: 'Skolestruktur' }),
    ]);
    expect(numbersOf(runOnMeeting(stored, plan))).toEqual({
      'Approval of the notice and agenda': 1,
      Skolestruktur: 2,
      'Any other business': 3,
    });
  });

  it('reads the kind of an item stored without one from its title', () => {
    const stored: Stored[] = [
      { itemId: 's1', number: 1, title: 'Godkjenning av referat fra forrige møte', kind: 'other' },
      { itemId: 's2', number: 2, title: 'Eventuelt', kind: 'other' },
    ];
    const draft = minutes([
      { ...item(1, 'Godkjenning av referat fra møtet 3. september'), category: 'approve-minutes' },
      item(2, 'Budsjett 2027', ['Budsjettet ble vedtatt.']),
      item(3, 'Eventuelt', ['Ingen saker.']),
    ]);
    const plan = planImport(draft, context(stored));
    expect(decidedOn(plan)).toEqual({
      'Budsjettet ble vedtatt.': addedId(plan, 'Budsjett 2027'),
      'Ingen saker.': 's2',
    });
    expect(numbersOf(runOnMeeting(stored, plan))).toEqual({
      'Godkjenning av referat fra forrige møte': 1,
      'Budsjett 2027': 2,
      Eventuelt: 3,
    });
  });

  describe('when the meeting was marked held before its minutes came', () => {
    const stored: Stored[] = [
      { itemId: 's1', number: 1, title: 'Godkjenning av innkalling', kind: 'notice-approval' },
      { itemId: 's2', number: 2, title: 'Veivedlikehold', kind: 'discussion' },
      { itemId: 's3', number: 3, title: 'Eventuelt', kind: 'aob' },
    ];
    const draft = minutes([
      item(1, 'Godkjenning av innkalling'),
      item(2, 'Vedlikehold av veier', ['Asfaltering prioriteres.']),
      item(3, 'Budsjett 2027', ['Budsjettet ble vedtatt.']),
      item(4, 'Eventuelt', ['Ingen saker.']),
    ]);
    const plan = planImport(draft, context(stored, 'held'));

    it('keeps its numbers and matches by number, but never an item to "Eventuelt" or "Eventuelt" to another', () => {
      expect(ofType(plan, 'RenumberAgendaItem')).toEqual([]);
      expect(decidedOn(plan)).toEqual({
        'Asfaltering prioriteres.': 's2',
        'Budsjettet ble vedtatt.': addedId(plan, 'Budsjett 2027'),
        'Ingen saker.': 's3',
      });
    });

    it('adds the new item without the number another item has, so the held meeting takes it', () => {
      expect(ofType(plan, 'AddAgendaItem').map((c) => c.data)).toEqual([
        expect.objectContaining({ title: 'Budsjett 2027', number: null }),
      ]);
      expect(numbersOf(runOnMeeting(stored, plan, 'held'))).toMatchObject({ 'Budsjett 2027': null });
    });
  });

  it('refuses a document that gives two items the same number, naming the second', () => {
    const draft = minutes([item(1, 'Skolestruktur'), item(2, 'Budsjett'), item(2, 'Veivedlikehold')]);
    expect(() => planImport(draft, context([]))).toThrow(ImportPlanError);
    try {
      planImport(draft, context([]));
    } catch (error) {
      expect((error as ImportPlanError).path).toEqual(['agendaItems', 2, 'number']);
    }
  });
});

describe('when two agenda titles can be the same item', () => {
  it.each([
    ['Godkjenning av innkalling', 'GODKJENNING AV INNKALLING OG DAGSORDEN'],
    ['Stier', 'Merking av stier'],
    ['Orienteringer fra sekretariatet', 'Øvrige orienteringssaker fra sekretariatet'],
    ['Handlingsprogram 2027', 'Innspill til handlingsprogrammet for 2027'],
    ['Diskusjon om «Strategi for 2030»', 'Strategi for 2030'],
  ])('«%s» and «%s» can', (a, b) => {
    expect(similarTitles(a, b)).toBe(true);
  });

  it('not when the only word they share is one several items of the agenda use', () => {
    const [a, b] = ['Fjordregionens webinar om kompetanse', 'Årsmelding for Fjordregionen'];
    expect(similarTitles(a, b)).toBe(true);
    expect(similarTitles(a, b, wordsInCommon([a, 'Strategi for Fjordregionen']))).toBe(false);
  });

  it.each([
    ['Eventuelt', 'Budsjett 2027'],
    ['Orientering om veivedlikehold', 'Orientering om skolestruktur'],
    ['Godkjenning av referat fra forrige møte', 'Godkjenning av innkalling'],
    ['Budsjett 2026', 'Handlingsplan 2026'],
    ['Status for klyngene', 'Status for næringspolitikken'],
  ])('«%s» and «%s» cannot', (a, b) => {
    expect(similarTitles(a, b)).toBe(false);
  });
});
