import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { Config } from '@tilneste/config';
import { CONFIG } from '@tilneste/event-sourcing';

export const PUBLIC = 'tilneste:public';
/** Marks a route that needs no token (health, docs, pages reached from e-mail links). */
export const Public = () => SetMetadata(PUBLIC, true);

export class UnauthorizedError extends Error {
  readonly code = 'AUTH.UNAUTHORIZED';
  constructor() {
    super('Mangler eller ugyldig token (missing or invalid bearer token)');
  }
}

export class ForbiddenError extends Error {
  readonly code = 'AUTH.FORBIDDEN';
  constructor() {
    super('Dette tokenet kan bare lese (this token is read-only)');
  }
}

const same = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Bearer tokens: the admin token may do everything; the read token may only read. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const req = context.switchToHttp().getRequest<Request & { actor?: unknown }>();
    const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    if (!token) throw new UnauthorizedError();
    if (same(token, this.config.TILNESTE_ADMIN_TOKEN!)) {
      req.actor = { kind: 'client', id: 'admin' };
      return true;
    }
    if (this.config.TILNESTE_READ_TOKEN && same(token, this.config.TILNESTE_READ_TOKEN)) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        throw new ForbiddenError();
      }
      req.actor = { kind: 'client', id: 'reader' };
      return true;
    }
    throw new UnauthorizedError();
  }
}
