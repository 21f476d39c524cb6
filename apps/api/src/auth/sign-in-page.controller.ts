import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { SqliteAuthStore } from '@tilneste/access';
import type { Config } from '@tilneste/config';
import { CONFIG } from '@tilneste/event-sourcing';
import { ReadModelHost } from '@tilneste/projections';
import { Public } from '../http/auth.guard';
import { AccessService } from './access.service';
import { AUTH_STORE } from './auth.tokens';
import { isoMs } from './durations';
import { RateLimited } from './rate-limits';
import { returnPathOf } from './return-path';
import { linkPath } from './sign-in-links';
import { PageErrorFilter } from '../web/shared/page-error.filter';
import { pageContext, type PageContext } from '../web/shared/page-context';
import { sendPage } from '../web/shared/page-response';
import { viewerName } from '../web/shared/viewer';
import { signInLinkView, type SignInLinkPage } from '../web/sign-in/sign-in-link.view';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * `/logg-inn/<token>`: the GET shows a button and changes nothing (mail scanners fetch links); the POST signs in
 * and goes on to the page the link carries (`?neste=`, checked again here), else the start page. A refusal
 * before the handler (too many tries) is a page too, since a person opened it from an e-mail.
 */
@Public()
@Controller('logg-inn')
@UseFilters(PageErrorFilter)
export class SignInPageController {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(AUTH_STORE) private readonly store: SqliteAuthStore,
    private readonly access: AccessService,
    private readonly readModels: ReadModelHost,
  ) {}

  @RateLimited('sign-in')
  @Get(':token')
  show(@Param('token') token: string, @Req() req: Request, @Res() res: Response): void {
    const page = this.context(req, res);
    if (!TOKEN.test(token)) return send(res, 410, { kind: 'invalid' }, page);
    const link = this.store.peekSignInLink(token, Date.now());
    const name = link.ok ? this.readModels.catalog.people.get(link.personId)?.name : undefined;
    if (!name) return send(res, 410, { kind: 'gone' }, page);
    const action = linkPath(token, page.lang, returnPathOf(req.query.neste));
    send(res, 200, { kind: 'confirm', name, action }, page);
  }

  @RateLimited('sign-in')
  @Post(':token')
  signIn(@Param('token') token: string, @Req() req: Request, @Res() res: Response): void {
    if (!TOKEN.test(token)) return send(res, 410, { kind: 'invalid' }, this.context(req, res));
    const link = this.store.useSignInLink(token, Date.now());
    if (!link.ok || !this.readModels.catalog.people.has(link.personId))
      return send(res, 410, { kind: 'gone' }, this.context(req, res));
    const ttl = isoMs(this.config.SESSION_TTL);
    const { sessionId } = this.store.createSession(link.personId, Date.now(), ttl);
    this.access.setSessionCookie(res, sessionId, ttl);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, returnPathOf(req.query.neste) ?? '/');
  }

  /** The pages' context (language from `?lang` or its cookie), so the page has the common layout. */
  private context(req: Request, res: Response): PageContext {
    return pageContext(req, res, viewerName(this.readModels.catalog));
  }
}

function send(res: Response, status: number, data: SignInLinkPage, page: PageContext): void {
  // The token is in this page's URL: it must not travel on in a Referer, nor to the stylesheets it loads.
  res.setHeader('Referrer-Policy', 'no-referrer');
  sendPage(res, signInLinkView(data, page), status);
}
