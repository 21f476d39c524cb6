import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/**
 * A snapshot file being read on a thread of its own: all of it into shared memory first, then the CRC-32 of what
 * follows its first line, worked out there while the reader deserialises. Either rejects if the thread fails.
 */
export interface SnapshotFileRead {
  data: Promise<Buffer>;
  /** Undefined when the file has no first line to end (then it has no header either). */
  payloadCrc32: Promise<number | undefined>;
}

// Plain JavaScript, so the thread starts without loading our modules or a TypeScript compiler.
const READ_THREAD = `
const { parentPort, workerData: { path } } = require('node:worker_threads');
const { closeSync, fstatSync, openSync, readSync } = require('node:fs');
const { crc32 } = require('node:zlib');
const fd = openSync(path, 'r');
let data;
try {
  const size = fstatSync(fd).size;
  data = new Uint8Array(new SharedArrayBuffer(size));
  let length = 0;
  for (let read; length < size && (read = readSync(fd, data, length, size - length, length)) > 0; ) length += read;
  data = data.subarray(0, length);
} finally {
  closeSync(fd);
}
parentPort.postMessage({ buffer: data.buffer, length: data.length });
const newline = data.indexOf(10);
parentPort.postMessage({ crc: newline < 0 ? undefined : crc32(data.subarray(newline + 1)) });
`;

type ThreadMessage = { buffer: SharedArrayBuffer; length: number } | { crc: number | undefined };

/** Starts reading the snapshot file at `path` on a thread (see `SnapshotFileRead`). */
export function readSnapshotFile(path: string): SnapshotFileRead {
  // Not unref'd: a load awaiting the read may be all that keeps the event loop alive. The thread ends by
  // itself once it has sent the checksum.
  const worker = new Worker(READ_THREAD, { eval: true, workerData: { path } });
  const ended = () => new Error('the snapshot reading thread exited without an answer');
  // The thread's two messages in their order: the bytes, then the checksum.
  const read: SnapshotFileRead = {
    data: new Promise((resolve, reject) => {
      worker.on('message', (m: ThreadMessage) => {
        if ('buffer' in m) resolve(Buffer.from(m.buffer, 0, m.length));
      });
      worker.once('error', reject);
      worker.once('exit', () => reject(ended()));
    }),
    payloadCrc32: new Promise((resolve, reject) => {
      worker.on('message', (m: ThreadMessage) => {
        if ('crc' in m) resolve(m.crc);
      });
      worker.once('error', reject);
      worker.once('exit', () => reject(ended()));
    }),
  };
  // Taken by a load, or by nobody: a failure is the load's to see, not an unhandled rejection.
  read.data.catch(() => undefined);
  read.payloadCrc32.catch(() => undefined);
  return read;
}

const reads = new Map<string, SnapshotFileRead>();

/**
 * Starts reading the snapshot at `path` while the process starts, so that a start spends that time while it loads
 * its modules instead of after. On a machine where fresh memory is slow to map, reading a 200 MB file into memory
 * cost more than the rest of a start from it. Does nothing when there is no such file, or when a read of it is
 * already under way. `takePrefetchedSnapshot` hands the read over, once; it is returned here too for a caller
 * that wants to know when it is done.
 */
export function prefetchSnapshot(path: string): SnapshotFileRead | undefined {
  if (path === 'off' || reads.has(path) || !existsSync(path)) return undefined;
  const read = readSnapshotFile(path);
  reads.set(path, read);
  return read;
}

/** The read `prefetchSnapshot` started for this path, if any; each is handed over once. */
export function takePrefetchedSnapshot(path: string): SnapshotFileRead | undefined {
  const read = reads.get(path);
  reads.delete(path);
  return read;
}
