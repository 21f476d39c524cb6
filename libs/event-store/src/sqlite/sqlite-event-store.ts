import Database from 'better-sqlite3';
import { ownerOnlyFile } from './owner-only';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type {
  AppendOptions,
  AppendResult,
  CheckpointStore,
  DeleteOptions,
  EventStore,
  EventToAppend,
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
import { StreamDeletedError, StreamNotFoundError } from '../errors';
import { validateBatch, validateMetadataKeys } from '../append-validation';
import { isoNow } from '../iso-time';
import { commitSignal, PollingSubscription } from './polling-subscription';
import { prepareSchema, type LayoutChange } from './schema';
import { TOMBSTONED, type WriteOp } from './sqlite-writer';
import { InlineWriter, openWriteConnection, ThreadWriter, WriteQueue } from './writer-thread';
import { COLUMNS, LimitedRead, toRecorded } from './rows';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:' for a store that lives and dies with the process. */
  path: string;
  /** How often subscriptions look for commits made by other processes. */
  pollIntervalMs?: number;
  /** Rows a subscription or a read fetches at a time. */
  batchSize?: number;
  /**
   * Where writes are made: `thread` (the default for a file) is a worker thread with its own connection, so
   * commits and their fsync never hold this thread's event loop; `inline` writes on this thread's connection,
   * which is the only choice for ':memory:'.
   */
  writer?: 'thread' | 'inline';
}

interface StreamRow {
  id: bigint;
  last_revision: bigint;
  truncate_before: bigint;
  state: bigint;
  metadata: string | null;
  metadata_revision: bigint | null;
}

/** The embedded event store: one SQLite file, no server. */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite';
  /** The connection this thread reads with. */
  readonly db: Database.Database;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly statements;
  /**
   * readAll's statements by their text, which depends only on the direction and the filter's shape: the
   * reminder worker reads the head before every job, and preparing took longer than the read.
   */
  private readonly readAllStatements = new Map<string, LimitedRead<unknown[]>>();
  private readonly writes: WriteQueue;
  private readonly writer: InlineWriter | ThreadWriter;
  private closed: Promise<void> | undefined;
  /** True when appends are written on this thread's connection (`db`), so a caller's transaction on it holds them. */
  readonly writesInline: boolean;
  /** Set when opening rewrote a file of an older layout, for the caller to log. */
  readonly layoutChange: LayoutChange | undefined;

  constructor(private readonly options: SqliteEventStoreOptions) {
    if (options.path !== ':memory:') ownerOnlyFile(options.path);
    this.db = openWriteConnection(options.path);
    try {
      this.layoutChange = prepareSchema(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.batchSize = options.batchSize ?? 1000;
    this.writesInline = options.path === ':memory:' || options.writer === 'inline';
    this.writer = this.writesInline ? new InlineWriter(this.db) : new ThreadWriter(options.path);
    this.writes = new WriteQueue(this.writer, (types) => commitSignal(options.path).emit(types));
    const db = this.db;
    this.statements = {
      stream: db.prepare<[string], StreamRow>(
        'SELECT id, last_revision, truncate_before, state, metadata, metadata_revision FROM streams WHERE name = ?',
      ),
      /**
       * What a read of the stream needs, as an array: better-sqlite3 builds an object row by setting each column
       * by its name, which took more than half of this look-up's time (bench/README.md, 2026-12-03 12:00).
       */
      streamToRead: db
        .prepare<[string], [id: bigint, lastRevision: bigint, truncateBefore: bigint, state: bigint]>(
          'SELECT id, last_revision, truncate_before, state FROM streams WHERE name = ?',
        )
        .raw(true),
      maxPosition: db.prepare<[], { p: bigint | null }>('SELECT MAX(global_position) AS p FROM events'),
      streamForwards: new LimitedRead<[bigint, bigint, bigint]>(
        db,
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
      ),
      streamBackwards: new LimitedRead<[bigint, bigint, bigint]>(
        db,
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? AND revision >= ? ORDER BY revision DESC LIMIT ?`,
      ),
    };
  }

  /** The file (or ':memory:') this store is kept in. */
  get path(): string {
    return this.options.path;
  }

  /** The last committed position, 0n for an empty store. */
  headPosition(): bigint {
    return this.statements.maxPosition.get()?.p ?? 0n;
  }

  /** Transactions appends have been written in so far (several appends can share one): for tests and benchmarks. */
  get appendCommits(): number {
    return this.writes.appendCommits;
  }

  /**
   * Group commit: appends made while the writer is busy (concurrent requests) are written together in one
   * `BEGIN IMMEDIATE` transaction, in the order they were made, so they share one fsync. Each append still
   * checks its expected revision against everything before it, and its promise settles only after the
   * commit that holds it is durable.
   */
  async appendToStream(
    streamName: string,
    events: EventToAppend[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    validateBatch(streamName, events);
    const result = await this.write({
      kind: 'append',
      stream: streamName,
      expected: options.expectedRevision ?? 'any',
      events: events.map((e) => [e.id, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata ?? {})]),
    });
    return result!;
  }

  private write(op: WriteOp): Promise<AppendResult | undefined> {
    if (this.closed) return Promise.reject(new Error('the event store is closed'));
    return this.writes.submit(op);
  }

  async *readStream(streamName: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const stream = this.statements.streamToRead.get(streamName);
    if (stream?.[3] === TOMBSTONED) throw new StreamDeletedError(streamName);
    if (!stream || stream[1] < stream[2]) throw notFound(streamName);
    const [streamId, lastRevision, truncateBefore] = stream;
    const forwards = (options.direction ?? 'forwards') === 'forwards';
    const from = options.fromRevision ?? (forwards ? 'start' : 'end');
    let cursor = from === 'start' ? truncateBefore : from === 'end' ? lastRevision : (from as bigint);
    if (cursor < truncateBefore) {
      if (!forwards) return;
      cursor = truncateBefore;
    }
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    // Prepared once in the constructor: a command reads its stream on every write.
    const statement = forwards ? this.statements.streamForwards : this.statements.streamBackwards;
    while (remaining > 0) {
      const limit = Math.min(remaining, this.batchSize);
      const rows = statement.all([streamId, cursor, truncateBefore], limit);
      for (const row of rows) yield toRecorded(row);
      remaining -= rows.length;
      if (rows.length < limit) return;
      cursor = rows[rows.length - 1][2] + (forwards ? 1n : -1n);
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const forwards = (options.direction ?? 'forwards') === 'forwards';
    const from = options.fromPosition ?? (forwards ? 'start' : 'end');
    let cursor = from === 'start' ? 0n : from === 'end' ? this.headPosition() : from;
    const filter = filterSql(options.filter);
    const sql = `SELECT ${COLUMNS} FROM events WHERE global_position ${forwards ? '>=' : '<='} ? ${filter.sql}
         ORDER BY global_position ${forwards ? 'ASC' : 'DESC'} LIMIT ?`;
    let statement = this.readAllStatements.get(sql);
    if (!statement) {
      statement = new LimitedRead(this.db, sql);
      this.readAllStatements.set(sql, statement);
    }
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const limit = Math.min(remaining, this.batchSize);
      const rows = statement.all([cursor, ...filter.params], limit);
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
    // Without a filter every row is an event delivered, so a short batch has looked at every row up to the
    // last one it delivered, which is the head: no need to ask for the head first (a read per commit, live).
    const unfiltered = !filter.sql;
    const statement = new LimitedRead<unknown[]>(
      this.db,
      unfiltered
        ? `SELECT ${COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`
        : `SELECT ${COLUMNS} FROM events WHERE global_position > ? AND global_position <= ? ${filter.sql} ORDER BY global_position LIMIT ?`,
    );
    const start =
      options.fromPosition === 'start'
        ? 0n
        : options.fromPosition === 'end'
          ? this.headPosition()
          : options.fromPosition;
    return this.track(
      new PollingSubscription({
        cursor: start,
        fetch: (after, limit) => {
          if (unfiltered) return { events: statement.all([after], limit).map(toRecorded) };
          // Bounded by the last committed position: a short batch means every row up to it was looked at.
          const upTo = this.headPosition();
          return {
            events: statement.all([after, upTo, ...filter.params], limit).map(toRecorded),
            scannedTo: upTo,
          };
        },
        next: (event) => event.position,
        signal: commitSignal(this.options.path),
        eventTypes: options.filter?.eventTypes ? new Set(options.filter.eventTypes) : undefined,
        checkpoints: options.checkpoints,
        pollIntervalMs: this.pollIntervalMs,
        batchSize: this.batchSize,
      }),
    );
  }

  subscribeToStream(streamName: string, options: SubscribeToStreamOptions): Subscription {
    const statement = new LimitedRead<[bigint, bigint]>(
      this.db,
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision > ? ORDER BY revision LIMIT ?`,
    );
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
          const current = this.statements.stream.get(streamName);
          if (current?.state === TOMBSTONED) throw new StreamDeletedError(streamName);
          // No row yet: nothing was ever written to it.
          return { events: current ? statement.all([current.id, after], limit).map(toRecorded) : [] };
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
    await this.write({
      kind: 'metadata',
      stream: streamName,
      expected: options.expectedRevision ?? 'any',
      metadata: JSON.stringify(metadata),
    });
  }

  async deleteStream(streamName: string, options: DeleteOptions = {}): Promise<void> {
    await this.write({
      kind: 'delete',
      stream: streamName,
      expected: options.expectedRevision ?? 'any',
      tombstone: false,
    });
  }

  async tombstoneStream(streamName: string, options: DeleteOptions = {}): Promise<void> {
    await this.write({
      kind: 'delete',
      stream: streamName,
      expected: options.expectedRevision ?? 'any',
      tombstone: true,
    });
  }

  /** Checkpoints live in the same file, so a projection's position survives with the events. */
  checkpointStore(): CheckpointStore {
    const load = this.db.prepare<[string], { position: bigint }>(
      'SELECT position FROM checkpoints WHERE subscription_id = ?',
    );
    return {
      load: async (id) => load.get(id)?.position,
      store: async (id, position) => {
        await this.write({ kind: 'checkpoint', id, position, at: isoNow() });
      },
    };
  }

  /** Writes already accepted are made before the file closes. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      await this.writes.drain();
      await this.writer.close();
      await Promise.all([...this.subscriptions].map((s) => s.unsubscribe()));
      if (this.db.open) this.db.close();
    })();
    return this.closed;
  }

  private track(subscription: PollingSubscription): Subscription {
    this.subscriptions.add(subscription);
    subscription.onClose(() => this.subscriptions.delete(subscription));
    return subscription;
  }
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
