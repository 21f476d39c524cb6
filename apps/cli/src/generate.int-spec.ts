import Database from 'better-sqlite3';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@tilneste/config';
import { SqliteEventStore, type RecordedEvent } from '@tilneste/event-store';
import { createEventStore } from '@tilneste/event-sourcing';
import { isSealed } from '@tilneste/personal-data';
import { ReadModelHost } from '@tilneste/projections';
import { Application, ApplicationModule, CarryOverPolicy, Policies } from '@tilneste/application';
import { CommandSink, DirectSink, generate, openDirectStore, type GenerateOptions } from './generate';

jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), 'tilneste-generate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options: GenerateOptions = { seed: 'int', events: 1500, years: 8, until: '2026-10-31' };

async function readAll(path: string): Promise<RecordedEvent[]> {
  // Through the personal-data seam, as the API reads: sealed names open, clear ones (a raw store's) read as they are.
  const store = createEventStore({
    EVENT_STORE: 'sqlite',
    SQLITE_PATH: path,
    EVENTSTORE_CONNECTION_STRING: undefined,
  }).store;
  try {
    const events: RecordedEvent[] = [];
    for await (const e of store.readAll()) events.push(e);
    return events;
  } finally {
    await store.close();
  }
}

async function direct(path: string) {
  const store = new SqliteEventStore({ path, writer: 'inline' });
  try {
    return await generate(options, new DirectSink(store, options.events, options.seed));
  } finally {
    await store.close();
  }
}

/** What an event says, without what the store chose for it (its position and the time it was written). */
const facts = (e: RecordedEvent) => ({
  stream: e.streamName,
  revision: e.revision,
  type: e.type,
  data: e.data,
  metadata: e.metadata,
});

describe('generate into a SQLite file', () => {
  it('writes the same events, ids included, for the same seed', async () => {
    await direct(join(dir, 'a.db'));
    await direct(join(dir, 'b.db'));
    const [a, b] = [await readAll(join(dir, 'a.db')), await readAll(join(dir, 'b.db'))];
    expect(a).toHaveLength(options.events);
    expect(b.map((e) => ({ ...facts(e), id: e.id }))).toEqual(a.map((e) => ({ ...facts(e), id: e.id })));
  });

  it('through the command path as the API takes it, records what the direct path records', async () => {
    const path = join(dir, 'commands.db');
    const config = loadConfig({ ...process.env, SQLITE_PATH: path, TILNESTE_EMBEDDED_WORKER: 'false' });
    const app = await NestFactory.createApplicationContext(ApplicationModule.forConfig(config), {
      logger: ['error'],
    });
    try {
      await app.get(Policies).start();
      const summary = await generate(
        options,
        new CommandSink(app.get(Application), app.get(CarryOverPolicy), options.events, options.seed),
      );
      expect(summary.events).toBeGreaterThanOrEqual(options.events);
      const catalog = app.get(ReadModelHost).catalog;
      expect(catalog.commitments.size).toBe(summary.commitments);
    } finally {
      await app.close();
    }
    const viaCommands = (await readAll(path)).slice(0, options.events);
    const viaStore = await readAll(join(dir, 'a.db'));
    expect(viaCommands.map(facts)).toEqual(viaStore.map(facts));
  });

  it("the CLI's direct path seals names as the API does, and reads back through the seam as the clear store", async () => {
    const path = join(dir, 'sealed.db');
    const store = openDirectStore(loadConfig({ ...process.env, SQLITE_PATH: path, EVENT_STORE: 'sqlite' }));
    try {
      await generate(options, new DirectSink(store, options.events, options.seed));
    } finally {
      await store.close();
    }
    const raw = new Database(path, { readonly: true })
      .prepare<[], { data: string }>("SELECT data FROM events WHERE type = 'PersonRegistered'")
      .all()
      .map((r) => JSON.parse(r.data) as { name: string });
    expect(raw.length).toBeGreaterThan(5);
    expect(raw.every((d) => isSealed(d.name))).toBe(true);
    // The same story written raw (names in clear) reads the same through the seam.
    await direct(join(dir, 'clear.db'));
    const clear = await readAll(join(dir, 'clear.db'));
    expect((await readAll(path)).map(facts)).toEqual(clear.map(facts));
  });
});
