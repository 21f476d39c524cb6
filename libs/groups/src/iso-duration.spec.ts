import { durationToMs, parseIsoDuration } from './iso-duration';

describe('parseIsoDuration', () => {
  it.each([
    ['P7D', { days: 7, hours: 0, minutes: 0, seconds: 0 }],
    ['P1D', { days: 1, hours: 0, minutes: 0, seconds: 0 }],
    ['PT2H', { days: 0, hours: 2, minutes: 0, seconds: 0 }],
    ['PT30S', { days: 0, hours: 0, minutes: 0, seconds: 30 }],
    ['PT45M', { days: 0, hours: 0, minutes: 45, seconds: 0 }],
    ['P1DT12H', { days: 1, hours: 12, minutes: 0, seconds: 0 }],
    ['P1DT2H3M4S', { days: 1, hours: 2, minutes: 3, seconds: 4 }],
    ['P2W', { days: 14, hours: 0, minutes: 0, seconds: 0 }],
    ['P0D', { days: 0, hours: 0, minutes: 0, seconds: 0 }],
  ])('reads %s', (text, expected) => {
    expect(parseIsoDuration(text)).toEqual(expected);
  });

  it.each([
    '',
    'P',
    'PT',
    'P1DT',
    '7D',
    'P1Y',
    'P1M',
    'PT1.5H',
    'P1W2D',
    'p7d',
    'P7D ',
    'P-1D',
    'PT2H1D',
    'one week',
  ])('rejects %p', (text) => {
    expect(parseIsoDuration(text)).toBeNull();
  });
});

describe('durationToMs', () => {
  it('adds up every part', () => {
    expect(durationToMs({ days: 1, hours: 2, minutes: 3, seconds: 4 })).toBe(
      ((24 + 2) * 3600 + 3 * 60 + 4) * 1000,
    );
  });

  it('makes P1D and PT24H equal', () => {
    expect(durationToMs(parseIsoDuration('P1D')!)).toBe(durationToMs(parseIsoDuration('PT24H')!));
  });
});
