import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@tilneste/domain-kit';
import { PreconditionFailedError } from '@tilneste/event-sourcing';
import {
  EventStoreUnavailableError,
  InvalidAppendError,
  StreamDeletedError,
  WrongExpectedVersionError,
} from '@tilneste/event-store';
import { MinutesImportError } from '@tilneste/minutes-import';
import { ReadModelHost } from '@tilneste/projections';
import { AccessService, type AuthenticatedRequest } from '../auth/access.service';
import { TooManyRequestsError } from '../auth/rate-limits';
import { mergedPersonLocation } from '../people/merged-person';
import { isPagePath, sendNotFound } from '../web/web-responses';
import { ForbiddenError, UnauthorizedError } from './auth.errors';
import { BodyRejectedError } from './body-contract';
import { ValidationError } from './validation';

export interface ErrorBody {
  code: string;
  message: string;
  issues?: unknown[];
  /** A broken rule's details, as the DomainError carries them, or which limit stopped a document's parse. */
  details?: Record<string, unknown>;
}

const DOMAIN_STATUS = { conflict: 409, not_found: 404, invalid: 400 } as const;

/**
 * A read refused because it names a person merged into another (not found; or forbidden, since the
 * policy knows no such person) is sent on to the one who remains, when the reader may see them: 303,
 * not 301, as the answer depends on who asks. Null when the refusal stands.
 */
export function movedPerson(
  status: number,
  req: AuthenticatedRequest,
  readModels: ReadModelHost,
): string | null {
  if (status !== 404 && status !== 403) return null;
  return mergedPersonLocation(readModels.catalog, req.principal, req.method, req.originalUrl ?? req.url);
}

/** Maps every error kind to the API's error shape; only our own faults become 500. */
export function toHttpError(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof ValidationError)
    return { status: 400, body: { code: error.code, message: error.message, issues: error.issues } };
  if (error instanceof BodyRejectedError)
    return { status: error.status, body: { code: error.code, message: error.message, issues: error.issues } };
  if (error instanceof DomainError) {
    return {
      status: DOMAIN_STATUS[error.kind],
      body: {
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      },
    };
  }
  if (error instanceof PreconditionFailedError)
    return { status: 412, body: { code: error.code, message: error.message } };
  if (error instanceof WrongExpectedVersionError) {
    return {
      status: 409,
      body: {
        code: 'CONCURRENCY.CONFLICT',
        message: 'Noen andre endret dette samtidig; prøv igjen (changed concurrently, retry)',
      },
    };
  }
  if (error instanceof StreamDeletedError)
    return { status: 410, body: { code: error.code, message: error.message } };
  if (error instanceof InvalidAppendError)
    return { status: 400, body: { code: error.code, message: error.message } };
  if (error instanceof MinutesImportError) {
    return {
      status: /TOO_LARGE/.test(error.code)
        ? 413
        : error.code === 'MINUTES.UNSUPPORTED_TYPE'
          ? 415
          : /PARSE_TIMEOUT|PARSE_TOO_COMPLEX/.test(error.code)
            ? 422
            : 400,
      body: {
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      },
    };
  }
  if (error instanceof UnauthorizedError)
    return { status: 401, body: { code: error.code, message: error.message } };
  if (error instanceof ForbiddenError)
    return { status: 403, body: { code: error.code, message: error.message } };
  if (error instanceof TooManyRequestsError)
    return { status: 429, body: { code: error.code, message: error.message } };
  const bodyParser = error as { type?: string; status?: number };
  if (bodyParser?.type === 'entity.too.large')
    return {
      status: 413,
      body: { code: 'PAYLOAD_TOO_LARGE', message: 'Forespørselen er for stor (body too large)' },
    };
  if (bodyParser?.type === 'entity.parse.failed')
    return { status: 400, body: { code: 'INVALID_JSON', message: 'Ugyldig JSON (malformed JSON body)' } };
  // Any other refusal of the body parser (an unsupported charset or encoding, a body that does not
  // inflate): http-errors marks client faults with `expose`, and they carry their 4xx status.
  const refused = error as { expose?: boolean; status?: number };
  if ((bodyParser?.type || refused?.expose) && typeof refused.status === 'number' && refused.status < 500) {
    return {
      status: refused.status,
      body: {
        code: refused.status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST',
        message: `Forespørselen kunne ikke leses (${String((error as Error).message)})`,
      },
    };
  }
  if (error instanceof EventStoreUnavailableError)
    return {
      status: 503,
      body: {
        code: error.code,
        message: 'Hendelseslageret svarer ikke; prøv igjen (event store unavailable)',
      },
    };
  // Nest turns the body parser's SyntaxError (malformed JSON) and a path's bad %-encoding into this
  if (error instanceof BadRequestException) {
    const url = /decode param/i.test(error.message);
    return {
      status: 400,
      body: url
        ? { code: 'BAD_REQUEST', message: 'Ugyldig adresse (malformed URL encoding)' }
        : { code: 'INVALID_JSON', message: 'Ugyldig JSON (malformed JSON body)' },
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = status === 404 ? 'NOT_FOUND' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : `HTTP_${status}`;
    return { status, body: { code, message: status === 404 ? 'Finnes ikke (not found)' : error.message } };
  }
  return { status: 500, body: { code: 'INTERNAL', message: 'Intern feil (internal error)' } };
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(
    private readonly readModels: ReadModelHost,
    private readonly access: AccessService,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<AuthenticatedRequest>();
    const { status, body } = toHttpError(error);
    const moved = movedPerson(status, req, this.readModels);
    if (moved) return res.redirect(303, moved);
    // A path no page has (or a page that is switched off, as single sign-on without OIDC_ISSUER) is a
    // browser's 404 page; the API's paths keep their JSON.
    if (status === 404 && isPagePath(req.path)) {
      // No route ran, so no guard said who is reading: the header names them as on every other page.
      this.signedInReader(req);
      return sendNotFound(req, res, this.readModels.catalog);
    }
    if (status >= 500) this.logger.error((error as Error)?.stack ?? String(error));
    if (error instanceof TooManyRequestsError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    res.status(status).json({ error: body });
  }

  /** Puts the session's or token's reader on the request where it can; an unknown one stays anonymous. */
  private signedInReader(req: AuthenticatedRequest): void {
    try {
      this.access.principalOf(req);
    } catch {
      // A dead session or a bad token: the 404 page is for anyone, so it is shown without a reader.
    }
  }
}
