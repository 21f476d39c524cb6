import { en, nb } from '@tilneste/i18n';
import { offsetBefore, offsetInWords, offsetsBefore, parseOffsets } from './reminder-offsets';

const isos = (text: string) => {
  const read = parseOffsets(text);
  return read.offsets ? read.offsets.map((o) => o.iso) : { bad: read.bad };
};

describe('times before the meeting on the reminders page', () => {
  it.each([
    ['7 dager, 1 dag, 18 timer', ['P7D', 'P1D', 'PT18H']],
    ['7 days, 18 hours', ['P7D', 'PT18H']],
    ['1 day; 2 hours', ['P1D', 'PT2H']],
    ['7 dager og 1 dag', ['P7D', 'P1D']],
    ['7 days and 1 day', ['P7D', 'P1D']],
    ['7 dager før, 18 timer før møtet', ['P7D', 'PT18H']],
    ['7 days before the meeting', ['P7D']],
    ['1 dag 12 timer', ['P1DT12H']],
    ['2 uker', ['P14D']],
    ['1 week', ['P7D']],
    ['30 minutter', ['PT30M']],
    ['7d, 18t, 2h', ['P7D', 'PT18H', 'PT2H']],
    ['7 Dager\n1 DØGN', ['P7D', 'P1D']],
    ['P7D, PT18H', ['P7D', 'PT18H']],
    ['p7d pt18h', ['P7D', 'PT18H']],
    ['P1DT12H', ['P1DT12H']],
    ['0 dager', ['P0D']],
    ['', []],
    [' , ', []],
  ])('reads %j', (text, expected) => expect(isos(text)).toEqual(expected));

  it.each([
    ['7', '7'],
    ['7 dagr', '7 dagr'],
    ['P7D, om en uke', 'om en uke'],
    ['7 dager, neste uke', 'neste uke'],
    ['P7X', 'P7X'],
    ['P7D P1Y', 'P7D P1Y'],
    ['3 months', '3 months'],
    ['dager 7', 'dager 7'],
    ['7 dager 2', '7 dager 2'],
  ])('refuses %j, quoting %j whole', (text, bad) => expect(isos(text)).toEqual({ bad }));

  it('keeps each time as it was typed, for an error to quote', () => {
    expect(parseOffsets('7 dager, 24 timer').offsets).toEqual([
      { typed: '7 dager', iso: 'P7D' },
      { typed: '24 timer', iso: 'PT24H' },
    ]);
  });

  it('shows a time in words, in bokmål and in English', () => {
    expect(offsetInWords('P7D', nb)).toBe('7 dager');
    expect(offsetInWords('P1D', nb)).toBe('1 dag');
    expect(offsetBefore('PT18H', nb)).toBe('18 timer før');
    expect(offsetBefore('PT1H', nb)).toBe('1 time før');
    expect(offsetBefore('P1DT12H', nb)).toBe('1 dag 12 timer før');
    expect(offsetBefore('P2W', nb)).toBe('14 dager før');
    expect(offsetBefore('PT8S', nb)).toBe('8 sekunder før');
    expect(offsetBefore('P7D', en)).toBe('7 days before');
    expect(offsetBefore('PT1H30M', en)).toBe('1 hour 30 minutes before');
    expect(offsetsBefore(['P7D', 'P1D'], nb)).toBe('7 dager før og 1 dag før');
    expect(offsetsBefore(['P7D', 'P1D', 'PT2H'], en)).toBe('7 days before, 1 day before and 2 hours before');
    expect(offsetInWords('not-iso', nb)).toBe('not-iso');
  });

  it('reads back what it shows, in either language', () => {
    for (const m of [nb, en]) {
      const shown = ['P7D', 'P1D', 'PT18H', 'P1DT12H'].map((o) => offsetInWords(o, m)).join(', ');
      expect(isos(shown)).toEqual(['P7D', 'P1D', 'PT18H', 'P1DT12H']);
    }
  });
});
