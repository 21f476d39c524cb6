import { zonedInstant, wallClock } from '@tilneste/domain-kit';
import { durationToMs, parseIsoDuration } from '@tilneste/groups';

/** Day offsets are sent at this local hour, so "a week before" reads the same in summer and winter. */
export const REMINDER_LOCAL_HOUR = 9;

/**
 * When a reminder `offset` before a meeting is sent. Whole-day offsets (`P7D`, `P1W`) go at 09:00
 * local time that many calendar days before the meeting's local date, so daylight saving never shifts
 * them; anything with hours, minutes or seconds (`PT30S`, `P1DT12H`) is exact. Null for a bad offset.
 */
export function reminderSendTime(startsAt: string, offset: string, timeZone = 'Europe/Oslo'): Date | null {
  const duration = parseIsoDuration(offset);
  const start = Date.parse(startsAt);
  if (!duration || Number.isNaN(start)) return null;
  const wholeDays =
    duration.days > 0 && duration.hours === 0 && duration.minutes === 0 && duration.seconds === 0;
  if (!wholeDays) return new Date(start - durationToMs(duration));
  const local = wallClock(start, timeZone);
  const day = new Date(Date.UTC(local.year, local.month - 1, local.day - duration.days));
  return new Date(
    zonedInstant(
      day.getUTCFullYear(),
      day.getUTCMonth() + 1,
      day.getUTCDate(),
      REMINDER_LOCAL_HOUR,
      timeZone,
    ),
  );
}
