import { Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { SqliteAuthStore } from '@tilneste/access';
import type { Config } from '@tilneste/config';
import { CONFIG } from '@tilneste/event-sourcing';
import { ReadModelHost } from '@tilneste/projections';
import { Public } from '../http/auth.guard';
import { AccessService } from './access.service';
import { AUTH_STORE } from './auth.tokens';
import { isoMs } from './durations';
import { RateLimited } from './rate-limits';
import { messagesFor } from './sign-in.messages';
import { renderSignInPage, type SignInPage } from './sign-in.page';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** `/logg-inn/<token>`: the GET shows a button and changes nothing (mail scanners fetch links); the POST signs in. */
@Public()
@Controller('logg-inn')
export class SignInPageController {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(AUTH_STORE) private readonly store: SqliteAuthStore,
    private readonly access: AccessService,
    private readonly readModels: ReadModelHost,
  ) {}

  @RateLimited('sign-in')
  @Get(':token')
  show(@Param('token') token: string, @Query('lang') lang: unknown, @Res() res: Response): void {
    const m = messagesFor(lang);
    if (!TOKEN.test(token)) return send(res, 410, { kind: 'invalid' }, m);
    const link = this.store.peekSignInLink(token, Date.now());
    const name = link.ok ? this.readModels.catalog.people.get(link.personId)?.name : undefined;
    if (!name) return send(res, 410, { kind: 'gone' }, m);
    const action = `/logg-inn/${token}${m.lang === 'en' ? '?lang=en' : ''}`;
    send(res, 200, { kind: 'confirm', name, action }, m);
  }

  @RateLimited('sign-in')
  @Post(':token')
  signIn(@Param('token') token: string, @Query('lang') lang: unknown, @Res() res: Response): void {
    const m = messagesFor(lang);
    if (!TOKEN.test(token)) return send(res, 410, { kind: 'invalid' }, m);
    const link = this.store.useSignInLink(token, Date.now());
    if (!link.ok || !this.readModels.catalog.people.has(link.personId))
      return send(res, 410, { kind: 'gone' }, m);
    const ttl = isoMs(this.config.SESSION_TTL);
    const { sessionId } = this.store.createSession(link.personId, Date.now(), ttl);
    this.access.setSessionCookie(res, sessionId, ttl);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, '/');
  }
}

function send(res: Response, status: number, page: SignInPage, m: ReturnType<typeof messagesFor>): void {
  res
    .status(status)
    .type('html')
    .setHeader('Cache-Control', 'no-store')
    // The token is in this page's URL: it must not travel on in a Referer.
    .setHeader('Referrer-Policy', 'no-referrer')
    .send(renderSignInPage(page, m));
}
