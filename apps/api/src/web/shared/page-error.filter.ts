import { ArgumentsHost, Catch, ExceptionFilter, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DEFAULT_LANGUAGE, ruleMessage } from '@tilneste/i18n';
import { ReadModelHost } from '@tilneste/projections';
import { TooManyRequestsError } from '../../auth/rate-limits';
import { movedPerson, toHttpError, type ErrorBody } from '../../http/error.filter';
import { returnPathOf, signInPath } from '../../auth/return-path';
import { errorView, signInRequiredView, type ErrorKind } from './error.view';
import { pageContext, type PageContext } from './page-context';
import { sendPage } from './page-response';
import { viewerName } from './viewer';

function kindOf(status: number): ErrorKind {
  if (status === 404 || status === 410) return 'not-found';
  if (status === 400 || status === 413 || status === 415) return 'bad-request';
  if (status === 429) return 'too-many';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 403) return 'forbidden';
  return 'server';
}

/**
 * Errors on a page get a page: 401 sends a browser to the sign-in page, 404 "not found", 429 says when to try
 * again (with `Retry-After`), never JSON and never 500 for input.
 */
@Injectable()
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');

  constructor(private readonly readModels: ReadModelHost) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = toHttpError(error);
    if (status >= 500) this.logger.error((error as Error)?.stack ?? String(error));
    const moved = movedPerson(status, req, this.readModels);
    if (moved) return res.redirect(303, moved);
    const page = pageContext(req, undefined, viewerName(this.readModels.catalog));
    // Drawn for a post, at an address no page has: the language link (and a reload) goes to the start page.
    if (req.method !== 'GET' && req.method !== 'HEAD') page.path = '/';
    if (status === 401) {
      // A browser is sent to the sign-in page; a script or a calendar app gets the 401 it can act on.
      // Signed in, a page asked for by its address opens after all.
      const back = req.method === 'GET' ? returnPathOf(req.originalUrl) : null;
      if (/text\/html/.test(req.headers.accept ?? '')) return res.redirect(303, signInPath(back));
      return sendPage(res, signInRequiredView(page, back), 401);
    }
    if (error instanceof TooManyRequestsError) {
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
      return sendPage(res, errorView('too-many', page, page.m.errors.retryIn(error.retryAfterSeconds)), 429);
    }
    sendPage(res, errorView(kindOf(status), page, detailOf(status, body, page)), status);
  }
}

/**
 * What went wrong, in the page's language: a broken rule's text from the catalogue. Other input errors
 * carry a message of their own, in bokmål, shown on bokmål pages only, without the English gloss the API's
 * messages end with ("Ugyldig forespørsel (invalid request)").
 */
export function detailOf(
  status: number,
  body: ErrorBody,
  page: Pick<PageContext, 'lang' | 'm'>,
): string | undefined {
  const rule = ruleMessage(page.m, body);
  if (rule) return rule;
  return kindOf(status) === 'bad-request' && page.lang === DEFAULT_LANGUAGE
    ? withoutGloss(body.message)
    : undefined;
}

/** A message without its closing parenthesis of English: "Ugyldig JSON (malformed JSON body)" → "Ugyldig JSON". */
export function withoutGloss(message: string): string {
  return message.replace(/\s*\([^()]*\)\s*$/, '') || message;
}
