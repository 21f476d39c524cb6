import { classifyDecision, findDecisions, isDeferred } from './decisions';
import { buildSegments } from './paragraphs';
import { splitLines } from './text-normaliser';

const segments = (text: string) => buildSegments(splitLines(text));

describe('decisions', () => {
  it.each([
    ['Godkjent', 'approved'],
    ['Innkallingen ble godkjent', 'approved'],
    ['Referatet godkjennes.', 'approved'],
    ['Statusrapportene ble tatt til etterretning.', 'noted'],
    ['Tatt til orientering.', 'noted'],
    ['Teke til vitande.', 'noted'],
    ['Gruppen sluttet seg til utkastet.', 'adopted'],
    ['Gruppa slutta seg til tilrådinga frå arbeidsgruppa.', 'adopted'],
    ['The agenda was approved.', 'approved'],
    ['Vi ble enige om å gjennomføre Ungdata i uke 10.', 'adopted'],
  ])('classifies "%s"', (sentence, kind) => {
    expect(classifyDecision(sentence)).toBe(kind);
  });

  it.each([
    'Representantskapet vedtok den 28. oktober 2020 strategiske føringer.',
    'Posisjonsnotatet som ble vedtatt av styret 23. juni.',
    'Planen må godkjennes av kommunestyret.',
    'Skal referatet godkjennes?',
    'Faggruppen var generelt positiv til utkastet.',
  ])('does not take "%s" as a decision', (sentence) => {
    expect(classifyDecision(sentence)).toBeNull();
  });

  it('reads a "Vedtak:" paragraph over its wrapped lines and skips a proposal', () => {
    const found = findDecisions(
      segments(
        'Innstilling: Ramme på 2,1 mill. godkjennes.\nVedtak: Faggruppen ber kommunene gå gjennom\nresultatene.\nKari følger opp.',
      ),
      'Budsjett',
    );
    expect(found.map((d) => [d.text, d.source])).toEqual([
      ['Faggruppen ber kommunene gå gjennom resultatene.', { fromLine: 2, toLine: 3 }],
    ]);
  });

  it('takes "ingen merknader" as approval in an approval item only', () => {
    expect(findDecisions(segments('Ingen merknader.'), 'Godkjenning av referat')).toHaveLength(1);
    expect(findDecisions(segments('Ingen merknader.'), 'Budsjett')).toHaveLength(0);
  });

  it('recognises a deferred item', () => {
    expect(isDeferred('Høring', segments('Ikke behandlet – tas opp på neste møte.')).deferred).toBe(true);
    expect(isDeferred('Søknad', segments('Ikke tid til denne, tas opp neste gang.')).deferred).toBe(true);
    expect(isDeferred('Language training', segments('Deferred to next meeting.')).deferred).toBe(true);
    expect(isDeferred('Barnevern', segments('Barn som er utsatt for vold trenger hjelp.')).deferred).toBe(
      false,
    );
  });
});
