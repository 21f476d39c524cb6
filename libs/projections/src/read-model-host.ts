import { threadId } from 'node:worker_threads';
import { Inject, Injectable, Logger, BeforeApplicationShutdown, Optional } from '@nestjs/common';
import { durationToMs, parseIsoDuration } from '@tilneste/groups';
import type { Config } from '@tilneste/config';
import {
  EVENT_STORE,
  SubscriptionRunner,
  type CheckpointStore,
  type EventStore,
  type RecordedEvent,
} from '@tilneste/event-store';
import { CONFIG, type ReadModelBarrier } from '@tilneste/event-sourcing';
import type { Catalog } from './catalog';
import { catalogReadModel } from './catalog-read-model';
import type { ReadModelDefinition, ReadModelRef } from './read-model-definition';
import {
  loadUsableSnapshot,
  snapshotVersion,
  takeSnapshot,
  writeSnapshot,
  type SnapshotPart,
} from './snapshot/read-model-snapshot';
import type { BackgroundOpening } from './snapshot/lazy-map';
import { startSnapshotWorker, type SnapshotWorker } from './snapshot/snapshot-thread';

/** In memory: every start replays from the beginning, so the checkpoint need not outlive the process. */
class MemoryCheckpoints implements CheckpointStore {
  readonly positions = new Map<string, bigint>();
  async load(id: string) {
    return this.positions.get(id);
  }
  async store(id: string, position: bigint) {
    this.positions.set(id, position);
  }
}

const READ_YOUR_WRITES_TIMEOUT_MS = 5_000;

/** How a read model takes an event in the one pass over the store; it must skip what it does not need cheaply. */
export type ReadModelFeed = (event: RecordedEvent) => void;

/** Where and how often the read models are snapshotted; without it every start replays the whole store. */
export interface SnapshotSettings {
  path: string;
  everyEvents: number;
  everyMs: number;
}

export function snapshotSettings(config: Config): SnapshotSettings | undefined {
  if (config.READ_MODEL_SNAPSHOT === 'off') return undefined;
  return {
    path: config.READ_MODEL_SNAPSHOT,
    everyEvents: config.READ_MODEL_SNAPSHOT_EVERY_EVENTS,
    everyMs: durationToMs(parseIsoDuration(config.READ_MODEL_SNAPSHOT_EVERY)!),
  };
}

const RUNNER_ID = 'read-models';
const MiB = 1024 * 1024;

/** How the last snapshot was saved: by a worker thread (while live) or on this thread (after a full rebuild, at shutdown). */
export interface SnapshotTaken {
  by: 'worker' | 'this thread';
  threadId: number;
  position: bigint;
}

/**
 * Hosts the in-memory read models: rebuilt from the store at start, then fed live. The catalog and every
 * read model added before `start` share one subscription, so a start reads the history once, and
 * read-your-writes (`waitFor`) covers all of them.
 *
 * Snapshots while live are taken by a worker thread that builds the same read models again from the store
 * (from the last snapshot and the tail after it), so serialising them never holds this thread's event loop;
 * the one after a full rebuild at start and the one at shutdown, when no request is served, serialise what is
 * in hand.
 */
@Injectable()
export class ReadModelHost implements ReadModelBarrier, BeforeApplicationShutdown {
  readonly catalog: Catalog;
  /** The last snapshot saved since this host started, if any. */
  lastSnapshot: SnapshotTaken | undefined;
  /**
   * A test's hook: a snapshot worker that has serialised the read models waits for it before writing them,
   * so a test can show this thread serving meanwhile.
   */
  beforeWorkerWrites: ((threadId: number) => Promise<void>) | undefined;
  private readonly logger = new Logger('ReadModels');
  private readonly runner: SubscriptionRunner;
  private readonly checkpoints = new MemoryCheckpoints();
  private readonly caughtUp: Promise<void>;
  private readonly feeds: ReadModelFeed[] = [];
  /** The snapshot part of each read model, in the order of `feeds`. */
  private readonly parts: SnapshotPart[] = [];
  /** Where a snapshot worker finds each read model's definition, in the order of `parts`. */
  private readonly refs: ReadModelRef[] = [];
  private readonly snapshots: SnapshotSettings | undefined;
  private readonly storeConfig: Config | undefined;
  private started: Promise<void> | undefined;
  /** The last event applied, and how many since the last snapshot was begun. */
  private last: { position: bigint; id: string } | undefined;
  private sinceSnapshot = 0;
  /** The snapshot restored was read ahead while the process started (said in the start's log line). */
  private snapshotReadAhead = false;
  /** Caught up with the history: from here on snapshots are taken as events arrive. */
  private live = false;
  private stopping = false;
  private snapshotting: Promise<void> | undefined;
  private worker: SnapshotWorker | undefined;
  /** A person was erased since the last snapshot: the file on disk still holds their name, so replace it now. */
  private erasedSinceSnapshot = false;
  private timer: NodeJS.Timeout | undefined;
  /** What a restore left as bytes, being opened in the background once live. */
  private settling: BackgroundOpening[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(CONFIG) config?: Config,
  ) {
    this.snapshots = config ? snapshotSettings(config) : undefined;
    this.storeConfig = config;
    this.catalog = this.add(catalogReadModel);
    let resolveCaughtUp!: () => void;
    this.caughtUp = new Promise((resolve) => (resolveCaughtUp = resolve));
    this.runner = new SubscriptionRunner({
      id: RUNNER_ID,
      store,
      checkpoints: this.checkpoints,
      checkpointEvery: 10_000,
      handle: (event) => this.apply(event),
      onCaughtUp: resolveCaughtUp,
      log: (message) => this.logger.warn(message),
    });
  }

  /**
   * Adds a read model made from its definition, saved and restored with the others, and returns its state;
   * only before `start`, since the events already read are not handed to it.
   */
  add<S>(definition: ReadModelDefinition<S>): S {
    this.assertNotStarted();
    const model = definition.create();
    this.feeds.push(model.apply);
    this.parts.push(model.part);
    this.refs.push({ module: definition.module, name: definition.name });
    return model.state;
  }

  private assertNotStarted(): void {
    if (this.started) throw new Error('a read model feed must be added before the read models start');
  }

  private apply(event: RecordedEvent): void {
    for (const feed of this.feeds) feed(event);
    this.last = { position: event.position, id: event.id };
    if (event.type === 'PersonErased') this.erasedSinceSnapshot = true;
    if (
      (++this.sinceSnapshot >= (this.snapshots?.everyEvents ?? Infinity) || this.erasedSinceSnapshot) &&
      this.live
    )
      this.snapshotSoon();
  }

  /** Resolves once the history is applied; calling it again waits for the same start. */
  start(): Promise<void> {
    this.started ??= this.catchUp();
    return this.started;
  }

  private async catchUp(): Promise<void> {
    const started = Date.now();
    const from = this.snapshots ? await this.restore() : undefined;
    await this.readAhead(from);
    this.runner.start(this.last?.position);
    await this.caughtUp;
    this.live = true;
    if (from !== undefined) this.settle();
    this.logger.log(
      from === undefined
        ? `lest inn ${String(this.catalog.position ?? 0n)} hendelser på ${Date.now() - started} ms`
        : `lest inn øyeblikksbilde${this.snapshotReadAhead ? ' (lest på forhånd)' : ''} ved ${from} og ${String((this.catalog.position ?? 0n) - from)} hendelser etter på ${Date.now() - started} ms (snapshot and tail)`,
    );
    if (this.snapshots) {
      // A start that replayed everything leaves a snapshot for the next one, taken here before the API listens
      // (no request waits for it; the file is written in the background). A worker would replay it all again
      // and hold a second copy of the read models meanwhile. A start from a snapshot leaves its tail to one.
      if (from === undefined && this.sinceSnapshot > 0) this.snapshotAtStart();
      else if (this.sinceSnapshot > 0) this.snapshotSoon();
      this.timer = setInterval(() => this.sinceSnapshot > 0 && this.snapshotSoon(), this.snapshots.everyMs);
      this.timer.unref();
    }
  }

  /**
   * The history up to the head, read ahead where the store can (a SQLite file: read and opened on a second
   * thread while this one applies); the subscription takes it from there. A read-ahead that fails is not a
   * failed start: the subscription reads on from the last event applied, as it would have from the start.
   */
  private async readAhead(from: bigint | undefined): Promise<void> {
    const batches = this.store.readAhead?.(from ?? 'start');
    if (!batches) return;
    try {
      for await (const batch of batches) for (const event of batch) this.apply(event);
    } catch (error) {
      this.logger.warn(
        `lesing på forhånd stoppet ved ${String(this.last?.position ?? 0n)} (read-ahead stopped: ${(error as Error).message}); abonnementet leser videre`,
      );
    }
  }

  /** Loads the snapshot into every read model and returns its position, or says in one line why it replays all. */
  private async restore(): Promise<bigint | undefined> {
    const loaded = await loadUsableSnapshot(this.store, this.snapshots!.path, this.parts);
    if (!loaded.ok) {
      this.logger.log(`bygger lesemodellene fra starten: ${loaded.reason} (full rebuild)`);
      return undefined;
    }
    this.snapshotReadAhead = loaded.readAhead;
    try {
      for (const part of this.parts) part.restore(loaded.states[part.name]);
    } finally {
      loaded.release();
    }
    this.checkpoints.positions.set(RUNNER_ID, loaded.position);
    this.last = { position: loaded.position, id: loaded.eventId };
    return loaded.position;
  }

  /**
   * The values a restore left as bytes are opened a slice at a time between requests (a request that needs one
   * sooner opens it itself), so that once they all are, memory and serving are as after a full rebuild.
   */
  private settle(): void {
    this.settling = this.parts.flatMap((part) => (part.settle ? [part.settle()] : []));
    if (this.settling.length === 0) return;
    void Promise.all(this.settling.map((s) => s.done)).then((outcomes) => {
      if (this.stopping) return;
      const failed = outcomes.find((o) => o.failed !== undefined)?.failed;
      if (failed !== undefined) {
        this.logger.error(
          `øyeblikksbildet ble ikke åpnet helt (snapshot values not all read in the background: ${failed})`,
        );
        return;
      }
      const opened = outcomes.reduce((sum, o) => sum + o.opened, 0);
      const ms = Math.max(...outcomes.map((o) => o.ms));
      this.logger.log(
        `øyeblikksbildet er åpnet: ${opened} verdier på ${ms} ms (snapshot values deserialised in the background)`,
      );
    });
  }

  /**
   * Starts a snapshot worker, one at a time: it reads the store up to its head on its own connection, builds
   * the read models there, and writes the file. This thread keeps only the decision and the outcome. A
   * failure is logged and its events count towards the next try (the next N events, or the timer).
   */
  private snapshotSoon(): void {
    if (this.snapshotting || this.stopping || !this.snapshots || !this.storeConfig || !this.last) return;
    const pending = { events: this.sinceSnapshot, erased: this.erasedSinceSnapshot };
    // The worker reads to the store's head, which holds at least every event applied here so far.
    this.sinceSnapshot = 0;
    this.erasedSinceSnapshot = false;
    const { EVENT_STORE, SQLITE_PATH, EVENTSTORE_CONNECTION_STRING, KEYS_SQLITE_PATH } = this.storeConfig;
    const worker = startSnapshotWorker(
      {
        path: this.snapshots.path,
        version: snapshotVersion(this.parts),
        models: this.refs,
        store: { EVENT_STORE, SQLITE_PATH, EVENTSTORE_CONNECTION_STRING, KEYS_SQLITE_PATH },
      },
      this.beforeWorkerWrites,
    );
    this.worker = worker;
    let saved = false;
    this.snapshotting = worker.result
      .then((done) => {
        saved = true;
        if (!done.written) return;
        this.lastSnapshot = { by: 'worker', threadId: worker.threadId, position: done.position };
        this.logger.log(
          `øyeblikksbilde lagret ved ${done.position} (snapshot written by worker thread ${worker.threadId}: ` +
            `${done.replayed} events after ${done.from === undefined ? `a full rebuild, ${done.fullRebuild}` : `the snapshot at ${done.from}`}, ` +
            `${(done.bytes / MiB).toFixed(1)} MiB in ${done.ms} ms, heap ${(done.heapBytes / MiB).toFixed(0)} MiB)`,
        );
      })
      .catch((error: unknown) => {
        this.sinceSnapshot += pending.events;
        this.erasedSinceSnapshot ||= pending.erased;
        if (!this.stopping)
          this.logger.warn(`øyeblikksbildet ble ikke lagret (snapshot not saved): ${String(error)}`);
      })
      .finally(() => {
        this.worker = undefined;
        this.snapshotting = undefined;
        if (saved && this.erasedSinceSnapshot && this.live) this.snapshotSoon();
      });
  }

  /**
   * After a full rebuild, before any request: serialised on this thread at once (`snapshotHere` runs
   * synchronously up to its write), the file written in the background.
   */
  private snapshotAtStart(): void {
    this.snapshotting = this.snapshotHere()
      .then(() => {
        if (this.lastSnapshot)
          this.logger.log(
            `øyeblikksbilde lagret ved ${this.lastSnapshot.position} (snapshot after a full rebuild, at start)`,
          );
      })
      .catch((error: unknown) => {
        this.sinceSnapshot += 1;
        this.logger.warn(`øyeblikksbildet ble ikke lagret (snapshot not saved): ${String(error)}`);
      })
      .finally(() => (this.snapshotting = undefined));
  }

  /** On this thread (after a full rebuild at start, and at shutdown): the state in hand, serialised in one go. */
  private async snapshotHere(): Promise<void> {
    if (!this.snapshots || !this.last) return;
    const taken = takeSnapshot(this.parts, this.last.position, this.last.id);
    this.sinceSnapshot = 0;
    this.erasedSinceSnapshot = false;
    await writeSnapshot(this.snapshots.path, taken);
    this.lastSnapshot = { by: 'this thread', threadId, position: this.last.position };
  }

  async waitFor(position: bigint): Promise<void> {
    const applied = await this.runner.waitFor(position, READ_YOUR_WRITES_TIMEOUT_MS);
    if (!applied)
      this.logger.warn(
        `read models did not reach position ${position} within ${READ_YOUR_WRITES_TIMEOUT_MS} ms`,
      );
  }

  /**
   * The last state is saved, so the next start replays only what follows. Before the shutdown hooks proper,
   * because one of those closes the event store, and Nest ends the process when a hook fails: a large
   * snapshot still being written was lost that way. A worker still at work is stopped rather than waited
   * for: serialising the state in hand here is faster than its replay, and no request is served any more.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    for (const opening of this.settling) opening.stop();
    await this.runner.stop();
    await this.worker?.stop();
    await this.snapshotting;
    if (this.started && this.sinceSnapshot > 0) {
      await this.snapshotHere().catch((error: unknown) =>
        this.logger.warn(`øyeblikksbildet ble ikke lagret (snapshot not saved): ${String(error)}`),
      );
    }
  }
}
