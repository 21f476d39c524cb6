import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minutesDraftSchema } from './draft.schema';
import { MinutesImportError } from './errors';
import { parseMinutes } from './parse-minutes';

const SMALL = [
  'Referat fra møte i faggruppe for samferdsel',
  'Dato: 14.03.2025 (skrevet)',
  'Tid: Fredag 07.03.2025 kl. 09.00 – 11.00',
  'Sted: Teams',
  '',
  'Til stede:',
  'Kari Nordmann - Sørfjord kommune (møteleder)',
  'Per Hansen - Elvdal kommune (digitalt)',
  'Fra sekretariatet: Ola Dahl',
  '',
  '1. Godkjenning av referat fra 14. februar',
  'Godkjent.',
  '2. Busstilbud',
  'Per Hansen sender oversikten til alle innen uke 12.',
  '3. Høring',
  'Ikke behandlet – tas opp på neste møte.',
].join('\n');

const expectCode = (fn: () => unknown, code: string) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MinutesImportError);
    expect((e as MinutesImportError).code).toBe(code);
    expect((e as Error).message).toMatch(/\(.+\)/);
    return;
  }
  throw new Error(`expected ${code}`);
};

describe('parseMinutes', () => {
  it('reads a small set of minutes end to end, with line ranges', () => {
    const d = parseMinutes(SMALL, { fileName: 'referat.txt' });
    expect(d.kind).toBe('minutes');
    expect(d.meeting).toMatchObject({
      date: '2025-03-07',
      startTime: '09:00',
      endTime: '11:00',
      location: 'Teams',
      online: true,
      source: { fromLine: 3, toLine: 3 },
    });
    expect(d.chair).toBe('Kari Nordmann');
    expect(d.secretariat).toEqual(['Ola Dahl']);
    expect(d.previousMeetingDate).toBe('2025-02-14');
    expect(d.attendees.map((a) => [a.name, a.organisation, a.remote, a.source?.fromLine])).toEqual([
      ['Kari Nordmann', 'Sørfjord kommune', false, 7],
      ['Per Hansen', 'Elvdal kommune', true, 8],
    ]);
    const [approval, bus, hearing] = d.agendaItems;
    expect(approval).toMatchObject({
      number: 1,
      decisions: ['Godkjent.'],
      source: { fromLine: 11, toLine: 12 },
    });
    expect(bus.commitments).toEqual([
      expect.objectContaining({
        owner: 'Per Hansen',
        due: '2025-03-23',
        source: { fromLine: 14, toLine: 14 },
      }),
    ]);
    expect(hearing.deferred).toBe(true);
    expect(minutesDraftSchema.safeParse(d).success).toBe(true);
  });

  it('validates every synthetic fixture’s draft against the schema', () => {
    const dir = join(__dirname, '../fixtures/synthetic');
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const f of files) {
      const result = minutesDraftSchema.safeParse(
        parseMinutes(readFileSync(join(dir, f), 'utf8'), { fileName: f }),
      );
      expect({ f, ok: result.success }).toEqual({ f, ok: true });
    }
  });

  it('tells a notice from minutes by its title', () => {
    expect(
      parseMinutes('Innkalling til møte i faggruppe for klima\n\n1. Godkjenning av innkalling').kind,
    ).toBe('notice');
    expect(
      parseMinutes('Sakskart\n1. Godkjenning av innkalling', { fileName: 'innkalling-mars.txt' }).kind,
    ).toBe('notice');
  });

  it('reads a notice headed like a letter: "Kl.:" times, "Til:" invitees ended by "Kopi:", preparation in a paragraph', () => {
    const draft = parseMinutes(
      [
        'MØTEINNKALLING',
        'Møtedato: 03.02.2026',
        'Kl.: 09.00 – 12.00',
        'Til: Anne Berg (Bø kommune), Lars Moen (Nome kommune)',
        'Kopi: Eva Lund, fylkeskommunen',
        'Sekretær: Tone Vik',
        '',
        'Saker til behandling:',
        'Sak 1/26 Strategi',
        'Sekretariatet legger fram et utkast. Forberedelse: Hver kommune tar med ett eksempel fra egen drift.',
        'Sak 2/26 Søknad',
        'Vi ber medlemmene sende innspill til sekretæren innen 25. januar.',
      ].join('\n'),
    );
    expect(draft.kind).toBe('notice');
    expect([draft.meeting.startTime, draft.meeting.endTime]).toEqual(['09:00', '12:00']);
    expect(draft.invited.map((p) => [p.name, p.organisation])).toEqual([
      ['Anne Berg', 'Bø kommune'],
      ['Lars Moen', 'Nome kommune'],
    ]);
    const asked = draft.agendaItems.map((i) => i.commitments.map((c) => [c.owner, c.text, c.due]));
    expect(asked).toEqual([
      [
        ['Sekretariatet', 'Legge fram et utkast', null],
        [null, 'Ta med ett eksempel fra egen drift', '2026-02-03'],
      ],
      [[null, 'Sende innspill til sekretæren', '2026-01-25']],
    ]);
  });

  it('reads an agenda whose numbering was lost as items in order, each paragraph under its title', () => {
    const draft = parseMinutes(
      [
        'Innkalling til møte i nettverket',
        'Tid: torsdag 16. oktober 2025 kl. 09.00–12.00',
        '',
        'Saksliste',
        '',
        'Godkjenning av innkalling',
        '',
        'Kompetanseplan for skolen',
        'Sekretariatet legger fram utkast til plan for 2026.',
        '',
        'Eventuelt',
      ].join('\n'),
    );
    expect(draft.agendaItems.map((i) => [i.number, i.title])).toEqual([
      [1, 'Godkjenning av innkalling'],
      [2, 'Kompetanseplan for skolen'],
      [3, 'Eventuelt'],
    ]);
    expect(draft.agendaItems[1].source).toEqual({ fromLine: 8, toLine: 9 });
  });

  it('reads a case system\'s protocol: "PS n/yy" items and a roll call with substitutes', () => {
    const draft = parseMinutes(
      [
        'Møteprotokoll',
        'Dato:           12.02.2025',
        '',
        'Følgende faste medlemmer møtte:',
        'Navn                    Funksjon        Representerer',
        'Astrid Solbakken        Leder           Pensjonistforeningen',
        '',
        'Følgende varamedlemmer møtte:',
        'Navn                    Møtte for       Representerer',
        'Marit Lyngstad          Reidar Tollefsen    Fjordvik Ap',
        '',
        'PS 1/25 Godkjenning av innkalling',
        'Vedtak:',
        'Innkallingen godkjennes.',
        '',
        'PS 2/25 Budsjett',
        'Oppfølging:',
        'Marit Lyngstad sender en oversikt til medlemmene innen 1. mars.',
      ].join('\n'),
    );
    expect(draft.chair).toBe('Astrid Solbakken');
    expect(draft.attendees.map((a) => [a.name, a.substituteFor ?? null])).toEqual([
      ['Astrid Solbakken', null],
      ['Marit Lyngstad', 'Reidar Tollefsen'],
    ]);
    expect(draft.agendaItems.map((i) => i.number)).toEqual([1, 2]);
    expect(draft.agendaItems[1].commitments).toEqual([
      expect.objectContaining({ owner: 'Marit Lyngstad', due: '2025-03-01' }),
    ]);
  });

  describe('a people list before the agenda', () => {
    const minutes = (...people: string[]) =>
      parseMinutes(
        [
          'Referat fra møte i styringsgruppen for vannområdet',
          'Møtedato: 12.03.2026',
          '',
          ...people,
          '',
          'Sak 10/26 Godkjenning av innkalling og saksliste',
          'Vedtak: Innkalling og saksliste godkjent.',
          '',
          'Sak 11/26 Tiltaksplan for bekkene',
          'Vedtak: Tiltaksplanen vedtas.',
        ].join('\n'),
      );

    it('ends at the blank line before an agenda heading: the first item is read, not taken as an organisation', () => {
      const draft = minutes('Til stede: Ingrid Solbakk (leder), Tor Vangen', 'Forfall: Øystein Aasen');
      expect(draft.absent).toEqual([expect.objectContaining({ name: 'Øystein Aasen', organisation: null })]);
      expect(draft.agendaItems.map((i) => [i.number, i.title, i.decisions])).toEqual([
        [10, 'Godkjenning av innkalling og saksliste', ['Innkalling og saksliste godkjent.']],
        [11, 'Tiltaksplan for bekkene', ['Tiltaksplanen vedtas.']],
      ]);
    });

    it('ends at a bare numbered heading after a blank line, but keeps a list numbered or wrapped over lines', () => {
      const draft = parseMinutes(
        [
          'Referat',
          'Møtedato: 12.03.2026',
          '',
          'Til stede:',
          '1. Ingrid Solbakk, Fjordvik kommune',
          '2. Tor Vangen, Elvdal kommune',
          'Forfall: Øystein Aasen, Live Haugen,',
          'Mari Brekke',
          'Invitert: Kari Holm',
          '',
          '1. Samarbeid med Elvdal kommune',
          'Vedtak: Samarbeidet videreføres.',
        ].join('\n'),
      );
      expect(draft.attendees.map((a) => [a.name, a.organisation])).toEqual([
        ['Ingrid Solbakk', 'Fjordvik kommune'],
        ['Tor Vangen', 'Elvdal kommune'],
      ]);
      expect(draft.absent?.map((a) => [a.name, a.organisation])).toEqual([
        ['Øystein Aasen', null],
        ['Live Haugen', null],
        ['Mari Brekke', null],
      ]);
      expect(draft.invited.map((a) => [a.name, a.organisation])).toEqual([['Kari Holm', null]]);
      expect(draft.agendaItems.map((i) => [i.number, i.title, i.decisions])).toEqual([
        [1, 'Samarbeid med Elvdal kommune', ['Samarbeidet videreføres.']],
      ]);
    });
  });

  describe('hostile input', () => {
    it('refuses binary garbage with a clear error', () => {
      expectCode(() => parseMinutes(randomBytes(200_000).toString('latin1')), 'MINUTES.NOT_TEXT');
    });

    it('refuses a 60 MB text at once', () => {
      const huge = Buffer.alloc(60 * 1024 * 1024, 'Kari Nordmann sender referat. ').toString('utf8');
      const started = Date.now();
      expectCode(() => parseMinutes(huge), 'MINUTES.TOO_LARGE');
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('keeps HTML and script in names and titles as plain text', () => {
      const text = [
        'Referat',
        'Dato: 01.02.2025',
        'Møteleder: <script>alert("x")</script>',
        'Til stede:',
        'Kari Nordmann - <img src=x onerror=alert(1)> kommune',
        "Per <script>alert('x')</script> Hansen - Elvdal <i>kommune</i>",
        '1. Budsjett <b>2026</b> & "andre" <saker>',
        'Kari Nordmann sender <a href="javascript:alert(1)">lenken</a> til alle.',
      ].join('\n');
      const d = parseMinutes(text);
      expect(d.chair).toBe('<script>alert("x")</script>');
      expect(d.attendees.map((a) => [a.name, a.organisation])).toEqual([
        ['Kari Nordmann', '<img src=x onerror=alert(1)> kommune'],
        ["Per <script>alert('x')</script> Hansen", 'Elvdal <i>kommune</i>'],
      ]);
      expect(d.agendaItems[0].title).toBe('Budsjett <b>2026</b> & "andre" <saker>');
      expect(d.agendaItems[0].commitments[0].text).toContain('<a href="javascript:alert(1)">lenken</a>');
      expect(minutesDraftSchema.safeParse(d).success).toBe(true);
    });

    it('gives an empty draft with warnings for empty or meaningless text', () => {
      for (const text of ['', '   \n\n  ', 'lorem ipsum dolor sit amet']) {
        const d = parseMinutes(text);
        expect(d.agendaItems).toEqual([]);
        expect(d.meeting.date).toBeNull();
        expect(d.warnings).toContain('Fant ikke møtedatoen (meeting date not found).');
      }
    });

    it('parses a 4 MB line without newlines in reasonable time', () => {
      const started = Date.now();
      const d = parseMinutes('1. Sak '.concat('Kari Nordmann (digitalt) sender - '.repeat(120_000)));
      expect(d.agendaItems.length).toBeLessThanOrEqual(1);
      expect(Date.now() - started).toBeLessThan(10_000);
    });
  });
});
