import { categoriseItem, placeHeading, readAgendaHeading } from './agenda';
import { splitLines } from './text-normaliser';

const heading = (text: string) => {
  const h = readAgendaHeading(splitLines(text), 0);
  return h && { number: h.number, title: h.title };
};

describe('agenda headings', () => {
  it.each([
    ['1. GODKJENNING AV INNKALLING OG DAGSORDEN', 1, 'GODKJENNING AV INNKALLING OG DAGSORDEN'],
    ['Sak 01/25 Godkjenning av innkalling', 1, 'Godkjenning av innkalling'],
    ['Sak 3. Klimaregnskap for kommunene', 3, 'Klimaregnskap for kommunene'],
    ['- 4. CRUISE 2026 – KAPASITET I HAMNA**', 4, 'CRUISE 2026 – KAPASITET I HAMNA'],
    ['Item 2 Minutes of the previous meeting', 2, 'Minutes of the previous meeting'],
    ['2\tGodkjenning av referat', 2, 'Godkjenning av referat'],
    ['1) Velkommen og runde', 1, 'Velkommen og runde'],
    ['PS 3/25 Budsjett for eldrerådet 2025', 3, 'Budsjett for eldrerådet 2025'],
    ['RS 12/2024 Referatsaker', 12, 'Referatsaker'],
  ])('reads "%s"', (text, number, title) => {
    expect(heading(text)).toEqual({ number, title });
  });

  it('joins a title wrapped onto a lowercase line, but not a sub-item', () => {
    expect(heading('Sak 14/25 Kartlegging av lesing på\nmellomtrinnet\nHilde orienterte.')?.title).toBe(
      'Kartlegging av lesing på mellomtrinnet',
    );
    expect(heading('10. Oppdatering\na. Nasjonalt nettverk')?.title).toBe('Oppdatering');
  });

  it('takes the title from the next line after a bare "Sak 3"', () => {
    expect(heading('Sak 3\nBudsjett 2026')).toEqual({ number: 3, title: 'Budsjett 2026' });
  });

  it.each([
    '1. januar trer loven i kraft',
    '16. – 17. februar',
    '2\tUtarbeide uttalelse\tTone Fjeldstad\t02.05.2025',
    'Saker',
    'PS 3 Budsjett uten saksår',
  ])('rejects "%s"', (text) => {
    expect(heading(text)).toBeNull();
  });

  describe('placeHeading', () => {
    const items = [
      { number: 1, title: 'Godkjenning av innkalling' },
      { number: 2, title: 'Godkjenning av referat' },
      { number: 3, title: 'Diskusjon om strategi' },
      { number: 4, title: 'Handlingsprogram 2024' },
    ];
    it('accepts the next number and rejects a quoted list inside an item', () => {
      expect(placeHeading(items, 4, { number: 5, title: 'Orienteringer', lastIndex: 0 }, false)).toEqual({
        action: 'new',
      });
      expect(
        placeHeading(
          items,
          4,
          { number: 3, title: 'Konkurransekraft og attraktivitet', lastIndex: 0 },
          false,
        ),
      ).toEqual({ action: 'reject' });
      expect(placeHeading(items, 4, { number: 40, title: 'Noe', lastIndex: 0 }, false)).toEqual({
        action: 'reject',
      });
    });

    it('returns to an item listed earlier in an agenda', () => {
      expect(
        placeHeading(items, 4, { number: 1, title: 'Godkjenning av innkalling', lastIndex: 0 }, false),
      ).toEqual({ action: 'revisit', index: 0 });
      expect(placeHeading(items, 1, { number: 2, title: 'Referat', lastIndex: 0 }, true)).toEqual({
        action: 'revisit',
        index: 1,
      });
    });
  });

  it('categorises items by title', () => {
    expect(categoriseItem('Godkjenning av referat fra møtet 19.01.23')).toBe('approve-minutes');
    expect(categoriseItem('GODKJENNING AV INNKALLING OG DAGSORDEN')).toBe('approve-notice');
    expect(categoriseItem('RUNDE RUNDT BORDET')).toBe('round');
    expect(categoriseItem('Eventuelt')).toBe('aob');
    expect(categoriseItem('Orienteringer fra sekretariatet')).toBe('information');
    expect(categoriseItem('Budsjett 2026')).toBe('matter');
  });
});
