// The SQLite store's writer thread: its own connection, so a group's commit and fsync never hold the
// caller's event loop. One message in, one group written, one reply out, in order.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { openWriteConnection, type WriterRequest, type WriterReply } from './writer-thread';
import { SqliteWriter } from './sqlite-writer';

const port = parentPort!;
const db: Database.Database = openWriteConnection((workerData as { path: string }).path);
const writer = new SqliteWriter(db);

port.on('message', (request: WriterRequest) => {
  if (request.kind === 'close') {
    db.close();
    port.postMessage({ id: request.id, closed: true } satisfies WriterReply);
    port.close();
    return;
  }
  port.postMessage({ id: request.id, outcome: writer.write(request.ops) } satisfies WriterReply);
});
