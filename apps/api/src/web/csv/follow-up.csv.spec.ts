import { commitment, council } from '../../../../../libs/projections/testing/history';
import { followUpFilterSchema, type FollowUpFilter } from '../dashboard/dashboard.page-query';
import {
  followUpCsv,
  followUpFilterWords,
  followUpRows,
  formulaSafe,
  type FollowUpRow,
} from './follow-up.csv';
import { followUpEn, followUpNb } from './follow-up.messages';

const row = (overrides: Partial<Record<number, string>> = {}): FollowUpRow => {
  const base: FollowUpRow = [
    'Faggruppe for plan',
    '20.03.2025',
    'Handlingsprogram: dele lista',
    'Kari Nordmann',
    '12.06.2025',
    'Åpen',
    '',
  ];
  return base.map((v, i) => overrides[i] ?? v) as FollowUpRow;
};

describe('the follow-up list as CSV', () => {
  it('starts with a BOM and the Norwegian header, separated by semicolons, with CRLF line ends', () => {
    const csv = followUpCsv([row()]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Gruppe;Møtedato;Sak/vedtak;Ansvarlig;Frist;Status;Siste fremdrift',
      'Faggruppe for plan;20.03.2025;Handlingsprogram: dele lista;Kari Nordmann;12.06.2025;Åpen;',
      '',
    ]);
    expect(followUpCsv([], followUpEn).slice(1)).toBe(
      'Group;Meeting date;Matter/decision;Owner;Due;Status;Latest progress\r\n',
    );
  });

  it('quotes cells holding the separator, quotes or line breaks, doubling the quotes', () => {
    const csv = followUpCsv([row({ 2: 'Sak 4; "viktig"\nlinje to' })]);
    expect(csv).toContain(';"Sak 4; ""viktig""\nlinje to";');
  });

  it('makes every cell that a spreadsheet would run as a formula plain text', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(formulaSafe(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(formulaSafe('Kari = leder')).toBe('Kari = leder');
    const csv = followUpCsv([row({ 2: '=HYPERLINK("http://evil.example")', 3: '@SUM(A1)', 6: '-1' })]);
    expect(csv).toContain(`;"'=HYPERLINK(""http://evil.example"")";'@SUM(A1);`);
    expect(csv).toContain(";'-1\r\n");
  });
});

describe('the follow-up rows', () => {
  it("name the owner, the secretariat in the reader's language", () => {
    const { catalog, apply } = council();
    apply('commitment-c1', 'CommitmentMade', commitment('c1', { kind: 'secretariat' }));
    apply('commitment-c2', 'CommitmentMade', commitment('c2', { kind: 'person', personId: 'kari' }));
    apply('commitment-c3', 'CommitmentMade', commitment('c3', { kind: 'none' }));
    const owners = (m: typeof followUpNb) =>
      followUpRows(catalog, 'hovedutvalg', new Date('2026-01-06T00:00:00Z'), m)!.map((row) => row[3]);
    expect(owners(followUpNb)).toEqual(['Sekretariatet', 'Kari', 'Ingen ansvarlig']);
    expect(owners(followUpEn)).toEqual(['The secretariat', 'Kari', 'No owner']);
  });
});

describe('the follow-up rows, filtered as the dashboard is', () => {
  /** Kari's open one, her working group's carried-over one, the secretariat's done one, Ola's withdrawn and overdue ones. */
  const story = () => {
    const { catalog, apply } = council();
    apply('workinggroup-wg', 'WorkingGroupFormed', {
      workingGroupId: 'wg',
      groupId: 'hovedutvalg',
      name: 'Budsjettgruppen',
      leadPersonId: 'kari',
      memberIds: ['kari', 'ola'],
      mandate: null,
      meetingId: 'm1',
    });
    apply('commitment-c1', 'CommitmentMade', commitment('c1', { kind: 'person', personId: 'kari' }));
    apply(
      'commitment-c2',
      'CommitmentMade',
      commitment('c2', { kind: 'working-group', workingGroupId: 'wg' }),
    );
    apply('commitment-c2', 'CommitmentCarriedOver', { commitmentId: 'c2', fromMeetingId: 'm1', times: 1 });
    apply('commitment-c3', 'CommitmentMade', commitment('c3', { kind: 'secretariat' }));
    apply('commitment-c3', 'CommitmentCompleted', { commitmentId: 'c3', note: null });
    apply('commitment-c4', 'CommitmentMade', commitment('c4', { kind: 'person', personId: 'ola' }));
    apply('commitment-c4', 'CommitmentWithdrawn', { commitmentId: 'c4', reason: null });
    apply('commitment-c5', 'CommitmentMade', {
      ...commitment('c5', { kind: 'person', personId: 'ola' }),
      due: { kind: 'date', date: '2026-01-31' },
    });
    return catalog;
  };
  const now = new Date('2026-03-01T12:00:00Z');
  // Each commitment's text is "Oppfølging <id>": the rows by id.
  const ids = (filter: FollowUpFilter) =>
    followUpRows(story(), 'hovedutvalg', now, followUpNb, filter)!.map((row) =>
      row[2].replace('Oppfølging ', ''),
    );

  it('lists every commitment, open and closed, with no status asked for, as it always did', () => {
    expect(ids({})).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
  });

  it('lists what each status of the dashboard lists', () => {
    expect(ids({ status: 'open' })).toEqual(['c1', 'c2', 'c5']);
    expect(ids({ status: 'overdue' })).toEqual(['c5']);
    expect(ids({ status: 'carried-over' })).toEqual(['c2']);
    expect(ids({ status: 'done' })).toEqual(['c3']);
    expect(ids({ status: 'all' })).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
  });

  it('narrows to an owner or a working group, within the status', () => {
    expect(ids({ ansvarlig: 'person:ola' })).toEqual(['c4', 'c5']);
    expect(ids({ ansvarlig: 'person:ola', status: 'open' })).toEqual(['c5']);
    expect(ids({ ansvarlig: 'secretariat', status: 'done' })).toEqual(['c3']);
    expect(ids({ ansvarlig: 'working-group:wg', status: 'open' })).toEqual(['c2']);
    expect(ids({ arbeidsgruppe: 'wg' })).toEqual(['c2']);
    expect(ids({ ansvarlig: 'person:nobody' })).toEqual([]);
  });

  it('reads the query as the dashboard reads it: empty is no filter, and what it does not know is refused', () => {
    expect(ids(followUpFilterSchema.parse({ status: '', arbeidsgruppe: '' }))).toEqual([
      'c1',
      'c2',
      'c3',
      'c4',
      'c5',
    ]);
    const refused = followUpFilterSchema.safeParse({ status: 'ferdig', arbeidsgruppe: ['wg', 'x'] });
    expect(refused.error?.issues.map((i) => i.path)).toEqual([['arbeidsgruppe'], ['status']]);
  });

  it("names the filter in the file's name, in the reader's language, and the plain list as before", () => {
    const catalog = story();
    const name = (filter: FollowUpFilter, m = followUpNb) =>
      m.filename('Hovedutvalget', followUpFilterWords(catalog, filter, m));
    expect(name({})).toBe('oppfolging-Hovedutvalget.csv');
    expect(name({ status: 'open' })).toBe('oppfolging-Hovedutvalget-åpne.csv');
    expect(name({ status: 'done', ansvarlig: 'person:kari' })).toBe(
      'oppfolging-Hovedutvalget-utførte-Kari.csv',
    );
    expect(name({ status: 'all', ansvarlig: 'secretariat', arbeidsgruppe: 'wg' })).toBe(
      'oppfolging-Hovedutvalget-alle-Sekretariatet-Budsjettgruppen.csv',
    );
    expect(name({ status: 'overdue', ansvarlig: 'working-group:wg' }, followUpEn)).toBe(
      'follow-up-Hovedutvalget-overdue-Budsjettgruppen.csv',
    );
    expect(name({ status: 'carried-over', ansvarlig: 'none' }, followUpEn)).toBe(
      'follow-up-Hovedutvalget-carried-over-No owner.csv',
    );
  });
});
