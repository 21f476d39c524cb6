import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { besideStore } from '@tilneste/config';
import { ownerOnlyFile } from '@tilneste/event-store';

export type LinkAction = 'done' | 'progress';

export interface LinkClaims {
  action: LinkAction;
  commitmentId: string;
  /** The recipient: the command is recorded with them as the actor. */
  personId: string;
  meetingId: string;
  /** The reminder that carried the link (its offset before the meeting and the meeting's version). */
  offset: string;
  version: number;
  /** Epoch milliseconds: when the e-mail was composed; anything that moves the item after this ends the link. */
  issuedAt: number;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export type LinkVerification =
  { ok: true; claims: LinkClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest();

/** A URL-safe token `<payload>.<HMAC-SHA256>`; nobody without the secret can make or change one. */
export function signLink(claims: LinkClaims, secret: string): string {
  const payload = Buffer.from(
    JSON.stringify({
      a: claims.action,
      c: claims.commitmentId,
      p: claims.personId,
      m: claims.meetingId,
      o: claims.offset,
      v: claims.version,
      i: claims.issuedAt,
      x: claims.expiresAt,
    }),
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
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad-signature' };
  const claims = parseClaims(payload);
  if (!claims) return { ok: false, reason: 'malformed' };
  if (claims.expiresAt <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

/**
 * The person a link was made for when it was made with this secret, expired or not: the language its pages
 * speak is theirs. (At the epoch no link has expired yet.)
 */
export function linkRecipient(token: string, secret: string): string | null {
  const verified = verifyLink(token, secret, new Date(0));
  return verified.ok ? verified.claims.personId : null;
}

/** A short, stable name for one link, recorded as the cause of what it did (so a progress link works once). */
export const linkId = (token: string): string =>
  `link-${createHash('sha256').update(token).digest('base64url').slice(0, 22)}`;

function parseClaims(payload: string): LinkClaims | null {
  try {
    const raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { a, c, p, m, o, v, i, x } = raw;
    if (
      (a !== 'done' && a !== 'progress') ||
      typeof c !== 'string' ||
      typeof p !== 'string' ||
      typeof m !== 'string'
    )
      return null;
    if (typeof o !== 'string' || typeof v !== 'number' || typeof i !== 'number' || typeof x !== 'number')
      return null;
    return {
      action: a,
      commitmentId: c,
      personId: p,
      meetingId: m,
      offset: o,
      version: v,
      issuedAt: i,
      expiresAt: x,
    };
  } catch {
    return null;
  }
}

/**
 * The key that signs e-mail links: TILNESTE_LINK_SECRET, a secret of its own (required in production).
 * In development without one, a random key is made once and kept owner-only beside the store, so the API
 * and a separate worker agree and links survive a restart. Never derived from another secret.
 */
export function linkSecretFrom(config: {
  TILNESTE_LINK_SECRET?: string;
  SQLITE_PATH?: string;
  NODE_ENV?: string;
}): string {
  if (config.TILNESTE_LINK_SECRET) return config.TILNESTE_LINK_SECRET;
  if (config.NODE_ENV === 'production' || !config.SQLITE_PATH)
    throw new Error('TILNESTE_LINK_SECRET is required when NODE_ENV=production');
  const file = besideStore(config.SQLITE_PATH, 'link.key');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
  }
  ownerOnlyFile(file);
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/** Where a link token is opened: `<public url>/api/links/<token>`. */
export const linkUrl = (publicUrl: string, token: string) =>
  `${publicUrl.replace(/\/+$/, '')}/api/links/${token}`;

/** What is known now about the item and reminders a link came with. */
export interface LinkFacts {
  meetingStatus: 'scheduled' | 'held' | 'cancelled' | undefined;
  /** Reminders for the link's meeting and person that went out (any version and offset). */
  sent: { offset: string; version: number }[];
  /** When (epoch ms) the commitment was reassigned, had its due date changed, or was carried over. */
  movedAt: number[];
  /** Whether something was already recorded through this very link. */
  usedByThisLink: boolean;
}

export type LinkStanding = 'live' | 'superseded' | 'used';

/**
 * Whether a verified link may still act. It stops once its meeting is held or cancelled, once the item
 * moved on after the e-mail was composed (also when reassigned and back), once a newer reminder for that
 * meeting reached the same person, and, for progress, once it has been used.
 */
export function linkStanding(
  claims: LinkClaims,
  facts: LinkFacts,
  offsetMs: (offset: string) => number,
): LinkStanding {
  if (facts.meetingStatus !== 'scheduled') return 'superseded';
  if (facts.movedAt.some((at) => at > claims.issuedAt)) return 'superseded';
  const mine = offsetMs(claims.offset);
  const newer = facts.sent.some(
    (r) => r.version > claims.version || (r.version === claims.version && offsetMs(r.offset) < mine),
  );
  if (newer) return 'superseded';
  if (claims.action === 'progress' && facts.usedByThisLink) return 'used';
  return 'live';
}
