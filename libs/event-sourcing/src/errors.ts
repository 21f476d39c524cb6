import type { ActualRevision } from '@tilneste/event-store';

/** `If-Match` named a revision the stream has moved past (HTTP 412). */
export class PreconditionFailedError extends Error {
  readonly code = 'PRECONDITION_FAILED';
  constructor(
    readonly streamName: string,
    readonly expected: bigint,
    readonly actual: ActualRevision | undefined,
  ) {
    super(`${streamName} er endret siden revisjon ${expected} (now at ${String(actual ?? 'no_stream')})`);
    this.name = 'PreconditionFailedError';
  }
}
