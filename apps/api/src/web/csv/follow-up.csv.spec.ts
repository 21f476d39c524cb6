import { commitment, council } from '../../../../../libs/projections/testing/history';
import { followUpCsv, followUpRows, formulaSafe, type FollowUpRow } from './follow-up.csv';
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
