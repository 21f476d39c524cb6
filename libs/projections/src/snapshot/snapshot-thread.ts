import { rmSync } from 'node:fs';
import type { Config } from '@tilneste/config';
import { startWorkerFile } from '@tilneste/event-store';
import type { ReadModelRef } from '../read-model-definition';
import { snapshotTemporary } from './read-model-snapshot';

/** What a snapshot worker is asked to do: build these read models from this store and save them at its head. */
export interface SnapshotJob {
  path: string;
  /** The snapshot version the host expects: a worker that builds other read models refuses to write. */
  version: string;
  models: ReadModelRef[];
  /** What the worker opens the store with: the API's own factory, so personal fields are opened as in the API. */
  store: Pick<Config, 'EVENT_STORE' | 'SQLITE_PATH' | 'EVENTSTORE_CONNECTION_STRING' | 'KEYS_SQLITE_PATH'>;
  /** Wait for a go-ahead after serialising, before writing (a test's hook). */
  pauseBeforeWrite: boolean;
}

/** What the worker wrote, or that the file was already at the store's head. */
export interface SnapshotDone {
  written: boolean;
  position: bigint;
  /** Where the worker started from: a snapshot's position, or undefined when it replayed from the start. */
  from: bigint | undefined;
  /** Why it replayed from the start, if it did. */
  fullRebuild: string | undefined;
  replayed: number;
  bytes: number;
  ms: number;
  /** The worker's V8 heap when it had built and serialised everything. */
  heapBytes: number;
}

export type SnapshotWorkerMessage =
  { kind: 'serialised' } | { kind: 'done'; done: SnapshotDone } | { kind: 'failed'; message: string };

export interface SnapshotWorker {
  threadId: number;
  result: Promise<SnapshotDone>;
  /** Ends the thread wherever it is; `result` then rejects and its temporary file is removed. */
  stop(): Promise<void>;
}

/**
 * Starts a worker thread that builds the read models from the store on its own connection and writes the
 * snapshot, then exits, so its memory goes with it. The calling thread only waits for one message.
 */
export function startSnapshotWorker(
  job: Omit<SnapshotJob, 'pauseBeforeWrite'>,
  beforeWrite?: (threadId: number) => Promise<void>,
): SnapshotWorker {
  // From TypeScript sources the thread compiles the same sources, and so hashes the same code versions as the
  // thread that started it (a worker running the build would write a snapshot no source run can load).
  const worker = startWorkerFile(__filename, 'snapshot.worker', {
    workerData: { ...job, pauseBeforeWrite: beforeWrite !== undefined } satisfies SnapshotJob,
  });
  // A snapshot never keeps the process alive: one lost to an exit is taken again at the next start.
  worker.unref();
  const threadId = worker.threadId;
  let stopped = false;
  const result = new Promise<SnapshotDone>((resolve, reject) => {
    let done: SnapshotDone | undefined;
    let failure: Error | undefined;
    worker.on('message', (message: SnapshotWorkerMessage) => {
      if (message.kind === 'done') done = message.done;
      else if (message.kind === 'failed') failure ??= new Error(message.message);
      else
        void beforeWrite!(threadId).then(
          () => worker.postMessage('write'),
          (error: Error) => {
            failure ??= error;
            void worker.terminate();
          },
        );
    });
    worker.on('error', (error) => (failure ??= error));
    worker.once('exit', (code) => {
      if (done) return resolve(done);
      rmSync(snapshotTemporary(job.path, threadId), { force: true });
      reject(
        failure ??
          new Error(stopped ? 'the snapshot worker was stopped' : `the snapshot worker exited (${code})`),
      );
    });
  });
  return {
    threadId,
    result,
    stop: async () => {
      stopped = true;
      await worker.terminate();
    },
  };
}
