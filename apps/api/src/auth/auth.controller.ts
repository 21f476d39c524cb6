import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import type { SqliteAuthStore } from '@tilneste/access';
import { DomainError } from '@tilneste/domain-kit';
import { ReadModelHost } from '@tilneste/projections';
import { Access, Public } from '../http/auth.guard';
import { bodyWith, parseInput } from '../http/validation';
import { lookups } from '@tilneste/application';
import { AccessService, type AuthenticatedRequest } from './access.service';
import { AUTH_STORE } from './auth.tokens';
import { RateLimited } from './rate-limits';
import { resources } from './resources';
import { SignInLinks } from './sign-in-links';

export const signInLinkBody = z.strictObject({
  email: z.string().trim().toLowerCase().max(320).pipe(z.email()),
});
export const tokenBody = z.strictObject({ name: z.string().trim().min(1).max(100).default('API') });
export const adminBody = z.strictObject({ admin: z.boolean() });

/** Sign-in by e-mail link, the signed-in person's account and personal API tokens, admin grants. */
@Controller()
export class AuthController {
  constructor(
    @Inject(AUTH_STORE) private readonly store: SqliteAuthStore,
    private readonly links: SignInLinks,
    private readonly access: AccessService,
    private readonly readModels: ReadModelHost,
  ) {}

  /** Always 202, known address or not; a known one gets a link by e-mail, sent after the answer. */
  @Public()
  @RateLimited('sign-in-link')
  @Post('auth/sign-in-link')
  @HttpCode(202)
  async signInLink(@Body() body: unknown) {
    const { email } = parseInput(signInLinkBody, bodyWith(body));
    await this.links.request(email);
    return {
      message: 'Har vi adressen, kommer en lenke på e-post (if we know the address, a link is on its way)',
    };
  }

  @Access('account.use', resources.ownAccount())
  @Post('auth/sign-out')
  @HttpCode(204)
  signOut(@Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response): void {
    const principal = this.access.require(req);
    if (principal.sessionId) this.store.endSession(principal.sessionId);
    this.access.clearSessionCookie(res);
  }

  @Access('account.use', resources.ownAccount())
  @Get('me')
  me(@Req() req: AuthenticatedRequest) {
    const principal = this.access.require(req);
    const person = lookups.person(this.readModels.catalog, principal.personId!);
    return {
      personId: person.id,
      name: person.name,
      roles: [...principal.roles].map(([groupId, role]) => ({ groupId, role })),
      admin: principal.admin,
      csrfToken: principal.csrfToken ?? null,
    };
  }

  @Access('account.use', resources.ownAccount())
  @Post('me/tokens')
  @HttpCode(201)
  createToken(@Req() req: AuthenticatedRequest, @Body() body: unknown) {
    const { name } = parseInput(tokenBody, bodyWith(body));
    return this.store.createToken(this.access.require(req).personId!, name, Date.now());
  }

  @Access('account.use', resources.ownAccount())
  @Get('me/tokens')
  tokens(@Req() req: AuthenticatedRequest) {
    return { tokens: this.store.tokens(this.access.require(req).personId!) };
  }

  @Access('account.use', resources.ownAccount())
  @Delete('me/tokens/:tokenId')
  @HttpCode(204)
  revokeToken(@Req() req: AuthenticatedRequest, @Param('tokenId') tokenId: string): void {
    if (!this.store.revokeToken(this.access.require(req).personId!, tokenId, Date.now()))
      throw new DomainError('TOKEN.NOT_FOUND', `Fant ikke tokenet ${tokenId} (no such token)`, 'not_found');
  }

  /** Grants or withdraws global admin for a person (admin only). */
  @Access('system.admin', resources.person())
  @Put('people/:id/admin')
  setAdmin(@Param('id') id: string, @Body() body: unknown) {
    const { admin } = parseInput(adminBody, bodyWith(body));
    lookups.person(this.readModels.catalog, id);
    this.store.setAdmin(id, admin, Date.now());
    return { id, admin };
  }
}
