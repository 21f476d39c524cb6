import { splitLines } from './text-normaliser';
import { findWorkingGroups, readGroupHeading } from './working-groups';

describe('working groups', () => {
  it.each([
    [
      'Gruppe 1 - Internasjonal rekruttering og kompetansebygging',
      'Internasjonal rekruttering og kompetansebygging',
    ],
    ['Gruppe 5 - Attraktivitet og tilflytting har ikke hatt møte enda', 'Attraktivitet og tilflytting'],
    ['• Arbeidsgruppe velferdsteknologi', 'Velferdsteknologi'],
    ['Arbeidsgruppe for destinasjonsmodell held fram, med Terje Kvåle som ansvarleg.', 'Destinasjonsmodell'],
    ['Working group on skills: report', 'Skills'],
  ])('reads the heading "%s"', (text, name) => {
    expect(readGroupHeading(text)).toBe(name);
  });

  it.each([
    'Gruppen har hatt to møter.',
    'Arbeidsgruppa har samanlikna tre modellar.',
    'Arbeidsgrupper legger fram sine forslag.',
  ])('rejects "%s"', (text) => {
    expect(readGroupHeading(text)).toBeNull();
  });

  it('reads lead, members and a stand-in from the lines under the heading', () => {
    const body = splitLines(
      [
        'Gruppe 4 - Kompetansebehov',
        'Ansvarlig: Harriet Slaaen (Trond Arne Ingvoldstad deltok i stedet for Harriet)',
        '• Arbeidsgruppe velferdsteknologi',
        '  Ansvarlig: Torbjørn Eide',
        '  Medlemmer: Marte Solbakken, Odd Helge Rasmussen',
        'Statusrapportene ble tatt til etterretning.',
      ].join('\n'),
    );
    const groups = findWorkingGroups(body, 4).map((b) => b.group);
    expect(groups.map((g) => [g.name, g.lead, g.members, g.leadNote, g.source])).toEqual([
      [
        'Kompetansebehov',
        'Harriet Slaaen',
        [],
        'Trond Arne Ingvoldstad deltok i stedet for Harriet',
        { fromLine: 1, toLine: 2 },
      ],
      [
        'Velferdsteknologi',
        'Torbjørn Eide',
        ['Marte Solbakken', 'Odd Helge Rasmussen'],
        null,
        { fromLine: 3, toLine: 5 },
      ],
    ]);
  });

  it('reads lead and members written in a sentence', () => {
    const [g] = findWorkingGroups(
      splitLines(
        'Arbeidsgruppe for destinasjonsmodell held fram, med Terje Kvåle som ansvarleg. Linn Aasen og Eva Marie Hjelle er medlemmer.',
      ),
      3,
    );
    expect(g.group).toMatchObject({
      lead: 'Terje Kvåle',
      members: ['Linn Aasen', 'Eva Marie Hjelle'],
      agendaItem: 3,
    });
  });
});
