import { Body, Controller, Get, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { sameSecret, type SqliteAuthStore } from '@tilneste/access';
import type { Config } from '@tilneste/config';
import { CONFIG } from '@tilneste/event-sourcing';
import { registerPersonData } from '@tilneste/people';
import { ReadModelHost } from '@tilneste/projections';
import { AccessService, type AuthenticatedRequest } from '../../auth/access.service';
import { AUTH_STORE } from '../../auth/auth.tokens';
import { isoMs } from '../../auth/durations';
import { personByEmail } from '../../auth/people-by-email';
import { RateLimited } from '../../auth/rate-limits';
import { resources } from '../../auth/resources';
import { returnPathOf } from '../../auth/return-path';
import { SignInLinks } from '../../auth/sign-in-links';
import { Access, Public } from '../../http/auth.guard';
import { parseInput } from '../../http/validation';
import { WriteService } from '../../http/write.service';
import { PageController } from '../shared/page.base';
import { askedLanguage } from '../shared/page-context';
import { PageErrorFilter } from '../shared/page-error.filter';
import { sendPage } from '../shared/page-response';
import { signInView, type SignInData } from './sign-in.view';

const email = z.string().trim().toLowerCase().max(320).pipe(z.email());
const linkForm = z.object({ email });
const setupForm = z.object({
  token: z.string().max(500),
  name: z.string().trim().min(1).max(200),
  email,
});

const field = (body: unknown, name: string): unknown =>
  typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;

/** A posted field's text as it is shown again, cut at its field's length. */
const typed = (value: unknown, max: number): string => (typeof value === 'string' ? value.slice(0, max) : '');

/**
 * The sign-in page a visitor without a session is sent to: ask for a link by e-mail, or sign on with the
 * organisation's provider; on a store where nobody holds admin yet, the admin token sets up the first
 * administrator. `/logg-ut` ends the session.
 */
@Controller()
@UseFilters(PageErrorFilter)
export class SignInController extends PageController {
  constructor(
    readModels: ReadModelHost,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(AUTH_STORE) private readonly store: SqliteAuthStore,
    private readonly access: AccessService,
    private readonly links: SignInLinks,
    private readonly writes: WriteService,
  ) {
    super(readModels);
  }

  @Public()
  @Get('logg-inn')
  show(
    @Query('utlogget') signedOut: unknown,
    @Query('neste') back: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): void {
    this.send(req, res, 200, { signedOut: signedOut !== undefined, back: returnPathOf(back) });
  }

  @Public()
  @RateLimited('sign-in-link')
  @Post('logg-inn')
  async ask(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const typed = field(body, 'email');
    const back = returnPathOf(field(body, 'neste'));
    const parsed = linkForm.safeParse({ email: typed });
    if (!parsed.success)
      return this.send(req, res, 400, {
        back,
        email: typeof typed === 'string' ? typed.slice(0, 320) : '',
        error: { field: 'email', message: this.context(req, res).m.signIn.invalidEmail },
      });
    await this.links.request(parsed.data.email, askedLanguage(req), back);
    // The page still offers single sign-on and asking again: both lead on to the same page.
    const minutes = Math.round(isoMs(this.config.SIGN_IN_LINK_TTL) / 60_000);
    this.send(req, res, 200, { back, sent: { minutes } });
  }

  /** The first administrator, set up with the admin token while no person holds admin; signs them in. */
  @Public()
  @RateLimited('sign-in')
  @Post('forste-gang')
  async setup(@Body() body: unknown, @Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const s = this.context(req, res).m.signIn;
    // A refusal gives back what was typed, except the token.
    const values = { name: typed(field(body, 'name'), 200), email: typed(field(body, 'email'), 320) };
    if (this.store.hasAdmin())
      return this.send(req, res, 409, { setupRefused: { values, errors: [], formError: s.setupClosed } });
    const token = field(body, 'token');
    // Nothing typed is asked for, not called wrong.
    if (token === undefined || (typeof token === 'string' && token.trim() === ''))
      return this.send(req, res, 400, {
        setupRefused: { values, errors: [{ field: 'token', message: s.setupTokenMissing }] },
      });
    if (typeof token !== 'string' || !sameSecret(token, this.config.TILNESTE_ADMIN_TOKEN!))
      return this.send(req, res, 403, {
        setupRefused: { values, errors: [{ field: 'token', message: s.setupWrongToken }] },
      });
    const parsed = setupForm.safeParse({ token, name: field(body, 'name'), email: field(body, 'email') });
    if (!parsed.success) {
      const wrong = new Set(parsed.error.issues.map((i) => i.path[0]));
      const errors = [
        ...(wrong.has('name') ? [{ field: 'name', message: s.setupNameMissing }] : []),
        ...(wrong.has('email') ? [{ field: 'email', message: s.invalidEmail }] : []),
      ];
      return this.send(req, res, 400, { setupRefused: { values, errors } });
    }
    const personId =
      personByEmail(this.catalog, parsed.data.email)?.id ??
      (await this.register(req, res, parsed.data.name, parsed.data.email));
    this.store.setAdmin(personId, true, Date.now());
    const ttl = isoMs(this.config.SESSION_TTL);
    const { sessionId } = this.store.createSession(personId, Date.now(), ttl);
    this.access.setSessionCookie(res, sessionId, ttl);
    res.removeHeader('ETag');
    res.redirect(303, '/');
  }

  /** Registers the first administrator, recorded as the admin token's doing: that is what proved the right. */
  private async register(
    req: AuthenticatedRequest,
    res: Response,
    name: string,
    email: string,
  ): Promise<string> {
    req.actor = { kind: 'client', id: 'admin' };
    const answer = await this.writes.handle(req, res, async (ctx) => {
      const id = ctx.newId();
      const data = parseInput(registerPersonData, { personId: id, name, email });
      const result = await ctx.run('person', { type: 'RegisterPerson', data });
      return { status: 201, body: { id }, etag: result.revision };
    });
    return answer.id;
  }

  @Access('account.use', resources.ownAccount())
  @Post('logg-ut')
  signOut(@Req() req: AuthenticatedRequest, @Res() res: Response): void {
    const principal = this.access.require(req);
    if (principal.sessionId) this.store.endSession(principal.sessionId);
    this.access.clearSessionCookie(res);
    res.redirect(303, '/logg-inn?utlogget');
  }

  private send(req: Request, res: Response, status: number, data: Partial<SignInData>): void {
    const page: SignInData = {
      email: '',
      error: null,
      sent: null,
      signedOut: false,
      sso: !!this.config.OIDC_ISSUER,
      setup: !this.store.hasAdmin(),
      back: null,
      ...data,
    };
    // Also drawn at /forste-gang when its form is refused: the page is the sign-in page.
    sendPage(res, signInView(page, this.context(req, res, '/logg-inn')), status);
  }
}
