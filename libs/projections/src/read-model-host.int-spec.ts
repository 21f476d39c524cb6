import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { SqliteEventStore, type RecordedEvent } from '@tilneste/event-store';
import { defineReadModel } from './read-model-definition';
import { ReadModelHost } from './read-model-host';

const registered = (personId: string, name: string) => ({
  id: randomUUID(),
  type: 'PersonRegistered',
  data: { personId, name, email: null, organisation: null },
  metadata: { actor: { kind: 'person', id: 'sekretær' }, at: '2026-11-02T09:00:00.000Z' },
});

/** A read model that keeps every event it is given, for these tests (module-level, as a definition must be). */
export const everyEvent = defineReadModel(__filename, 'every-event', () => {
  const state: RecordedEvent[] = [];
  return {
    state,
    apply: (event) => state.push(event),
    part: { name: 'every-event', version: '1', take: () => [...state], restore: () => undefined },
  };
});

describe('ReadModelHost (SQLite file)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let host: ReadModelHost;

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tilneste-read-models-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 20 });
    await store.appendToStream('person-kari', [registered('kari', 'Kari Nordmann')], {
      expectedRevision: 'no_stream',
    });
    await store.appendToStream('person-ola', [registered('ola', 'Ola Nordmann')], {
      expectedRevision: 'no_stream',
    });
    host = new ReadModelHost(store);
  });
  afterEach(async () => {
    await host?.beforeApplicationShutdown();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('feeds the catalog and every added read model the history in one pass, then live events', async () => {
    const fed = host.add(everyEvent);
    await host.start();
    expect(fed.map((e) => e.streamName)).toEqual(['person-kari', 'person-ola']);
    expect(host.catalog.people.get('ola')?.name).toBe('Ola Nordmann');

    const { position } = await store.appendToStream('person-per', [registered('per', 'Per Hansen')], {
      expectedRevision: 'no_stream',
    });
    await host.waitFor(position);
    expect(fed.map((e) => e.streamName)).toEqual(['person-kari', 'person-ola', 'person-per']);
    expect(host.catalog.people.has('per')).toBe(true);
  });

  it('starts once, however many callers ask', async () => {
    const fed = host.add(everyEvent);
    await Promise.all([host.start(), host.start()]);
    await host.start();
    expect(fed).toHaveLength(2);
  });

  it('refuses a read model added after the start, which would have missed the history', async () => {
    await host.start();
    expect(() => host.add(everyEvent)).toThrow(/before the read models start/);
  });

  it("indexes who recorded what by global position, for the actor's audit trail", async () => {
    await host.start();
    const positions = host.catalog.byActor.get('sekretær') ?? [];
    expect(positions).toHaveLength(2);
    const events: RecordedEvent[] = [];
    for (const position of positions)
      for await (const e of store.readAll({ fromPosition: BigInt(position), maxCount: 1 })) events.push(e);
    expect(events.map((e) => e.streamName)).toEqual(['person-kari', 'person-ola']);
  });
});
