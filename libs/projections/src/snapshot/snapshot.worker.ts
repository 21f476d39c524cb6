// A snapshot worker thread: builds the API's read models from the store on its own connection, from the
// last snapshot and the tail after it, writes the new snapshot and exits. Started by ReadModelHost.
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { createEventStore } from '@tilneste/event-sourcing';
import { headPosition } from '@tilneste/event-store';
import { loadReadModelDefinitions } from '../read-model-definition';
import { loadUsableSnapshot, snapshotVersion, takeSnapshot, writeSnapshot } from './read-model-snapshot';
import type { SnapshotDone, SnapshotJob, SnapshotWorkerMessage } from './snapshot-thread';

async function snapshot(job: SnapshotJob): Promise<SnapshotDone> {
  const started = performance.now();
  const models = loadReadModelDefinitions(job.models).map((definition) => definition.create());
  const parts = models.map((model) => model.part);
  const version = snapshotVersion(parts);
  if (version !== job.version)
    throw new Error(
      `the worker builds other read models than its host (version ${version}, not ${job.version})`,
    );
  // Only reads: no writer thread of its own.
  const { store } = createEventStore({ ...job.store, SQLITE_WRITER: 'inline' });
  try {
    // Fixed first: what is appended while this worker runs goes into the next snapshot.
    const head = await headPosition(store);
    const loaded = await loadUsableSnapshot(store, job.path, parts);
    let last: { position: bigint; id: string } | undefined;
    if (loaded.ok) {
      // The maps restored here never settle, so the file they read their pages from stays open until this thread
      // ends: Node closes the descriptors a thread opened through \`fs\` when it ends.
      for (const part of parts) part.restore(loaded.states[part.name]);
      loaded.release();
      last = { position: loaded.position, id: loaded.eventId };
    }
    const from = last?.position;
    let replayed = 0;
    if (last === undefined || last.position < head) {
      for await (const event of store.readAll({ fromPosition: (last?.position ?? 0n) + 1n })) {
        if (event.position > head) break;
        for (const model of models) model.apply(event);
        last = { position: event.position, id: event.id };
        replayed++;
      }
    }
    const outcome = { from, fullRebuild: loaded.ok ? undefined : loaded.reason, replayed };
    if (!last || replayed === 0)
      return { ...outcome, written: false, position: last?.position ?? 0n, bytes: 0, ms: 0, heapBytes: 0 };
    const taken = takeSnapshot(parts, last.position, last.id);
    const heapBytes = getHeapStatistics().used_heap_size;
    if (job.pauseBeforeWrite) {
      parentPort!.postMessage({ kind: 'serialised' } satisfies SnapshotWorkerMessage);
      await new Promise((resolve) => parentPort!.once('message', resolve));
    }
    await writeSnapshot(job.path, taken);
    return {
      ...outcome,
      written: true,
      position: last.position,
      bytes: taken.header.bytes,
      ms: Math.round(performance.now() - started),
      heapBytes,
    };
  } finally {
    await store.close();
  }
}

const reply = (message: SnapshotWorkerMessage) => {
  parentPort!.postMessage(message);
  // Nothing else to wait for: the thread ends, and its read models with it.
  parentPort!.close();
};

snapshot(workerData as SnapshotJob).then(
  (done) => reply({ kind: 'done', done }),
  (error: unknown) =>
    reply({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
);
