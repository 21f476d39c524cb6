import { wallClock, zonedInstant, zoneOffsetMs } from './zoned-time';

/** Straight from Intl, uncached: what the cached lookups must agree with. */
function intlWallClock(instantMs: number, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(instantMs))
      .map((p) => [p.type, Number(p.value)]),
  );
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

describe('zoned time', () => {
  const minute = 60_000;
  // Six hours either side of a change, every 7 minutes and 13 seconds (so no step lands on a quarter hour).
  const around = (iso: string) =>
    Array.from({ length: 100 }, (_, i) => Date.parse(iso) - 6 * 60 * minute + i * (7 * minute + 13_000));

  it.each([
    ['Europe/Oslo', '2026-03-29T01:00:00Z'],
    ['Europe/Oslo', '2026-10-25T01:00:00Z'],
    ['Asia/Kathmandu', '2026-06-01T00:00:00Z'],
    // Lord Howe moves its clocks by half an hour.
    ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
    ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
  ])('agrees with Intl in %s around %s', (zone, iso) => {
    for (const instant of around(iso)) expect(wallClock(instant, zone)).toEqual(intlWallClock(instant, zone));
  });

  it('knows Oslo is one hour ahead in winter and two in summer, changing on the hour', () => {
    expect(zoneOffsetMs(Date.parse('2026-03-29T00:59:59Z'), 'Europe/Oslo')).toBe(60 * minute);
    expect(zoneOffsetMs(Date.parse('2026-03-29T01:00:00Z'), 'Europe/Oslo')).toBe(120 * minute);
  });

  it('finds the instant of a local time on either side of a change', () => {
    expect(new Date(zonedInstant(2026, 3, 28, 10, 'Europe/Oslo')).toISOString()).toBe(
      '2026-03-28T09:00:00.000Z',
    );
    expect(new Date(zonedInstant(2026, 3, 30, 10, 'Europe/Oslo')).toISOString()).toBe(
      '2026-03-30T08:00:00.000Z',
    );
  });
});
