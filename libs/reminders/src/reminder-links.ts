import { createHmac, timingSafeEqual } from 'node:crypto';

export type LinkAction = 'done' | 'progress';

export interface LinkClaims {
  action: LinkAction;
  commitmentId: string;
  /** The recipient: the command is recorded with them as the actor. */
  personId: string;
  meetingId: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export type LinkVerification =
  | { ok: true; claims: LinkClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest();

/** A URL-safe token `<payload>.<HMAC-SHA256>`; nobody without the secret can make or change one. */
export function signLink(claims: LinkClaims, secret: string): string {
  const payload = Buffer.from(
    JSON.stringify({ a: claims.action, c: claims.commitmentId, p: claims.personId, m: claims.meetingId, x: claims.expiresAt }),
  ).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** Checks the signature in constant time first, then the expiry; never trusts the payload before that. */
export function verifyLink(token: string, secret: string, now: Date): LinkVerification {
  const match = /^([A-Za-z0-9_-]{1,2000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, payload, signature] = match;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  const claims = parseClaims(payload);
  if (!claims) return { ok: false, reason: 'malformed' };
  if (claims.expiresAt <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

function parseClaims(payload: string): LinkClaims | null {
  try {
    const raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { a, c, p, m, x } = raw;
    if ((a !== 'done' && a !== 'progress') || typeof c !== 'string' || typeof p !== 'string' || typeof m !== 'string') return null;
    if (typeof x !== 'number') return null;
    return { action: a, commitmentId: c, personId: p, meetingId: m, expiresAt: x };
  } catch {
    return null;
  }
}

/** The link secret: configured, or derived from the admin token so the API and the worker agree. */
export function linkSecretFrom(config: { TILNESTE_LINK_SECRET?: string; TILNESTE_ADMIN_TOKEN?: string }): string {
  if (config.TILNESTE_LINK_SECRET) return config.TILNESTE_LINK_SECRET;
  return createHmac('sha256', config.TILNESTE_ADMIN_TOKEN ?? 'tilneste').update('tilneste-email-links').digest('hex');
}

/** Where a link token is opened: `<public url>/api/links/<token>`. */
export const linkUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/+$/, '')}/api/links/${token}`;
