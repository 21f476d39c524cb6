import { en, nb } from '@tilneste/i18n';
import { parseMinutes } from '@tilneste/minutes-import';
import {
  planImport,
  type FollowUpCommand,
  type ImportContext,
  type ImportPlan,
} from '@tilneste/minutes-import/plan';
import { describePlan, recordedLines, type KnownNames, type Rehearsed } from './import-preview';
import { lineText } from './import.view';

const MINUTES = [
  'Referat fra møte i faggruppe for vann',
  'Møtedato: 12.03.2026',
  '',
  'Til stede: Nora Lunde (leder), Per Larsen, Nora Bakken',
  '',
  'Sak 1/26 Godkjenning av innkalling',
  'Godkjent.',
  '',
  'Sak 2/26 Tiltaksplan for bekkene',
  'Vedtak: Tiltaksplanen vedtas.',
  'Ansvar: Per Larsen',
  'Oppgave: Sende planen på høring.',
  'Frist: 15.04.2026',
  '',
  'Sak 3/26 Høring om vannforskriften',
  'Ikke behandlet – tas opp på neste møte.',
].join('\n');

const directory = [
  { id: 'p-nora-l', name: 'Nora Lunde', aliases: [], organisation: null },
  { id: 'p-per', name: 'Per Larsen', aliases: [], organisation: null },
  { id: 'p-nora-b', name: 'Nora Bakken', aliases: [], organisation: null },
];
const known: KnownNames = {
  people: new Map(directory.map((p) => [p.id, p.name])),
  workingGroups: new Map([['wg-1', 'Arbeidsgruppe for bekker']]),
  meetings: new Map([
    ['m-held', '2026-03-12T09:00:00+01:00'],
    ['m-jan', '2026-01-15T09:00:00+01:00'],
    ['m-apr', '2026-04-16T09:00:00+02:00'],
  ]),
  commitments: new Map([['c-old', 'Kartlegge kummene']]),
  agendaItems: new Map(),
};
const context = (changes: Partial<ImportContext> = {}): ImportContext => ({
  importId: 'abc',
  groupId: 'g1',
  directory,
  members: new Map([['p-per', 'member']]),
  meetings: [],
  matters: [],
  workingGroups: [],
  ...changes,
});
const count = (plan: ReturnType<typeof planImport>, type: string) =>
  plan.commands.filter((c) => c.type === type).length;
/**
 * The plan as a rehearsal finds it when each command records something, and these follow-ups after it (which
 * events they record does not matter to the preview, only that they record any).
 */
const rehearsed = (plan: ImportPlan, followUps: FollowUpCommand[] = []): Rehearsed => ({
  meetingId: plan.meetingId,
  steps: {
    planned: plan.commands.map((command) => ({ command, events: ['Recorded'] })),
    followUps: followUps.map((command) => ({ command, events: ['Recorded'] })),
  },
});

describe('what the preview says a commit will record', () => {
  it('counts every attendance the plan records and says the meeting is marked held', () => {
    const plan = planImport(parseMinutes(MINUTES), context());
    const preview = describePlan(rehearsed(plan), known, nb);
    expect(count(plan, 'RecordAttendance')).toBe(3);
    expect(preview.attendance).toBe(count(plan, 'RecordAttendance'));
    expect(preview.held).toBe(true);
    expect(nb.importPage.attendanceLine(preview.attendance)).toBe('3 deltakere føres som til stede.');
    expect(en.importPage.attendanceLine(preview.attendance)).toBe('3 people are recorded as present.');
  });

  it('names the group’s new members with their role, the deferred item and the new matters', () => {
    const plan = planImport(parseMinutes(MINUTES), context());
    const preview = describePlan(rehearsed(plan), known, nb);
    expect(preview.members).toEqual(['Nora Lunde (møteleder)', 'Nora Bakken (medlem)']);
    expect(preview.members).toHaveLength(count(plan, 'AddMember'));
    expect(preview.items.map(lineText)).toEqual([
      'Sak 1: Godkjenning av innkalling',
      'Sak 2: Tiltaksplan for bekkene',
      'Sak 3: Høring om vannforskriften – utsatt til neste møte',
    ]);
    // The typed title, apart from the words around it, for the page to mark (WCAG 3.1.2).
    expect(preview.items.map((l) => l.value)).toEqual([
      'Godkjenning av innkalling',
      'Tiltaksplan for bekkene',
      'Høring om vannforskriften',
    ]);
    expect(preview.matters).toEqual(['Tiltaksplan for bekkene']);
    expect(preview.commitments).toEqual([
      expect.objectContaining({ text: 'Sende planen på høring', owner: 'Per Larsen' }),
    ]);
    expect(lineText(describePlan(rehearsed(plan), known, en).items[2])).toBe(
      'Item 3: Høring om vannforskriften – deferred to the next meeting',
    );
  });

  it('adds to a meeting that exists on its date, and says nothing is held when it was held already', () => {
    const plan = planImport(
      parseMinutes(MINUTES),
      context({ meetings: [{ id: 'm-held', startsAt: '2026-03-12T09:00:00+01:00', status: 'held' }] }),
    );
    const preview = describePlan(rehearsed(plan), known, nb);
    expect(preview.meeting).toEqual({ date: '2026-03-12T09:00:00+01:00', existing: true });
    expect(preview.held).toBe(false);
    expect(preview.attendance).toBe(3);
  });

  it('says how a working group that exists changes', () => {
    const draft = parseMinutes(MINUTES);
    draft.workingGroups = [
      { name: 'Arbeidsgruppe for bekker', lead: 'Nora Bakken', members: ['Per Larsen'], agendaItem: 2 },
    ];
    const plan = planImport(
      draft,
      context({
        workingGroups: [
          { id: 'wg-1', name: 'Arbeidsgruppe for bekker', leadPersonId: 'p-nora-l', memberIds: [] },
        ],
      }),
    );
    const changes = describePlan(rehearsed(plan), known, nb).workingGroupChanges;
    expect(changes.map(lineText)).toEqual([
      'Nora Bakken blir leder for Arbeidsgruppe for bekker.',
      'Per Larsen blir medlem av Arbeidsgruppe for bekker.',
    ]);
    // The working group's typed name is the value the page marks; the people's names are not.
    expect(changes.map((l) => l.value)).toEqual(['Arbeidsgruppe for bekker', 'Arbeidsgruppe for bekker']);
  });
});

describe('minutes for a meeting whose agenda was stored before, in the preview', () => {
  const text = [
    'Referat fra møte i faggruppe for vann',
    'Møtedato: 12.03.2026',
    '',
    'Sak 1/26 Tiltaksplan for bekkene',
    'Vedtak: Tiltaksplanen vedtas.',
    '',
    'Sak 2/26 Høring om vannforskriften',
    'Vedtak: Sekretariatet skriver et høringssvar.',
    '',
    'Sak 3/26 Kart over bekkene',
    'Vedtak: Kartet tas til etterretning.',
    '',
    'Sak 4/26 Eventuelt',
    'Vedtak: Neste møte holdes digitalt.',
  ].join('\n');
  const stored = [
    { itemId: 's1', number: 1, title: 'Tiltaksplan', kind: 'discussion', deferred: false },
    { itemId: 's2', number: 2, title: 'Kart over bekkene', kind: 'discussion', deferred: false },
    { itemId: 's3', number: 3, title: 'Eventuelt', kind: 'aob', deferred: false },
  ];
  const plan = planImport(
    parseMinutes(text),
    context({
      meetings: [{ id: 'm-mar', startsAt: '2026-03-12T09:00:00+01:00', status: 'scheduled', items: stored }],
    }),
  );
  const withItems: KnownNames = { ...known, agendaItems: new Map(stored.map((i) => [i.itemId, i])) };

  it('says which stored items get another number, and names them with the number they end with', () => {
    const preview = describePlan(rehearsed(plan), withItems, nb);
    expect(preview.renumbered.map(lineText)).toEqual([
      'Sak 3, Eventuelt, blir sak 4.',
      'Sak 2, Kart over bekkene, blir sak 3.',
    ]);
    expect(preview.renumbered.map((l) => l.value)).toEqual(['Eventuelt', 'Kart over bekkene']);
    expect(preview.items.map(lineText)).toEqual(['Sak 2: Høring om vannforskriften']);
    expect(preview.decisions.map((d) => `${lineText(d.item)} – ${d.text}`)).toEqual([
      'Sak 1: Tiltaksplan – Tiltaksplanen vedtas.',
      'Sak 2: Høring om vannforskriften – Sekretariatet skriver et høringssvar.',
      'Sak 3: Kart over bekkene – Kartet tas til etterretning.',
      'Sak 4: Eventuelt – Neste møte holdes digitalt.',
    ]);
    expect(lineText(describePlan(rehearsed(plan), withItems, en).renumbered[0])).toBe(
      'Item 3, Eventuelt, becomes item 4.',
    );
  });
  it('says an item moved out of another’s way first once, with the number it ends with', () => {
    const swapped = [
      { itemId: 's1', number: 1, title: 'Tiltaksplan for bekkene', kind: 'discussion', deferred: false },
      { itemId: 's2', number: 2, title: 'Kart over bekkene', kind: 'discussion', deferred: false },
    ];
    const minutes = parseMinutes(
      [
        'Referat',
        'Møtedato: 12.03.2026',
        '',
        'Sak 1 Kart over bekkene',
        '',
        'Sak 2 Tiltaksplan for bekkene',
      ].join('\n'),
    );
    const swap = planImport(
      minutes,
      context({
        meetings: [
          { id: 'm-mar', startsAt: '2026-03-12T09:00:00+01:00', status: 'scheduled', items: swapped },
        ],
      }),
    );
    expect(swap.commands.filter((c) => c.type === 'RenumberAgendaItem')).toHaveLength(3);
    const names: KnownNames = { ...known, agendaItems: new Map(swapped.map((i) => [i.itemId, i])) };
    expect(describePlan(rehearsed(swap), names, nb).renumbered.map(lineText)).toEqual([
      'Sak 2, Kart over bekkene, blir sak 1.',
      'Sak 1, Tiltaksplan for bekkene, blir sak 2.',
    ]);
  });
});

describe('a commitment’s due in the preview', () => {
  const text = [
    'Referat fra møte i faggruppe for vann',
    'Møtedato: 12.03.2026',
    '',
    'Til stede: Per Larsen, Nora Bakken',
    '',
    'Sak 1/26 Tiltaksplan for bekkene',
    'Vedtak: Tiltaksplanen vedtas.',
    'Ansvar: Per Larsen',
    'Oppgave: Sende planen på høring.',
    'Frist: 15.04.2026',
    '',
    'Sak 2/26 Kart over bekkene',
    'Vedtak: Saken drøftes videre.',
    'Ansvar: Nora Bakken',
    'Oppgave: Skaffe kart over bekkene.',
    'Frist: Neste møte',
  ].join('\n');

  it('reads as the end of a sentence in both languages, not as a form’s choice', () => {
    const plan = planImport(parseMinutes(text), context());
    const dues = (m: typeof nb) => describePlan(rehearsed(plan), known, m).commitments.map((c) => c.due);
    expect(dues(nb)).toEqual(['innen 15. april 2026', 'til neste møte']);
    expect(dues(en)).toEqual(['by 15 April 2026', 'by the next meeting']);
  });
});

describe('what the preview says a commit records after the plan', () => {
  const withWorkingGroup = () => {
    const draft = parseMinutes(MINUTES);
    draft.workingGroups = [
      { name: 'Arbeidsgruppe for bekker', lead: 'Nora Bakken', members: [], agendaItem: 2 },
    ];
    return planImport(draft, context());
  };
  const followUpsOf = (plan: ImportPlan): FollowUpCommand[] => {
    const made = plan.commands.find((c) => c.type === 'MakeCommitment')!;
    const formed = plan.commands.find((c) => c.type === 'FormWorkingGroup')!;
    return [
      {
        context: 'meeting',
        type: 'ApproveMinutes',
        data: { meetingId: 'm-jan', atMeetingId: plan.meetingId },
      },
      {
        context: 'commitment',
        type: 'CarryOverCommitment',
        data: { commitmentId: 'c-old', fromMeetingId: plan.meetingId },
      },
      {
        context: 'commitment',
        type: 'CarryOverCommitment',
        data: { commitmentId: made.data.commitmentId, fromMeetingId: 'm-apr' },
      },
      {
        context: 'workingGroup',
        type: 'ChangeWorkingGroupLead',
        data: { workingGroupId: formed.data.workingGroupId, leadPersonId: 'p-per' },
      },
    ];
  };

  it('names the minutes approved, the commitments carried over and the leads set, new ones or known', () => {
    const plan = withWorkingGroup();
    const preview = describePlan(rehearsed(plan, followUpsOf(plan)), known, nb);
    expect(preview.approvals).toEqual([
      'Referatet fra møtet 15. januar 2026 blir godkjent, i møtet 12. mars 2026.',
    ]);
    expect(preview.carriedOver.map((l) => l.value)).toEqual(['Kartlegge kummene', 'Sende planen på høring']);
    expect(preview.carriedOver.map(lineText)).toEqual([
      '«Kartlegge kummene» er fortsatt åpen etter møtet 12. mars 2026, og overføres til neste møte.',
      '«Sende planen på høring» er fortsatt åpen etter møtet 16. april 2026, og overføres til neste møte.',
    ]);
    expect(preview.leads.map(lineText)).toEqual(['Per Larsen blir leder for Arbeidsgruppe for bekker.']);
    expect(preview.leads[0].value).toBe('Arbeidsgruppe for bekker');
    const english = describePlan(rehearsed(plan, followUpsOf(plan)), known, en);
    expect(english.approvals).toEqual([
      'The minutes of the meeting on 15 January 2026 are approved, at the meeting on 12 March 2026.',
    ]);
    expect(lineText(english.carriedOver[0])).toBe(
      '“Kartlegge kummene” is still open after the meeting on 12 March 2026, and is carried over to the next meeting.',
    );
  });

  it('leaves out every step that records nothing, in the plan or after it', () => {
    const plan = withWorkingGroup();
    const r = rehearsed(plan, followUpsOf(plan));
    // An attendance recorded before, and the approval: done already when the commit gets to them.
    const attendance = r.steps.planned.find((s) => s.command.type === 'RecordAttendance')!;
    attendance.events = [];
    r.steps.followUps[0].events = [];
    const preview = describePlan(r, known, nb);
    expect(preview.attendance).toBe(count(plan, 'RecordAttendance') - 1);
    expect(preview.approvals).toEqual([]);
    expect(preview.carriedOver).toHaveLength(2);
  });
});

describe('the summary after recording', () => {
  it('has a line for each kind of record the commit made, in a fixed order, and none for a kind it made none of', () => {
    const counts = { decisions: 2, attendance: 3, minutesApproved: 1, carriedOver: 0, leadChanges: 1 };
    expect(recordedLines(counts, nb)).toEqual([
      { kind: 'attendance', count: 3, text: '3 deltakere ført som til stede' },
      { kind: 'decisions', count: 2, text: '2 vedtak' },
      { kind: 'leadChanges', count: 1, text: '1 arbeidsgruppe med ny leder' },
      { kind: 'minutesApproved', count: 1, text: '1 referat godkjent' },
    ]);
    expect(recordedLines(counts, en).map((l) => l.text)).toEqual([
      '3 people recorded as present',
      '2 decisions',
      '1 working group with a new lead',
      '1 set of minutes approved',
    ]);
  });

  it('says how many were carried over so far and that the rest follow, when the policy was behind', () => {
    const counts = { held: 1, carriedOver: 1, carryOversPending: 2 };
    expect(recordedLines(counts, nb)).toEqual([
      { kind: 'held', count: 1, text: '1 møte merket som avholdt' },
      {
        kind: 'carriedOver',
        count: 1,
        text: '1 forpliktelse overført til neste møte så langt; 2 til følger om litt',
      },
    ]);
    // None carried over yet is said too, never left out.
    expect(recordedLines({ held: 1, carryOversPending: 1 }, en).map((l) => l.text)).toEqual([
      '1 meeting marked as held',
      '0 commitments carried over to the next meeting so far; 1 more follows shortly',
    ]);
  });

  it('reads the counts stored before every kind was counted', () => {
    const old = {
      people: 2,
      aliases: 0,
      agendaItems: 4,
      decisions: 1,
      commitments: 1,
      workingGroups: 0,
      deferred: 1,
    };
    expect(recordedLines(old, nb).map((l) => l.text)).toEqual([
      '2 nye personer',
      '4 saker på sakslisten',
      '1 sak utsatt til neste møte',
      '1 vedtak',
      '1 forpliktelse',
    ]);
  });
});
