import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type {
  CheckpointStore,
  EventStore,
  EventToAppend,
  JsonObject,
  RecordedEvent,
  Subscription,
  SubscriptionMessage,
} from '../src/event-store.port';
import {
  EventSchemaError,
  InvalidAppendError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '../src/errors';
import { parseRecordedEvent } from '../src/event-schema';
import { SubscriptionRunner } from '../src/subscription-runner';

export interface ContractHarness {
  /** When set, the suite is listed as skipped and this line is printed once. */
  skipReason?: string;
  createStore(): Promise<EventStore>;
  createCheckpoints(store: EventStore): CheckpointStore;
}

export const event = (
  type = 'ThingHappened',
  data: JsonObject = {},
  metadata?: JsonObject,
): EventToAppend => ({
  id: randomUUID(),
  type,
  data,
  metadata,
});

export const events = (n: number, type = 'ThingHappened'): EventToAppend[] =>
  Array.from({ length: n }, (_, i) => event(type, { n: i }));

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Consumes a subscription in the background so a test can wait for what it should have seen. */
export function record(subscription: Subscription) {
  const messages: SubscriptionMessage[] = [];
  let failure: unknown;
  const done = (async () => {
    try {
      for await (const message of subscription) messages.push(message);
    } catch (error) {
      failure = error;
    }
  })();
  const eventsSeen = () =>
    messages
      .filter((m): m is { kind: 'event'; event: RecordedEvent } => m.kind === 'event')
      .map((m) => m.event);
  return {
    messages,
    events: eventsSeen,
    get failure() {
      return failure;
    },
    async until(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (failure) throw failure;
        if (Date.now() > deadline)
          throw new Error(`timed out; saw ${JSON.stringify(messages.map(describeMessage))}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async stop(): Promise<void> {
      await subscription.unsubscribe();
      await done;
    },
  };
}

const describeMessage = (m: SubscriptionMessage) =>
  m.kind === 'event' ? `${m.event.streamName}@${m.event.revision}` : 'caughtUp';

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One suite, run against every adapter: the definition of the event store's behaviour. */
export function describeEventStoreContract(adapterName: string, harness: ContractHarness): void {
  const title = `EventStore contract: ${adapterName}`;
  if (harness.skipReason && process.env.EVENTSTORE_REQUIRED === '1') {
    // CI with a server sets EVENTSTORE_REQUIRED=1: a missing server there is a failure, not a skip.
    describe(title, () => {
      it('has a store to run against (EVENTSTORE_REQUIRED=1)', () => {
        throw new Error(`EVENTSTORE_REQUIRED=1, but ${adapterName} cannot run: ${harness.skipReason}`);
      });
    });
    return;
  }
  if (harness.skipReason) {
    process.stdout.write(`[event-store contract] ${adapterName} skipped: ${harness.skipReason}\n`);
    // A conditional skip so the cases are still listed by name, with the reason.
    // eslint-disable-next-line no-restricted-syntax
    describe.skip(`${title} (skipped: ${harness.skipReason})`, () => defineCases(harness));
    return;
  }
  describe(title, () => defineCases(harness));
}

function defineCases(harness: ContractHarness): void {
  jest.setTimeout(30_000);
  let store: EventStore;
  const run = `ct${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let counter = 0;
  /** Unique per test and per run, so a long-lived EventStoreDB can hold every run's streams. */
  const streamName = (category = 'thing') => `${run}${category}-${++counter}x${randomUUID().slice(0, 8)}`;
  const onlyThisRun = { streamNamePrefixes: [run] };

  beforeAll(async () => {
    store = await harness.createStore();
  });
  afterAll(async () => {
    await store?.close();
  });

  describe('appending with an expected revision', () => {
    it('starts a new stream at revision 0 with no_stream', async () => {
      const name = streamName();
      const result = await store.appendToStream(name, events(3), { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(2n);
      const read = await collect(store.readStream(name));
      expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
    });

    it('rejects no_stream on an existing stream, reporting the actual revision', async () => {
      const name = streamName();
      await store.appendToStream(name, events(2));
      const error = await store
        .appendToStream(name, events(1), { expectedRevision: 'no_stream' })
        .catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamName: name, expected: 'no_stream', actual: 1n });
    });

    it("rejects stream_exists on a missing stream with actual 'no_stream'", async () => {
      const name = streamName();
      const error = await store
        .appendToStream(name, events(1), { expectedRevision: 'stream_exists' })
        .catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamName: name, expected: 'stream_exists', actual: 'no_stream' });
    });

    it('accepts stream_exists on an existing stream', async () => {
      const name = streamName();
      await store.appendToStream(name, events(1));
      const result = await store.appendToStream(name, events(1), { expectedRevision: 'stream_exists' });
      expect(result.nextExpectedRevision).toBe(1n);
    });

    it('accepts the exact current revision and rejects a stale one', async () => {
      const name = streamName();
      await store.appendToStream(name, events(2), { expectedRevision: 'no_stream' });
      const ok = await store.appendToStream(name, events(1), { expectedRevision: 1n });
      expect(ok.nextExpectedRevision).toBe(2n);
      const error = await store.appendToStream(name, events(1), { expectedRevision: 1n }).catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamName: name, expected: 1n, actual: 2n });
    });

    it("rejects an exact revision on a missing stream with actual 'no_stream'", async () => {
      const name = streamName();
      const error = await store.appendToStream(name, events(1), { expectedRevision: 0n }).catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error.actual).toBe('no_stream');
      expect(typeof error.actual).toBe('string');
    });

    it("appends with 'any' whatever the stream's state", async () => {
      const name = streamName();
      await store.appendToStream(name, events(1), { expectedRevision: 'any' });
      const result = await store.appendToStream(name, events(2), { expectedRevision: 'any' });
      expect(result.nextExpectedRevision).toBe(2n);
    });

    it('lets exactly one of several racing appends with the same expected revision win', async () => {
      const name = streamName();
      await store.appendToStream(name, events(1), { expectedRevision: 'no_stream' });
      const batches = Array.from({ length: 5 }, (_, i) => [
        event('Raced', { racer: i }),
        event('Raced', { racer: i }),
      ]);
      const results = await Promise.allSettled(
        batches.map((batch) => store.appendToStream(name, batch, { expectedRevision: 0n })),
      );
      const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      expect(winners).toHaveLength(1);
      for (const r of results) {
        if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(WrongExpectedVersionError);
      }
      const stored = await collect(store.readStream(name));
      expect(stored.slice(1).map((e) => e.id)).toEqual(batches[winners[0]].map((e) => e.id));
    });

    it('writes nothing when an append fails its expectation', async () => {
      const name = streamName();
      await store.appendToStream(name, events(2));
      await expect(store.appendToStream(name, events(3), { expectedRevision: 0n })).rejects.toBeInstanceOf(
        WrongExpectedVersionError,
      );
      expect(await collect(store.readStream(name))).toHaveLength(2);
    });

    it('writes nothing of a batch with one bad event in it', async () => {
      const name = streamName();
      await store.appendToStream(name, events(1));
      const bad = [event(), { ...event(), data: { amount: 10n } as unknown as JsonObject }];
      await expect(store.appendToStream(name, bad)).rejects.toBeInstanceOf(InvalidAppendError);
      const notUuid = [event(), { ...event(), id: 'not-a-uuid' }];
      await expect(store.appendToStream(name, [event('$SystemLooking')])).rejects.toBeInstanceOf(
        InvalidAppendError,
      );
      await expect(store.appendToStream(name, notUuid)).rejects.toBeInstanceOf(InvalidAppendError);
      expect(await collect(store.readStream(name))).toHaveLength(1);
    });

    it('treats an identical retry as success and stores nothing new', async () => {
      const name = streamName();
      const batch = events(2);
      const first = await store.appendToStream(name, batch, { expectedRevision: 'no_stream' });
      const retry = await store.appendToStream(name, batch, { expectedRevision: 'no_stream' });
      expect(retry).toEqual(first);
      const next = events(1);
      const second = await store.appendToStream(name, next, { expectedRevision: 1n });
      expect(await store.appendToStream(name, next, { expectedRevision: 1n })).toEqual(second);
      expect((await collect(store.readStream(name))).map((e) => e.id)).toEqual(
        [...batch, ...next].map((e) => e.id),
      );
    });

    it('rejects an empty batch', async () => {
      const name = streamName();
      await expect(store.appendToStream(name, [])).rejects.toBeInstanceOf(InvalidAppendError);
      await expect(collect(store.readStream(name))).rejects.toBeInstanceOf(StreamNotFoundError);
    });
  });

  describe('reading a stream', () => {
    let name: string;
    beforeAll(async () => {
      name = streamName();
      await store.appendToStream(name, events(5), { expectedRevision: 'no_stream' });
    });

    it('reads forwards from the start', async () => {
      const read = await collect(store.readStream(name));
      expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(read.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4]);
      expect(read.every((e) => e.streamName === name && e.type === 'ThingHappened')).toBe(true);
      expect(read[0].createdAt).toBeInstanceOf(Date);
    });

    it('reads backwards from the end', async () => {
      const read = await collect(store.readStream(name, { direction: 'backwards' }));
      expect(read.map((e) => e.revision)).toEqual([4n, 3n, 2n, 1n, 0n]);
    });

    it('reads from a revision, inclusive, in both directions', async () => {
      const forwards = await collect(store.readStream(name, { fromRevision: 2n }));
      expect(forwards.map((e) => e.revision)).toEqual([2n, 3n, 4n]);
      const backwards = await collect(store.readStream(name, { direction: 'backwards', fromRevision: 2n }));
      expect(backwards.map((e) => e.revision)).toEqual([2n, 1n, 0n]);
    });

    it('reads at most maxCount events', async () => {
      const read = await collect(store.readStream(name, { fromRevision: 1n, maxCount: 2 }));
      expect(read.map((e) => e.revision)).toEqual([1n, 2n]);
      const last = await collect(store.readStream(name, { direction: 'backwards', maxCount: 1 }));
      expect(last.map((e) => e.revision)).toEqual([4n]);
    });

    it('reports a missing stream as StreamNotFoundError with its name, while iterating', async () => {
      const missing = streamName('missing');
      const iterable = store.readStream(missing);
      const error = await collect(iterable).catch((e) => e);
      expect(error).toBeInstanceOf(StreamNotFoundError);
      expect(error.streamName).toBe(missing);
    });
  });

  describe('reading all', () => {
    it('returns events in commit order with strictly increasing positions', async () => {
      const [a, b] = [streamName('order'), streamName('order')];
      const appended = [
        { stream: a, batch: events(2) },
        { stream: b, batch: events(1) },
        { stream: a, batch: events(1) },
      ];
      for (const { stream, batch } of appended) await store.appendToStream(stream, batch);
      const mine = new Set([a, b]);
      const read = (await collect(store.readAll({ filter: onlyThisRun }))).filter((e) =>
        mine.has(e.streamName),
      );
      expect(read.map((e) => e.id)).toEqual(appended.flatMap(({ batch }) => batch.map((e) => e.id)));
      for (let i = 1; i < read.length; i++) expect(read[i].position > read[i - 1].position).toBe(true);

      const backwards = (
        await collect(store.readAll({ direction: 'backwards', filter: onlyThisRun }))
      ).filter((e) => mine.has(e.streamName));
      expect(backwards.map((e) => e.id)).toEqual(read.map((e) => e.id).reverse());
    });

    it('reads from a position, inclusive, and at most maxCount', async () => {
      const name = streamName('allfrom');
      await store.appendToStream(name, events(4));
      const mine = (await collect(store.readAll({ filter: onlyThisRun }))).filter(
        (e) => e.streamName === name,
      );
      const from = await collect(
        store.readAll({ fromPosition: mine[1].position, maxCount: 2, filter: onlyThisRun }),
      );
      expect(from.map((e) => e.id)).toEqual([mine[1].id, mine[2].id]);
    });

    it("gives an append's position equal to its last event's position read back", async () => {
      const name = streamName();
      const result = await store.appendToStream(name, events(3));
      const [last] = await collect(store.readStream(name, { direction: 'backwards', maxCount: 1 }));
      expect(result.position).toBe(last.position);
      const all = await collect(
        store.readAll({ fromPosition: result.position, maxCount: 1, filter: onlyThisRun }),
      );
      expect(all[0].id).toBe(last.id);
    });
  });

  describe('subscribing to all', () => {
    it('delivers history, then one caught-up signal, then live events', async () => {
      const category = streamName('suball');
      await store.appendToStream(`${category}-1`, events(2));
      const sub = record(
        store.subscribeToAll({ fromPosition: 'start', filter: { streamNamePrefixes: [category] } }),
      );
      try {
        await sub.until(() => sub.messages.some((m) => m.kind === 'caughtUp'));
        expect(sub.messages.map((m) => m.kind)).toEqual(['event', 'event', 'caughtUp']);
        await store.appendToStream(`${category}-2`, events(1));
        await sub.until(() => sub.events().length === 3);
        await settle(100);
        expect(sub.messages.map((m) => m.kind)).toEqual(['event', 'event', 'caughtUp', 'event']);
        expect(sub.events().map((e) => e.streamName)).toEqual([
          `${category}-1`,
          `${category}-1`,
          `${category}-2`,
        ]);
      } finally {
        await sub.stop();
      }
    });

    it('starts after a given position, without redelivering that event', async () => {
      const category = streamName('subfrom');
      await store.appendToStream(`${category}-1`, events(3));
      const history = await collect(store.readAll({ filter: { streamNamePrefixes: [category] } }));
      const sub = record(
        store.subscribeToAll({
          fromPosition: history[1].position,
          filter: { streamNamePrefixes: [category] },
        }),
      );
      try {
        await sub.until(() => sub.messages.some((m) => m.kind === 'caughtUp'));
        expect(sub.events().map((e) => e.id)).toEqual([history[2].id]);
      } finally {
        await sub.stop();
      }
    });

    it('from the end, delivers only what is appended afterwards', async () => {
      const category = streamName('subend');
      await store.appendToStream(`${category}-1`, events(2));
      const sub = record(
        store.subscribeToAll({ fromPosition: 'end', filter: { streamNamePrefixes: [category] } }),
      );
      try {
        await settle(200);
        const live = events(1);
        await store.appendToStream(`${category}-1`, live);
        await sub.until(() => sub.events().length >= 1);
        await settle(100);
        expect(sub.events().map((e) => e.id)).toEqual([live[0].id]);
      } finally {
        await sub.stop();
      }
    });

    it('filters by stream name prefix', async () => {
      const wanted = streamName('wanted');
      const other = streamName('other');
      await store.appendToStream(`${other}-1`, events(1));
      await store.appendToStream(`${wanted}-1`, events(1));
      await store.appendToStream(`${other}-2`, events(1));
      await store.appendToStream(`${wanted}-2`, events(1));
      const sub = record(
        store.subscribeToAll({ fromPosition: 'start', filter: { streamNamePrefixes: [wanted] } }),
      );
      try {
        await sub.until(() => sub.messages.some((m) => m.kind === 'caughtUp'));
        expect(sub.events().map((e) => e.streamName)).toEqual([`${wanted}-1`, `${wanted}-2`]);
      } finally {
        await sub.stop();
      }
    });

    it('filters by event type', async () => {
      const name = streamName('types');
      const type = `${run}Wanted`;
      await store.appendToStream(name, [event(type), event(`${run}Unwanted`), event(type, { second: true })]);
      const sub = record(store.subscribeToAll({ fromPosition: 'start', filter: { eventTypes: [type] } }));
      try {
        await sub.until(() => sub.messages.some((m) => m.kind === 'caughtUp'));
        expect(sub.events().map((e) => [e.type, e.revision])).toEqual([
          [type, 0n],
          [type, 2n],
        ]);
      } finally {
        await sub.stop();
      }
    });
  });

  describe('subscribing to a stream', () => {
    it('starts after a given revision and follows live appends', async () => {
      const name = streamName();
      await store.appendToStream(name, events(3));
      const sub = record(store.subscribeToStream(name, { fromRevision: 0n }));
      try {
        await sub.until(() => sub.messages.some((m) => m.kind === 'caughtUp'));
        expect(sub.events().map((e) => e.revision)).toEqual([1n, 2n]);
        await store.appendToStream(name, events(1));
        await sub.until(() => sub.events().length === 3);
        expect(sub.events().map((e) => e.revision)).toEqual([1n, 2n, 3n]);
      } finally {
        await sub.stop();
      }
    });

    it('from the start, delivers every event of that stream and no other', async () => {
      const name = streamName();
      await store.appendToStream(name, events(2));
      await store.appendToStream(streamName(), events(2));
      const sub = record(store.subscribeToStream(name, { fromRevision: 'start' }));
      try {
        await sub.until(() => sub.messages.some((m) => m.kind === 'caughtUp'));
        expect(sub.events().map((e) => [e.streamName, e.revision])).toEqual([
          [name, 0n],
          [name, 1n],
        ]);
      } finally {
        await sub.stop();
      }
    });
  });

  describe('resuming from a checkpoint', () => {
    it('loses nothing and repeats nothing already checkpointed across a restart', async () => {
      const category = streamName('resume');
      const checkpoints = harness.createCheckpoints(store);
      const id = `${category}-runner`;
      const handled: string[] = [];
      const runner = (onEvent: (e: RecordedEvent) => void) =>
        new SubscriptionRunner({
          id,
          store,
          checkpoints,
          filter: { streamNamePrefixes: [category] },
          checkpointEvery: 1,
          handle: (e) => {
            handled.push(e.id);
            onEvent(e);
          },
        });
      const first = events(3);
      await store.appendToStream(`${category}-1`, first);
      const one = runner(() => undefined);
      one.start();
      await waitUntil(() => handled.length === 3);
      await one.stop();

      const second = events(2);
      await store.appendToStream(`${category}-1`, second);
      const two = runner(() => undefined);
      two.start();
      await waitUntil(() => handled.length === 5);
      await settle(100);
      await two.stop();
      expect(handled).toEqual([...first, ...second].map((e) => e.id));
      expect(await checkpoints.load(id)).toBe(two.position);
    });
  });

  describe('deleting', () => {
    it('soft delete hides the stream until an append, whose revision continues', async () => {
      const name = streamName();
      await store.appendToStream(name, events(3));
      await store.deleteStream(name);
      await expect(collect(store.readStream(name))).rejects.toBeInstanceOf(StreamNotFoundError);
      const result = await store.appendToStream(name, events(1), { expectedRevision: 'any' });
      expect(result.nextExpectedRevision).toBe(3n);
      const read = await collect(store.readStream(name));
      expect(read.map((e) => e.revision)).toEqual([3n]);
    });

    // A soft-deleted stream keeps its revision and its metadata: it still exists for every expectation,
    // by append and by delete alike; only reads see no stream until the next append.
    it('soft delete keeps the custom metadata', async () => {
      const name = streamName();
      await store.appendToStream(name, events(2));
      await store.setStreamMetadata(name, { retention: 'P10Y', owner: 'Sekretariatet i Ærø' });
      await store.deleteStream(name);
      const kept = await store.getStreamMetadata(name);
      expect(kept.metadata).toEqual({ retention: 'P10Y', owner: 'Sekretariatet i Ærø' });
      expect(typeof kept.metadataRevision).toBe('bigint');
    });

    it('after a soft delete, refuses no_stream with the last revision and accepts stream_exists', async () => {
      const name = streamName();
      await store.appendToStream(name, events(3));
      await store.deleteStream(name);
      const error = await store
        .appendToStream(name, events(1), { expectedRevision: 'no_stream' })
        .catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamName: name, expected: 'no_stream', actual: 2n });
      const result = await store.appendToStream(name, events(1), { expectedRevision: 'stream_exists' });
      expect(result.nextExpectedRevision).toBe(3n);
      expect((await collect(store.readStream(name))).map((e) => e.revision)).toEqual([3n]);
    });

    it('deleteStream agrees with append on a soft-deleted stream', async () => {
      const name = streamName();
      await store.appendToStream(name, events(2));
      await store.deleteStream(name);
      await expect(store.deleteStream(name, { expectedRevision: 'stream_exists' })).resolves.toBeUndefined();
      const noStream = await store.deleteStream(name, { expectedRevision: 'no_stream' }).catch((e) => e);
      expect(noStream).toBeInstanceOf(WrongExpectedVersionError);
      expect(noStream).toMatchObject({ expected: 'no_stream', actual: 1n });
      await expect(store.deleteStream(name, { expectedRevision: 1n })).resolves.toBeUndefined();
      const result = await store.appendToStream(name, events(1), { expectedRevision: 1n });
      expect(result.nextExpectedRevision).toBe(2n);
      expect((await collect(store.readStream(name))).map((e) => e.revision)).toEqual([2n]);
    });

    it('deleting a missing stream: stream_exists is refused, any hides nothing and no_stream still starts it', async () => {
      const name = streamName();
      const error = await store.deleteStream(name, { expectedRevision: 'stream_exists' }).catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
      await store.deleteStream(name);
      const result = await store.appendToStream(name, events(1), { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(0n);
      expect((await collect(store.readStream(name))).map((e) => e.revision)).toEqual([0n]);
    });

    it('tombstone blocks reads and appends for ever', async () => {
      const name = streamName();
      await store.appendToStream(name, events(2));
      await store.tombstoneStream(name);
      await expect(collect(store.readStream(name))).rejects.toBeInstanceOf(StreamDeletedError);
      await expect(store.appendToStream(name, events(1))).rejects.toBeInstanceOf(StreamDeletedError);
    });
  });

  describe('stream metadata', () => {
    it('round-trips custom metadata and reports a stream that never had any', async () => {
      const name = streamName();
      const none = await store.getStreamMetadata(name);
      expect(none).toEqual({ streamName: name, metadata: {}, metadataRevision: 'no_stream' });
      await store.appendToStream(name, events(1));
      await store.setStreamMetadata(name, {
        retention: 'P10Y',
        owner: 'Sekretariatet i Ærø',
        tags: ['a', 1],
      });
      const got = await store.getStreamMetadata(name);
      expect(got.metadata).toEqual({ retention: 'P10Y', owner: 'Sekretariatet i Ærø', tags: ['a', 1] });
      expect(got.metadataRevision).toBe(0n);
      await store.setStreamMetadata(name, { retention: 'P5Y' });
      const again = await store.getStreamMetadata(name);
      expect(again.metadata).toEqual({ retention: 'P5Y' });
      expect(again.metadataRevision).toBe(1n);
      await expect(store.setStreamMetadata(name, { $maxCount: 1 })).rejects.toBeInstanceOf(
        InvalidAppendError,
      );
    });
  });

  describe('data', () => {
    it('round-trips Norwegian letters and emoji in data, metadata and stream names', async () => {
      const name = streamName('møte');
      const text = 'Blåbærsyltetøy på Ørnesvågen 🎉 — «til neste møte» ÆØÅ';
      await store.appendToStream(name, [
        event('NoteTaken', { text, list: ['æ', 'ø', 'å'] }, { actor: 'Håkon 🙂' }),
      ]);
      const [read] = await collect(store.readStream(name));
      expect(read.streamName).toBe(name);
      expect(read.data).toEqual({ text, list: ['æ', 'ø', 'å'] });
      expect(read.metadata).toEqual({ actor: 'Håkon 🙂' });
    });

    it('reports event data that fails its schema on read instead of passing it on', async () => {
      const name = streamName();
      await store.appendToStream(name, [event('CountTaken', { count: 'not a number' })]);
      const schema = z.discriminatedUnion('type', [
        z.object({ type: z.literal('CountTaken'), data: z.object({ count: z.number() }) }),
      ]);
      const [read] = await collect(store.readStream(name));
      const error = (() => {
        try {
          return parseRecordedEvent(schema, read);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(EventSchemaError);
      expect(error).toMatchObject({ streamName: name, revision: 0n, eventType: 'CountTaken' });
      expect((error as EventSchemaError).issues[0].path).toEqual(['data', 'count']);
    });
  });
}

export async function waitUntil(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await settle(10);
  }
}
