import { createHmac, timingSafeEqual } from 'node:crypto';
import { DEFAULT_REMINDER_PREFERENCES, type ReminderPreferences } from '@tilneste/people';
import type { Catalog } from '@tilneste/projections';

/** A person's choice, or what everyone gets until they choose. */
export const preferencesOf = (catalog: Catalog, personId: string): ReminderPreferences =>
  catalog.people.get(personId)?.reminderPreferences ?? DEFAULT_REMINDER_PREFERENCES;

// Its own label: a preferences token can never pass as a mark-done link, nor the other way round.
const mac = (secret: string, personId: string) =>
  createHmac('sha256', secret).update(`reminder-preferences:${personId}`).digest();

/**
 * The token in a person's preferences and unsubscribe URL: `<person id>.<HMAC>`. It does not expire,
 * since List-Unsubscribe must keep working for mail that sits in an inbox.
 */
export function signPreferencesToken(personId: string, secret: string): string {
  return `${Buffer.from(personId).toString('base64url')}.${mac(secret, personId).toString('base64url')}`;
}

/** The person the token names, or null when it was not made with this secret. */
export function verifyPreferencesToken(token: string, secret: string): string | null {
  const match = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const personId = Buffer.from(match[1], 'base64url').toString('utf8');
  const given = Buffer.from(match[2], 'base64url');
  const expected = mac(secret, personId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? personId : null;
}

/** Where a person chooses which reminders they get; also the List-Unsubscribe URL (RFC 8058). */
export const preferencesUrl = (publicUrl: string, personId: string, secret: string) =>
  `${publicUrl.replace(/\/+$/, '')}/varsler/${signPreferencesToken(personId, secret)}`;

/** The headers that mark a reminder as automatic and give mail apps a one-click unsubscribe. */
export function automaticMailHeaders(unsubscribeUrl: string): Record<string, string> {
  return {
    'Auto-Submitted': 'auto-generated',
    // Outlook and Exchange: no out-of-office or other automatic answers to this.
    'X-Auto-Response-Suppress': 'All',
    'List-Unsubscribe': `<${unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
