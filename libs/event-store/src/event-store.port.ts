/**
 * The event store port. Both adapters (SQLite, EventStoreDB) honour exactly these semantics;
 * `libs/event-store/testing/event-store.contract.ts` is the proof.
 */

/** `'any'` skips the check; a bigint is the 0-based revision of the stream's last event. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** The revision a stream is actually at, as reported by a mismatch. */
export type ActualRevision = 'no_stream' | bigint;

/** JSON-safe values only: bigint, Date, undefined and functions do not survive a round trip. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface EventToAppend {
  /** A UUID chosen by the caller, deterministic where a retry is possible. */
  id: string;
  type: string;
  data: JsonObject;
  metadata?: JsonObject;
}

export interface RecordedEvent {
  streamName: string;
  id: string;
  type: string;
  /** 0-based position of the event in its stream. */
  revision: bigint;
  /** Position in the global log: strictly increasing in commit order, not necessarily contiguous. */
  position: bigint;
  /** Parsed JSON as stored. It has not been validated: parse it with a schema (see `event-schema.ts`). */
  data: unknown;
  metadata: unknown;
  createdAt: Date;
}

export interface AppendResult {
  /** The revision of the stream's last event after the append. */
  nextExpectedRevision: bigint;
  /** The global position of the last event appended. */
  position: bigint;
}

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  direction?: Direction;
  /** Inclusive. Defaults to `'start'` forwards and `'end'` backwards. */
  fromRevision?: 'start' | 'end' | bigint;
  maxCount?: number;
}

export interface ReadAllOptions {
  direction?: Direction;
  /** Inclusive. Defaults to `'start'` forwards and `'end'` backwards. */
  fromPosition?: 'start' | 'end' | bigint;
  maxCount?: number;
  /** System events are never returned. */
  filter?: SubscriptionFilter;
}

/** At most one of the two may be given (EventStoreDB filters on one of them). */
export interface SubscriptionFilter {
  streamNamePrefixes?: string[];
  /** Exact event type names. */
  eventTypes?: string[];
}

export interface SubscribeToAllOptions {
  /** Exclusive: the event at a given position is not delivered again. */
  fromPosition: 'start' | 'end' | bigint;
  filter?: SubscriptionFilter;
  /**
   * Also send `checkpoint` messages where the store has looked past events the filter passed over, so that a
   * subscriber can resume after them. A store that cannot tell sends none.
   */
  checkpoints?: boolean;
}

export interface SubscribeToStreamOptions {
  /** Exclusive: the event at a given revision is not delivered again. */
  fromRevision: 'start' | 'end' | bigint;
}

/**
 * `checkpoint` (only when asked for): every event up to `position` that the filter passes has been delivered,
 * so a subscription from `position` loses nothing. It comes after the events it covers, never before.
 */
export type SubscriptionMessage =
  { kind: 'event'; event: RecordedEvent } | { kind: 'checkpoint'; position: bigint } | { kind: 'caughtUp' };

/**
 * A live subscription: iterate it with `for await`. Events come at least once, in global order; one
 * `caughtUp` message follows the history. Iteration ends when `unsubscribe()` is called; it throws
 * `SubscriptionDroppedError` (or the underlying error) when the connection is lost. It never
 * resubscribes by itself: see `runSubscription`.
 */
export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  unsubscribe(): Promise<void>;
}

export interface StreamMetadataResult {
  streamName: string;
  /** Custom keys as set; system keys (`$tb`, `$maxCount`, …) are not returned. */
  metadata: JsonObject;
  /** Revision of the metadata itself, or `'no_stream'` when none was ever set. */
  metadataRevision: ActualRevision;
}

export interface DeleteOptions {
  expectedRevision?: ExpectedRevision;
}

export interface EventStore {
  /** A short name for logs and health: `'sqlite'` or `'eventstoredb'`. */
  readonly kind: string;

  /**
   * Appends atomically: all events or none. Re-appending an identical batch (same ids, same
   * expectation) right after a successful one writes nothing and returns the original result.
   * Throws `WrongExpectedVersionError`, `StreamDeletedError` (tombstoned), `InvalidAppendError`.
   */
  appendToStream(streamName: string, events: EventToAppend[], options?: AppendOptions): Promise<AppendResult>;

  /** Throws `StreamNotFoundError` (or `StreamDeletedError`) while iterating, never when called. */
  readStream(streamName: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;

  /**
   * Optional, for a one-off catch-up at start: every event after `after` up to the head as it is when called,
   * in order and in batches, read as fast as the store can. A SQLite file behind the personal-data seam is read
   * and opened on a second thread while the caller applies the batch before. Undefined when the store has no
   * faster way than `readAll`, or when fewer than `minimum` events follow `after` (the store's own default when
   * not given). Events appended later come by subscription.
   */
  readAhead?(after: bigint | 'start', minimum?: number): AsyncIterable<RecordedEvent[]> | undefined;

  /**
   * Optional: the global position of the last event, 0n for an empty store, where the store can tell it without
   * reading and opening that event (a SQLite file: one indexed lookup). Otherwise read `readAll` backwards.
   */
  headPosition?(): bigint;

  subscribeToAll(options: SubscribeToAllOptions): Subscription;

  subscribeToStream(streamName: string, options: SubscribeToStreamOptions): Subscription;

  getStreamMetadata(streamName: string): Promise<StreamMetadataResult>;

  setStreamMetadata(streamName: string, metadata: JsonObject, options?: AppendOptions): Promise<void>;

  /**
   * Soft delete: reads see no stream until something is appended, whose revision continues. The stream
   * keeps its revision and custom metadata, so expectations still see it: `no_stream` is refused with
   * the last revision, `stream_exists` and the exact revision are accepted, by appends and deletes alike.
   */
  deleteStream(streamName: string, options?: DeleteOptions): Promise<void>;

  /** Hard delete: reads and appends fail with `StreamDeletedError` for ever. */
  tombstoneStream(streamName: string, options?: DeleteOptions): Promise<void>;

  close(): Promise<void>;
}

/** Where a subscription runner keeps the last position it has fully handled. */
export interface CheckpointStore {
  load(subscriptionId: string): Promise<bigint | undefined>;
  store(subscriptionId: string, position: bigint): Promise<void>;
}

/** DI tokens. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const CHECKPOINT_STORE = Symbol('CHECKPOINT_STORE');
