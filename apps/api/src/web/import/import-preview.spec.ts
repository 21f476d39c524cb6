import { en, nb } from '@tilneste/i18n';
import { parseMinutes } from '@tilneste/minutes-import';
import { planImport, type ImportContext } from '@tilneste/minutes-import/plan';
import { describePlan, type KnownNames } from './import-preview';

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
  meetings: new Map([['m-held', '2026-03-12T09:00:00+01:00']]),
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

describe('what the preview says a commit will record', () => {
  it('counts every attendance the plan records and says the meeting is marked held', () => {
    const plan = planImport(parseMinutes(MINUTES), context());
    const preview = describePlan(plan, known, nb);
    expect(count(plan, 'RecordAttendance')).toBe(3);
    expect(preview.attendance).toBe(count(plan, 'RecordAttendance'));
    expect(preview.held).toBe(true);
    expect(nb.importPage.attendanceLine(preview.attendance)).toBe('3 deltakere føres som til stede.');
    expect(en.importPage.attendanceLine(preview.attendance)).toBe('3 people are recorded as present.');
  });

  it('names the group’s new members with their role, the deferred item and the new matters', () => {
    const plan = planImport(parseMinutes(MINUTES), context());
    const preview = describePlan(plan, known, nb);
    expect(preview.members).toEqual(['Nora Lunde (møteleder)', 'Nora Bakken (medlem)']);
    expect(preview.members).toHaveLength(count(plan, 'AddMember'));
    expect(preview.items).toEqual([
      'Sak 1: Godkjenning av innkalling',
      'Sak 2: Tiltaksplan for bekkene',
      'Sak 3: Høring om vannforskriften – utsatt til neste møte',
    ]);
    expect(preview.matters).toEqual(['Tiltaksplan for bekkene']);
    expect(preview.commitments).toEqual([
      expect.objectContaining({ text: 'Sende planen på høring', owner: 'Per Larsen' }),
    ]);
    expect(describePlan(plan, known, en).items[2]).toBe(
      'Item 3: Høring om vannforskriften – deferred to the next meeting',
    );
  });

  it('adds to a meeting that exists on its date, and says nothing is held when it was held already', () => {
    const plan = planImport(
      parseMinutes(MINUTES),
      context({ meetings: [{ id: 'm-held', startsAt: '2026-03-12T09:00:00+01:00', status: 'held' }] }),
    );
    const preview = describePlan(plan, known, nb);
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
    expect(describePlan(plan, known, nb).workingGroupChanges).toEqual([
      'Nora Bakken blir leder for Arbeidsgruppe for bekker.',
      'Per Larsen blir medlem av Arbeidsgruppe for bekker.',
    ]);
  });
});
