import { rowToRecorded, startWorkerFile, type EventRow, type RecordedEvent } from '@tilneste/event-store';

/** What a read-ahead thread reads: the store's rows after `after`, up to its head when the thread starts reading. */
export interface ReadAheadJob {
  storePath: string;
  keysPath: string;
  after: number;
  batchSize: number;
  /** How many batches it may be ahead of the caller. */
  ahead: number;
}

/**
 * The caller's own way to read a batch (rows after a position, opened), used while the thread is still loading
 * its modules, which takes about as long as applying the first few thousand events.
 */
export interface InlineReader {
  read(after: number, limit: number): RecordedEvent[];
  close(): void;
}

/** What the thread is started with; the position to read after comes in its first message. */
export type ReadAheadThreadData = Omit<ReadAheadJob, 'after'> & {
  /** One Int32 the thread sets to 1 once its connections are open. */
  ready: SharedArrayBuffer;
};

export type ReadAheadMessage =
  { kind: 'rows'; rows: EventRow[] } | { kind: 'end' } | { kind: 'failed'; message: string };

/** A turn of the event loop: lets the thread's messages in, and requests, between two batches read here. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Batches read by `inline` on this thread after `job.after`, until a short batch or until `stop` says so before
 * the next one; a turn of the event loop between two, so requests are answered meanwhile. The reader is closed
 * when the batches end or the caller stops.
 */
export async function* readOnThisThread(
  inline: InlineReader,
  job: Pick<ReadAheadJob, 'after' | 'batchSize'>,
  stop: () => boolean = () => false,
): AsyncIterable<RecordedEvent[]> {
  let cursor = job.after;
  try {
    while (!stop()) {
      const batch = inline.read(cursor, job.batchSize);
      if (batch.length) {
        cursor = Number(batch[batch.length - 1].position);
        yield batch;
      }
      if (batch.length < job.batchSize) return;
      await nextTurn();
    }
  } finally {
    inline.close();
  }
}

/**
 * The history in batches, read from the SQLite file and opened (sealed fields decrypted) by a worker thread
 * a few batches ahead of the caller, so the caller's thread only parses and applies. At a million events that
 * moves about a third of a rebuild's work to the second core. Until the thread has loaded its modules and
 * opened its connections, the caller's `inline` reader reads the batches, so no time is spent waiting for it;
 * the thread starts where that left off. The caller may stop at any time; the thread is ended with the
 * iteration.
 */
export async function* readAheadOnThread(
  job: ReadAheadJob,
  inline?: InlineReader,
): AsyncIterable<RecordedEvent[]> {
  const { after, ...rest } = job;
  const ready = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const data: ReadAheadThreadData = { ...rest, ready };
  const worker = startWorkerFile(__filename, 'read-ahead.worker', { workerData: data });
  const inbox: ReadAheadMessage[] = [];
  let failure: Error | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  worker.on('message', (message: ReadAheadMessage) => {
    inbox.push(message);
    wake?.();
  });
  worker.on('error', (error: unknown) => {
    failure ??= error instanceof Error ? error : new Error(String(error));
    wake?.();
  });
  worker.on('exit', () => {
    exited = true;
    wake?.();
  });
  try {
    let cursor = after;
    if (inline) {
      // A thread that fails to start never sets the flag: then this reads to the end on its own.
      const flag = new Int32Array(ready);
      const threadReady = () => Atomics.load(flag, 0) === 1;
      for await (const batch of readOnThisThread(inline, job, threadReady)) {
        cursor = Number(batch[batch.length - 1].position);
        yield batch;
      }
      if (!threadReady()) return;
    }
    worker.postMessage({ after: cursor });
    for (;;) {
      const message = inbox.shift();
      if (!message) {
        if (failure) throw failure;
        if (exited) throw new Error('the read-ahead thread ended before the head');
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      if (message.kind === 'end') return;
      if (message.kind === 'failed') throw new Error(message.message);
      // Let the thread read the next batch while this one is applied.
      worker.postMessage('more');
      if (message.rows.length) yield message.rows.map(rowToRecorded);
    }
  } finally {
    await worker.terminate();
  }
}
