import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { besideStore } from '@tilneste/config';
import { ownerOnlyFile } from '@tilneste/event-store';

export type LinkAction = 'done' | 'progress' | 'status';

/** What every link says, whatever it does: for whom, from which reminder, and until when. */
export interface LinkBasis {
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

/** A link for one of the recipient's items: mark it done, or report progress on it. */
export interface CommitmentLinkClaims extends LinkBasis {
  action: 'done' | 'progress';
  commitmentId: string;
}

/** A link for a working group the recipient leads: report its status (as often as needed, until it expires). */
export interface StatusLinkClaims extends LinkBasis {
  action: 'status';
  workingGroupId: string;
}

export type LinkClaims = CommitmentLinkClaims | StatusLinkClaims;

export type LinkVerification =
  { ok: true; claims: LinkClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest();

/** A URL-safe token `<payload>.<HMAC-SHA256>`; nobody without the secret can make or change one. */
export function signLink(claims: LinkClaims, secret: string): string {
  // An item link's payload keeps the shape and order it always had; a status link names `w` instead of `c`.
  const subject =
    claims.action === 'status'
      ? { a: claims.action, w: claims.workingGroupId }
      : { a: claims.action, c: claims.commitmentId };
  const payload = Buffer.from(
    JSON.stringify({
      ...subject,
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

/**
 * The claims of a payload whose signature held. An item link (`done`, `progress`) names a commitment `c` and no
 * working group; a status link names a working group `w` and no commitment; anything else is malformed.
 */
function parseClaims(payload: string): LinkClaims | null {
  try {
    const raw: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
    const { a, c, w, p, m, o, v, i, x } = raw as Record<string, unknown>;
    if (typeof p !== 'string' || typeof m !== 'string') return null;
    if (typeof o !== 'string' || typeof v !== 'number' || typeof i !== 'number' || typeof x !== 'number')
      return null;
    const basis: LinkBasis = {
      personId: p,
      meetingId: m,
      offset: o,
      version: v,
      issuedAt: i,
      expiresAt: x,
    };
    if ((a === 'done' || a === 'progress') && typeof c === 'string' && w === undefined)
      return { action: a, commitmentId: c, ...basis };
    if (a === 'status' && typeof w === 'string' && c === undefined)
      return { action: a, workingGroupId: w, ...basis };
    return null;
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
 * Whether a verified item link may still act. It stops once its meeting is held or cancelled, once the item
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

/** A working group as a status link's rules see it, from its own stream; undefined when none was formed. */
export type StatusLinkSubject = { dissolved: boolean; leadPersonId: string | null } | undefined;

export type StatusLinkStanding = 'live' | 'not-found' | 'dissolved' | 'lead-changed';

/**
 * Whether a verified status link may still report: while its working group lasts and the link's person still
 * leads it. Unlike an item link it is neither used up nor superseded by a later reminder: a lead may correct a
 * report until the link expires.
 */
export function statusLinkStanding(claims: StatusLinkClaims, subject: StatusLinkSubject): StatusLinkStanding {
  if (!subject) return 'not-found';
  if (subject.dissolved) return 'dissolved';
  if (subject.leadPersonId !== claims.personId) return 'lead-changed';
  return 'live';
}
