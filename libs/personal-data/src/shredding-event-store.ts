import {
  rowToRecorded,
  SqliteEventStore,
  SqliteRowReader,
  type AppendOptions,
  type AppendResult,
  type DeleteOptions,
  type EventStore,
  type EventToAppend,
  type JsonObject,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamMetadataResult,
  type SubscribeToAllOptions,
  type SubscribeToStreamOptions,
  type Subscription,
  type SubscriptionMessage,
} from '@tilneste/event-store';
import { SqlitePersonKeyStore, type PersonKeyStore } from './person-key-store';
import { erasedSubject, openEvent, sealEvent } from './personal-fields';
import { readAheadOnThread, readOnThisThread } from './read-ahead';
import { RecentlySealed } from './recently-sealed';

/**
 * Fewer events than this are read by the subscription alone: a store this small is read in a few tens of
 * milliseconds either way.
 */
const READ_AHEAD_MINIMUM = 5_000;
/**
 * From this many events on the batches are read and opened on a second thread; below it, on this one. Creating
 * the thread and loading its modules (about a tenth of a second on the second core) is paid back only
 * when there is much to read.
 */
const THREAD_MINIMUM = 50_000;

/**
 * The one seam where personal data is encrypted and decrypted: wraps any event store, seals personal fields
 * on append and opens them on every read and subscription. Deciders and projections see plain events; an
 * erased person's fields read as "slettet person" (or null for an e-mail address), which still passes the
 * events' zod schemas.
 */
export class ShreddingEventStore implements EventStore {
  /** The inner store's head, where it can tell it without a read (no event is opened for it). */
  readonly headPosition?: () => bigint;
  /** What this store sealed and has not yet read back: the read models' subscription reads it at once. */
  private readonly recent = new RecentlySealed();

  constructor(
    readonly inner: EventStore,
    readonly keys: PersonKeyStore,
    private readonly ownsKeys = true,
  ) {
    if (inner.headPosition) this.headPosition = () => inner.headPosition!();
  }

  get kind(): string {
    return this.inner.kind;
  }

  /**
   * A `PersonErased` (or `MinutesImportErased`) event deletes the key first: if the append then fails, the data
   * is already unreadable and a retry records the event. The other order could leave an erasure on record with
   * the key still there.
   */
  async appendToStream(
    streamName: string,
    events: EventToAppend[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    for (const event of events) {
      const subject = erasedSubject(event.type, event.data);
      if (subject === null) continue;
      this.keys.erase(subject, new Date());
      this.recent.clear();
    }
    const sealed = events.map((event) => {
      const data = sealEvent(
        this.keys,
        event.type,
        event.data,
        event.metadata,
        streamName,
        this.recent,
      ) as JsonObject;
      return data === event.data ? event : { ...event, data };
    });
    return this.inner.appendToStream(streamName, sealed, options);
  }

  private opened = (event: RecordedEvent): RecordedEvent => {
    const data = openEvent(this.keys, event.type, event.data, event.streamName, this.recent);
    return data === event.data ? event : { ...event, data };
  };

  async *readStream(streamName: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    for await (const event of this.inner.readStream(streamName, options)) yield this.opened(event);
  }

  async *readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    for await (const event of this.inner.readAll(options)) yield this.opened(event);
  }

  /**
   * The history up to the head as it is now, in batches, where the store is a SQLite file and the keys are too
   * and there are at least `minimum` events to read: read and opened a batch at a time on this thread (no event
   * waits on the promises of a subscription), and from `threadMinimum` events on by a second thread, this one
   * reading until that one is ready. Otherwise undefined: the subscription is as fast.
   */
  readAhead(
    after: bigint | 'start',
    minimum = READ_AHEAD_MINIMUM,
    threadMinimum = THREAD_MINIMUM,
  ): AsyncIterable<RecordedEvent[]> | undefined {
    const { inner, keys } = this;
    if (!(inner instanceof SqliteEventStore) || !(keys instanceof SqlitePersonKeyStore)) return undefined;
    if (inner.path === ':memory:' || keys.path === ':memory:') return undefined;
    const from = after === 'start' ? 0n : after;
    const head = inner.headPosition();
    if (head - from < BigInt(minimum)) return undefined;
    let rows: SqliteRowReader | undefined;
    const inline = {
      read: (after: number, limit: number) =>
        (rows ??= new SqliteRowReader(inner.path))
          .after(after, Number(head), limit)
          .map((row) => this.opened(rowToRecorded(row))),
      close: () => rows?.close(),
    };
    const job = {
      storePath: inner.path,
      keysPath: keys.path,
      after: Number(from),
      batchSize: 1000,
      ahead: 4,
    };
    if (head - from >= BigInt(threadMinimum)) return readAheadOnThread(job, inline);
    return readOnThisThread(inline, job);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    return this.openSubscription(this.inner.subscribeToAll(options));
  }

  subscribeToStream(streamName: string, options: SubscribeToStreamOptions): Subscription {
    return this.openSubscription(this.inner.subscribeToStream(streamName, options));
  }

  private openSubscription(inner: Subscription): Subscription {
    const opened = this.opened;
    return {
      unsubscribe: () => inner.unsubscribe(),
      async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
        for await (const message of inner)
          yield message.kind === 'event' ? { kind: 'event', event: opened(message.event) } : message;
      },
    };
  }

  getStreamMetadata(streamName: string): Promise<StreamMetadataResult> {
    return this.inner.getStreamMetadata(streamName);
  }

  setStreamMetadata(streamName: string, metadata: JsonObject, options?: AppendOptions): Promise<void> {
    return this.inner.setStreamMetadata(streamName, metadata, options);
  }

  deleteStream(streamName: string, options?: DeleteOptions): Promise<void> {
    return this.inner.deleteStream(streamName, options);
  }

  tombstoneStream(streamName: string, options?: DeleteOptions): Promise<void> {
    return this.inner.tombstoneStream(streamName, options);
  }

  async close(): Promise<void> {
    await this.inner.close();
    if (this.ownsKeys) this.keys.close();
  }
}
