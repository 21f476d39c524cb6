import Database from 'better-sqlite3';
import type { RecordedEvent } from '../event-store.port';

/** Reads fetch rows as arrays in this column order: no per-row object that is thrown away at once. */
export const COLUMNS = 'global_position, stream_name, revision, event_id, type, data, metadata, created_at';
/** A row as stored: data and metadata still JSON text. */
export type EventTuple = [bigint, string, bigint, string, string, string, string, string];
/**
 * A row with its position and revision as numbers (exact below 2^53): posted to another thread, a bigint costs
 * about four times what the rest of the row does.
 */
export type EventRow = [number, string, number, string, string, string, string, string];

/**
 * A read whose SQL ends in `LIMIT ?`, run with the limit written into the SQL instead of bound: bound, a
 * one-event stream took 16 µs to read against 7 µs written in (better-sqlite3 12.11, SQLite 3.53; bench/README.md,
 * "Streams by number"). One prepared statement per limit, for the few limits a store uses (its batch size, and
 * `maxCount`s such as 1); any other limit, or one that is not a positive integer, is bound.
 */
export class LimitedRead<P extends unknown[]> {
  private static readonly MAX_STATEMENTS = 8;
  /** Prepared only when a limit needs it. */
  private bound: Database.Statement<unknown[], EventTuple> | undefined;
  private readonly byLimit = new Map<number, Database.Statement<unknown[], EventTuple>>();

  constructor(
    private readonly db: Database.Database,
    private readonly sql: string,
  ) {
    if (!/LIMIT \?$/.test(sql)) throw new Error(`LimitedRead needs SQL that ends in LIMIT ?: ${sql}`);
  }

  all(params: P, limit: number): EventTuple[] {
    let statement = this.byLimit.get(limit);
    if (!statement) {
      if (!Number.isSafeInteger(limit) || limit < 1 || this.byLimit.size >= LimitedRead.MAX_STATEMENTS)
        return (this.bound ??= this.db.prepare<unknown[], EventTuple>(this.sql).raw(true)).all(
          ...params,
          limit,
        );
      statement = this.db.prepare<unknown[], EventTuple>(this.sql.replace(/\?$/, String(limit))).raw(true);
      this.byLimit.set(limit, statement);
    }
    return statement.all(...params);
  }
}

/** A row as an event, its data and metadata parsed. */
export const toRecorded = (row: EventTuple): RecordedEvent => recorded(row[0], row[2], row);

/** The same for a row with numbers. */
export const rowToRecorded = (row: EventRow): RecordedEvent => recorded(BigInt(row[0]), BigInt(row[2]), row);

function recorded(
  position: bigint,
  revision: bigint,
  [, streamName, , id, type, data, metadata, createdAt]: EventTuple | EventRow,
): RecordedEvent {
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
 * The history as stored, on a connection of its own: rows after a position, oldest first, for a reader on
 * another thread (the read-ahead at start). It never writes; `rowToRecorded` turns a row into an event.
 */
export class SqliteRowReader {
  private readonly db: Database.Database;
  private readonly rows: Database.Statement<[number, number, number], EventRow>;
  private readonly max: Database.Statement<[], number | null>;

  constructor(path: string) {
    this.db = new Database(path, { fileMustExist: true });
    this.db.pragma('busy_timeout = 10000');
    this.rows = this.db
      .prepare<[number, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE global_position > ? AND global_position <= ? ORDER BY global_position LIMIT ?`,
      )
      .raw(true);
    this.max = this.db.prepare<[], number | null>('SELECT MAX(global_position) FROM events').pluck();
  }

  /** The last committed position, 0 for an empty store. */
  head(): number {
    return this.max.get() ?? 0;
  }

  /** Up to `limit` rows after `after` and at or before `upTo`. */
  after(after: number, upTo: number, limit: number): EventRow[] {
    return this.rows.all(after, upTo, limit);
  }

  close(): void {
    this.db.close();
  }
}
