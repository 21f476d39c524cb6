import type { ActualRevision, ExpectedRevision } from './event-store.port';

/** Base of every error the event store port throws; `code` is stable. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

export class WrongExpectedVersionError extends EventStoreError {
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_VERSION';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(`Stream ${streamName}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedVersionError';
  }
}

export class StreamNotFoundError extends EventStoreError {
  readonly code = 'EVENT_STORE.STREAM_NOT_FOUND';
  constructor(readonly streamName: string) {
    super(`Stream ${streamName} not found`);
    this.name = 'StreamNotFoundError';
  }
}

export class StreamDeletedError extends EventStoreError {
  readonly code = 'EVENT_STORE.STREAM_DELETED';
  constructor(readonly streamName: string) {
    super(`Stream ${streamName} is deleted for ever (tombstoned)`);
    this.name = 'StreamDeletedError';
  }
}

/** The batch itself is not acceptable: empty, a bad id, data that is not JSON-safe. */
export class InvalidAppendError extends EventStoreError {
  readonly code = 'EVENT_STORE.INVALID_APPEND';
  constructor(
    readonly streamName: string,
    reason: string,
  ) {
    super(`Cannot append to ${streamName}: ${reason}`);
    this.name = 'InvalidAppendError';
  }
}

/** A subscription's source went away; the runner resubscribes from its checkpoint. */
export class SubscriptionDroppedError extends EventStoreError {
  readonly code = 'EVENT_STORE.SUBSCRIPTION_DROPPED';
  constructor(reason: string, cause?: unknown) {
    super(`Subscription dropped: ${reason}`, { cause });
    this.name = 'SubscriptionDroppedError';
  }
}

/** An event read back does not match its schema. Reported, never passed on. */
export class EventSchemaError extends EventStoreError {
  readonly code = 'EVENT_STORE.EVENT_SCHEMA';
  constructor(
    readonly streamName: string,
    readonly revision: bigint,
    readonly eventType: string,
    readonly issues: { path: (string | number)[]; message: string }[],
  ) {
    super(
      `Event ${eventType} at ${streamName}@${revision} does not match its schema: ` +
        issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    );
    this.name = 'EventSchemaError';
  }
}

/** The store could not be reached or did not answer in time; the same call may succeed later. */
export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'EVENT_STORE.UNAVAILABLE';
  constructor(reason: string, cause?: unknown) {
    super(`The event store is unavailable: ${reason}`, { cause });
    this.name = 'EventStoreUnavailableError';
  }
}
