import { PassThrough } from 'node:stream';
import {
  StreamDeletedError as ClientStreamDeletedError,
  UnavailableError as ClientUnavailableError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
  type EventStoreDBClient,
} from '@eventstore/db-client';
// The client's own stream classes, fed by a fake gRPC call, so these tests see its real event ordering.
import { ReadStream } from '@eventstore/db-client/dist/streams/utils/ReadStream';
import { Subscription as ClientSubscription } from '@eventstore/db-client/dist/streams/utils/Subscription';
import {
  EventStoreUnavailableError,
  StreamDeletedError,
  StreamNotFoundError,
  SubscriptionDroppedError,
  WrongExpectedVersionError,
} from '../errors';
import type { Subscription, SubscriptionMessage } from '../event-store.port';
import { type ClientResolvedEvent, EventStoreDbEventStore } from './eventstoredb-event-store';

type FakeCall = PassThrough & { cancel: jest.Mock };

const eventResponse = (resolved: ClientResolvedEvent) => ({ hasEvent: () => true, getEvent: () => resolved });
const caughtUpResponse = () => ({ hasCaughtUp: () => true });
const notFoundResponse = (name: string) => ({
  hasStreamNotFound: () => true,
  getStreamNotFound: () => ({ getStreamIdentifier: () => ({ getStreamName: () => name }) }),
});

function fakeCall(): FakeCall {
  const call = new PassThrough({ objectMode: true }) as FakeCall;
  call.cancel = jest.fn(() => call.destroy());
  return call;
}

/** A read as `client.readStream`/`readAll` returns it, answering with these responses then ending. */
function readOf(responses: object[], end = true): { read: ReadStream<ClientResolvedEvent>; call: FakeCall } {
  const call = fakeCall();
  const read = new ReadStream<ClientResolvedEvent>(
    async () => call as never,
    (e) => e as never,
    {},
  );
  for (const response of responses) call.write(response);
  if (end) call.end();
  return { read, call };
}

function subscriptionOf(): { source: ClientSubscription<ClientResolvedEvent>; call: FakeCall } {
  const call = fakeCall();
  const source = new ClientSubscription<ClientResolvedEvent>(
    async () => call as never,
    (e) => e as never,
    {},
  );
  return { source, call };
}

function resolved(revision: number, overrides: Partial<NonNullable<ClientResolvedEvent['event']>> = {}) {
  const position = BigInt(1000 + revision * 100);
  return {
    event: {
      streamId: 'thing-1',
      id: `0b7d2c1e-8f3a-4c5d-9e6f-${String(revision).padStart(12, '0')}`,
      type: 'ThingHappened',
      revision: BigInt(revision),
      created: new Date(0),
      data: { n: revision },
      metadata: {},
      position: { commit: position, prepare: position },
      ...overrides,
    },
  };
}

function storeWith(client: Partial<Record<keyof EventStoreDBClient, jest.Mock>>) {
  return new EventStoreDbEventStore({
    dispose: jest.fn(async () => undefined),
    ...client,
  } as unknown as EventStoreDBClient);
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Iterates in the background, as a subscription runner does. */
function consume(subscription: Subscription) {
  const messages: SubscriptionMessage[] = [];
  let failure: unknown;
  const done = (async () => {
    try {
      for await (const message of subscription) messages.push(message);
    } catch (error) {
      failure = error;
    }
  })();
  const kinds = () => messages.map((m) => (m.kind === 'event' ? `${m.event.revision}` : 'caughtUp'));
  return { messages, kinds, done, failure: () => failure };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !predicate(); i++) await tick();
  if (!predicate()) throw new Error('condition not reached');
}

describe('EventStoreDbEventStore (on a fake client)', () => {
  describe('subscriptions', () => {
    it('places caughtUp after the history even when the client signals it before handing the events over', async () => {
      const { source, call } = subscriptionOf();
      const store = storeWith({ subscribeToAll: jest.fn(() => source) });
      const seen = consume(store.subscribeToAll({ fromPosition: 'start' }));
      // all in one tick: the client's transform emits 'caughtUp' while events 0 and 1 sit in its buffer
      call.write(eventResponse(resolved(0)));
      call.write(eventResponse(resolved(1)));
      call.write(caughtUpResponse());
      call.write(eventResponse(resolved(2)));
      call.write(caughtUpResponse());
      await until(() => seen.messages.length >= 4);
      await tick();
      expect(seen.kinds()).toEqual(['0', '1', 'caughtUp', '2']);
      await store.close();
      await seen.done;
    });

    it('delivers everything in order when far more arrives than it buffers', async () => {
      const { source, call } = subscriptionOf();
      const store = storeWith({ subscribeToAll: jest.fn(() => source) });
      const subscription = store.subscribeToAll({ fromPosition: 'start' });
      for (let i = 0; i < 300; i++) call.write(eventResponse(resolved(i)));
      call.write(caughtUpResponse());
      const kinds: string[] = [];
      for await (const message of subscription) {
        kinds.push(message.kind === 'event' ? `${message.event.revision}` : 'caughtUp');
        if (message.kind === 'event') await tick(); // a slow consumer
        if (message.kind === 'caughtUp') break;
      }
      expect(kinds).toEqual([...Array.from({ length: 300 }, (_, i) => `${i}`), 'caughtUp']);
      expect(call.cancel).toHaveBeenCalled();
      await store.close();
    });

    it('sends the server a filter that drops system events, and drops any that still come', async () => {
      const { source, call } = subscriptionOf();
      const subscribeToAll = jest.fn(() => source);
      const store = storeWith({ subscribeToAll });
      const seen = consume(store.subscribeToAll({ fromPosition: 123n }));
      expect(subscribeToAll).toHaveBeenCalledWith({
        fromPosition: { commit: 123n, prepare: 123n },
        filter: expect.objectContaining({ filterOn: 'eventType', regex: '^[^$].*' }),
      });
      call.write(eventResponse(resolved(0, { type: '$metadata', streamId: '$$thing-1' })));
      call.write(eventResponse(resolved(1)));
      call.write(caughtUpResponse());
      await until(() => seen.messages.length >= 2);
      expect(seen.kinds()).toEqual(['1', 'caughtUp']);
      await store.close();
    });

    it('throws SubscriptionDroppedError when the server ends it, after what it had delivered', async () => {
      const { source, call } = subscriptionOf();
      const store = storeWith({ subscribeToAll: jest.fn(() => source) });
      const seen = consume(store.subscribeToAll({ fromPosition: 'start' }));
      call.write(eventResponse(resolved(0)));
      call.end();
      await seen.done;
      expect(seen.kinds()).toEqual(['0']);
      expect(seen.failure()).toBeInstanceOf(SubscriptionDroppedError);
    });

    it('throws SubscriptionDroppedError carrying the cause when the connection fails', async () => {
      const { source, call } = subscriptionOf();
      const store = storeWith({ subscribeToAll: jest.fn(() => source) });
      const seen = consume(store.subscribeToAll({ fromPosition: 'start' }));
      await tick();
      const cause = Object.assign(new Error('14 UNAVAILABLE: Connection dropped'), {
        code: 14,
        details: 'x',
      });
      call.destroy(cause);
      await seen.done;
      expect(seen.failure()).toBeInstanceOf(SubscriptionDroppedError);
      expect((seen.failure() as SubscriptionDroppedError).cause).toBeDefined();
    });

    it('ends quietly on unsubscribe and cancels the gRPC call', async () => {
      const { source, call } = subscriptionOf();
      const store = storeWith({ subscribeToStream: jest.fn(() => source) });
      const subscription = store.subscribeToStream('thing-1', { fromRevision: 0n });
      const seen = consume(subscription);
      call.write(caughtUpResponse());
      await until(() => seen.messages.length === 1);
      await subscription.unsubscribe();
      await seen.done;
      expect(seen.failure()).toBeUndefined();
      expect(call.cancel).toHaveBeenCalled();
    });

    it('reports a stream tombstoned under a stream subscription as StreamDeletedError', async () => {
      const { source, call } = subscriptionOf();
      const subscribeToStream = jest.fn(() => source);
      const store = storeWith({ subscribeToStream });
      const seen = consume(store.subscribeToStream('thing-1', { fromRevision: 'start' }));
      expect(subscribeToStream).toHaveBeenCalledWith('thing-1', { fromRevision: 'start' });
      await tick();
      call.destroy(ClientStreamDeletedError.fromStreamName('thing-1'));
      await seen.done;
      expect(seen.failure()).toBeInstanceOf(StreamDeletedError);
    });
  });

  describe('reading', () => {
    it('surfaces a missing stream while iterating, not when called', async () => {
      const { read } = readOf([notFoundResponse('thing-1')], false);
      const store = storeWith({ readStream: jest.fn(() => read) });
      const iterable = store.readStream('thing-1');
      const error = await collect(iterable).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StreamNotFoundError);
      expect((error as StreamNotFoundError).streamName).toBe('thing-1');
    });

    it('still reports a missing stream when asked for no events at all', async () => {
      const readStream = jest.fn(() => readOf([notFoundResponse('thing-1')], false).read);
      const store = storeWith({ readStream });
      await expect(collect(store.readStream('thing-1', { maxCount: 0 }))).rejects.toBeInstanceOf(
        StreamNotFoundError,
      );
      expect(readStream).toHaveBeenCalledWith('thing-1', {
        direction: 'forwards',
        fromRevision: 'start',
        maxCount: 1,
      });
    });

    it('reports a stream whose every event is truncated away as missing', async () => {
      const store = storeWith({ readStream: jest.fn(() => readOf([]).read) });
      await expect(collect(store.readStream('thing-1'))).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it('reads nothing, without an error, past the end of an existing stream', async () => {
      const readStream = jest
        .fn()
        .mockReturnValueOnce(readOf([]).read)
        .mockReturnValueOnce(readOf([eventResponse(resolved(4))]).read);
      const store = storeWith({ readStream });
      expect(await collect(store.readStream('thing-1', { fromRevision: 9n }))).toEqual([]);
      expect(readStream).toHaveBeenLastCalledWith('thing-1', {
        direction: 'backwards',
        fromRevision: 'end',
        maxCount: 1,
      });
    });

    it('reads forwards from the end as the last event alone, as it is inclusive', async () => {
      const readStream = jest.fn(() => readOf([eventResponse(resolved(4))]).read);
      const store = storeWith({ readStream });
      const read = await collect(store.readStream('thing-1', { fromRevision: 'end' }));
      expect(read.map((e) => e.revision)).toEqual([4n]);
      expect(readStream).toHaveBeenCalledWith('thing-1', {
        direction: 'backwards',
        fromRevision: 'end',
        maxCount: 1,
      });
    });

    it('reads $all forwards from the end as the last event that is not a system event', async () => {
      const { read, call } = readOf(
        [
          eventResponse(resolved(9, { type: '$metadata', streamId: '$$thing-1' })),
          eventResponse(resolved(8)),
          eventResponse(resolved(7)),
        ],
        false,
      );
      const readAll = jest.fn(() => read);
      const store = storeWith({ readAll });
      const events = await collect(store.readAll({ fromPosition: 'end' }));
      expect(events.map((e) => e.revision)).toEqual([8n]);
      expect(readAll).toHaveBeenCalledWith({ direction: 'backwards', fromPosition: 'end' });
      expect(call.cancel).toHaveBeenCalled();
    });

    it('reads $all backwards from a position including the event at that position', async () => {
      const at = resolved(5);
      const readAll = jest
        .fn()
        .mockReturnValueOnce(readOf([eventResponse(at)]).read)
        .mockReturnValueOnce(readOf([eventResponse(resolved(4)), eventResponse(resolved(3))]).read);
      const store = storeWith({ readAll });
      const read = await collect(store.readAll({ direction: 'backwards', fromPosition: 1500n }));
      expect(read.map((e) => e.revision)).toEqual([5n, 4n, 3n]);
      expect(readAll).toHaveBeenNthCalledWith(1, {
        direction: 'forwards',
        fromPosition: { commit: 1500n, prepare: 1500n },
        maxCount: 1,
      });
      expect(readAll).toHaveBeenNthCalledWith(2, {
        direction: 'backwards',
        fromPosition: { commit: 1500n, prepare: 1500n },
      });
    });

    it('counts maxCount after filtering and cancels the read once it has enough', async () => {
      const { read, call } = readOf(
        [
          eventResponse(resolved(0, { type: '$metadata', streamId: '$$thing-1' })),
          eventResponse(resolved(1, { streamId: 'other-1' })),
          eventResponse(resolved(2)),
          eventResponse(resolved(3)),
          eventResponse(resolved(4)),
        ],
        false,
      );
      const store = storeWith({ readAll: jest.fn(() => read) });
      const events = await collect(
        store.readAll({ maxCount: 2, filter: { streamNamePrefixes: ['thing-'] } }),
      );
      expect(events.map((e) => e.revision)).toEqual([2n, 3n]);
      expect(call.cancel).toHaveBeenCalled();
    });
  });

  describe('appending', () => {
    const batch = [{ id: '0b7d2c1e-8f3a-4c5d-9e6f-1a2b3c4d5e6f', type: 'ThingHappened', data: { n: 1 } }];

    it('returns the commit position of the last event', async () => {
      const appendToStream = jest.fn(async () => ({
        success: true,
        nextExpectedRevision: 4n,
        position: { commit: 900n, prepare: 900n },
      }));
      const store = storeWith({ appendToStream });
      expect(await store.appendToStream('thing-1', batch, { expectedRevision: 3n })).toEqual({
        nextExpectedRevision: 4n,
        position: 900n,
      });
      expect(appendToStream).toHaveBeenCalledWith('thing-1', [expect.objectContaining({ id: batch[0].id })], {
        expectedRevision: 3n,
      });
    });

    it('reads the position back when the server answers a retry without one', async () => {
      const readStream = jest.fn(() => readOf([eventResponse(resolved(4))]).read);
      const store = storeWith({
        appendToStream: jest.fn(async () => ({
          success: true,
          nextExpectedRevision: 4n,
          position: undefined,
        })),
        readStream,
      });
      expect(await store.appendToStream('thing-1', batch)).toEqual({
        nextExpectedRevision: 4n,
        position: 1400n,
      });
      expect(readStream).toHaveBeenCalledWith('thing-1', {
        direction: 'backwards',
        fromRevision: 4n,
        maxCount: 1,
      });
    });

    it('maps a wrong expected version with the expectation as the caller gave it', async () => {
      const store = storeWith({
        appendToStream: jest.fn(async () => {
          throw new ClientWrongExpectedVersionError(undefined, {
            streamName: 'thing-1',
            current: 'no_stream',
            expected: 0n,
          });
        }),
      });
      const error = await store
        .appendToStream('thing-1', batch, { expectedRevision: 0n })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamName: 'thing-1', expected: 0n, actual: 'no_stream' });
    });

    it('appends with stream_exists to a soft-deleted stream, which EventStoreDB calls deleted', async () => {
      const appendToStream = jest
        .fn()
        .mockRejectedValueOnce(ClientStreamDeletedError.fromStreamName('thing-1'))
        .mockResolvedValueOnce({
          success: true,
          nextExpectedRevision: 3n,
          position: { commit: 7n, prepare: 7n },
        });
      const store = storeWith({
        appendToStream,
        readStream: jest.fn(() => readOf([notFoundResponse('thing-1')], false).read),
      });
      expect(await store.appendToStream('thing-1', batch, { expectedRevision: 'stream_exists' })).toEqual({
        nextExpectedRevision: 3n,
        position: 7n,
      });
      expect(appendToStream).toHaveBeenLastCalledWith('thing-1', expect.any(Array), {
        expectedRevision: 'any',
      });
    });

    it('reports a tombstoned stream as StreamDeletedError', async () => {
      const store = storeWith({
        appendToStream: jest.fn().mockRejectedValue(ClientStreamDeletedError.fromStreamName('thing-1')),
        readStream: jest.fn(() => {
          const { read, call } = readOf([], false);
          setImmediate(() => call.destroy(ClientStreamDeletedError.fromStreamName('thing-1')));
          return read;
        }),
      });
      await expect(
        store.appendToStream('thing-1', batch, { expectedRevision: 'stream_exists' }),
      ).rejects.toBeInstanceOf(StreamDeletedError);
    });
  });

  describe('stream metadata', () => {
    const metadataEvent = (revision: number, data: unknown) =>
      eventResponse(resolved(revision, { streamId: '$$thing-1', type: '$metadata', data }));

    it('returns the custom keys and the revision of the metadata', async () => {
      const readStream = jest.fn(() => readOf([metadataEvent(2, { $tb: 3, owner: 'Ærø' })]).read);
      const store = storeWith({ readStream });
      expect(await store.getStreamMetadata('thing-1')).toEqual({
        streamName: 'thing-1',
        metadata: { owner: 'Ærø' },
        metadataRevision: 2n,
      });
      expect(readStream).toHaveBeenCalledWith(
        '$$thing-1',
        expect.objectContaining({ direction: 'backwards', maxCount: 1 }),
      );
    });

    it('keeps the system keys, replaces the custom ones, and guards on the revision it read', async () => {
      const appendToStream = jest.fn(async () => ({ success: true, nextExpectedRevision: 3n }));
      const store = storeWith({
        readStream: jest.fn(() => readOf([metadataEvent(2, { $tb: 3, owner: 'old', gone: true })]).read),
        appendToStream,
      });
      await store.setStreamMetadata('thing-1', { owner: 'new' });
      expect(appendToStream).toHaveBeenCalledWith(
        '$$thing-1',
        expect.objectContaining({ type: '$metadata', data: { $tb: 3, owner: 'new' } }),
        { expectedRevision: 2n },
      );
    });

    it('retries a guarded write that lost a race, re-reading what to keep', async () => {
      const appendToStream = jest
        .fn()
        .mockRejectedValueOnce(
          new ClientWrongExpectedVersionError(undefined, {
            streamName: '$$thing-1',
            current: 3n,
            expected: 2n,
          }),
        )
        .mockResolvedValueOnce({ success: true, nextExpectedRevision: 4n });
      const readStream = jest
        .fn()
        .mockReturnValueOnce(readOf([metadataEvent(2, { owner: 'old' })]).read)
        .mockReturnValueOnce(readOf([metadataEvent(3, { $tb: 9, owner: 'other' })]).read);
      const store = storeWith({ appendToStream, readStream });
      await store.setStreamMetadata('thing-1', { owner: 'new' });
      expect(appendToStream).toHaveBeenLastCalledWith(
        '$$thing-1',
        expect.objectContaining({ data: { $tb: 9, owner: 'new' } }),
        { expectedRevision: 3n },
      );
    });

    it("reports a stale explicit expectation against the metadata's revision", async () => {
      const store = storeWith({
        readStream: jest.fn(() => readOf([metadataEvent(3, {})]).read),
        appendToStream: jest.fn(async () => {
          throw new ClientWrongExpectedVersionError(undefined, {
            streamName: '$$thing-1',
            current: 3n,
            expected: 1n,
          });
        }),
      });
      const error = await store
        .setStreamMetadata('thing-1', {}, { expectedRevision: 1n })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamName: '$$thing-1', expected: 1n, actual: 3n });
    });

    it('refuses keys that EventStoreDB reserves', async () => {
      const store = storeWith({});
      await expect(store.setStreamMetadata('thing-1', { $maxCount: 1 })).rejects.toThrow(/reserved/);
    });
  });

  describe('deleting', () => {
    it('soft-deletes a stream that never existed as a no-op, as the port allows', async () => {
      const deleteStream = jest.fn(async () => {
        throw new ClientWrongExpectedVersionError(undefined, {
          streamName: 'thing-1',
          current: -1n,
          expected: 'any',
        });
      });
      const store = storeWith({
        deleteStream,
        readStream: jest.fn(() => readOf([notFoundResponse('$$thing-1')], false).read),
      });
      await expect(store.deleteStream('thing-1')).resolves.toBeUndefined();
    });

    it('checks stream_exists itself, since the client cannot send it', async () => {
      const deleteStream = jest.fn(async () => ({}));
      const store = storeWith({
        deleteStream,
        readStream: jest.fn(() => readOf([notFoundResponse('thing-1')], false).read),
      });
      await expect(
        store.deleteStream('thing-1', { expectedRevision: 'stream_exists' }),
      ).rejects.toMatchObject({
        expected: 'stream_exists',
        actual: 'no_stream',
      });
      expect(deleteStream).not.toHaveBeenCalled();
    });
  });
  // Each case below fails without its fix (checked by reverting the fix).
  describe('faults found by reading the adapter against client 6.2.1 and server 24.10', () => {
    const batch = [{ id: '0b7d2c1e-8f3a-4c5d-9e6f-1a2b3c4d5e6f', type: 'ThingHappened', data: { n: 1 } }];
    const metadataEvent = (revision: number, data: unknown) =>
      eventResponse(resolved(revision, { streamId: '$$thing-1', type: '$metadata', data }));
    /** readStream answering each stream name from its own queue of reads. */
    const readsByStream = (reads: Record<string, (() => ReturnType<typeof readOf>['read'])[]>) =>
      jest.fn((name: string) => {
        const next = reads[name]?.shift();
        if (!next) throw new Error(`no read prepared for ${name}`);
        return next();
      });

    it('opens the second read of a backwards $all read only when it is needed, so none is left open', async () => {
      const first = readOf([eventResponse(resolved(5))]);
      const readAll = jest.fn().mockReturnValueOnce(first.read);
      const store = storeWith({ readAll });
      const read = await collect(store.readAll({ direction: 'backwards', fromPosition: 1500n, maxCount: 1 }));
      expect(read.map((e) => e.revision)).toEqual([5n]);
      // the old adapter opened both reads at once and never read, nor cancelled, the second
      expect(readAll).toHaveBeenCalledTimes(1);
    });

    it('reports a drop of the second backwards read as an error of the iteration, not of the process', async () => {
      // as the client does: the gRPC call starts when readAll is called, and drops soon after
      const droppingRead = () => {
        const second = readOf([], false);
        setImmediate(() => second.call.destroy(new ClientUnavailableError(undefined, 'connection dropped')));
        return second.read;
      };
      const readAll = jest
        .fn()
        .mockImplementationOnce(() => readOf([eventResponse(resolved(5))]).read)
        .mockImplementationOnce(droppingRead);
      const uncaught: unknown[] = [];
      const onUncaught = (error: unknown) => uncaught.push(error);
      process.on('uncaughtException', onUncaught);
      try {
        const store = storeWith({ readAll });
        const reading = store.readAll({ direction: 'backwards', fromPosition: 1500n });
        const iterator = reading[Symbol.asyncIterator]();
        await new Promise((resolve) => setTimeout(resolve, 20)); // the drop happens while the caller is elsewhere
        const error = await (async () => {
          for (;;) if ((await iterator.next()).done) return undefined;
        })().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(EventStoreUnavailableError);
      } finally {
        process.off('uncaughtException', onUncaught);
      }
      expect(uncaught).toEqual([]);
    });

    it("translates $all read errors into the port's errors, keeping the cause", async () => {
      const { read, call } = readOf([], false);
      setImmediate(() => call.destroy(new ClientUnavailableError(undefined, '14 UNAVAILABLE')));
      const store = storeWith({ readAll: jest.fn(() => read) });
      const error = await collect(store.readAll()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect((error as EventStoreUnavailableError).code).toBe('EVENT_STORE.UNAVAILABLE');
      expect((error as EventStoreUnavailableError).cause).toBeInstanceOf(ClientUnavailableError);
    });

    it('refuses an append the server answered as failed (throwOnAppendFailure=false) instead of calling it a success', async () => {
      const appendToStream = jest
        .fn()
        .mockResolvedValueOnce({ success: false, nextExpectedRevision: 4n, position: undefined })
        .mockResolvedValueOnce({ success: false, nextExpectedRevision: -1n, position: undefined });
      const store = storeWith({ appendToStream });
      await expect(store.appendToStream('thing-1', batch, { expectedRevision: 2n })).rejects.toMatchObject({
        constructor: WrongExpectedVersionError,
        streamName: 'thing-1',
        expected: 2n,
        actual: 4n,
      });
      await expect(store.appendToStream('thing-1', batch, { expectedRevision: 0n })).rejects.toMatchObject({
        constructor: WrongExpectedVersionError,
        actual: 'no_stream',
      });
    });

    it('refuses a metadata write the server answered as failed', async () => {
      const store = storeWith({
        readStream: jest.fn(() => readOf([metadataEvent(3, {})]).read),
        appendToStream: jest.fn(async () => ({
          success: false,
          nextExpectedRevision: 3n,
          position: undefined,
        })),
      });
      await expect(store.setStreamMetadata('thing-1', {}, { expectedRevision: 1n })).rejects.toMatchObject({
        constructor: WrongExpectedVersionError,
        streamName: '$$thing-1',
        expected: 1n,
        actual: 3n,
      });
    });

    it('leaves a client it was given open on close, and disposes one it made', async () => {
      const dispose = jest.fn(async () => undefined);
      await storeWith({ dispose }).close();
      expect(dispose).not.toHaveBeenCalled();
      const own = new EventStoreDbEventStore('esdb://localhost:2113?tls=false');
      const disposeOwn = jest.spyOn(own.client, 'dispose').mockResolvedValue(undefined);
      await own.close();
      expect(disposeOwn).toHaveBeenCalledTimes(1);
    });

    it("writes back the metadata the server's soft delete replaced, without the delete marker", async () => {
      const readStream = readsByStream({
        '$$thing-1': [
          () => readOf([metadataEvent(0, { owner: 'Ærø', $maxCount: 50 })]).read,
          // what EventStoreDB's soft delete leaves: the marker alone (2^63-1, a float once parsed)
          () => readOf([metadataEvent(1, { $tb: 2 ** 63 - 1 })]).read,
        ],
      });
      const appendToStream = jest.fn(async () => ({ success: true, nextExpectedRevision: 2n }));
      const deleteStream = jest.fn(async () => ({}));
      const store = storeWith({ readStream, deleteStream, appendToStream });
      await store.deleteStream('thing-1', { expectedRevision: 4n });
      expect(deleteStream).toHaveBeenCalledWith('thing-1', { expectedRevision: 4n });
      // without $tb the server settles it at the next revision: events hidden, revision and metadata kept
      expect(appendToStream).toHaveBeenCalledWith(
        '$$thing-1',
        expect.objectContaining({ type: '$metadata', data: { $maxCount: 50, owner: 'Ærø' } }),
        { expectedRevision: 1n },
      );
    });

    it('keeps a $tb an append has settled since the delete, and retries when the metadata moves', async () => {
      const readStream = readsByStream({
        '$$thing-1': [
          () => readOf([metadataEvent(0, { owner: 'x' })]).read,
          () => readOf([metadataEvent(1, { $tb: 2 ** 63 - 1 })]).read,
          () => readOf([metadataEvent(2, { $tb: 5 })]).read,
        ],
      });
      const appendToStream = jest
        .fn()
        .mockRejectedValueOnce(
          new ClientWrongExpectedVersionError(undefined, {
            streamName: '$$thing-1',
            current: 2n,
            expected: 1n,
          }),
        )
        .mockResolvedValueOnce({ success: true, nextExpectedRevision: 3n });
      const store = storeWith({ readStream, deleteStream: jest.fn(async () => ({})), appendToStream });
      await store.deleteStream('thing-1');
      expect(appendToStream).toHaveBeenLastCalledWith(
        '$$thing-1',
        expect.objectContaining({ data: { $tb: 5, owner: 'x' } }),
        { expectedRevision: 2n },
      );
    });

    it('deletes with stream_exists a stream an earlier soft delete emptied, as an append would accept it', async () => {
      const readStream = readsByStream({
        'thing-1': [() => readOf([]).read], // every event hidden: the server answers with none
        '$$thing-1': [
          () => readOf([metadataEvent(1, { $tb: 3 })]).read,
          () => readOf([metadataEvent(1, { $tb: 3 })]).read,
          () => readOf([metadataEvent(2, { $tb: 2 ** 63 - 1 })]).read,
        ],
      });
      const deleteStream = jest.fn(async () => ({}));
      const store = storeWith({
        readStream,
        deleteStream,
        appendToStream: jest.fn(async () => ({ success: true, nextExpectedRevision: 3n })),
      });
      await store.deleteStream('thing-1', { expectedRevision: 'stream_exists' });
      // the revision before $tb, exactly: the server still checks it
      expect(deleteStream).toHaveBeenCalledWith('thing-1', { expectedRevision: 2n });
    });
  });
});
