/**
 * The time as `Date.prototype.toISOString` writes it, for the moments every write stamps (a command's `now`, an
 * event's `created_at`). `toISOString` formats through V8's printf: about 8,400 instructions a call, more than
 * the rest of stamping an event (bench/README.md, 2026-12-03 12:00). Here the text up to the second is made
 * once a second and the milliseconds are added to it: about 450.
 */
let second = Number.NaN;
let upToSecond = '';

/** `new Date(ms).toISOString()`, the same text for every time a `Date` can hold. */
export function isoTime(ms: number): string {
  const atSecond = Math.floor(ms / 1000) * 1000;
  if (atSecond !== second) {
    // Everything but the milliseconds and the `Z`, whatever the year's width ("+010000-…").
    upToSecond = new Date(atSecond).toISOString().slice(0, -4);
    second = atSecond;
  }
  const millis = ms - atSecond;
  return `${upToSecond}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

/** `new Date().toISOString()`. */
export const isoNow = (): string => isoTime(Date.now());
