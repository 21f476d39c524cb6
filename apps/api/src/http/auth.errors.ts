/** No or bad credentials: 401. */
export class UnauthorizedError extends Error {
  readonly code = 'AUTH.UNAUTHORIZED';
  constructor() {
    super('Mangler eller ugyldig token (missing or invalid bearer token)');
  }
}

/** Credentials without the right: 403, with the policy's reason. */
export class ForbiddenError extends Error {
  readonly code = 'AUTH.FORBIDDEN';
  constructor(reason = 'dette tokenet kan bare lese (this token is read-only)') {
    super(`Ingen tilgang: ${reason}`);
  }
}
