import type { Request } from 'express';
import type { Actor } from '@tilneste/domain-kit';
import { ForbiddenError } from '../http/auth.guard';

/** A person's own settings and secret URLs: the admin token, or the person signed in (once sign-in exists). */
export function ownerOrAdmin(req: Request, personId: string): void {
  const actor = (req as Request & { actor?: Actor }).actor;
  if (actor?.kind === 'client' && actor.id === 'admin') return;
  if (actor?.kind === 'person' && actor.id === personId) return;
  throw new ForbiddenError();
}
