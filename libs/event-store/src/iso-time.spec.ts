import { isoNow, isoTime } from './iso-time';

describe('isoTime', () => {
  it('writes the text toISOString writes, across seconds, milliseconds and years', () => {
    const times = [
      0,
      1,
      9,
      10,
      99,
      100,
      999,
      1000,
      1_764_763_199_999, // the last millisecond of a second, then the next second
      1_764_763_200_000,
      1_764_763_200_007,
      Date.UTC(2028, 1, 29, 23, 59, 59, 990), // a leap day
      Date.UTC(1969, 11, 31, 23, 59, 59, 5), // before 1970: the second is below the time
      -1,
      Date.UTC(10_000, 0, 1, 0, 0, 0, 42), // a year of six digits, "+010000"
      8.64e15, // the last time a Date can hold
    ];
    for (const ms of times) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
  });

  it('gives a later time in the same second its own milliseconds', () => {
    expect(isoTime(1_764_763_200_001)).toBe('2025-12-03T12:00:00.001Z');
    expect(isoTime(1_764_763_200_250)).toBe('2025-12-03T12:00:00.250Z');
    expect(isoTime(1_764_763_201_250)).toBe('2025-12-03T12:00:01.250Z');
  });

  it('isoNow is the clock now', () => {
    jest.useFakeTimers({ now: Date.UTC(2026, 11, 3, 12, 30, 15, 7) });
    try {
      expect(isoNow()).toBe('2026-12-03T12:30:15.007Z');
    } finally {
      jest.useRealTimers();
    }
  });
});
