import 'reflect-metadata';
import Database from 'better-sqlite3';
import { Logger } from '@nestjs/common';
import { createEventStore } from '@tilneste/event-sourcing';
import { ReadModelHost } from '@tilneste/projections';
import { ReminderLedgerHost } from '@tilneste/reminders';

/**
 * Every read model the API builds at start, as it builds them: the catalog and the reminder ledger in one pass,
 * caught up, reading through the store the API opens (the adapter inside the personal-data seam).
 */
async function rebuild(path: string): Promise<{ events: number; ms: number }> {
  Logger.overrideLogger(false);
  const { store } = createEventStore({ EVENT_STORE: 'sqlite', SQLITE_PATH: path });
  const readModels = new ReadModelHost(store);
  const ledger = new ReminderLedgerHost(readModels);
  const started = performance.now();
  await readModels.start();
  await ledger.start();
  const ms = performance.now() - started;
  const events = Number(readModels.catalog.position ?? 0n);
  await readModels.beforeApplicationShutdown();
  await store.close();
  return { events, ms };
}

/** The floor beneath it: read the same rows in the same batches and JSON.parse data and metadata, nothing else. */
function rawScan(path: string): { events: number; ms: number } {
  const db = new Database(path, { readonly: true });
  const statement = db
    .prepare<[number, number], [number, string, number, string, string, string, string, string]>(
      'SELECT global_position, stream_name, revision, event_id, type, data, metadata, created_at FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?',
    )
    .raw(true);
  const started = performance.now();
  let events = 0;
  let cursor = 0;
  for (;;) {
    const rows = statement.all(cursor, 1000);
    for (const row of rows) {
      JSON.parse(row[5]);
      JSON.parse(row[6]);
      cursor = row[0];
    }
    events += rows.length;
    if (rows.length < 1000) break;
  }
  const ms = performance.now() - started;
  db.close();
  return { events, ms };
}

async function main(): Promise<void> {
  const [mode, path] = process.argv.slice(2);
  const result = mode === 'raw' ? rawScan(path) : await rebuild(path);
  process.stdout.write(`${JSON.stringify({ ...result, rss: process.memoryUsage().rss })}\n`);
}

void main();
