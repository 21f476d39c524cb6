import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  ErrorType,
  EventStoreDBClient,
  FORWARDS,
  START,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamSubscription,
  type Filter,
  type Position,
  type ReadRevision,
  type StreamSubscription,
  type StreamingRead,
} from '@eventstore/db-client';
import type {
  ActualRevision,
  AppendOptions,
  AppendResult,
  DeleteOptions,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  JsonObject,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamMetadataResult,
  SubscribeToAllOptions,
  SubscribeToStreamOptions,
  Subscription,
  SubscriptionFilter,
  SubscriptionMessage,
} from '../event-store.port';
import {
  EventStoreUnavailableError,
  InvalidAppendError,
  StreamDeletedError,
  StreamNotFoundError,
  SubscriptionDroppedError,
  WrongExpectedVersionError,
} from '../errors';
import { validateBatch, validateMetadataKeys } from '../append-validation';
import { EventStoreDbCheckpointStore } from './eventstoredb-checkpoint-store';

type ClientExpectedRevision = 'any' | 'no_stream' | bigint;
type ClientSubscription = StreamSubscription | AllStreamSubscription;
type Accept = (event: RecordedEvent) => boolean;
/** One read of `$all`, opened only when its turn comes: an open read must always have a listener and a reader. */
type ReadAllSource = { open: () => StreamingRead<ClientResolvedEvent>; keep: Accept; limit: number };

/** The shape of a resolved event as the client hands it over, for both stream and `$all` reads. */
export interface ClientResolvedEvent {
  event?: {
    streamId: string;
    id: string;
    type: string;
    revision: bigint;
    created: Date;
    data: unknown;
    metadata?: unknown;
    position?: Position;
  };
  commitPosition?: bigint;
}

const INT64_MAX = 2n ** 63n - 1n;
const SET_METADATA_ATTEMPTS = 5;
/** `$tb` as EventStoreDB's soft delete writes it (2^63-1); JSON.parse turns it into a float past 2^53. */
const isSoftDeleteMarker = (value: unknown) => typeof value === 'number' && value > Number.MAX_SAFE_INTEGER;

/**
 * The event store port on EventStoreDB (server 23.10 or later: the caught-up signal and event
 * positions on stream reads come from there). Positions are commit positions; on EventStoreDB 20+ an
 * event's prepare position equals its commit position, so `{ commit: p, prepare: p }` addresses it.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb';
  readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  /** Only a client made here is disposed by `close()`; a shared one belongs to whoever passed it in. */
  private readonly ownsClient: boolean;

  /** A connection string such as `esdb://localhost:2113?tls=false`, or a client to share. */
  constructor(connection: string | EventStoreDBClient) {
    this.ownsClient = typeof connection === 'string';
    this.client =
      typeof connection === 'string' ? EventStoreDBClient.connectionString(connection) : connection;
  }

  /** Checkpoints kept as events in `checkpoint-<id>` streams of the same database. */
  checkpointStore(): EventStoreDbCheckpointStore {
    return new EventStoreDbCheckpointStore(this.client);
  }

  async appendToStream(
    streamName: string,
    events: EventToAppend[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    validateBatch(streamName, events);
    const expected = options.expectedRevision ?? 'any';
    try {
      return await this.append(streamName, events, expected);
    } catch (error) {
      const softDeleted =
        expected === 'stream_exists' &&
        hasType(error, ErrorType.STREAM_DELETED) &&
        !(await this.isTombstoned(streamName));
      if (!softDeleted) throw toWriteError(error, streamName, expected);
      // EventStoreDB refuses stream_exists on a soft-deleted stream; the port still counts it as existing
      return this.append(streamName, events, 'any').catch((retryError: unknown) => {
        throw toWriteError(retryError, streamName, expected);
      });
    }
  }

  async *readStream(streamName: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const forwards = (options.direction ?? 'forwards') === 'forwards';
    const from = options.fromRevision ?? (forwards ? 'start' : 'end');
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    // forwards from the end, inclusive, is the last event alone: only a backwards read finds it
    const lastOnly = forwards && from === 'end';
    const read = this.client.readStream(streamName, {
      direction: forwards && !lastOnly ? FORWARDS : BACKWARDS,
      fromRevision: toReadRevision(from),
      // a read of zero events must still report a missing stream
      maxCount: lastOnly ? 1 : Math.max(maxCount, 1),
    });
    let yielded = 0;
    try {
      for await (const resolved of cancelOnExit(read)) {
        if (!resolved.event) continue;
        if (yielded >= maxCount) return;
        yielded += 1;
        yield toRecordedEvent(resolved);
      }
    } catch (error) {
      throw toReadError(error, streamName);
    }
    const wholeStream = lastOnly || (forwards ? from === 'start' : from === 'end');
    if (yielded === 0 && (wholeStream || (await this.lastRevision(streamName)) === undefined)) {
      // every event is truncated away (a soft-deleted stream whose metadata was set since): as missing
      throw new StreamNotFoundError(streamName);
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const accept = eventPredicate(options.filter);
    const forwards = (options.direction ?? 'forwards') === 'forwards';
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    try {
      for (const read of this.readAllSources(
        forwards,
        options.fromPosition ?? (forwards ? 'start' : 'end'),
      )) {
        let taken = 0;
        for await (const resolved of cancelOnExit(read.open())) {
          const event = resolved.event && toRecordedEvent(resolved);
          if (!event || !read.keep(event)) continue;
          taken += 1;
          if (accept(event)) {
            yield event;
            if (--remaining <= 0) return;
          }
          if (taken >= read.limit) break;
        }
      }
    } catch (error) {
      throw toReadError(error, '$all');
    }
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    const accept = eventPredicate(options.filter);
    const source = this.client.subscribeToAll({
      fromPosition: toReadPosition(options.fromPosition),
      filter: toServerFilter(options.filter),
    });
    return this.track(new EventStoreDbSubscription(source, accept, (error) => toDroppedError(error)));
  }

  subscribeToStream(streamName: string, options: SubscribeToStreamOptions): Subscription {
    const source = this.client.subscribeToStream(streamName, {
      fromRevision: toReadRevision(options.fromRevision),
    });
    const toError = (error: unknown) =>
      hasType(error, ErrorType.STREAM_DELETED) ? new StreamDeletedError(streamName) : toDroppedError(error);
    return this.track(new EventStoreDbSubscription(source, isUserEvent, toError));
  }

  async getStreamMetadata(streamName: string): Promise<StreamMetadataResult> {
    const current = await this.readMetadata(streamName);
    return {
      streamName,
      metadata: current?.custom ?? {},
      metadataRevision: current?.revision ?? 'no_stream',
    };
  }

  async setStreamMetadata(
    streamName: string,
    metadata: JsonObject,
    options: AppendOptions = {},
  ): Promise<void> {
    validateBatch(streamName, [{ id: randomUUID(), type: 'StreamMetadataSet', data: metadata }]);
    validateMetadataKeys(`$$${streamName}`, metadata);
    const expected = options.expectedRevision ?? 'any';
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.writeMetadata(streamName, metadata, expected);
      } catch (error) {
        const raced = expected === 'any' && error instanceof WrongExpectedVersionError;
        if (!raced || attempt >= SET_METADATA_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * EventStoreDB's own soft delete replaces the stream's metadata with a `$tb` marker alone and then takes
   * `no_stream` (and refuses `stream_exists`) as if the stream had never been. The port's soft delete keeps
   * the stream at its revision with its metadata, so the metadata held before is written back right after:
   * on that write the server settles `$tb` at the next revision, which hides the events as before and makes
   * the stream count as existing again.
   */
  async deleteStream(streamName: string, options: DeleteOptions = {}): Promise<void> {
    const expected = options.expectedRevision ?? 'any';
    const before = await this.readMetadata(streamName);
    try {
      const clientExpected = await this.deleteExpectation(streamName, expected);
      await this.client.deleteStream(streamName, { expectedRevision: clientExpected });
    } catch (error) {
      const mapped = toWriteError(error, streamName, expected);
      // EventStoreDB refuses to soft-delete a stream that never existed; there is nothing to hide
      const nothingToHide =
        mapped instanceof WrongExpectedVersionError &&
        mapped.actual === 'no_stream' &&
        (expected === 'any' || expected === 'no_stream');
      if (!nothingToHide) throw mapped;
      return;
    }
    await this.restoreMetadataAfterDelete(streamName, before);
  }

  async tombstoneStream(streamName: string, options: DeleteOptions = {}): Promise<void> {
    const expected = options.expectedRevision ?? 'any';
    try {
      const clientExpected = await this.deleteExpectation(streamName, expected);
      await this.client.tombstoneStream(streamName, { expectedRevision: clientExpected });
    } catch (error) {
      throw toWriteError(error, streamName, expected);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.unsubscribe()));
    if (this.ownsClient) await this.client.dispose();
  }

  private async append(
    streamName: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const result = await this.client.appendToStream(streamName, events.map(toEventData), {
      expectedRevision: expected,
    });
    // With `throwOnAppendFailure=false` in the connection string a failed expectation is an answer, not an error
    if (!result.success) {
      throw new WrongExpectedVersionError(
        streamName,
        expected,
        toActualRevision(result.nextExpectedRevision),
      );
    }
    const position =
      result.position?.commit ?? (await this.positionAt(streamName, result.nextExpectedRevision));
    return { nextExpectedRevision: result.nextExpectedRevision, position };
  }

  // Older servers answer an idempotent retry without a position: read it back.
  private async positionAt(streamName: string, revision: bigint): Promise<bigint> {
    const read = this.readStream(streamName, { direction: 'backwards', fromRevision: revision, maxCount: 1 });
    const [event] = await collectAll(read).catch((error: unknown) => {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    });
    if (event?.revision === revision && event.position >= 0n) return event.position;
    throw new Error(`The append to ${streamName} succeeded, but EventStoreDB did not report its position`);
  }

  private async isTombstoned(streamName: string): Promise<boolean> {
    try {
      await this.lastRevision(streamName);
      return false;
    } catch (error) {
      if (error instanceof StreamDeletedError) return true;
      throw error;
    }
  }

  private async lastRevision(streamName: string): Promise<bigint | undefined> {
    try {
      for await (const event of this.readStream(streamName, { direction: 'backwards', maxCount: 1 }))
        return event.revision;
      return undefined;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * The client's delete takes no stream_exists: find the revision the stream is at and expect exactly that,
   * so the server still checks it. A stream whose events are all hidden by an earlier soft delete is at
   * the revision before its `$tb`, as an append sees it.
   */
  private async deleteExpectation(
    streamName: string,
    expected: ExpectedRevision,
  ): Promise<ClientExpectedRevision> {
    if (expected !== 'stream_exists') return expected;
    const last = await this.lastRevision(streamName);
    if (last !== undefined) return last;
    const truncateBefore = (await this.readMetadata(streamName))?.system.$tb;
    if (isSoftDeleteMarker(truncateBefore)) return 'any';
    if (typeof truncateBefore === 'number' && Number.isSafeInteger(truncateBefore) && truncateBefore > 0) {
      return BigInt(truncateBefore) - 1n;
    }
    throw new WrongExpectedVersionError(streamName, 'stream_exists', 'no_stream');
  }

  /**
   * Writes back the metadata a soft delete replaced (see `deleteStream`), merged with anything written
   * since, guarded on the metadata's revision and retried when that moves. A `$tb` that is no longer the
   * marker (an append already reopened the stream) is kept as it is, or hidden events would reappear.
   */
  private async restoreMetadataAfterDelete(
    streamName: string,
    before: { custom: JsonObject; system: JsonObject } | undefined,
  ): Promise<void> {
    const metastream = `$$${streamName}`;
    const systemBefore = withoutKey(before?.system ?? {}, '$tb');
    for (let attempt = 1; ; attempt++) {
      const current = await this.readMetadata(streamName);
      const truncateBefore = current?.system.$tb;
      const systemNow = withoutKey(current?.system ?? {}, '$tb');
      const data: JsonObject = {
        ...systemMetadataToKeep(streamName, { ...systemBefore, ...systemNow }),
        ...(truncateBefore === undefined || isSoftDeleteMarker(truncateBefore)
          ? {}
          : { $tb: truncateBefore }),
        ...before?.custom,
        ...current?.custom,
      };
      try {
        const result = await this.client.appendToStream(metastream, jsonEvent({ type: '$metadata', data }), {
          expectedRevision: current?.revision ?? 'no_stream',
        });
        if (result.success) return;
        throw new WrongExpectedVersionError(metastream, current?.revision ?? 'no_stream', 'no_stream');
      } catch (error) {
        const mapped = toWriteError(error, metastream, current?.revision ?? 'no_stream');
        if (!(mapped instanceof WrongExpectedVersionError) || attempt >= SET_METADATA_ATTEMPTS) throw mapped;
      }
    }
  }

  // Read, merge, write: with 'any' the write is guarded on the revision read, so a concurrent delete's $tb survives.
  private async writeMetadata(
    streamName: string,
    metadata: JsonObject,
    expected: ExpectedRevision,
  ): Promise<void> {
    const metastream = `$$${streamName}`;
    const current = await this.readMetadata(streamName);
    const data = { ...systemMetadataToKeep(streamName, current?.system ?? {}), ...metadata };
    const guard = expected === 'any' ? (current?.revision ?? 'no_stream') : expected;
    try {
      const result = await this.client.appendToStream(metastream, jsonEvent({ type: '$metadata', data }), {
        expectedRevision: guard,
      });
      if (!result.success) {
        throw new WrongExpectedVersionError(
          metastream,
          expected,
          toActualRevision(result.nextExpectedRevision),
        );
      }
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw error;
      throw toWriteError(error, metastream, expected);
    }
  }

  private async readMetadata(
    streamName: string,
  ): Promise<{ revision: bigint; custom: JsonObject; system: JsonObject } | undefined> {
    try {
      for await (const event of this.readStream(`$$${streamName}`, { direction: 'backwards', maxCount: 1 })) {
        return { revision: event.revision, ...splitMetadata(event.data) };
      }
      return undefined;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  // Reads of $all that together give the port's inclusive semantics; `limit` caps the events kept.
  private readAllSources(forwards: boolean, from: 'start' | 'end' | bigint): ReadAllSource[] {
    const everything = { keep: () => true, limit: Number.POSITIVE_INFINITY };
    if (forwards && from === 'end') {
      // forwards from the end, inclusive, is the last event alone
      return [
        {
          open: () => this.client.readAll({ direction: BACKWARDS, fromPosition: END }),
          keep: isUserEvent,
          limit: 1,
        },
      ];
    }
    const direction = forwards ? FORWARDS : BACKWARDS;
    if (forwards || typeof from !== 'bigint') {
      return [
        { open: () => this.client.readAll({ direction, fromPosition: toReadPosition(from) }), ...everything },
      ];
    }
    // a backwards read of $all excludes the event at its start position: fetch that one first; the
    // second read opens only once the first is done, and not at all when maxCount is already met
    return [
      {
        open: () =>
          this.client.readAll({ direction: FORWARDS, fromPosition: toReadPosition(from), maxCount: 1 }),
        keep: (event) => event.position === from,
        limit: 1,
      },
      { open: () => this.client.readAll({ direction, fromPosition: toReadPosition(from) }), ...everything },
    ];
  }

  private track(subscription: EventStoreDbSubscription): Subscription {
    this.subscriptions.add(subscription);
    subscription.onClose(() => this.subscriptions.delete(subscription));
    return subscription;
  }
}

/**
 * A client catch-up subscription as the port's `Subscription`: events and exactly one `caughtUp`, in
 * order, and a `SubscriptionDroppedError` when the source ends or fails without `unsubscribe()`.
 */
export class EventStoreDbSubscription implements Subscription {
  static readonly HIGH_WATER_MARK = 64;
  private readonly queue: SubscriptionMessage[] = [];
  private waiters: (() => void)[] = [];
  private readonly closeListeners: (() => void)[] = [];
  private failure: { error: unknown } | undefined;
  private caughtUp = false;
  private closed = false;

  constructor(
    private readonly source: ClientSubscription,
    private readonly accept: Accept,
    private readonly toError: (error: unknown) => unknown,
  ) {
    // paused mode: events stay in the source's buffer until pulled, so caughtUp can be placed after them
    source.on('readable', () => this.pull());
    source.on('caughtUp', () => this.markCaughtUp());
    source.on('error', (error: unknown) => this.fail(this.toError(error)));
    source.on('end', () => this.fail(new SubscriptionDroppedError('the server ended the subscription')));
    source.on('close', () => this.fail(new SubscriptionDroppedError('the subscription stream closed')));
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  async unsubscribe(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.wake();
    for (const listener of this.closeListeners) listener();
    await this.source.unsubscribe().catch(() => undefined);
    this.source.destroy();
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    return {
      next: () => this.next(),
      return: async () => {
        await this.unsubscribe();
        return { done: true, value: undefined };
      },
    };
  }

  private async next(): Promise<IteratorResult<SubscriptionMessage>> {
    for (;;) {
      if (this.closed) return { done: true, value: undefined };
      this.pull();
      const message = this.queue.shift();
      if (message) return { done: false, value: message };
      if (this.failure) {
        const { error } = this.failure;
        await this.unsubscribe();
        throw error;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private pull(limit = EventStoreDbSubscription.HIGH_WATER_MARK): void {
    while (!this.closed && !this.source.destroyed && this.queue.length < limit) {
      const resolved = this.source.read() as ClientResolvedEvent | null;
      if (resolved === null) return;
      const event = resolved.event && toRecordedEvent(resolved);
      if (event && this.accept(event)) this.push({ kind: 'event', event });
    }
  }

  private markCaughtUp(): void {
    if (this.caughtUp) return;
    this.caughtUp = true;
    // the client signals from inside its transform: every event before the signal is already buffered
    this.pull(Number.POSITIVE_INFINITY);
    this.push({ kind: 'caughtUp' });
  }

  private fail(error: unknown): void {
    if (this.closed || this.failure) return;
    this.pull(Number.POSITIVE_INFINITY);
    this.failure = { error };
    this.wake();
  }

  private push(message: SubscriptionMessage): void {
    if (this.closed) return;
    this.queue.push(message);
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }
}

// Pure mappings between the port and the client, exported for the unit tests.

export function toEventData(event: EventToAppend) {
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: event.metadata ?? {} });
}

export function toRecordedEvent(resolved: ClientResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event) throw new Error('A resolved event without an event cannot be recorded');
  return {
    streamName: event.streamId,
    id: event.id.toLowerCase(),
    type: event.type,
    revision: event.revision,
    position: toPosition(event.position?.commit ?? resolved.commitPosition),
    data: decodeBody(event.data),
    metadata: event.metadata === undefined ? {} : decodeBody(event.metadata),
    createdAt: event.created,
  };
}

/** -1n when the server did not say (it sends 2^64-1 for "no position"). */
export function toPosition(commit: bigint | undefined): bigint {
  return commit === undefined || commit < 0n || commit > INT64_MAX ? -1n : commit;
}

/** Parsed JSON as it is; binary bodies are decoded and parsed if they are JSON, else returned as text. */
export function decodeBody(body: unknown): unknown {
  if (!(body instanceof Uint8Array)) return body;
  const text = Buffer.from(body).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function toReadPosition(from: 'start' | 'end' | bigint): 'start' | 'end' | Position {
  if (from === 'start') return START;
  if (from === 'end') return END;
  return { commit: from, prepare: from };
}

export function toReadRevision(from: 'start' | 'end' | bigint): ReadRevision {
  if (from === 'start') return START;
  if (from === 'end') return END;
  return from;
}

/** The client reports "no stream" as the string 'no_stream', as a negative number, or by omission. */
export function toActualRevision(actual: unknown): ActualRevision {
  if (typeof actual === 'bigint') return actual < 0n ? 'no_stream' : actual;
  if (typeof actual === 'number' && Number.isSafeInteger(actual))
    return actual < 0 ? 'no_stream' : BigInt(actual);
  if (typeof actual === 'string' && /^\d+$/.test(actual)) return BigInt(actual);
  return 'no_stream';
}

export function hasType(error: unknown, type: ErrorType): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === type;
}

const UNAVAILABLE_TYPES = [
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
  ErrorType.CANCELLED,
];

/** The client's errors as the port's: a missing or deleted stream, or a store that cannot answer now. */
export function toReadError(error: unknown, streamName: string): unknown {
  if (hasType(error, ErrorType.STREAM_NOT_FOUND)) return new StreamNotFoundError(streamName);
  if (hasType(error, ErrorType.STREAM_DELETED)) return new StreamDeletedError(streamName);
  if (UNAVAILABLE_TYPES.some((type) => hasType(error, type))) {
    const reason =
      error instanceof Error && error.message ? error.message : String((error as { type: string }).type);
    return new EventStoreUnavailableError(reason, error);
  }
  return error;
}

export function toWriteError(error: unknown, streamName: string, expected: ExpectedRevision): unknown {
  if (hasType(error, ErrorType.WRONG_EXPECTED_VERSION)) {
    const actual = (error as { actualVersion?: unknown }).actualVersion;
    return new WrongExpectedVersionError(streamName, expected, toActualRevision(actual));
  }
  if (hasType(error, ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED)) {
    return new InvalidAppendError(streamName, "the batch is larger than the server's maximum append size");
  }
  return toReadError(error, streamName);
}

export function toDroppedError(error: unknown): SubscriptionDroppedError {
  const reason = error instanceof Error ? error.message : String(error);
  return new SubscriptionDroppedError(reason || 'the subscription failed', error);
}

/** System events (`$`-typed, or in `$` streams) are never returned, whatever the filter. */
export function isUserEvent(event: RecordedEvent): boolean {
  return !event.type.startsWith('$') && !event.streamName.startsWith('$');
}

function filterParts(filter: SubscriptionFilter | undefined): { prefixes: string[]; types: string[] } {
  const prefixes = filter?.streamNamePrefixes ?? [];
  const types = filter?.eventTypes ?? [];
  if (prefixes.length && types.length)
    throw new Error('A filter takes stream name prefixes or event types, not both');
  return { prefixes, types };
}

/** The filter applied on our side: system events out, then the prefixes or the exact types. */
export function eventPredicate(filter: SubscriptionFilter | undefined): Accept {
  const { prefixes, types } = filterParts(filter);
  const wanted = new Set(types);
  return (event) =>
    isUserEvent(event) &&
    (!prefixes.length || prefixes.some((prefix) => event.streamName.startsWith(prefix))) &&
    (!wanted.size || wanted.has(event.type));
}

/** The filter sent to the server, which takes one filter: the user's, else one that drops system events. */
export function toServerFilter(filter: SubscriptionFilter | undefined): Filter {
  const { prefixes, types } = filterParts(filter);
  if (prefixes.length) return streamNameFilter({ prefixes });
  if (types.length) return eventTypeFilter({ regex: exactNamesRegex(types) });
  return excludeSystemEvents();
}

export function exactNamesRegex(names: string[]): string {
  return `^(?:${names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`;
}

export function splitMetadata(data: unknown): { custom: JsonObject; system: JsonObject } {
  const custom: JsonObject = {};
  const system: JsonObject = {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { custom, system };
  for (const [key, value] of Object.entries(data as JsonObject))
    (key.startsWith('$') ? system : custom)[key] = value;
  return { custom, system };
}

/** Kept as they are, except the soft-delete marker, which no JavaScript number can carry back. */
export function systemMetadataToKeep(streamName: string, system: JsonObject): JsonObject {
  const kept: JsonObject = {};
  for (const [key, value] of Object.entries(system)) {
    if (typeof value !== 'number' || Number.isSafeInteger(value)) kept[key] = value;
    // $tb = 2^63-1 marks a soft delete; on this write the server resets it to the next revision anyway
    else if (key === '$tb') kept[key] = Number.MAX_SAFE_INTEGER;
    else
      throw new Error(
        `Cannot set metadata on ${streamName}: its ${key} is too large to round-trip through JavaScript`,
      );
  }
  return kept;
}

function withoutKey(object: JsonObject, key: string): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([k]) => k !== key));
}

async function collectAll<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

// Stops the server-side read when the caller stops iterating early.
async function* cancelOnExit<T>(read: StreamingRead<T>): AsyncGenerator<T> {
  let complete = false;
  // a late error after iteration stopped must not surface as an unhandled 'error' event
  read.on('error', () => undefined);
  try {
    for await (const item of read) yield item;
    complete = true;
  } finally {
    if (!complete) await read.cancel().catch(() => undefined);
  }
}
