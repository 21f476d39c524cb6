import { durationToMs, parseIsoDuration } from '@tilneste/groups';

/** Day offsets are sent at this local hour, so "a week before" reads the same in summer and winter. */
export const REMINDER_LOCAL_HOUR = 9;

const partsFormat = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormat.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormat.set(timeZone, format);
  }
  return format;
}

/** The wall-clock fields of an instant in a time zone. */
export function wallClock(instantMs: number, timeZone: string) {
  const parts = Object.fromEntries(formatFor(timeZone).formatToParts(new Date(instantMs)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (Oslo: 1 h in winter, 2 h in summer). */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const w = wallClock(instantMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The instant a local wall-clock time in a zone happens (the zone's offset is looked up on that date). */
export function zonedInstant(year: number, month: number, day: number, hour: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour);
  const first = guess - zoneOffsetMs(guess, timeZone);
  const second = guess - zoneOffsetMs(first, timeZone);
  return second;
}

/**
 * When a reminder `offset` before a meeting is sent. Whole-day offsets (`P7D`, `P1W`) go at 09:00
 * local time that many calendar days before the meeting's local date, so daylight saving never shifts
 * them; anything with hours, minutes or seconds (`PT30S`, `P1DT12H`) is exact. Null for a bad offset.
 */
export function reminderSendTime(startsAt: string, offset: string, timeZone = 'Europe/Oslo'): Date | null {
  const duration = parseIsoDuration(offset);
  const start = Date.parse(startsAt);
  if (!duration || Number.isNaN(start)) return null;
  const wholeDays = duration.days > 0 && duration.hours === 0 && duration.minutes === 0 && duration.seconds === 0;
  if (!wholeDays) return new Date(start - durationToMs(duration));
  const local = wallClock(start, timeZone);
  const day = new Date(Date.UTC(local.year, local.month - 1, local.day - duration.days));
  return new Date(
    zonedInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), REMINDER_LOCAL_HOUR, timeZone),
  );
}
