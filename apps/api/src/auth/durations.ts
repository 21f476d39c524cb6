import { durationToMs, parseIsoDuration } from '@tilneste/groups';

/** An ISO 8601 duration from the configuration (already validated) in milliseconds. */
export const isoMs = (value: string): number => durationToMs(parseIsoDuration(value)!);
