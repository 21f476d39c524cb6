// One raw writer of the concurrent appends row: its own connection, single-row transactions while told to.
import { parentPort, workerData } from 'node:worker_threads';
import { openRaw, rawInsertsUntil } from '../lib/raw-sqlite';

const db = openRaw((workerData as { path: string }).path);
parentPort!.on('message', (message: { windowMs: number } | 'close') => {
  if (message === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  parentPort!.postMessage(rawInsertsUntil(db, performance.now() + message.windowMs));
});
parentPort!.postMessage('ready');
