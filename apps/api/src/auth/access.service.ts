import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import {
  decide,
  sameSecret,
  type Action,
  type Actions,
  type Principal,
  type Resource,
  type SqliteAuthStore,
} from '@tilneste/access';
import type { Config } from '@tilneste/config';
import { CONFIG } from '@tilneste/event-sourcing';
import { ReadModelHost } from '@tilneste/projections';
import { ForbiddenError, UnauthorizedError } from '../http/auth.errors';
import { AUTH_STORE } from './auth.tokens';
import { membershipsOf } from './resources';

/** What a request carries once its credentials are checked; `via` says which kind. */
export type Authenticated = Principal & {
  via: 'admin-token' | 'read-token' | 'personal-token' | 'session';
  sessionId?: string;
  csrfToken?: string;
};

export type AuthenticatedRequest = Request & { actor?: Principal['actor']; principal?: Authenticated | null };

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who is asking, and may they: resolves the admin token, the read token, a personal API token or the
 * session cookie into a principal, and asks the access policy. The guard uses it for every route; a page
 * controller may use `principalOf` and `check` itself.
 */
@Injectable()
export class AccessService {
  readonly cookieName: string;
  private readonly secureCookie: boolean;
  /** The configured tokens' digests, worked out once: a bearer request then hashes only what it brought. */
  private readonly adminDigest: Buffer;
  private readonly readDigest: Buffer | undefined;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(AUTH_STORE) private readonly store: SqliteAuthStore,
    private readonly readModels: ReadModelHost,
  ) {
    this.secureCookie = config.PUBLIC_URL.startsWith('https:');
    // `__Host-` binds the cookie to this exact origin and path, where browsers allow it (https only).
    this.cookieName = this.secureCookie ? '__Host-tilneste' : 'tilneste_session';
    this.adminDigest = digest(config.TILNESTE_ADMIN_TOKEN!);
    this.readDigest = config.TILNESTE_READ_TOKEN ? digest(config.TILNESTE_READ_TOKEN) : undefined;
  }

  /**
   * The request's principal, or null without credentials. A bad bearer token or a dead session cookie on a
   * route that needs one is the caller's 401; a cookie-authenticated write without its CSRF token is a 403.
   */
  principalOf(req: AuthenticatedRequest): Authenticated | null {
    if (req.principal !== undefined) return req.principal;
    const principal = this.resolve(req);
    req.principal = principal;
    if (principal) req.actor = principal.actor;
    return principal;
  }

  /** The principal, or 401. */
  require(req: AuthenticatedRequest): Authenticated {
    const principal = this.principalOf(req);
    if (!principal) throw new UnauthorizedError();
    return principal;
  }

  decide<A extends Action>(principal: Principal, action: A, resource: Resource & { kind: Actions[A] }) {
    return decide(principal, action, resource);
  }

  /** Asks the policy and throws 403 with its reason when denied. */
  check<A extends Action>(principal: Principal, action: A, resource: Resource & { kind: Actions[A] }): void {
    const decision = decide(principal, action, resource);
    if (!decision.allow) throw new ForbiddenError(decision.reason);
  }

  /** A person's principal, as a session or a personal token gives it. */
  personPrincipal(personId: string): Principal {
    return {
      actor: { kind: 'person', id: personId },
      admin: this.store.isAdmin(personId),
      readsAll: false,
      personId,
      roles: membershipsOf(this.readModels.catalog).get(personId) ?? new Map(),
    };
  }

  setSessionCookie(res: Response, sessionId: string, maxAgeMs: number): void {
    res.append('Set-Cookie', this.cookie(sessionId, Math.floor(maxAgeMs / 1000)));
  }

  clearSessionCookie(res: Response): void {
    res.append('Set-Cookie', this.cookie('', 0));
  }

  private cookie(value: string, maxAge: number): string {
    return serializeCookie(this.cookieName, value, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secureCookie,
      path: '/',
      maxAge,
    });
  }

  private resolve(req: AuthenticatedRequest): Authenticated | null {
    const authorization = req.headers.authorization;
    if (authorization) return this.fromBearer(authorization);
    const sessionId = this.sessionIdOf(req);
    if (sessionId === undefined) return null;
    const session = this.store.session(sessionId, Date.now());
    if (!session || !this.readModels.catalog.people.has(session.personId)) throw new UnauthorizedError();
    if (!SAFE.has(req.method)) {
      const given = csrfTokenOf(req);
      if (given === undefined || !sameSecret(given, session.csrfToken))
        throw new ForbiddenError(CSRF_MISSING);
      // The form field has done its work; the command schemas never see it.
      if (typeof req.body === 'object' && req.body !== null)
        delete (req.body as Record<string, unknown>)._csrf;
    }
    return {
      ...this.personPrincipal(session.personId),
      via: 'session',
      sessionId,
      csrfToken: session.csrfToken,
    };
  }

  sessionIdOf(req: Request): string | undefined {
    const header = req.headers.cookie;
    if (!header) return undefined;
    const value = parseCookies(header)[this.cookieName];
    return value ? value : undefined;
  }

  private fromBearer(header: string): Authenticated {
    const token = /^Bearer[ \t]+(\S{1,500})[ \t]*$/i.exec(header)?.[1];
    if (!token) throw new UnauthorizedError();
    // Digests of equal length are compared, so neither a token's length nor a stray byte matters.
    const given = digest(token);
    if (timingSafeEqual(given, this.adminDigest)) {
      return {
        actor: { kind: 'client', id: 'admin' },
        admin: true,
        readsAll: false,
        personId: null,
        roles: new Map(),
        via: 'admin-token',
      };
    }
    if (this.readDigest && timingSafeEqual(given, this.readDigest)) {
      return {
        actor: { kind: 'client', id: 'reader' },
        admin: false,
        readsAll: true,
        personId: null,
        roles: new Map(),
        via: 'read-token',
      };
    }
    if (token.startsWith('tn_')) {
      const personId = this.store.personOfToken(token, Date.now());
      if (personId && this.readModels.catalog.people.has(personId))
        return { ...this.personPrincipal(personId), via: 'personal-token' };
    }
    throw new UnauthorizedError();
  }
}

const digest = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

const CSRF_MISSING = 'mangler CSRF-token (missing CSRF token: send X-CSRF-Token or the form field _csrf)';

function csrfTokenOf(req: Request): string | undefined {
  const header = req.headers['x-csrf-token'];
  if (typeof header === 'string' && header) return header;
  const field =
    typeof req.body === 'object' && req.body !== null
      ? (req.body as Record<string, unknown>)._csrf
      : undefined;
  return typeof field === 'string' && field ? field : undefined;
}
