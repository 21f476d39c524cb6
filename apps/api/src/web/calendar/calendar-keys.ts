import { createHmac, timingSafeEqual } from 'node:crypto';

/** The calendar secret: configured, or derived from the admin token (with its own label) so every process agrees. */
export function calendarSecretFrom(config: {
  TILNESTE_CALENDAR_SECRET?: string;
  TILNESTE_ADMIN_TOKEN?: string;
}): string {
  if (config.TILNESTE_CALENDAR_SECRET) return config.TILNESTE_CALENDAR_SECRET;
  return createHmac('sha256', config.TILNESTE_ADMIN_TOKEN ?? 'tilneste')
    .update('tilneste-calendar-feeds')
    .digest('hex');
}

const mac = (secret: string, personId: string, generation: number) =>
  createHmac('sha256', secret).update(`calendar:${personId}:${generation}`).digest();

/**
 * A person's calendar key: `<person id>.<HMAC of the id and their key generation>`. Nothing is stored:
 * a reset raises the generation (an event), and every URL made with the old one stops matching.
 */
export function calendarKey(secret: string, personId: string, generation: number): string {
  return `${Buffer.from(personId).toString('base64url')}.${mac(secret, personId, generation).toString('base64url')}`;
}

/** The person whose key this is, when it matches their current generation; null for anything else. */
export function verifyCalendarKey(
  key: string,
  secret: string,
  generationOf: (personId: string) => number | undefined,
): string | null {
  const match = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/.exec(key);
  if (!match) return null;
  const personId = Buffer.from(match[1], 'base64url').toString('utf8');
  const generation = generationOf(personId);
  if (generation === undefined) return null;
  const given = Buffer.from(match[2], 'base64url');
  const expected = mac(secret, personId, generation);
  return given.length === expected.length && timingSafeEqual(given, expected) ? personId : null;
}

const base = (publicUrl: string) => publicUrl.replace(/\/+$/, '');

/** The secret URLs a calendar app subscribes to; they work without a login. */
export const calendarUrls = {
  person: (publicUrl: string, personId: string, key: string) =>
    `${base(publicUrl)}/kalender/personer/${encodeURIComponent(personId)}/${key}.ics`,
  group: (publicUrl: string, groupId: string, key: string) =>
    `${base(publicUrl)}/kalender/grupper/${encodeURIComponent(groupId)}/${key}.ics`,
};
