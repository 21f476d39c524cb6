// A read-ahead thread: once its connections are open it says so in `ready`, waits to be told the position to
// read after, then reads the event store's rows from there up to its head, opens their sealed personal fields,
// and posts them batch by batch, never more than `ahead` batches before the thread that applies them asks for
// more. Started by `readAheadOnThread`; it ends when it has posted the head.
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteRowReader, type EventRow } from '@tilneste/event-store/rows';
import { SqlitePersonKeyStore } from './person-key-store';
import { openEvent, PERSONAL_FIELDS } from './personal-fields';
import type { ReadAheadMessage, ReadAheadThreadData } from './read-ahead';

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

function run(job: ReadAheadThreadData): void {
  const reader = new SqliteRowReader(job.storePath);
  const keys = new SqlitePersonKeyStore(job.keysPath);
  let ended = false;
  let head = 0;
  let cursor = 0;
  let credit = 0;
  let done = false;
  const end = () => {
    ended = true;
    reader.close();
    keys.close();
    port.close();
  };
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
  // The first message says where to start; each `more` after it lets the thread read one batch further ahead.
  port.on('message', (message: 'more' | { after: number }) => {
    if (ended) return;
    if (message === 'more') credit += 1;
    else {
      // Fixed at the start: what is appended meanwhile reaches the caller by its subscription.
      head = reader.head();
      cursor = message.after;
      credit = job.ahead;
    }
    pump();
  });
  Atomics.store(new Int32Array(job.ready), 0, 1);
}

try {
  run(workerData as ReadAheadThreadData);
} catch (error) {
  failed(error);
  port.close();
}
