import {
  commitmentsFromTable,
  dedupeCommitments,
  findCommitments,
  type CommitmentContext,
} from './commitments';
import { parseActionHeader } from './document-layout';
import { buildSegments } from './paragraphs';
import { splitLines } from './text-normaliser';
import { findWorkingGroups } from './working-groups';

const roster = ['Hanne-Mai Eriksen', 'Petter Haug', 'Runa Aksnes', 'Ingvild Sæle', 'Gaute Rye'];
const ctx = (over: Partial<CommitmentContext> = {}): CommitmentContext => ({
  kind: 'minutes',
  meetingDate: '2023-03-16',
  roster,
  chair: null,
  groups: [],
  ...over,
});
const find = (text: string, c = ctx()) =>
  findCommitments(buildSegments(splitLines(text)), c).map((x) => ({ owner: x.owner, due: x.due }));

describe('commitments', () => {
  it('reads "<person> <verb> …" and resolves a short name to the attendee', () => {
    expect(
      find('Faggruppen diskuterte klyngene. Hanne Mai deler derfor kontaktinformasjonen med alle.'),
    ).toEqual([{ owner: 'Hanne-Mai Eriksen', due: null }]);
  });

  it('gives each of two joint owners their own commitment', () => {
    expect(find('Runa og Ingvild lager forslag til informasjonsbrev til neste møte.')).toEqual([
      { owner: 'Runa Aksnes', due: 'next-meeting' },
      { owner: 'Ingvild Sæle', due: 'next-meeting' },
    ]);
  });

  it('attaches a deadline in the following sentence to the promise', () => {
    expect(
      find('Sekretariatet bearbeider notatet. Det tas sikte på å sende det på høring i løpet av uke 12.'),
    ).toEqual([{ owner: 'Sekretariatet', due: '2023-03-26' }]);
  });

  it('reads labelled actions with the owner and deadline on the next lines', () => {
    expect(find('Tiltak: Utarbeide felles høringsuttalelse\nAnsvar: Petter Haug\nFrist: 02.05.2023')).toEqual(
      [{ owner: 'Petter Haug', due: '2023-05-02' }],
    );
    expect(find('Action: Gaute Rye to draft a course outline by 13 June 2023.')).toEqual([
      { owner: 'Gaute Rye', due: '2023-06-13' },
    ]);
    expect(find('Til neste møte: se på hvem som kan gjøre hva.')).toEqual([
      { owner: null, due: 'next-meeting' },
    ]);
  });

  it('reads a promise to take a matter up with someone', () => {
    expect(find('Petter Haug tar saken opp med fylkeskommunen og orienterer på neste møte.')).toEqual([
      { owner: 'Petter Haug', due: 'next-meeting' },
    ]);
  });

  it.each([
    [
      '- Petter Haug → sende referatet til alle innen 20. mars',
      'Petter Haug',
      'Sende referatet til alle',
      '2023-03-20',
    ],
    [
      '- Runa Aksnes -> lage oversikt over tiltakene til neste møte',
      'Runa Aksnes',
      'Lage oversikt over tiltakene',
      'next-meeting',
    ],
    ['Gaute Rye → sender invitasjonen til seminaret', 'Gaute Rye', 'Sende invitasjonen til seminaret', null],
    [
      '- Oppdatere nettsiden med nye kontakter → Ingvild Sæle',
      'Ingvild Sæle',
      'Oppdatere nettsiden med nye kontakter',
      null,
    ],
    ['Oppdatere nettsiden -> Petter Haug.', 'Petter Haug', 'Oppdatere nettsiden', null],
  ])('reads the arrow list line "%s" as a commitment', (line, owner, text, due) => {
    const [c, ...rest] = findCommitments(buildSegments(splitLines(line)), ctx());
    expect(rest).toEqual([]);
    expect([c.owner, c.text, c.due]).toEqual([owner, text, due]);
    expect(c.sourceText).toBe(line.replace(/^- /, ''));
  });

  it('keeps the whole "Name – task" line as the source beside the reader\'s wording', () => {
    const [c] = findCommitments(
      buildSegments(splitLines('- Petter Haug – utkast til program innen neste møte')),
      ctx(),
    );
    expect([c.owner, c.text, c.due]).toEqual(['Petter Haug', 'Utkast til program', 'next-meeting']);
    expect(c.sourceText).toBe('Petter Haug – utkast til program innen neste møte');
  });

  it.each([
    'Oppfølging → se egen sak',
    'Budsjett 2024 → vedtatt i styret',
    'Petter Haug → Bø kommune',
    'Runa Aksnes - lage oversikt over tiltakene',
  ])('does not take the line "%s" as a commitment', (line) => {
    expect(find(line)).toEqual([]);
  });

  it('names a committee that must meet as the owner', () => {
    expect(find('Vi må ha et snarlig møte i programkomiteen for å vurdere hva vi gjør.')).toEqual([
      { owner: 'Programkomiteen', due: null },
    ]);
  });

  it.each([
    'Vi må generelt anerkjenne at vi trenger de som kommer.',
    'Osloregionen skal delta på tre arrangementer under Arendalsuka.',
    'De som ønsker å være arrangør bør gjøre det innen utgangen av uke 12.',
    'Maria Hermansdatter Hoff orienterte om status.',
    'Sekretariatet er på jakt etter gode case fra regionen.',
    'Kan Petter Haug sende notatet?',
    'Ny runde vil lyses ut før påske.',
  ])('does not take "%s" as a commitment', (text) => {
    expect(find(text)).toEqual([]);
  });

  it('merges what a notice asks of members into one preparation due at the meeting', () => {
    const notice = ctx({ kind: 'notice', meetingDate: '2023-08-31' });
    expect(
      find(
        'Alle innspill ønskes skriftlig.\nForberedelser:\n\nSom forberedelse ønsker vi at dere ser på dagens føringer.',
        notice,
      ),
    ).toEqual([{ owner: null, due: '2023-08-31' }]);
    expect(
      find(
        'Hver kommune bes melde inn prosjekter til sekretariatet innen 3. november.',
        ctx({ kind: 'notice', meetingDate: '2025-10-23' }),
      ),
    ).toEqual([{ owner: null, due: '2025-11-03' }]);
  });

  it('takes work given to every member alike as a request owned by nobody, in minutes too', () => {
    expect(find('Hver kommune tar med to eksempler til neste møte.')).toEqual([
      { owner: null, due: 'next-meeting' },
    ]);
    expect(find('Alle medlemmer skal være til stede.')).toEqual([]);
    const notice = ctx({ kind: 'notice', meetingDate: '2026-01-27' });
    const [c] = findCommitments(
      buildSegments(
        splitLines('Fylkeskommunen presenterer tall. Forberedelse: Hvert medlem leser rapporten.'),
      ),
      notice,
    );
    expect([c.owner, c.text, c.due]).toEqual([null, 'Lese rapporten', '2026-01-27']);
  });

  it("dates a notice's deadline without a year to the nearer year, before or after its meeting", () => {
    const notice = (meetingDate: string) => ctx({ kind: 'notice', meetingDate });
    expect(find('Vi ber medlemmene sende innspill innen 20. januar.', notice('2026-01-27'))).toEqual([
      { owner: null, due: '2026-01-20' },
    ]);
    expect(find('Vi ber medlemmene sende innspill innen 5. januar.', notice('2025-12-15'))).toEqual([
      { owner: null, due: '2026-01-05' },
    ]);
    expect(find('Petter Haug sender notatet innen 20. januar.', ctx({ meetingDate: '2026-01-27' }))).toEqual([
      { owner: 'Petter Haug', due: '2027-01-20' },
    ]);
  });

  it('gives a working group’s promise to its lead', () => {
    const body = splitLines(
      'Gruppe 2 - Sirkulærøkonomi\nAnsvarlig: Asbjørn Lunde\nTil neste møte: fordele arbeid mellom deltagerne.\n\nGruppe 5 - Attraktivitet har ikke hatt møte og vil følge opp ved neste anledning, ansvarlig er Ove Gjesdal',
    );
    const groups = findWorkingGroups(body, 4);
    const found = findCommitments(buildSegments(body), ctx({ groups }));
    expect(found.map((c) => [c.owner, c.due, c.workingGroup])).toEqual([
      ['Asbjørn Lunde', 'next-meeting', 'Sirkulærøkonomi'],
      ['Ove Gjesdal', 'next-meeting', 'Attraktivitet'],
    ]);
  });

  it('reads an action table by item and drops a repeated commitment', () => {
    const columns = parseActionHeader('Sak\tTiltak\tAnsvar\tFrist');
    expect(columns).toEqual(['item', 'task', 'owner', 'due']);
    const lines = splitLines(
      '2\tUtarbeide høringsuttalelse\tPetter Haug\t02.05.2023\n5\tSette sykkelstrategi på agendaen\tSekretær\tneste møte',
    );
    const rows = commitmentsFromTable(
      {
        columns: columns ?? [],
        rows: lines.map((line) => ({ cells: line.text.split('\t'), line })),
        item: null,
      },
      ctx(),
    );
    expect(rows.map((r) => [r.item, r.commitment.owner, r.commitment.due])).toEqual([
      [2, 'Petter Haug', '2023-05-02'],
      [5, 'Sekretariatet', 'next-meeting'],
    ]);
    const twice = dedupeCommitments([rows[0].commitment, { ...rows[0].commitment, due: null }]);
    expect(twice).toHaveLength(1);
  });
});
