import Database from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import type { AppendResult } from '../event-store.port';
import { startWorkerFile } from '../worker-file';
import { decodeError, SqliteWriter, type GroupOutcome, type WriteOp } from './sqlite-writer';

export type WriterRequest = { id: number; kind: 'write'; ops: WriteOp[] } | { id: number; kind: 'close' };
export type WriterReply = { id: number; outcome: GroupOutcome } | { id: number; closed: true };

/** The pragmas every connection that writes uses: WAL, and a commit is durable when it returns. */
export function openWriteConnection(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  db.defaultSafeIntegers(true);
  return db;
}

/** Where a group of writes is carried out. */
export interface WriterBackend {
  write(ops: WriteOp[]): Promise<GroupOutcome>;
  close(): Promise<void>;
}

/** On the caller's own connection and thread: what an in-memory store needs (another connection is another database). */
export class InlineWriter implements WriterBackend {
  private readonly writer: SqliteWriter;
  constructor(db: Database.Database) {
    this.writer = new SqliteWriter(db);
  }
  async write(ops: WriteOp[]): Promise<GroupOutcome> {
    return this.writer.write(ops);
  }
  async close(): Promise<void> {}
}

/**
 * A worker thread with its own connection to the file, started at the first write. It keeps the process
 * alive only while a write is outstanding, as a pending timer would.
 */
export class ThreadWriter implements WriterBackend {
  private worker: Worker | undefined;
  private exited: Promise<void> | undefined;
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { resolve(reply: WriterReply): void; reject(error: Error): void }
  >();
  private failure: Error | undefined;
  private closing = false;

  constructor(private readonly path: string) {}

  async write(ops: WriteOp[]): Promise<GroupOutcome> {
    if (this.closing) throw new Error('the event store is closed');
    const reply = await this.request({ kind: 'write', ops });
    if (!('outcome' in reply)) throw new Error('the SQLite writer thread answered out of turn');
    return reply.outcome;
  }

  /** Writes already sent are written first: the thread answers in order. */
  async close(): Promise<void> {
    if (this.closing || !this.worker) return this.exited;
    this.closing = true;
    // Held until the thread has exited: a caller awaiting close() must not see the process end first.
    this.worker.ref();
    if (!this.failure) await this.request({ kind: 'close' });
    await this.exited;
  }

  private request(body: { kind: 'write'; ops: WriteOp[] } | { kind: 'close' }): Promise<WriterReply> {
    if (this.failure) return Promise.reject(this.failure);
    const worker = (this.worker ??= this.spawn());
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      if (this.waiting.size === 1) worker.ref();
      worker.postMessage({ id, ...body });
    });
  }

  private spawn(): Worker {
    const worker = startWorkerFile(__filename, 'sqlite-writer.worker', { workerData: { path: this.path } });
    worker.unref();
    worker.on('message', (reply: WriterReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0 && !this.closing) worker.unref();
      waiter?.resolve(reply);
    });
    worker.on('error', (error) => this.fail(error));
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code) => {
        this.fail(new Error(`the SQLite writer thread stopped (exit code ${code})`));
        resolve();
      }),
    );
    return worker;
  }

  /** A thread that died takes its outstanding writes with it: each is refused, as is every later one. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

interface Queued {
  op: WriteOp;
  resolve(result: AppendResult | undefined): void;
  reject(error: unknown): void;
}

/** The event types a group appended, or undefined when it also deleted a stream or set metadata. */
function typesOf(ops: WriteOp[]): ReadonlySet<string> | undefined {
  const types = new Set<string>();
  for (const op of ops) {
    if (op.kind === 'append') for (const event of op.events) types.add(event[1]);
    else if (op.kind !== 'checkpoint') return undefined;
  }
  return types;
}

/**
 * Group commit. Writes made while a group is being written (concurrent requests) wait and go together in
 * the next one, in the order they were made; each settles only after the commit that holds it. One group is
 * outstanding at a time, so the busier the writer, the larger the groups.
 */
export class WriteQueue {
  /** Transactions appends have been written in so far (several appends can share one): for tests and benchmarks. */
  appendCommits = 0;
  private pending: Queued[] = [];
  private inFlight: Promise<void> | undefined;
  private scheduled = false;

  constructor(
    private readonly backend: WriterBackend,
    /** After a commit that wrote something: the event types it appended, or none when it did more than append. */
    private readonly onCommit: (types: ReadonlySet<string> | undefined) => void,
  ) {}

  submit(op: WriteOp): Promise<AppendResult | undefined> {
    return new Promise((resolve, reject) => {
      this.pending.push({ op, resolve, reject });
      this.schedule();
    });
  }

  /** Writes everything accepted so far, and resolves once it is written. */
  async drain(): Promise<void> {
    while (this.inFlight || this.pending.length > 0) {
      if (!this.inFlight) this.flush();
      await this.inFlight;
    }
  }

  /** At the end of this turn of the event loop, so the writes made in it (and in their callbacks) share a group. */
  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.inFlight || this.pending.length === 0) return;
    const group = this.pending;
    this.pending = [];
    this.inFlight = this.backend
      .write(group.map((q) => q.op))
      .then(
        (outcome) => this.settle(group, outcome),
        (error: unknown) => group.forEach((q) => q.reject(error)),
      )
      .finally(() => {
        this.inFlight = undefined;
        if (this.pending.length > 0) this.schedule();
      });
  }

  private settle(group: Queued[], outcome: GroupOutcome): void {
    if (!outcome.ok) {
      // The commit itself failed (busy past the timeout, disk full): nothing in the group was written.
      const error = decodeError(outcome.error);
      for (const q of group) q.reject(error);
      return;
    }
    if (group.some((q) => q.op.kind === 'append')) this.appendCommits += 1;
    if (outcome.outcomes.some((o) => o.ok)) {
      const written = group.filter((_, i) => outcome.outcomes[i].ok).map((q) => q.op);
      // A checkpoint adds no event: no subscription has anything new to read.
      if (written.some((op) => op.kind !== 'checkpoint')) this.onCommit(typesOf(written));
    }
    group.forEach((q, i) => {
      const result = outcome.outcomes[i];
      if (result.ok) q.resolve(result.result);
      else q.reject(decodeError(result.error));
    });
  }
}
