import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ReadModelHost } from '@tilneste/projections';

const VIEW = 'tilneste:view';
/**
 * Marks a GET that answers from the read models: `events` if only events change it, `clock` if the time of
 * asking does too (overdue, the next meeting). Only such GETs are tagged; health, queues and docs are not.
 */
export const View = (changesWith: 'events' | 'clock' = 'events') => SetMetadata(VIEW, changesWith);

/**
 * The tag of a read: the global position the read models had applied when the request began (so the answer
 * reflects at least that), and for a view that changes with the clock, the minute it was computed in.
 */
export function viewTag(position: bigint | undefined, now: Date | undefined): string {
  const minute = now ? `-${now.toISOString().slice(0, 16)}` : '';
  return `W/"p${String(position ?? -1n)}${minute}"`;
}

/**
 * Every GET marked as a view carries its view's tag as `ETag`; Express answers a matching `If-None-Match` with 304
 * and no body when it sends the response (the tag is set before the body is sent).
 *
 * It never refuses a request. It is a guard, the last one, because guards see the route's metadata before the
 * handler at almost no cost, while a global interceptor costs every request Nest's observable and
 * async-resource wrapping (see `BodyContractGuard`).
 */
@Injectable()
export class ViewTagGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly readModels: ReadModelHost,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    if (context.getType() !== 'http' || req.method !== 'GET') return true;
    const view = this.reflector.getAllAndOverride<'events' | 'clock' | undefined>(VIEW, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!view) return true;
    const tag = viewTag(this.readModels.catalog.position, view === 'clock' ? new Date() : undefined);
    const res = http.getResponse<Response>();
    if (!res.headersSent) res.setHeader('ETag', tag);
    // `Cache-Control: no-cache` in a request speaks to caches on the way (RFC 9111 §5.2.1.4); the origin
    // still evaluates If-None-Match (RFC 9110 §13.1.2). Express's freshness check gives up on it, and
    // fetch() adds it to every conditional request, so it is dropped here before the check.
    if (req.headers['if-none-match']) delete req.headers['cache-control'];
    return true;
  }
}
