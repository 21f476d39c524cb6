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
import { applyToCatalog, Catalog } from './catalog';
import {
  codeVersion,
  loadSnapshot,
  takeSnapshot,
  writeSnapshot,
  type SnapshotPart,
} from './snapshot/read-model-snapshot';

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

/** Another in-memory read model fed by the same pass over the store; it must skip what it does not need cheaply. */
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

/**
 * Hosts the in-memory read models: rebuilt from the store at start, then fed live. The catalog and every
 * feed added before `start` share one subscription, so a start reads the history once, and
 * read-your-writes (`waitFor`) covers all of them.
 */
@Injectable()
export class ReadModelHost implements ReadModelBarrier, BeforeApplicationShutdown {
  readonly catalog = new Catalog();
  private readonly logger = new Logger('ReadModels');
  private readonly runner: SubscriptionRunner;
  private readonly checkpoints = new MemoryCheckpoints();
  private readonly caughtUp: Promise<void>;
  private readonly feeds: ReadModelFeed[] = [];
  /** The snapshot part of each read model; `null` for a feed that has none, which turns snapshots off. */
  private readonly parts: (SnapshotPart | null)[];
  private readonly snapshots: SnapshotSettings | undefined;
  private started: Promise<void> | undefined;
  /** The last event applied, and how many since the last snapshot. */
  private last: { position: bigint; id: string } | undefined;
  private sinceSnapshot = 0;
  /** Caught up with the history: from here on snapshots are taken as events arrive. */
  private live = false;
  private snapshotting: Promise<void> | undefined;
  /** A person was erased since the last snapshot: the file on disk still holds their name, so replace it now. */
  private erasedSinceSnapshot = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(CONFIG) config?: Config,
  ) {
    this.snapshots = config ? snapshotSettings(config) : undefined;
    this.parts = [this.catalogPart()];
    let resolveCaughtUp!: () => void;
    this.caughtUp = new Promise((resolve) => (resolveCaughtUp = resolve));
    this.runner = new SubscriptionRunner({
      id: RUNNER_ID,
      store,
      checkpoints: this.checkpoints,
      checkpointEvery: 10_000,
      handle: (event) => {
        applyToCatalog(this.catalog, event);
        for (const feed of this.feeds) feed(event);
        this.last = { position: event.position, id: event.id };
        if (event.type === 'PersonErased') this.erasedSinceSnapshot = true;
        if (
          (++this.sinceSnapshot >= (this.snapshots?.everyEvents ?? Infinity) || this.erasedSinceSnapshot) &&
          this.live
        )
          this.snapshotSoon();
      },
      onCaughtUp: resolveCaughtUp,
      log: (message) => this.logger.warn(message),
    });
  }

  /**
   * Adds a read model to the pass; only before `start`, since the events already read are not handed to it.
   * With a snapshot part it is saved and restored with the others; a feed without one turns snapshots off.
   */
  feed(feed: ReadModelFeed, part?: SnapshotPart): void {
    if (this.started) throw new Error('a read model feed must be added before the read models start');
    this.feeds.push(feed);
    this.parts.push(part ?? null);
  }

  /** Resolves once the history is applied; calling it again waits for the same start. */
  start(): Promise<void> {
    this.started ??= this.catchUp();
    return this.started;
  }

  private async catchUp(): Promise<void> {
    const started = Date.now();
    const from = this.snapshots ? await this.restore() : undefined;
    this.runner.start();
    await this.caughtUp;
    this.live = true;
    this.logger.log(
      from === undefined
        ? `lest inn ${String(this.catalog.position ?? 0n)} hendelser på ${Date.now() - started} ms`
        : `lest inn øyeblikksbilde ved ${from} og ${String((this.catalog.position ?? 0n) - from)} hendelser etter på ${Date.now() - started} ms (snapshot and tail)`,
    );
    if (this.snapshots) {
      // A start that replayed much leaves a snapshot for the next one.
      if (this.sinceSnapshot > 0) this.snapshotSoon();
      this.timer = setInterval(() => this.sinceSnapshot > 0 && this.snapshotSoon(), this.snapshots.everyMs);
      this.timer.unref();
    }
  }

  /** Loads the snapshot into every read model and returns its position, or says in one line why it replays all. */
  private async restore(): Promise<bigint | undefined> {
    const parts = this.snapshotParts();
    const reason = await (async () => {
      if (!parts) return 'a read model has no snapshot part';
      const loaded = loadSnapshot(this.snapshots!.path, parts);
      if (!loaded.ok) return loaded.reason;
      let found: RecordedEvent | undefined;
      for await (const event of this.store.readAll({ fromPosition: loaded.position, maxCount: 1 }))
        found = event;
      if (found?.position !== loaded.position || found.id !== loaded.eventId) {
        const head = await this.headPosition();
        return head < loaded.position
          ? `the snapshot is ahead of the store (${loaded.position} > ${head}: restored from a backup?)`
          : `the store does not hold the event the snapshot was taken at (${loaded.position})`;
      }
      for (const part of parts) part.restore(loaded.states[part.name]);
      this.checkpoints.positions.set(RUNNER_ID, loaded.position);
      this.last = { position: loaded.position, id: loaded.eventId };
      return loaded.position;
    })();
    if (typeof reason === 'bigint') return reason;
    this.logger.log(`bygger lesemodellene fra starten: ${reason} (full rebuild)`);
    return undefined;
  }

  private async headPosition(): Promise<bigint> {
    for await (const event of this.store.readAll({ direction: 'backwards', maxCount: 1 }))
      return event.position;
    return 0n;
  }

  private snapshotParts(): SnapshotPart[] | undefined {
    return this.parts.every((p) => p !== null) ? (this.parts as SnapshotPart[]) : undefined;
  }

  /**
   * After the current turn: the state is serialised in one go (so every part is at the same position) and
   * written to disk in the background. Only one at a time; a failure is logged and the next one tries again.
   */
  private snapshotSoon(): void {
    if (this.snapshotting || !this.snapshots || !this.last) return;
    this.snapshotting = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.snapshot())
      .catch((error: unknown) =>
        this.logger.warn(`øyeblikksbildet ble ikke lagret (snapshot not saved): ${String(error)}`),
      )
      .finally(() => {
        this.snapshotting = undefined;
        if (this.erasedSinceSnapshot && this.live) this.snapshotSoon();
      });
  }

  private async snapshot(): Promise<void> {
    const parts = this.snapshotParts();
    if (!parts || !this.snapshots || !this.last) return;
    const taken = takeSnapshot(parts, this.last.position, this.last.id);
    this.sinceSnapshot = 0;
    this.erasedSinceSnapshot = false;
    await writeSnapshot(this.snapshots.path, taken);
  }

  private catalogPart(): SnapshotPart {
    return {
      name: 'catalog',
      // Everything in this library: the one pass and every slice it feeds.
      version: codeVersion(__dirname),
      // Every field but the cache of derived values, which is rebuilt on demand.
      take: () =>
        Object.fromEntries(Object.entries(this.catalog).filter(([key]) => !key.startsWith('derived'))),
      restore: (state) => Object.assign(this.catalog, state),
    };
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
   * snapshot still being written was lost that way.
   */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.runner.stop();
    await this.snapshotting;
    if (this.started && this.sinceSnapshot > 0) {
      await this.snapshot().catch((error: unknown) =>
        this.logger.warn(`øyeblikksbildet ble ikke lagret (snapshot not saved): ${String(error)}`),
      );
    }
  }
}
