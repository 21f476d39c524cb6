import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** A snapshot file read ahead: all of it in shared memory, and the CRC-32 of what follows its first line. */
export interface PrefetchedSnapshot {
  data: Buffer;
  /** Undefined when the file has no first line to end (then it has no header either). */
  payloadCrc32: number | undefined;
}

// Plain JavaScript, so the thread starts without loading our modules or a TypeScript compiler.
const PREFETCH_THREAD = `
const { parentPort, workerData: { path } } = require('node:worker_threads');
const { closeSync, fstatSync, openSync, readSync } = require('node:fs');
const { crc32 } = require('node:zlib');
const fd = openSync(path, 'r');
try {
  const size = fstatSync(fd).size;
  const buffer = new SharedArrayBuffer(size);
  const data = new Uint8Array(buffer);
  let length = 0;
  for (let read; length < size && (read = readSync(fd, data, length, size - length, length)) > 0; ) length += read;
  const newline = data.subarray(0, length).indexOf(10);
  const crc = newline < 0 ? undefined : crc32(data.subarray(newline + 1, length));
  parentPort.postMessage({ buffer, length, crc });
} finally {
  closeSync(fd);
}
`;

const reads = new Map<string, Promise<PrefetchedSnapshot>>();

/**
 * Starts reading the snapshot at `path` on a thread of its own, checksum included, so that a start spends that
 * time while it loads its modules instead of after. On a machine where fresh memory is slow to map, reading a
 * 200 MB file into memory cost more than the rest of a start from it. Does nothing when there is no such file,
 * or when a read of it is already under way. `takePrefetchedSnapshot` hands the result over, once; the read
 * returned here is for a caller that wants to know when it is done.
 */
export function prefetchSnapshot(path: string): Promise<PrefetchedSnapshot> | undefined {
  if (path === 'off' || reads.has(path) || !existsSync(path)) return undefined;
  const read = new Promise<PrefetchedSnapshot>((resolve, reject) => {
    // Not unref'd: a load awaiting the read may be all that keeps the event loop alive. The thread ends by
    // itself once the file is read (a second or so at 1M events).
    const worker = new Worker(PREFETCH_THREAD, { eval: true, workerData: { path } });
    worker.once('message', (m: { buffer: SharedArrayBuffer; length: number; crc: number | undefined }) =>
      resolve({ data: Buffer.from(m.buffer, 0, m.length), payloadCrc32: m.crc }),
    );
    worker.once('error', reject);
    worker.once('exit', () => reject(new Error('the read-ahead thread exited without an answer')));
  });
  // Taken by the load, or by nobody: a failure here is the load's to see, not an unhandled rejection.
  read.catch(() => undefined);
  reads.set(path, read);
  return read;
}

/** The read `prefetchSnapshot` started for this path, if any; each is handed over once. */
export function takePrefetchedSnapshot(path: string): Promise<PrefetchedSnapshot> | undefined {
  const read = reads.get(path);
  reads.delete(path);
  return read;
}
