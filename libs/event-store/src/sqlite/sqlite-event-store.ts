import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type {
  AppendOptions,
  AppendResult,
  CheckpointStore,
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
} from '../event-store.port';
import {
  InvalidAppendError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '../errors';
import { validateBatch, validateMetadataKeys } from '../append-validation';
import { commitSignal, PollingSubscription } from './polling-subscription';
import { SCHEMA } from './schema';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:' for a store that lives and dies with the process. */
  path: string;
  /** How often subscriptions look for commits made by other processes. */
  pollIntervalMs?: number;
  /** Rows a subscription or a read fetches at a time. */
  batchSize?: number;
}

interface StreamRow {
  last_revision: bigint;
  truncate_before: bigint;
  state: bigint;
  metadata: string | null;
  metadata_revision: bigint | null;
}

interface EventRow {
  global_position: bigint;
  stream_name: string;
  revision: bigint;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  created_at: string;
}

/** Reads fetch rows as arrays in this column order: no per-row object that is thrown away at once. */
const COLUMNS = 'global_position, stream_name, revision, event_id, type, data, metadata, created_at';
type EventTuple = [bigint, string, bigint, string, string, string, string, string];

/** An append waiting for the next group commit. */
interface PendingAppend {
  streamName: string;
  events: EventToAppend[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}
type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

const ALIVE = 0n;
const SOFT_DELETED = 1n;
const TOMBSTONED = 2n;

/** The embedded event store: one SQLite file, no server. */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite';
  readonly db: Database.Database;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly statements;
  private readonly appendTransaction;
  private readonly groupCommit;
  private pending: PendingAppend[] = [];
  /** Transactions appends have been written in so far (several appends can share one): for tests and benchmarks. */
  appendCommits = 0;

  constructor(private readonly options: SqliteEventStoreOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 10000');
    this.db.defaultSafeIntegers(true);
    this.db.exec(SCHEMA);
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.batchSize = options.batchSize ?? 1000;
    const db = this.db;
    this.statements = {
      stream: db.prepare<[string], StreamRow>(
        'SELECT last_revision, truncate_before, state, metadata, metadata_revision FROM streams WHERE name = ?',
      ),
      eventById: db.prepare<[string, string], EventRow>(
        'SELECT * FROM events WHERE stream_name = ? AND event_id = ?',
      ),
      eventAt: db.prepare<[string, bigint], EventRow>(
        'SELECT * FROM events WHERE stream_name = ? AND revision = ?',
      ),
      insertEvent: db.prepare(
        `INSERT INTO events (stream_name, revision, event_id, type, data, metadata, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      upsertStream: db.prepare(
        `INSERT INTO streams (name, last_revision) VALUES (?, ?)
         ON CONFLICT(name) DO UPDATE SET last_revision = excluded.last_revision,
           state = CASE WHEN state = ${SOFT_DELETED} THEN ${ALIVE} ELSE state END`,
      ),
      setState: db.prepare('UPDATE streams SET state = ?, truncate_before = ? WHERE name = ?'),
      insertEmptyStream: db.prepare(
        'INSERT INTO streams (name, last_revision, state, truncate_before) VALUES (?, -1, ?, 0)',
      ),
      setMetadata: db.prepare(
        `INSERT INTO streams (name, last_revision, metadata, metadata_revision) VALUES (?, -1, ?, 0)
         ON CONFLICT(name) DO UPDATE SET metadata = excluded.metadata,
           metadata_revision = COALESCE(metadata_revision + 1, 0)`,
      ),
      maxPosition: db.prepare<[], { p: bigint | null }>('SELECT MAX(global_position) AS p FROM events'),
      streamForwards: db
        .prepare<[string, bigint, bigint, number], EventTuple>(
          `SELECT ${COLUMNS} FROM events WHERE stream_name = ? AND revision >= ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
        )
        .raw(true),
      streamBackwards: db
        .prepare<[string, bigint, bigint, number], EventTuple>(
          `SELECT ${COLUMNS} FROM events WHERE stream_name = ? AND revision <= ? AND revision >= ? ORDER BY revision DESC LIMIT ?`,
        )
        .raw(true),
    };
    this.appendTransaction = db.transaction(
      (streamName: string, events: EventToAppend[], expected: ExpectedRevision): AppendResult =>
        this.appendInTransaction(streamName, events, expected),
    );
    // Each append runs in its own savepoint (a nested better-sqlite3 transaction): one that fails is
    // rolled back alone and the others in the group still commit.
    this.groupCommit = db.transaction((group: PendingAppend[]): Outcome[] =>
      group.map((append) => {
        try {
          return {
            ok: true,
            result: this.appendTransaction(append.streamName, append.events, append.expected),
          };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }

  /**
   * Group commit: appends made while the event loop is busy (concurrent requests) are written in one
   * `BEGIN IMMEDIATE` transaction at the end of the current turn, in the order they were made, so they
   * share one fsync. Each append still checks its expected revision against everything before it, and
   * its promise settles only after the commit that holds it is durable.
   */
  appendToStream(
    streamName: string,
    events: EventToAppend[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    try {
      validateBatch(streamName, events);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.flushAppends());
      this.pending.push({ streamName, events, expected: options.expectedRevision ?? 'any', resolve, reject });
    });
  }

  private flushAppends(): void {
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return;
    let outcomes: Outcome[];
    try {
      if (!this.db.open) throw new Error('the event store is closed');
      outcomes = this.groupCommit.immediate(group);
      this.appendCommits += 1;
    } catch (error) {
      // The commit itself failed (busy past the timeout, disk full): nothing in the group was written.
      for (const append of group) append.reject(error);
      return;
    }
    if (outcomes.some((o) => o.ok)) commitSignal(this.options.path).emit();
    group.forEach((append, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) append.resolve(outcome.result);
      else append.reject(outcome.error);
    });
  }

  /** Runs inside BEGIN IMMEDIATE: no await may appear here. */
  private appendInTransaction(
    streamName: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
  ): AppendResult {
    const stream = this.statements.stream.get(streamName);
    if (stream?.state === TOMBSTONED) throw new StreamDeletedError(streamName);
    const current = stream && stream.last_revision >= 0n ? stream.last_revision : undefined;

    const retried = this.identicalRetry(streamName, events, expected);
    if (retried) return retried;
    checkExpected(streamName, expected, current);

    const now = new Date().toISOString();
    let revision = current ?? -1n;
    let position = 0n;
    for (const event of events) {
      revision += 1n;
      try {
        position = BigInt(
          this.statements.insertEvent.run(
            streamName,
            revision,
            event.id.toLowerCase(),
            event.type,
            JSON.stringify(event.data),
            JSON.stringify(event.metadata ?? {}),
            now,
          ).lastInsertRowid,
        );
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new InvalidAppendError(streamName, `event id ${event.id} is already in the stream`);
        }
        throw error;
      }
    }
    this.statements.upsertStream.run(streamName, revision);
    return { nextExpectedRevision: revision, position };
  }

  /** The same ids at the revisions the same expectation led to: the original result, nothing written. */
  private identicalRetry(streamName: string, events: EventToAppend[], expected: ExpectedRevision) {
    const first = this.statements.eventById.get(streamName, events[0].id.toLowerCase());
    if (!first) return undefined;
    const consistent =
      expected === 'any' ||
      expected === 'stream_exists' ||
      (expected === 'no_stream' && first.revision === 0n) ||
      (typeof expected === 'bigint' && first.revision === expected + 1n);
    if (!consistent) return undefined;
    let last = first;
    for (let i = 1; i < events.length; i++) {
      const row = this.statements.eventAt.get(streamName, first.revision + BigInt(i));
      if (!row || row.event_id !== events[i].id.toLowerCase()) return undefined;
      last = row;
    }
    return { nextExpectedRevision: last.revision, position: last.global_position };
  }

  async *readStream(streamName: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const stream = this.statements.stream.get(streamName);
    if (stream?.state === TOMBSTONED) throw new StreamDeletedError(streamName);
    if (!stream || stream.last_revision < stream.truncate_before) throw notFound(streamName);
    const forwards = (options.direction ?? 'forwards') === 'forwards';
    const from = options.fromRevision ?? (forwards ? 'start' : 'end');
    let cursor =
      from === 'start' ? stream.truncate_before : from === 'end' ? stream.last_revision : (from as bigint);
    if (cursor < stream.truncate_before) {
      if (!forwards) return;
      cursor = stream.truncate_before;
    }
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    // Prepared once in the constructor: a command reads its stream on every write.
    const statement = forwards ? this.statements.streamForwards : this.statements.streamBackwards;
    while (remaining > 0) {
      const limit = Math.min(remaining, this.batchSize);
      const rows = statement.all(streamName, cursor, stream.truncate_before, limit);
      for (const row of rows) yield toRecorded(row);
      remaining -= rows.length;
      if (rows.length < limit) return;
      cursor = rows[rows.length - 1][2] + (forwards ? 1n : -1n);
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const forwards = (options.direction ?? 'forwards') === 'forwards';
    const from = options.fromPosition ?? (forwards ? 'start' : 'end');
    let cursor = from === 'start' ? 0n : from === 'end' ? (this.statements.maxPosition.get()?.p ?? 0n) : from;
    const filter = filterSql(options.filter);
    const statement = this.db
      .prepare<unknown[], EventTuple>(
        `SELECT ${COLUMNS} FROM events WHERE global_position ${forwards ? '>=' : '<='} ? ${filter.sql}
         ORDER BY global_position ${forwards ? 'ASC' : 'DESC'} LIMIT ?`,
      )
      .raw(true);
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const limit = Math.min(remaining, this.batchSize);
      const rows = statement.all(cursor, ...filter.params, limit);
      for (const row of rows) yield toRecorded(row);
      remaining -= rows.length;
      if (rows.length < limit) return;
      cursor = rows[rows.length - 1][0] + (forwards ? 1n : -1n);
      // A turn of the event loop between batches: a long read must not hold off requests until it ends.
      await nextTurn();
    }
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    const filter = filterSql(options.filter);
    const statement = this.db
      .prepare<unknown[], EventTuple>(
        `SELECT ${COLUMNS} FROM events WHERE global_position > ? AND global_position <= ? ${filter.sql} ORDER BY global_position LIMIT ?`,
      )
      .raw(true);
    const start =
      options.fromPosition === 'start'
        ? 0n
        : options.fromPosition === 'end'
          ? (this.statements.maxPosition.get()?.p ?? 0n)
          : options.fromPosition;
    return this.track(
      new PollingSubscription({
        cursor: start,
        fetch: (after, limit) => {
          // Bounded by the last committed position: a short batch means every row up to it was looked at.
          const upTo = this.statements.maxPosition.get()?.p ?? 0n;
          return {
            events: statement.all(after, upTo, ...filter.params, limit).map(toRecorded),
            scannedTo: upTo,
          };
        },
        next: (event) => event.position,
        signal: commitSignal(this.options.path),
        pollIntervalMs: this.pollIntervalMs,
        batchSize: this.batchSize,
      }),
    );
  }

  subscribeToStream(streamName: string, options: SubscribeToStreamOptions): Subscription {
    const statement = this.db
      .prepare<[string, bigint, number], EventTuple>(
        `SELECT ${COLUMNS} FROM events WHERE stream_name = ? AND revision > ? ORDER BY revision LIMIT ?`,
      )
      .raw(true);
    const stream = this.statements.stream.get(streamName);
    const start =
      options.fromRevision === 'start'
        ? -1n
        : options.fromRevision === 'end'
          ? (stream?.last_revision ?? -1n)
          : options.fromRevision;
    return this.track(
      new PollingSubscription({
        cursor: start,
        fetch: (after, limit) => {
          if (this.statements.stream.get(streamName)?.state === TOMBSTONED)
            throw new StreamDeletedError(streamName);
          return { events: statement.all(streamName, after, limit).map(toRecorded) };
        },
        next: (event) => event.revision,
        signal: commitSignal(this.options.path),
        pollIntervalMs: this.pollIntervalMs,
        batchSize: this.batchSize,
      }),
    );
  }

  async getStreamMetadata(streamName: string): Promise<StreamMetadataResult> {
    const stream = this.statements.stream.get(streamName);
    return {
      streamName,
      metadata: stream?.metadata ? (JSON.parse(stream.metadata) as JsonObject) : {},
      metadataRevision: stream?.metadata_revision ?? 'no_stream',
    };
  }

  async setStreamMetadata(
    streamName: string,
    metadata: JsonObject,
    options: AppendOptions = {},
  ): Promise<void> {
    validateMetadataKeys(streamName, metadata);
    this.db
      .transaction(() => {
        const stream = this.statements.stream.get(streamName);
        if (stream?.state === TOMBSTONED) throw new StreamDeletedError(`$$${streamName}`);
        checkExpected(
          `$$${streamName}`,
          options.expectedRevision ?? 'any',
          stream?.metadata_revision ?? undefined,
        );
        this.statements.setMetadata.run(streamName, JSON.stringify(metadata));
      })
      .immediate();
  }

  async deleteStream(streamName: string, options: DeleteOptions = {}): Promise<void> {
    this.markDeleted(streamName, SOFT_DELETED, options.expectedRevision ?? 'any');
  }

  async tombstoneStream(streamName: string, options: DeleteOptions = {}): Promise<void> {
    this.markDeleted(streamName, TOMBSTONED, options.expectedRevision ?? 'any');
    commitSignal(this.options.path).emit();
  }

  private markDeleted(streamName: string, state: bigint, expected: ExpectedRevision): void {
    this.db
      .transaction(() => {
        const stream = this.statements.stream.get(streamName);
        if (stream?.state === TOMBSTONED) throw new StreamDeletedError(streamName);
        const current = stream && stream.last_revision >= 0n ? stream.last_revision : undefined;
        checkExpected(streamName, expected, current);
        if (!stream) {
          this.statements.insertEmptyStream.run(streamName, state);
          return;
        }
        this.statements.setState.run(state, stream.last_revision + 1n, streamName);
      })
      .immediate();
  }

  /** Checkpoints live in the same file, so a projection's position survives with the events. */
  checkpointStore(): CheckpointStore {
    const load = this.db.prepare<[string], { position: bigint }>(
      'SELECT position FROM checkpoints WHERE subscription_id = ?',
    );
    const save = this.db.prepare(
      `INSERT INTO checkpoints (subscription_id, position, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(subscription_id) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    );
    return {
      load: async (id) => load.get(id)?.position,
      store: async (id, position) => {
        save.run(id, position, new Date().toISOString());
      },
    };
  }

  async close(): Promise<void> {
    // Appends already accepted are written before the file closes.
    this.flushAppends();
    await Promise.all([...this.subscriptions].map((s) => s.unsubscribe()));
    if (this.db.open) this.db.close();
  }

  private track(subscription: PollingSubscription): Subscription {
    this.subscriptions.add(subscription);
    subscription.onClose(() => this.subscriptions.delete(subscription));
    return subscription;
  }
}

function checkExpected(streamName: string, expected: ExpectedRevision, current: bigint | undefined): void {
  const actual = current ?? 'no_stream';
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === undefined) ||
    (expected === 'stream_exists' && current !== undefined) ||
    (typeof expected === 'bigint' && current === expected);
  if (!ok) throw new WrongExpectedVersionError(streamName, expected, actual);
}

function filterSql(filter: SubscriptionFilter | undefined): { sql: string; params: unknown[] } {
  if (!filter) return { sql: '', params: [] };
  const prefixes = filter.streamNamePrefixes ?? [];
  const types = filter.eventTypes ?? [];
  if (prefixes.length && types.length)
    throw new Error('A filter takes stream name prefixes or event types, not both');
  if (prefixes.length) {
    return {
      sql: `AND (${prefixes.map(() => 'substr(stream_name, 1, length(?)) = ?').join(' OR ')})`,
      params: prefixes.flatMap((p) => [p, p]),
    };
  }
  if (types.length) return { sql: `AND type IN (${types.map(() => '?').join(', ')})`, params: types };
  return { sql: '', params: [] };
}

function toRecorded([
  position,
  streamName,
  revision,
  id,
  type,
  data,
  metadata,
  createdAt,
]: EventTuple): RecordedEvent {
  return {
    streamName,
    id,
    type,
    revision,
    position,
    data: parseJson(data),
    metadata: parseJson(metadata),
    createdAt: new Date(createdAt),
  };
}

/** Malformed JSON comes back as the raw string (as EventStoreDB does), for the schema to report. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A missing stream is an everyday answer (the command that creates an entity reads its stream first), so
 * its error is made without a stack trace, which would cost more than the rest of the read.
 */
function notFound(streamName: string): StreamNotFoundError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new StreamNotFoundError(streamName);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
