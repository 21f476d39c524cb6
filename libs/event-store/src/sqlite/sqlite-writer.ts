import type Database from 'better-sqlite3';
import type { AppendResult, ExpectedRevision } from '../event-store.port';
import { InvalidAppendError, StreamDeletedError, WrongExpectedVersionError } from '../errors';
import { isoNow } from '../iso-time';

/**
 * Every write the SQLite store makes, as plain data: it crosses to the writer thread by structured clone,
 * so events travel as JSON text already made and errors come back as descriptions, not instances.
 */
export type WriteOp =
  | {
      kind: 'append';
      stream: string;
      expected: ExpectedRevision;
      /** [id as given, type, data as JSON, metadata as JSON] */
      events: [string, string, string, string][];
    }
  | { kind: 'delete'; stream: string; expected: ExpectedRevision; tombstone: boolean }
  | { kind: 'metadata'; stream: string; expected: ExpectedRevision; metadata: string }
  | { kind: 'checkpoint'; id: string; position: bigint; at: string };

export type EncodedError =
  | {
      name: 'WrongExpectedVersionError';
      stream: string;
      expected: ExpectedRevision;
      actual: 'no_stream' | bigint;
    }
  | { name: 'StreamDeletedError'; stream: string }
  | { name: 'InvalidAppendError'; stream: string; reason: string }
  | { name: 'Error'; message: string; code?: string };

export type OpOutcome = { ok: true; result?: AppendResult } | { ok: false; error: EncodedError };

/** One group's fate: each op's outcome, or (the commit itself failed) one error for all of them. */
export type GroupOutcome = { ok: true; outcomes: OpOutcome[] } | { ok: false; error: EncodedError };

interface StreamRow {
  id: bigint;
  last_revision: bigint;
  truncate_before: bigint;
  state: bigint;
  metadata_revision: bigint | null;
}

export const ALIVE = 0n;
export const SOFT_DELETED = 1n;
export const TOMBSTONED = 2n;

/** An expected failure of one op, turned into its description; the op's savepoint is rolled back. */
class OpFailed extends Error {
  constructor(readonly encoded: EncodedError) {
    super(encoded.name);
  }
}

/**
 * The write side of the SQLite store on one connection. It runs on the writer thread (or, for an
 * in-memory store, on the caller's): a group of ops is one `BEGIN IMMEDIATE` transaction and one fsync,
 * each op in its own savepoint, so one that fails is rolled back alone while the rest commit.
 */
export class SqliteWriter {
  private readonly statements;
  private readonly group;
  private readonly alone;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      stream: db.prepare<[string], StreamRow>(
        'SELECT id, last_revision, truncate_before, state, metadata_revision FROM streams WHERE name = ?',
      ),
      /** An append's look-up, as an array: an object row costs better-sqlite3 a property set per column name. */
      streamToAppend: db
        .prepare<[string], [id: bigint, lastRevision: bigint, state: bigint]>(
          'SELECT id, last_revision, state FROM streams WHERE name = ?',
        )
        .raw(true),
      eventById: db
        .prepare<[bigint, string], [bigint, bigint]>(
          'SELECT revision, global_position FROM events WHERE stream_id = ? AND event_id = ?',
        )
        .raw(true),
      eventAt: db
        .prepare<[bigint, bigint], [string, bigint]>(
          'SELECT event_id, global_position FROM events WHERE stream_id = ? AND revision = ?',
        )
        .raw(true),
      insertEvent: db.prepare(
        `INSERT INTO events (stream_id, stream_name, revision, event_id, type, data, metadata, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      newStream: db
        .prepare<[string, bigint], bigint>(
          'INSERT INTO streams (name, last_revision) VALUES (?, ?) RETURNING id',
        )
        .pluck(),
      setLastRevision: db.prepare(
        `UPDATE streams SET last_revision = ?,
           state = CASE WHEN state = ${SOFT_DELETED} THEN ${ALIVE} ELSE state END
         WHERE id = ?`,
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
      saveCheckpoint: db.prepare(
        `INSERT INTO checkpoints (subscription_id, position, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(subscription_id) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
      ),
    };
    // A nested better-sqlite3 transaction is a savepoint.
    const one = db.transaction((op: WriteOp) => this.apply(op));
    // An op alone needs no savepoint: the transaction is all of it, and rolling that back rolls back the op.
    // Whatever the op throws leaves as `OpFailed`, so that only `BEGIN` and `COMMIT` fail as the group.
    this.alone = db.transaction((op: WriteOp) => {
      try {
        return this.apply(op);
      } catch (error) {
        throw error instanceof OpFailed ? error : new OpFailed(encodeError(error));
      }
    });
    this.group = db.transaction((ops: WriteOp[]): OpOutcome[] =>
      ops.map((op) => {
        try {
          return { ok: true, result: one(op) };
        } catch (error) {
          return { ok: false, error: encodeError(error) };
        }
      }),
    );
  }

  /** Writes the group in one transaction; only a failure of the transaction itself fails them all. */
  write(ops: WriteOp[]): GroupOutcome {
    if (ops.length === 1) return this.writeAlone(ops[0]);
    try {
      return { ok: true, outcomes: this.group.immediate(ops) };
    } catch (error) {
      return { ok: false, error: encodeError(error) };
    }
  }

  /**
   * One op in its transaction, with the outcome a group of one has: a failure of the op is its own, and only
   * a failure of the transaction itself (`BEGIN`, `COMMIT`) is the group's. The one writer at a time (the
   * append row) writes every command so, and the savepoint and its release were two of the commit's seven
   * statements.
   */
  private writeAlone(op: WriteOp): GroupOutcome {
    try {
      return { ok: true, outcomes: [{ ok: true, result: this.alone.immediate(op) }] };
    } catch (error) {
      return error instanceof OpFailed
        ? { ok: true, outcomes: [{ ok: false, error: error.encoded }] }
        : { ok: false, error: encodeError(error) };
    }
  }

  /** Runs inside BEGIN IMMEDIATE. */
  private apply(op: WriteOp): AppendResult | undefined {
    switch (op.kind) {
      case 'append':
        return this.append(op.stream, op.events, op.expected);
      case 'delete':
        this.markDeleted(op.stream, op.tombstone ? TOMBSTONED : SOFT_DELETED, op.expected);
        return undefined;
      case 'metadata': {
        const stream = this.statements.stream.get(op.stream);
        if (stream?.state === TOMBSTONED) fail({ name: 'StreamDeletedError', stream: `$$${op.stream}` });
        checkExpected(`$$${op.stream}`, op.expected, stream?.metadata_revision ?? undefined);
        this.statements.setMetadata.run(op.stream, op.metadata);
        return undefined;
      }
      case 'checkpoint':
        this.statements.saveCheckpoint.run(op.id, op.position, op.at);
        return undefined;
    }
  }

  private append(
    streamName: string,
    events: [string, string, string, string][],
    expected: ExpectedRevision,
  ): AppendResult {
    const stream = this.statements.streamToAppend.get(streamName);
    if (stream?.[2] === TOMBSTONED) fail({ name: 'StreamDeletedError', stream: streamName });
    const current = stream && stream[1] >= 0n ? stream[1] : undefined;

    // Expecting the revision the stream is at, the batch goes after it: a retry of a batch already written
    // expects an earlier revision, so there is nothing to look up.
    const retried =
      stream && !(typeof expected === 'bigint' && expected === current)
        ? this.identicalRetry(stream[0], events, expected)
        : undefined;
    if (retried) return retried;
    checkExpected(streamName, expected, current);

    // The stream's number first: its events are indexed by it. A new stream is made at its last revision.
    const streamId = stream?.[0] ?? this.statements.newStream.get(streamName, BigInt(events.length - 1))!;
    const now = isoNow();
    let revision = current ?? -1n;
    let position = 0n;
    for (const [id, type, data, metadata] of events) {
      revision += 1n;
      try {
        position = BigInt(
          this.statements.insertEvent.run(
            streamId,
            streamName,
            revision,
            id.toLowerCase(),
            type,
            data,
            metadata,
            now,
          ).lastInsertRowid,
        );
      } catch (error) {
        if ((error as { code?: string })?.code === 'SQLITE_CONSTRAINT_UNIQUE') {
          fail({
            name: 'InvalidAppendError',
            stream: streamName,
            reason: `event id ${id} is already in the stream`,
          });
        }
        throw error;
      }
    }
    if (stream) this.statements.setLastRevision.run(revision, streamId);
    return { nextExpectedRevision: revision, position };
  }

  /** The same ids at the revisions the same expectation led to: the original result, nothing written. */
  private identicalRetry(
    streamId: bigint,
    events: [string, string, string, string][],
    expected: ExpectedRevision,
  ): AppendResult | undefined {
    const first = this.statements.eventById.get(streamId, events[0][0].toLowerCase());
    if (!first) return undefined;
    const [firstRevision] = first;
    const consistent =
      expected === 'any' ||
      expected === 'stream_exists' ||
      (expected === 'no_stream' && firstRevision === 0n) ||
      (typeof expected === 'bigint' && firstRevision === expected + 1n);
    if (!consistent) return undefined;
    let last = { revision: firstRevision, position: first[1] };
    for (let i = 1; i < events.length; i++) {
      const revision = firstRevision + BigInt(i);
      const row = this.statements.eventAt.get(streamId, revision);
      if (!row || row[0] !== events[i][0].toLowerCase()) return undefined;
      last = { revision, position: row[1] };
    }
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  private markDeleted(streamName: string, state: bigint, expected: ExpectedRevision): void {
    const stream = this.statements.stream.get(streamName);
    if (stream?.state === TOMBSTONED) fail({ name: 'StreamDeletedError', stream: streamName });
    const current = stream && stream.last_revision >= 0n ? stream.last_revision : undefined;
    checkExpected(streamName, expected, current);
    if (!stream) {
      this.statements.insertEmptyStream.run(streamName, state);
      return;
    }
    this.statements.setState.run(state, stream.last_revision + 1n, streamName);
  }
}

function fail(encoded: EncodedError): never {
  throw new OpFailed(encoded);
}

function checkExpected(streamName: string, expected: ExpectedRevision, current: bigint | undefined): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === undefined) ||
    (expected === 'stream_exists' && current !== undefined) ||
    (typeof expected === 'bigint' && current === expected);
  if (!ok) {
    fail({ name: 'WrongExpectedVersionError', stream: streamName, expected, actual: current ?? 'no_stream' });
  }
}

function encodeError(error: unknown): EncodedError {
  if (error instanceof OpFailed) return error.encoded;
  const { message, code } = error as { message?: string; code?: unknown };
  return {
    name: 'Error',
    message: message ?? String(error),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

/** The error the port promises, made in the caller's thread. */
export function decodeError(encoded: EncodedError): Error {
  switch (encoded.name) {
    case 'WrongExpectedVersionError':
      return new WrongExpectedVersionError(encoded.stream, encoded.expected, encoded.actual);
    case 'StreamDeletedError':
      return new StreamDeletedError(encoded.stream);
    case 'InvalidAppendError':
      return new InvalidAppendError(encoded.stream, encoded.reason);
    case 'Error':
      return Object.assign(new Error(encoded.message), encoded.code ? { code: encoded.code } : {});
  }
}
