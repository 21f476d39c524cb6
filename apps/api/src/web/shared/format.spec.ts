import { en, nb } from '@tilneste/i18n';
import { formatShortDate, formatSpan, formatWhen, TEXTS_KEPT } from './format';

describe('dates on the pages', () => {
  it('are written in the reader’s language and the group’s zone, a bare date as that day', () => {
    expect(formatWhen('2026-03-05T08:30:00Z', nb)).toBe('5. mars 2026 kl. 09:30');
    expect(formatWhen('2026-03-05T08:30:00Z', en)).toBe('5 March 2026 at 09:30');
    expect(formatWhen('2026-03-05T08:30:00Z', nb, false)).toBe('5. mars 2026');
    expect(formatWhen('2026-06-19', nb)).toBe('19. juni 2026');
    expect(formatShortDate('2026-03-05T08:30:00Z', nb)).toBe('5. mars 26');
    expect(formatShortDate('2026-03-05T08:30:00Z', en)).toBe('5 Mar 26');
    expect(formatSpan('2026-03-05T09:00:00Z', '2026-03-05T11:00:00Z', nb)).toBe(
      '5. mars 2026 kl. 10:00 – 12:00',
    );
  });

  it('show what is not a date as it is, and nothing for none', () => {
    expect(formatWhen('neste uke', nb)).toBe('neste uke');
    expect(formatShortDate('snart', en)).toBe('snart');
    expect(formatWhen(null, nb)).toBe('');
  });

  // Texts are kept between requests: the same value must still read right in each language and style, also after
  // the kept texts were let go for being too many.
  it('read the same the second time, in each language and style, also after many others', () => {
    const value = '2026-11-30T23:15:00Z';
    const first = [
      formatWhen(value, nb),
      formatWhen(value, en),
      formatWhen(value, nb, false),
      formatShortDate(value, nb),
    ];
    expect(first).toEqual([
      '1. desember 2026 kl. 00:15',
      '1 December 2026 at 00:15',
      '1. desember 2026',
      '1. des. 26',
    ]);
    const start = Date.parse('2000-01-01T00:00:00Z');
    for (let i = 0; i <= TEXTS_KEPT; i++) formatShortDate(new Date(start + i * 60_000).toISOString(), nb);
    expect([
      formatWhen(value, nb),
      formatWhen(value, en),
      formatWhen(value, nb, false),
      formatShortDate(value, nb),
    ]).toEqual(first);
  });
});
