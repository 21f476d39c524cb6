import { Controller, Get, Inject, Logger, NotFoundException, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import type * as OpenIdClient from 'openid-client';
import type { SqliteAuthStore } from '@tilneste/access';
import type { Config } from '@tilneste/config';
import { CONFIG } from '@tilneste/event-sourcing';
import { ReadModelHost, type Catalog } from '@tilneste/projections';
import { Public } from '../http/auth.guard';
import { AccessService } from './access.service';
import { AUTH_STORE } from './auth.tokens';
import { isoMs } from './durations';
import { RateLimited } from './rate-limits';
import { personByEmail } from './people-by-email';
import { returnPathOf } from './return-path';
import { pageContext } from '../web/shared/page-context';
import { sendPage } from '../web/shared/page-response';
import { viewerName } from '../web/shared/viewer';
import { ssoRefusedView, type SsoRefusal } from '../web/sign-in/sso-refused.view';

// openid-client is an ES module: loaded on the first single sign-on, so nothing else pays for it (or needs ESM).
let loaded: Promise<typeof OpenIdClient> | undefined;
const openIdClient = () => (loaded ??= import('openid-client'));

const FLOW_COOKIE = 'tilneste_oidc';
const FLOW_TTL_MS = 10 * 60_000;

/**
 * Single sign-on with OpenID Connect (authorisation code + PKCE), on when OIDC_ISSUER is set. The person is
 * the one whose e-mail address the provider vouches for (`email_verified`); nobody is created here. Signed in,
 * the person goes on to the page the start was given (`?neste=`), kept with the flow, else the start page.
 */
@Public()
@Controller('logg-inn/sso')
export class OidcController {
  private readonly logger = new Logger('OIDC');
  private configuration: Promise<OpenIdClient.Configuration> | undefined;
  private readonly secure: boolean;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(AUTH_STORE) private readonly store: SqliteAuthStore,
    private readonly access: AccessService,
    private readonly readModels: ReadModelHost,
  ) {
    this.secure = config.PUBLIC_URL.startsWith('https:');
  }

  private get redirectUri(): string {
    return `${this.config.PUBLIC_URL.replace(/\/+$/, '')}/logg-inn/sso/callback`;
  }

  /** Discovery once, retried on the next sign-in if the provider was away. */
  private async provider(): Promise<OpenIdClient.Configuration> {
    const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: secret } = this.config;
    if (!issuer || !clientId) throw new NotFoundException();
    const oidc = await openIdClient();
    this.configuration ??= oidc
      .discovery(
        new URL(issuer),
        clientId,
        undefined,
        secret ? oidc.ClientSecretBasic(secret) : oidc.None(),
        // Plain http only for a provider on this machine in development (config refuses it in production).
        issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }

  @RateLimited('sign-in')
  @Get()
  async start(@Query('neste') back: unknown, @Res() res: Response): Promise<void> {
    const configuration = await this.provider();
    const oidc = await openIdClient();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    // Kept with the flow, server-side: the callback's own query is the provider's, and anyone's to craft.
    const returnPath = returnPathOf(back);
    this.store.startOidcFlow(state, { codeVerifier, nonce, returnPath }, Date.now(), FLOW_TTL_MS);
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: this.config.OIDC_SCOPES,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    // The state is also bound to this browser: a callback carried to another browser does nothing.
    res.append(
      'Set-Cookie',
      serializeCookie(FLOW_COOKIE, state, {
        httpOnly: true,
        sameSite: 'lax',
        secure: this.secure,
        path: '/logg-inn/sso',
        maxAge: FLOW_TTL_MS / 1000,
      }),
    );
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, url.href);
  }

  @RateLimited('sign-in')
  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const refuse = (status: number, reason: SsoRefusal, back: string | null = null) =>
      refused(req, res, this.readModels.catalog, status, reason, back);
    const configuration = await this.provider();
    const oidc = await openIdClient();
    const state = parseCookies(req.headers.cookie ?? '')[FLOW_COOKIE];
    res.append(
      'Set-Cookie',
      serializeCookie(FLOW_COOKIE, '', { path: '/logg-inn/sso', maxAge: 0, httpOnly: true }),
    );
    const flow = state && req.query.state === state ? this.store.takeOidcFlow(state, Date.now()) : undefined;
    if (!flow) return refuse(400, 'failed');
    const back = returnPathOf(flow.returnPath);
    let claims: Record<string, unknown> | undefined;
    try {
      const current = new URL(req.originalUrl, this.redirectUri);
      const tokens = await oidc.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      claims = idToken;
      // Some providers put e-mail only in the UserInfo answer (as the spec suggests when an access token is issued).
      if (idToken && typeof idToken.email !== 'string')
        claims = await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
    } catch (error) {
      this.logger.warn(`innlogging med OIDC feilet (OIDC sign-in failed): ${(error as Error).name}`);
      return refuse(400, 'failed', back);
    }
    const email = typeof claims?.email === 'string' ? claims.email.toLowerCase() : undefined;
    const person =
      email && claims?.email_verified === true ? personByEmail(this.readModels.catalog, email) : undefined;
    if (!person) return refuse(403, 'unknown-person', back);
    const ttl = isoMs(this.config.SESSION_TTL);
    const { sessionId } = this.store.createSession(person.id, Date.now(), ttl);
    this.access.setSessionCookie(res, sessionId, ttl);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, back ?? '/');
  }
}

/**
 * The refusal in the common layout, in the language of the cookie (the provider sends the browser back
 * without `?lang`). The callback cannot be opened again, so the language link leads to the sign-in page;
 * the way back to it still leads on to the page the flow started for.
 */
function refused(
  req: Request,
  res: Response,
  catalog: Catalog,
  status: number,
  reason: SsoRefusal,
  back: string | null,
): void {
  const page = { ...pageContext(req, res, viewerName(catalog)), path: '/logg-inn' };
  sendPage(res, ssoRefusedView(reason, page, back), status);
}
