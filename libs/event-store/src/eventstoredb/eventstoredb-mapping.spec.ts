import {
  StreamDeletedError as ClientStreamDeletedError,
  StreamNotFoundError as ClientStreamNotFoundError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
  MaxAppendSizeExceededError,
  convertToCommandError,
} from '@eventstore/db-client';
import {
  InvalidAppendError,
  StreamDeletedError,
  StreamNotFoundError,
  SubscriptionDroppedError,
  WrongExpectedVersionError,
} from '../errors';
import type { RecordedEvent } from '../event-store.port';
import {
  decodeBody,
  eventPredicate,
  exactNamesRegex,
  splitMetadata,
  systemMetadataToKeep,
  toActualRevision,
  toDroppedError,
  toEventData,
  toPosition,
  toReadError,
  toReadPosition,
  toReadRevision,
  toRecordedEvent,
  toServerFilter,
  toWriteError,
} from './eventstoredb-event-store';

/** A gRPC failure as the server sends it for a delete with a wrong expected version. */
const deleteFailure = (actualVersion: string) =>
  convertToCommandError({
    code: 9,
    details: 'Delete failed due to WrongExpectedVersion',
    message: 'Delete failed due to WrongExpectedVersion',
    metadata: {
      getMap: () => ({
        exception: 'wrong-expected-version',
        'stream-name': 'thing-1',
        'expected-version': '-2',
        'actual-version': actualVersion,
      }),
    },
  } as never);

const recorded = (streamName: string, type: string): RecordedEvent => ({
  streamName,
  type,
  id: 'x',
  revision: 0n,
  position: 0n,
  data: {},
  metadata: {},
  createdAt: new Date(0),
});

describe('EventStoreDB mappings', () => {
  describe('the actual revision of a wrong expected version', () => {
    it("is 'no_stream' when the client says so, in any of its spellings", () => {
      expect(toActualRevision('no_stream')).toBe('no_stream');
      expect(toActualRevision(-1n)).toBe('no_stream');
      expect(toActualRevision(-1)).toBe('no_stream');
      expect(toActualRevision(undefined)).toBe('no_stream');
    });

    it('is the revision as a bigint otherwise', () => {
      expect(toActualRevision(7n)).toBe(7n);
      expect(toActualRevision(7)).toBe(7n);
      expect(toActualRevision('7')).toBe(7n);
    });
  });

  describe('errors on writing', () => {
    it('keeps the caller’s expectation and turns a missing stream into the string no_stream', () => {
      const error = new ClientWrongExpectedVersionError(undefined, {
        streamName: 'thing-1',
        current: 'no_stream',
        expected: 0n,
      });
      const mapped = toWriteError(error, 'thing-1', 0n);
      expect(mapped).toBeInstanceOf(WrongExpectedVersionError);
      expect(mapped).toMatchObject({ streamName: 'thing-1', expected: 0n, actual: 'no_stream' });
    });

    it('reports the current revision of an existing stream', () => {
      const error = new ClientWrongExpectedVersionError(undefined, {
        streamName: 's',
        current: 4n,
        expected: 'no_stream',
      });
      expect(toWriteError(error, 's', 'no_stream')).toMatchObject({ expected: 'no_stream', actual: 4n });
    });

    it("reads a delete's gRPC failure: actual-version -1 or empty means no stream", () => {
      expect(toWriteError(deleteFailure('-1'), 'thing-1', 'any')).toMatchObject({ actual: 'no_stream' });
      expect(toWriteError(deleteFailure(''), 'thing-1', 'any')).toMatchObject({ actual: 'no_stream' });
      expect(toWriteError(deleteFailure('3'), 'thing-1', 2n)).toMatchObject({ expected: 2n, actual: 3n });
    });

    it('maps deleted streams and oversized batches, and leaves the rest alone', () => {
      expect(toWriteError(ClientStreamDeletedError.fromStreamName('s'), 's', 'any')).toBeInstanceOf(
        StreamDeletedError,
      );
      expect(toWriteError(MaxAppendSizeExceededError.fromMaxAppendSize(10), 's', 'any')).toBeInstanceOf(
        InvalidAppendError,
      );
      const other = new Error('connection refused');
      expect(toWriteError(other, 's', 'any')).toBe(other);
    });
  });

  describe('errors on reading', () => {
    it('names the stream the caller asked for', () => {
      const notFound = toReadError(new ClientStreamNotFoundError(undefined, 'other'), 'mine');
      expect(notFound).toBeInstanceOf(StreamNotFoundError);
      expect((notFound as StreamNotFoundError).streamName).toBe('mine');
      expect(toReadError(ClientStreamDeletedError.fromStreamName('mine'), 'mine')).toBeInstanceOf(
        StreamDeletedError,
      );
    });

    it('turns a subscription failure into a drop that carries the cause', () => {
      const cause = new Error('14 UNAVAILABLE');
      const dropped = toDroppedError(cause);
      expect(dropped).toBeInstanceOf(SubscriptionDroppedError);
      expect(dropped.message).toContain('14 UNAVAILABLE');
      expect(dropped.cause).toBe(cause);
    });
  });

  describe('positions and revisions', () => {
    it('addresses a position with equal commit and prepare parts', () => {
      expect(toReadPosition(1234n)).toEqual({ commit: 1234n, prepare: 1234n });
      expect(toReadPosition('start')).toBe('start');
      expect(toReadPosition('end')).toBe('end');
      expect(toReadRevision(3n)).toBe(3n);
      expect(toReadRevision('end')).toBe('end');
    });

    it("treats the server's 'no position' (2^64-1) and a missing one as unknown", () => {
      expect(toPosition(2n ** 64n - 1n)).toBe(-1n);
      expect(toPosition(undefined)).toBe(-1n);
      expect(toPosition(987654321n)).toBe(987654321n);
    });
  });

  describe('event bodies', () => {
    it('sends JSON data under the caller’s id, with empty metadata when none is given', () => {
      const data = toEventData({ id: '0b7d2c1e-8f3a-4c5d-9e6f-1a2b3c4d5e6f', type: 'T', data: { a: 1 } });
      expect(data).toMatchObject({
        id: '0b7d2c1e-8f3a-4c5d-9e6f-1a2b3c4d5e6f',
        contentType: 'application/json',
        type: 'T',
        data: { a: 1 },
        metadata: {},
      });
    });

    it('passes parsed JSON and malformed text through, and decodes binary bodies', () => {
      expect(decodeBody({ a: 1 })).toEqual({ a: 1 });
      expect(decodeBody('{"a":')).toBe('{"a":');
      expect(decodeBody(new TextEncoder().encode('{"a":1}'))).toEqual({ a: 1 });
      expect(decodeBody(new TextEncoder().encode('not json æ'))).toBe('not json æ');
    });

    it('records an event with a lower-case id, its commit position, and {} for absent metadata', () => {
      const event = toRecordedEvent({
        event: {
          streamId: 'møte-1',
          id: '0B7D2C1E-8F3A-4C5D-9E6F-1A2B3C4D5E6F',
          type: 'NoteTaken',
          revision: 2n,
          created: new Date('2025-01-02T03:04:05Z'),
          data: 'not json',
          metadata: undefined,
          position: { commit: 500n, prepare: 500n },
        },
      });
      expect(event).toEqual({
        streamName: 'møte-1',
        id: '0b7d2c1e-8f3a-4c5d-9e6f-1a2b3c4d5e6f',
        type: 'NoteTaken',
        revision: 2n,
        position: 500n,
        data: 'not json',
        metadata: {},
        createdAt: new Date('2025-01-02T03:04:05Z'),
      });
    });
  });

  describe('filters', () => {
    it('never accepts system events, whatever the filter', () => {
      const accept = eventPredicate({ streamNamePrefixes: ['$'] });
      expect(accept(recorded('$$thing-1', '$metadata'))).toBe(false);
      expect(accept(recorded('$stats-1', 'Stat'))).toBe(false);
      expect(eventPredicate(undefined)(recorded('thing-1', '$streamDeleted'))).toBe(false);
      expect(eventPredicate(undefined)(recorded('thing-1', 'ThingHappened'))).toBe(true);
    });

    it('filters by prefix or by exact type', () => {
      const byPrefix = eventPredicate({ streamNamePrefixes: ['meeting-', 'commitment-'] });
      expect(byPrefix(recorded('commitment-9', 'X'))).toBe(true);
      expect(byPrefix(recorded('reminder-9', 'X'))).toBe(false);
      const byType = eventPredicate({ eventTypes: ['CommitmentMade'] });
      expect(byType(recorded('s', 'CommitmentMade'))).toBe(true);
      expect(byType(recorded('s', 'CommitmentMadeTwice'))).toBe(false);
    });

    it('refuses prefixes and types together, and treats empty lists as no filter', () => {
      expect(() => eventPredicate({ streamNamePrefixes: ['a'], eventTypes: ['B'] })).toThrow(/not both/);
      expect(() => toServerFilter({ streamNamePrefixes: ['a'], eventTypes: ['B'] })).toThrow(/not both/);
      expect(toServerFilter({ streamNamePrefixes: [], eventTypes: [] })).toMatchObject({
        filterOn: 'eventType',
        regex: '^[^$].*',
      });
    });

    it('sends prefixes as a stream name filter and types as an anchored, escaped regex', () => {
      expect(toServerFilter({ streamNamePrefixes: ['meeting-'] })).toMatchObject({
        filterOn: 'streamName',
        prefixes: ['meeting-'],
      });
      expect(toServerFilter({ eventTypes: ['A.B', 'C'] })).toMatchObject({
        filterOn: 'eventType',
        regex: '^(?:A\\.B|C)$',
      });
    });

    it('builds a regex that matches exactly the given names', () => {
      const regex = new RegExp(exactNamesRegex(['Made (v2)', 'a+b', 'x|y', '$weird^', 'back\\slash']));
      for (const name of ['Made (v2)', 'a+b', 'x|y', '$weird^', 'back\\slash'])
        expect(regex.test(name)).toBe(true);
      for (const name of ['Made v2', 'aab', 'x', 'y', 'Made (v2)!', 'prefix a+b'])
        expect(regex.test(name)).toBe(false);
    });
  });

  describe('stream metadata', () => {
    it('splits custom keys from system keys', () => {
      expect(splitMetadata({ $tb: 3, $maxCount: 10, owner: 'x', maxCount: 'custom' })).toEqual({
        custom: { owner: 'x', maxCount: 'custom' },
        system: { $tb: 3, $maxCount: 10 },
      });
      expect(splitMetadata('corrupt')).toEqual({ custom: {}, system: {} });
    });

    it('keeps system values, and replaces the soft-delete marker JavaScript cannot carry back', () => {
      expect(systemMetadataToKeep('s', { $tb: 3, $acl: { $r: '$all' } })).toEqual({
        $tb: 3,
        $acl: { $r: '$all' },
      });
      // a soft delete writes $tb = 2^63-1, which JSON.parse rounds to a number the server rejects
      expect(systemMetadataToKeep('s', { $tb: Number('9223372036854775807') })).toEqual({
        $tb: Number.MAX_SAFE_INTEGER,
      });
      expect(() => systemMetadataToKeep('s', { $maxAge: 2 ** 60 })).toThrow(/\$maxAge/);
    });
  });
});
