import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Action } from '@tilneste/access';
import { ReadModelHost } from '@tilneste/projections';
import { AccessService, type AuthenticatedRequest } from '../auth/access.service';
import { RATE_LIMIT, RateLimits, type Budget } from '../auth/rate-limits';
import { resources, type ResourceOf } from '../auth/resources';

export const PUBLIC = 'tilneste:public';
/** Marks a route that needs no token (health, docs, pages reached from e-mail links). */
export const Public = () => SetMetadata(PUBLIC, true);

export const ACCESS = 'tilneste:access';
export interface AccessRule {
  action: Action;
  resource: ResourceOf;
}
/**
 * What a route does, for the access policy: `@Access('group.record', resources.meeting())`. A route
 * without it is for the admin token (writes) or the admin and read tokens (reads).
 */
export const Access = (action: Action, resource: ResourceOf = resources.system()) =>
  SetMetadata(ACCESS, { action, resource } satisfies AccessRule);

export { ForbiddenError, UnauthorizedError } from './auth.errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one gate every command and query passes: resolves who is asking (tokens or the session cookie)
 * onto `req.actor`, then asks the access policy about the route's action and resource.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessService,
    private readonly readModels: ReadModelHost,
    private readonly limits: RateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const budget = this.reflector.getAllAndOverride<Budget | undefined>(RATE_LIMIT, targets);
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) {
      if (budget) await this.limits.byAddress(budget, req);
      return true;
    }
    const principal = this.access.require(req);
    const rule =
      this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS, targets) ??
      ({
        action: SAFE.has(req.method) ? 'system.read' : 'system.admin',
        resource: resources.system(),
      } satisfies AccessRule);
    this.access.check(principal, rule.action, rule.resource(req, this.readModels.catalog) as never);
    if (budget) {
      await this.limits.byAddress(budget, req);
      await this.limits.byAccount(budget, `${principal.actor.kind}:${principal.actor.id}`);
    }
    return true;
  }
}
