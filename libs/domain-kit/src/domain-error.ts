/**
 * `conflict`: a business rule is broken (HTTP 409). `not_found`: the thing does not exist (404).
 * `invalid`: well-formed but meaningless input the schema could not catch (400).
 */
export type DomainErrorKind = 'conflict' | 'not_found' | 'invalid';

/** A broken rule with a stable code such as `COMMITMENT.ALREADY_COMPLETED`. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'conflict',
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
