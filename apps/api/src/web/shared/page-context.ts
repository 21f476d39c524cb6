import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { decide, type Action, type Actions, type Principal, type Resource } from '@tilneste/access';
import type { Actor } from '@tilneste/domain-kit';
import { DEFAULT_LANGUAGE, isLanguage, messagesFor, type Language, type Messages } from '@tilneste/i18n';

export const LANGUAGE_COOKIE = 'tilneste_lang';
const YEAR_SECONDS = 365 * 24 * 3600;

/** Who is reading, as the layout names them. */
export interface Viewer {
  actor: Actor;
  name: string | null;
}

/** The policy's question, asked for the reader of a page. */
export type May = <A extends Action>(action: A, resource: Resource & { kind: Actions[A] }) => boolean;

/** `may` for a principal; nobody (a page read without signing in) may do anything. */
export function mayFor(principal: Principal | null | undefined): May {
  return (action, resource) => !!principal && decide(principal, action, resource).allow;
}

/** What every view gets besides its data: the reader's language and the path it was asked for. */
export interface PageContext {
  lang: Language;
  m: Messages;
  /** The request path (no query), for the language link. */
  path: string;
  viewer: Viewer | null;
  /**
   * The session's CSRF token, sent back by every form as `_csrf`. Null while pages are read with a bearer
   * token (no cookie, so nothing to forge); sign-in with a session sets it here.
   */
  csrfToken: string | null;
  /**
   * Whether the reader may do an action on a resource, by the one access policy (`decide`): what a view asks
   * before it shows a link or a form. Links and forms only; every route asks the policy itself.
   */
  may: May;
  /** A fresh key for one rendering of a form (see `form-key.ts`); absent where no form is posted (specs). */
  formKey?: () => string;
}

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * `?lang=en` wins and is remembered in a cookie; then the cookie; then `fallback`: bokmål, or on the pages a
 * reminder's links open, the language the person chose for their e-mails (never remembered in the cookie).
 */
export function pageLanguage(req: Request, res?: Response, fallback: Language = DEFAULT_LANGUAGE): Language {
  const asked = req.query?.lang;
  if (isLanguage(asked)) {
    res?.cookie(LANGUAGE_COOKIE, asked, {
      path: '/',
      maxAge: YEAR_SECONDS * 1000,
      sameSite: 'lax',
      httpOnly: true,
    });
    return asked;
  }
  return askedLanguage(req) ?? fallback;
}

/** The language the reader asked for, by `?lang` or its cookie; null when they asked for none. */
export function askedLanguage(req: Request): Language | null {
  const asked = req.query?.lang;
  if (isLanguage(asked)) return asked;
  const remembered = cookie(req, LANGUAGE_COOKIE);
  return isLanguage(remembered) ? remembered : null;
}

/**
 * The one place pages learn who is reading: the auth guard puts the actor of the bearer token or the
 * session cookie on the request.
 */
export function pageActor(req: Request): Actor | undefined {
  return (req as Request & { actor?: Actor }).actor;
}

/**
 * The path as a link on this site: leading slashes and backslashes become one slash, so a request for
 * `//elsewhere.example/x` (which the 404 page answers) is never linked to as another host.
 */
export const localPath = (path: string): string => path.replace(/^[/\\]+/, '/');

export function pageContext(
  req: Request,
  res: Response | undefined,
  viewerName: (actor: Actor) => string | null,
  fallback?: Language,
): PageContext {
  const lang = pageLanguage(req, res, fallback);
  const actor = pageActor(req);
  return {
    lang,
    m: messagesFor(lang),
    path: localPath(req.path),
    viewer: actor ? { actor, name: viewerName(actor) } : null,
    // Set by the auth guard when the page was read with the session cookie.
    csrfToken: (req as Request & { principal?: { csrfToken?: string } | null }).principal?.csrfToken ?? null,
    may: mayFor((req as Request & { principal?: Principal | null }).principal),
    formKey: () => randomUUID(),
  };
}
