import Database from 'better-sqlite3';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { ownerOnlyFile } from '@tilneste/event-store';

/** SHA-256 of a secret, hex: what is stored instead of the secret. */
export const digest = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/** Compares two secrets of any length and content in constant time, as fixed-length digests. */
export function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a, 'utf8').digest();
  const y = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(x, y);
}

/** A fresh secret, 256 bits, URL-safe. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

export interface Session {
  personId: string;
  csrfToken: string;
  expiresAt: number;
}

export interface PersonalToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export type LinkUse = { ok: true; personId: string } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sign_in_links (
  token_hash TEXT PRIMARY KEY, person_id TEXT NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER
);
CREATE TABLE IF NOT EXISTS sessions (
  id_hash TEXT PRIMARY KEY, person_id TEXT NOT NULL, csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_by_person ON sessions(person_id);
CREATE TABLE IF NOT EXISTS api_tokens (
  id TEXT PRIMARY KEY, person_id TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  created_at INTEGER NOT NULL, last_used_at INTEGER, revoked_at INTEGER
);
CREATE INDEX IF NOT EXISTS api_tokens_by_person ON api_tokens(person_id);
CREATE TABLE IF NOT EXISTS admins (person_id TEXT PRIMARY KEY, granted_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS oidc_flows (
  state_hash TEXT PRIMARY KEY, code_verifier TEXT NOT NULL, nonce TEXT NOT NULL, expires_at INTEGER NOT NULL,
  return_path TEXT
);
`;

/** An OpenID Connect sign-in under way, kept here until the provider sends the browser back. */
export interface OidcFlow {
  codeVerifier: string;
  nonce: string;
  /** The page to go on to once signed in, as the start of the flow was given it; null for the start page. */
  returnPath: string | null;
}

/**
 * Sign-in links, sessions, personal API tokens and admin grants, in a SQLite file of their own (created
 * owner-only). Secrets are stored only as SHA-256 digests: a copy of the file opens nothing.
 */
export class SqliteAuthStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    ownerOnlyFile(path);
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    // A file from before a flow kept its return path: the column is added, the flows under way kept.
    const flowColumns = (this.db.pragma('table_info(oidc_flows)') as { name: string }[]).map((c) => c.name);
    if (!flowColumns.includes('return_path'))
      this.db.exec('ALTER TABLE oidc_flows ADD COLUMN return_path TEXT');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** A new single-use sign-in link for a person; returns the secret to put in the URL. */
  createSignInLink(personId: string, now: number, ttlMs: number): string {
    const token = newSecret();
    this.db.prepare('DELETE FROM sign_in_links WHERE expires_at < ?').run(now - 86_400_000);
    this.db
      .prepare('INSERT INTO sign_in_links (token_hash, person_id, expires_at) VALUES (?, ?, ?)')
      .run(digest(token), personId, now + ttlMs);
    return token;
  }

  /** What a link would do, without using it (the GET of the page). */
  peekSignInLink(token: string, now: number): LinkUse {
    const row = this.db
      .prepare<[string], { person_id: string; expires_at: number; used_at: number | null }>(
        'SELECT person_id, expires_at, used_at FROM sign_in_links WHERE token_hash = ?',
      )
      .get(digest(token));
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.used_at !== null) return { ok: false, reason: 'used' };
    if (row.expires_at <= now) return { ok: false, reason: 'expired' };
    return { ok: true, personId: row.person_id };
  }

  /** Uses a link once: of two racing uses, one wins. */
  useSignInLink(token: string, now: number): LinkUse {
    const hash = digest(token);
    const used = this.db
      .prepare(
        'UPDATE sign_in_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
      )
      .run(now, hash, now);
    if (used.changes === 1) return this.personOfLink(hash);
    return this.peekSignInLink(token, now).ok
      ? { ok: false, reason: 'used' }
      : this.peekSignInLink(token, now);
  }

  private personOfLink(hash: string): LinkUse {
    const row = this.db
      .prepare<[string], { person_id: string }>('SELECT person_id FROM sign_in_links WHERE token_hash = ?')
      .get(hash)!;
    return { ok: true, personId: row.person_id };
  }

  /** Opens a session; returns its id (the cookie value) and the CSRF token that goes with it. */
  createSession(personId: string, now: number, ttlMs: number): { sessionId: string; csrfToken: string } {
    const sessionId = newSecret();
    const csrfToken = newSecret();
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
    this.db
      .prepare(
        'INSERT INTO sessions (id_hash, person_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(digest(sessionId), personId, csrfToken, now, now + ttlMs);
    return { sessionId, csrfToken };
  }

  session(sessionId: string, now: number): Session | undefined {
    const row = this.db
      .prepare<[string, number], { person_id: string; csrf_token: string; expires_at: number }>(
        'SELECT person_id, csrf_token, expires_at FROM sessions WHERE id_hash = ? AND expires_at > ?',
      )
      .get(digest(sessionId), now);
    return row
      ? { personId: row.person_id, csrfToken: row.csrf_token, expiresAt: row.expires_at }
      : undefined;
  }

  endSession(sessionId: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(digest(sessionId));
  }

  /** Ends every session and revokes every token of a person (used on erasure). */
  forgetPerson(personId: string, now: number): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sessions WHERE person_id = ?').run(personId);
      this.db.prepare('DELETE FROM sign_in_links WHERE person_id = ?').run(personId);
      this.db
        .prepare('UPDATE api_tokens SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL')
        .run(now, personId);
    })();
  }

  /** A personal API token, `tn_<secret>`; only its digest is kept, so it is shown once. */
  createToken(personId: string, name: string, now: number): { id: string; token: string } {
    const id = randomUUID();
    const token = `tn_${newSecret()}`;
    this.db
      .prepare('INSERT INTO api_tokens (id, person_id, token_hash, name, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, personId, digest(token), name, now);
    return { id, token };
  }

  tokens(personId: string): PersonalToken[] {
    return this.db
      .prepare<[string], { id: string; name: string; created_at: number; last_used_at: number | null }>(
        'SELECT id, name, created_at, last_used_at FROM api_tokens WHERE person_id = ? AND revoked_at IS NULL ORDER BY created_at, id',
      )
      .all(personId)
      .map((r) => ({
        id: r.id,
        name: r.name,
        createdAt: new Date(r.created_at).toISOString(),
        lastUsedAt: r.last_used_at === null ? null : new Date(r.last_used_at).toISOString(),
      }));
  }

  /** True when the person had that token and it is now revoked. */
  revokeToken(personId: string, id: string, now: number): boolean {
    return (
      this.db
        .prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND person_id = ? AND revoked_at IS NULL')
        .run(now, id, personId).changes === 1
    );
  }

  /** The person a personal token belongs to, if it is live. The lookup is by digest, never by the secret. */
  personOfToken(token: string, now: number): string | undefined {
    const hash = digest(token);
    const row = this.db
      .prepare<[string], { id: string; person_id: string; last_used_at: number | null }>(
        'SELECT id, person_id, last_used_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL',
      )
      .get(hash);
    if (!row) return undefined;
    // Written at most once a minute: a busy script should not turn every read into a write.
    if (row.last_used_at === null || now - row.last_used_at > 60_000)
      this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now, row.id);
    return row.person_id;
  }

  /**
   * Keeps an OpenID Connect sign-in's PKCE verifier, nonce and the page to go on to (already checked by the
   * caller, and checked again when taken) until the provider sends the browser back.
   */
  startOidcFlow(state: string, flow: OidcFlow, now: number, ttlMs: number): void {
    this.db.prepare('DELETE FROM oidc_flows WHERE expires_at <= ?').run(now);
    this.db
      .prepare(
        'INSERT INTO oidc_flows (state_hash, code_verifier, nonce, return_path, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(digest(state), flow.codeVerifier, flow.nonce, flow.returnPath, now + ttlMs);
  }

  /** Takes a flow once: a replayed callback finds nothing. */
  takeOidcFlow(state: string, now: number): OidcFlow | undefined {
    return this.db.transaction(() => {
      const hash = digest(state);
      const row = this.db
        .prepare<[string, number], { code_verifier: string; nonce: string; return_path: string | null }>(
          'SELECT code_verifier, nonce, return_path FROM oidc_flows WHERE state_hash = ? AND expires_at > ?',
        )
        .get(hash, now);
      this.db.prepare('DELETE FROM oidc_flows WHERE state_hash = ?').run(hash);
      return row
        ? { codeVerifier: row.code_verifier, nonce: row.nonce, returnPath: row.return_path }
        : undefined;
    })();
  }

  isAdmin(personId: string): boolean {
    return !!this.db.prepare('SELECT 1 FROM admins WHERE person_id = ?').get(personId);
  }

  /** Whether any person holds admin: until one does, the admin token may set up the first. */
  hasAdmin(): boolean {
    return !!this.db.prepare('SELECT 1 FROM admins LIMIT 1').get();
  }

  setAdmin(personId: string, admin: boolean, now: number): void {
    if (admin)
      this.db
        .prepare('INSERT OR IGNORE INTO admins (person_id, granted_at) VALUES (?, ?)')
        .run(personId, now);
    else this.db.prepare('DELETE FROM admins WHERE person_id = ?').run(personId);
  }
}
