import { existsSync, openSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/**
 * A snapshot file opened for a load, and the CRC-32 of what follows its first line being worked out on a thread
 * of its own, which streams the file through a small buffer it reuses: nothing the size of the file is ever
 * allocated, on either thread. The thread reads through `fd`, the load's own descriptor, so the bytes it sums are
 * those of the very file (the inode) the load reads, even if a newer snapshot is renamed over the path meanwhile.
 */
export interface SnapshotFileCheck {
  fd: number;
  /** Undefined when the file has no first line to end (then it has no header either); rejects if the thread fails. */
  payloadCrc32: Promise<number | undefined>;
}

// Plain JavaScript, so the thread starts without loading our modules or a TypeScript compiler. It never closes the
// descriptor: that is the load's, and is closed only once this thread has answered (see `SnapshotFile` in
// read-model-snapshot.ts), so that its number cannot be reused under a read still going on here.
const CHECK_THREAD = `
const { parentPort, workerData: { fd } } = require('node:worker_threads');
const { readSync } = require('node:fs');
const { crc32 } = require('node:zlib');
// 1 MiB: few enough reads, and a buffer that stays in the cache rather than 200 MB of fresh pages to fault in.
const chunk = Buffer.allocUnsafeSlow(1024 * 1024);
let position = 0;
let crc;
for (let read; (read = readSync(fd, chunk, 0, chunk.length, position)) > 0; position += read) {
  let from = 0;
  if (crc === undefined) {
    const newline = chunk.subarray(0, read).indexOf(10);
    if (newline < 0) continue;
    crc = 0;
    from = newline + 1;
  }
  // Not an empty view: zlib's crc32 of one is 0 whatever the sum it is to go on from.
  if (from < read) crc = crc32(chunk.subarray(from, read), crc);
}
parentPort.postMessage({ crc });
`;

/** Opens the snapshot file at `path` and starts checking it on a thread (see `SnapshotFileCheck`); throws if it cannot be opened. */
export function checkSnapshotFile(path: string): SnapshotFileCheck {
  const fd = openSync(path, 'r');
  let payloadCrc32: Promise<number | undefined>;
  try {
    // Not unref'd: a load awaiting the sum may be all that keeps the event loop alive. The thread ends by itself
    // once it has sent it.
    const worker = new Worker(CHECK_THREAD, { eval: true, workerData: { fd } });
    payloadCrc32 = new Promise((resolve, reject) => {
      worker.once('message', (m: { crc: number | undefined }) => resolve(m.crc));
      worker.once('error', reject);
      worker.once('exit', () => reject(new Error('the snapshot checking thread exited without an answer')));
    });
  } catch (error) {
    payloadCrc32 = Promise.reject(error as Error);
  }
  // Taken by a load, or by nobody: a failure is the load's to see (it sums the file itself), not an unhandled
  // rejection.
  payloadCrc32.catch(() => undefined);
  return { fd, payloadCrc32 };
}

const checks = new Map<string, SnapshotFileCheck>();

/**
 * Opens the snapshot at `path` and starts its checksum while the process starts, so that a start spends that time
 * while it loads its modules instead of after. Does nothing when there is no such file, or when a check of it is
 * already under way. `takePrefetchedSnapshot` hands it over, once; it is returned here too for a caller that
 * wants to know when it is done.
 */
export function prefetchSnapshot(path: string): SnapshotFileCheck | undefined {
  if (path === 'off' || checks.has(path) || !existsSync(path)) return undefined;
  let check: SnapshotFileCheck;
  try {
    check = checkSnapshotFile(path);
  } catch {
    // Gone or unreadable since: the load finds out for itself and says so.
    return undefined;
  }
  checks.set(path, check);
  return check;
}

/** The check `prefetchSnapshot` started for this path, if any; each is handed over once. */
export function takePrefetchedSnapshot(path: string): SnapshotFileCheck | undefined {
  const check = checks.get(path);
  checks.delete(path);
  return check;
}
