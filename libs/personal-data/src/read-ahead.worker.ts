// A read-ahead thread: reads the event store's rows after a position up to its head, opens their sealed
// personal fields, and posts them batch by batch, never more than `ahead` batches before the thread that
// applies them asks for more. Started by `readAheadOnThread`; it ends when it has posted the head.
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteRowReader, type EventRow } from '@tilneste/event-store/rows';
import { SqlitePersonKeyStore } from './person-key-store';
import { openEvent, PERSONAL_FIELDS } from './personal-fields';
import type { ReadAheadJob, ReadAheadMessage } from './read-ahead';

/** The row's data as JSON text with its sealed fields opened; text of an event without personal fields as it is. */
function openedData(keys: SqlitePersonKeyStore, [, stream, , , type, text]: EventRow): string {
  if (!PERSONAL_FIELDS[type]) return text;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return text; // the schema on the other side reports it, as it does for any read
  }
  const opened = openEvent(keys, type, data, stream);
  return opened === data ? text : JSON.stringify(opened);
}

const port = parentPort!;
const post = (message: ReadAheadMessage) => port.postMessage(message);
/** The reason in words: an error thrown here reaches the other thread only as what it says. */
const failed = (error: unknown) =>
  post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });

function run(job: ReadAheadJob): void {
  const reader = new SqliteRowReader(job.storePath);
  const keys = new SqlitePersonKeyStore(job.keysPath);
  let ended = false;
  const end = () => {
    ended = true;
    reader.close();
    keys.close();
    port.close();
  };
  // Fixed at the start: what is appended meanwhile reaches the caller by its subscription.
  const head = reader.head();
  let cursor = job.after;
  let credit = job.ahead;
  let done = false;
  const pump = () => {
    try {
      while (credit > 0 && !done) {
        const rows = reader.after(cursor, head, job.batchSize);
        for (const row of rows) row[5] = openedData(keys, row);
        if (rows.length) cursor = rows[rows.length - 1][0];
        done = rows.length < job.batchSize;
        credit -= 1;
        post({ kind: 'rows', rows });
      }
      if (done) {
        post({ kind: 'end' });
        end();
      }
    } catch (error) {
      failed(error);
      end();
    }
  };
  port.on('message', () => {
    credit += 1;
    if (!ended) pump();
  });
  pump();
}

try {
  run(workerData as ReadAheadJob);
} catch (error) {
  failed(error);
  port.close();
}
