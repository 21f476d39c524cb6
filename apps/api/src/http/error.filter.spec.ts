import { NotFoundException } from '@nestjs/common';
import { DomainError } from '@tilneste/domain-kit';
import { PreconditionFailedError } from '@tilneste/event-sourcing';
import { StreamDeletedError, WrongExpectedVersionError } from '@tilneste/event-store';
import { MinutesImportError } from '@tilneste/minutes-import';
import { ForbiddenError, UnauthorizedError } from './auth.guard';
import { toHttpError } from './error.filter';
import { ValidationError } from './validation';

describe('From errors to HTTP', () => {
  it('answers bad input with 400 and every issue with its field path', () => {
    const error = new ValidationError([
      { path: ['owner', 'personId'], message: 'Required', code: 'invalid_type' },
    ]);
    expect(toHttpError(error)).toEqual({
      status: 400,
      body: {
        code: 'VALIDATION',
        message: error.message,
        issues: [{ path: ['owner', 'personId'], message: 'Required', code: 'invalid_type' }],
      },
    });
  });

  it.each([
    ['conflict', 409],
    ['not_found', 404],
    ['invalid', 400],
  ] as const)('answers a broken rule of kind %s with %i, its code and details', (kind, status) => {
    const error = new DomainError('COMMITMENT.X', 'melding', kind, { field: 'owner' });
    expect(toHttpError(error)).toEqual({
      status,
      body: { code: 'COMMITMENT.X', message: 'melding', details: { field: 'owner' } },
    });
  });

  it('answers a stale If-Match with 412 and a lost race with 409', () => {
    expect(toHttpError(new PreconditionFailedError('commitment-1', 1n, 2n)).status).toBe(412);
    const raced = toHttpError(new WrongExpectedVersionError('commitment-1', 1n, 2n));
    expect(raced).toMatchObject({ status: 409, body: { code: 'CONCURRENCY.CONFLICT' } });
  });

  it('answers a document stopped at a parse limit with 422, saying which limit, and one without details as before', () => {
    const stopped = new MinutesImportError('MINUTES.PARSE_TIMEOUT', 'avbrutt', {
      limit: 'cpu',
      limitMs: 30_000,
    });
    expect(toHttpError(stopped)).toEqual({
      status: 422,
      body: { code: 'MINUTES.PARSE_TIMEOUT', message: 'avbrutt', details: { limit: 'cpu', limitMs: 30_000 } },
    });
    expect(toHttpError(new MinutesImportError('MINUTES.TOO_LARGE', 'for stort'))).toEqual({
      status: 413,
      body: { code: 'MINUTES.TOO_LARGE', message: 'for stort' },
    });
  });

  it('answers a deleted stream with 410, and missing or insufficient credentials with 401 and 403', () => {
    expect(toHttpError(new StreamDeletedError('commitment-1')).status).toBe(410);
    expect(toHttpError(new UnauthorizedError())).toMatchObject({
      status: 401,
      body: { code: 'AUTH.UNAUTHORIZED' },
    });
    expect(toHttpError(new ForbiddenError())).toMatchObject({
      status: 403,
      body: { code: 'AUTH.FORBIDDEN' },
    });
  });

  it("answers the body parser's refusals as the client's: 413 for too large, 400 for malformed JSON", () => {
    expect(toHttpError({ type: 'entity.too.large', status: 413 }).status).toBe(413);
    expect(toHttpError({ type: 'entity.parse.failed', status: 400 })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_JSON' },
    });
  });

  it('answers an unknown route with 404 and keeps 500 for our own faults, without their message', () => {
    expect(toHttpError(new NotFoundException()).status).toBe(404);
    expect(toHttpError(new Error('SQLITE_CORRUPT: secret details'))).toEqual({
      status: 500,
      body: { code: 'INTERNAL', message: 'Intern feil (internal error)' },
    });
  });
});
