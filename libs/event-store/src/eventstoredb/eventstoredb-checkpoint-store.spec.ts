import { PassThrough } from 'node:stream';
import {
  StreamNotFoundError as ClientStreamNotFoundError,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { ReadStream } from '@eventstore/db-client/dist/streams/utils/ReadStream';
import {
  CHECKPOINT_EVENT_TYPE,
  EventStoreDbCheckpointStore,
  parseCheckpoint,
} from './eventstoredb-checkpoint-store';

function readOf(data: unknown[], error?: Error) {
  const call = Object.assign(new PassThrough({ objectMode: true }), { cancel: () => call.destroy() });
  const read = new ReadStream(
    async () => call as never,
    (e) => e as never,
    {},
  );
  for (const item of data) call.write({ hasEvent: () => true, getEvent: () => ({ event: { data: item } }) });
  if (error) setImmediate(() => call.destroy(error));
  else call.end();
  return read;
}

const clientWith = (methods: Record<string, jest.Mock>) => methods as unknown as EventStoreDBClient;

describe('EventStoreDbCheckpointStore', () => {
  it('has no checkpoint for a subscription that never stored one', async () => {
    const readStream = jest.fn(() =>
      readOf([], new ClientStreamNotFoundError(undefined, 'checkpoint-projections')),
    );
    const store = new EventStoreDbCheckpointStore(clientWith({ readStream }));
    expect(await store.load('projections')).toBeUndefined();
    expect(readStream).toHaveBeenCalledWith('checkpoint-projections', {
      direction: 'backwards',
      fromRevision: 'end',
      maxCount: 1,
    });
  });

  it('loads the latest position as a bigint', async () => {
    const store = new EventStoreDbCheckpointStore(
      clientWith({ readStream: jest.fn(() => readOf([{ position: '9007199254740993' }])) }),
    );
    expect(await store.load('projections')).toBe(9007199254740993n);
  });

  it('caps the stream once, then stores positions as decimal strings under a system event type', async () => {
    const appendToStream = jest.fn(async () => ({ success: true, nextExpectedRevision: 0n }));
    const getStreamMetadata = jest.fn(async () => ({ streamName: 'checkpoint-p' }));
    const setStreamMetadata = jest.fn(async () => ({ success: true, nextExpectedRevision: 0n }));
    const store = new EventStoreDbCheckpointStore(
      clientWith({ appendToStream, getStreamMetadata, setStreamMetadata }),
    );
    await store.store('p', 12n);
    await store.store('p', 13n);
    expect(setStreamMetadata).toHaveBeenCalledTimes(1);
    expect(setStreamMetadata).toHaveBeenCalledWith('checkpoint-p', { maxCount: 1 });
    expect(appendToStream).toHaveBeenLastCalledWith(
      'checkpoint-p',
      expect.objectContaining({ type: CHECKPOINT_EVENT_TYPE, data: { position: '13' } }),
    );
    expect(CHECKPOINT_EVENT_TYPE.startsWith('$')).toBe(true);
  });

  it('refuses a checkpoint that is not a position', () => {
    expect(() => parseCheckpoint('checkpoint-p', { position: 12 })).toThrow(/not a position/);
    expect(() => parseCheckpoint('checkpoint-p', 'garbage')).toThrow(/not a position/);
    expect(parseCheckpoint('checkpoint-p', { position: '0' })).toBe(0n);
  });
});
