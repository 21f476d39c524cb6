/** A duration as ISO 8601 writes it for reminder offsets; weeks are folded into days. */
export type IsoDuration = { days: number; hours: number; minutes: number; seconds: number };

// Years and months have no fixed length, so only W, D, H, M and S (whole numbers) are read.
const pattern = /^P(?:(\d+)W|(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?)$/;

/**
 * Parses an ISO 8601 duration such as `P7D`, `PT2H`, `P1DT12H` or `P2W`;
 * returns null for anything else, including `P`, `PT`, `P1Y`, `P1M` and fractions.
 */
export function parseIsoDuration(text: string): IsoDuration | null {
  const match = pattern.exec(text);
  if (!match || text === 'P') return null;
  const [, weeks, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  return { days: weeks * 7 + days, hours, minutes, seconds };
}

/** The length of a duration in milliseconds. */
export const durationToMs = ({ days, hours, minutes, seconds }: IsoDuration): number =>
  (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
