import { foldName, resolvePeople, sameNameEvidence } from './resolve-people';

describe('sameNameEvidence', () => {
  it('sees æ/ø/å spelled out as the same name', () => {
    expect(sameNameEvidence('Haakon Lie', 'Håkon Lie')[0]).toMatch(/æ\/ø\/å/);
    expect(sameNameEvidence('Anne-Marte Kolbjørnhus', 'Anne Marte Kolbjørnhus')[0]).toMatch(/bindestrek/);
  });
  it('sees a middle name left out', () => {
    expect(sameNameEvidence('Eli Bryhni', 'Eli Arnkværn Bryhni')[0]).toMatch(/mellomnavn/);
  });
  it('sees a surname written first', () => {
    expect(sameNameEvidence('Halvorsrud Kari Elisabeth', 'Kari Elisabeth Halvorsrud')[0]).toMatch(
      /rekkefølge/,
    );
  });
  it('sees a one-letter slip in a long surname', () => {
    expect(sameNameEvidence('Dag Aanonsen', 'Dag Aanensen')[0]).toMatch(/nesten samme etternavn/);
  });
  it('does not pair different people', () => {
    expect(sameNameEvidence('Kari Hansen', 'Kari Hansen Berg')).toEqual([]);
    expect(sameNameEvidence('Ola Moen', 'Ola Moe')).toEqual([]);
    expect(sameNameEvidence('Per Olsen', 'Pål Olsen')).toEqual([]);
    expect(sameNameEvidence('Anne Lie', 'Anne Lie')).toEqual([]);
  });
  it('folds case, parentheses and letters', () => {
    expect(foldName('  Bjørn  ÅSE (digitalt) ')).toBe('bjoern aase');
  });
});

describe('resolvePeople', () => {
  const directory = [
    { id: 'p1', name: 'Eli Arnkværn Bryhni', aliases: [], organisation: 'Nordby kommune' },
    { id: 'p2', name: 'Dag Aanensen', aliases: ['D. Aanensen'], organisation: null },
  ];
  const newId = (name: string) => `new:${foldName(name)}`;

  it('matches exact names and aliases, proposes likely ones with evidence, and makes the rest new', () => {
    const result = resolvePeople(
      [
        { name: 'Eli Arnkværn Bryhni', organisation: null },
        { name: 'D. Aanensen', organisation: null },
        { name: 'Eli Bryhni', organisation: null },
        { name: 'Dag Aanonsen', organisation: null },
        { name: 'Siv Ny', organisation: 'Sørby kommune' },
        { name: 'Halvorsrud Siv', organisation: null },
      ],
      directory,
      newId,
    );
    expect(result.map((r) => [r.name, r.action, r.personId])).toEqual([
      ['Eli Arnkværn Bryhni', 'existing', 'p1'],
      ['D. Aanensen', 'existing', 'p2'],
      ['Eli Bryhni', 'same-as', 'p1'],
      ['Dag Aanonsen', 'same-as', 'p2'],
      ['Siv Ny', 'new', 'new:siv ny'],
      ['Halvorsrud Siv', 'new', 'new:halvorsrud siv'],
    ]);
    const proposal = result[2];
    expect(proposal.action === 'same-as' && proposal.evidence.length).toBe(1);
  });

  it('pairs two forms of a new name within the same document', () => {
    const result = resolvePeople(
      [
        { name: 'Kari Elisabeth Halvorsrud', organisation: null },
        { name: 'Halvorsrud Kari Elisabeth', organisation: null },
      ],
      [],
      newId,
    );
    expect(result[1]).toMatchObject({
      action: 'same-as',
      personId: result[0].personId,
      sameAs: 'Kari Elisabeth Halvorsrud',
    });
  });

  it('counts a name written twice once', () => {
    expect(
      resolvePeople(
        [
          { name: 'Ola Nord', organisation: null },
          { name: 'ola  nord', organisation: null },
        ],
        [],
        newId,
      ),
    ).toHaveLength(1);
  });
});
