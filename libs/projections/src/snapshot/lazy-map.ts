import { performance } from 'node:perf_hooks';
import { deserialize, serialize } from 'node:v8';

/**
 * A map as a snapshot stores it: its keys in insertion order, and each value serialised on its own
 * (`v8.serialize`), one after another in `bytes`; value i ends at `ends[i]` and starts where value i − 1 ends.
 */
export interface LazyMapImage<K> {
  lazyMap: 1;
  keys: K[];
  ends: Float64Array;
  bytes: Buffer;
}

export function isLazyMapImage(value: unknown): value is LazyMapImage<unknown> {
  return typeof value === 'object' && value !== null && (value as { lazyMap?: unknown }).lazyMap === 1;
}

/**
 * V8's serialiser refuses a symbol: a Map holding an entry not yet opened fails loudly if anything serialises it
 * directly (`v8.serialize` and `structuredClone` read a Map's raw entries, past every method below).
 */
const UNOPENED = Symbol('an entry of a LazyMap not yet deserialised');

/** An entry not yet deserialised: the index of its bytes in the image it came from. */
class Unopened {
  readonly guard = UNOPENED;
  constructor(readonly index: number) {}
}

interface Source<K> {
  keys: K[];
  ends: Float64Array;
  bytes: Buffer;
}

/**
 * A Map whose entries exist from the start, in their order, while each value stays as its bytes until it is first
 * read (`get`, or any iteration of values or entries). A start from a snapshot makes the keys only; the values
 * are opened by the requests that need them and, in small steps, by `openLazyMapsInBackground`. When every
 * entry is open, the bytes are dropped, and it holds what a plain Map would.
 *
 * It answers every Map method as a plain Map with the same history would, order included. Iterating its values
 * or entries (`values`, `entries`, `forEach`, `for … of`, spreading) opens every entry still unopened first, in one
 * go: at 1,000,000 events that is the whole deserialisation still left, up to about 2 s for the commitments on
 * the slower instances, paid by the request that iterates (once; later iterations cost what a Map's do). `keys`,
 * `has` and `size` never open anything.
 *
 * Never hand one with unopened entries to `v8.serialize`, `structuredClone` or `postMessage`: they skip the
 * methods and would see the placeholders (they throw instead: see `UNOPENED`). `lazyMapImage` is how one is
 * saved again, an entry never opened copied as its bytes.
 */
export class LazyMap<K, V> extends Map<K, V> {
  private source: Source<K> | undefined;
  private unopened = 0;
  /** Where the background opener goes on from: entries before it are open (or gone). */
  private cursor = 0;

  /** A map with every entry of the image, none of them opened. */
  static fromImage<K, V>(image: LazyMapImage<K>): LazyMap<K, V> {
    const map = new LazyMap<K, V>();
    map.load(image);
    return map;
  }

  private load(image: LazyMapImage<K>): void {
    const { keys } = image;
    for (let i = 0; i < keys.length; i++) super.set(keys[i], new Unopened(i) as V);
    this.unopened = super.size;
    this.source = this.unopened > 0 ? { keys, ends: image.ends, bytes: image.bytes } : undefined;
  }

  /** How many entries are still bytes. */
  get pending(): number {
    return this.unopened;
  }

  override get(key: K): V | undefined {
    const value = super.get(key);
    return value instanceof Unopened ? this.open(key, value) : value;
  }

  override set(key: K, value: V): this {
    if (this.unopened > 0 && super.get(key) instanceof Unopened) this.forget();
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    if (this.unopened > 0 && super.get(key) instanceof Unopened) this.forget();
    return super.delete(key);
  }

  override clear(): void {
    super.clear();
    this.unopened = 0;
    this.source = undefined;
  }

  override values(): MapIterator<V> {
    this.openAll();
    return super.values();
  }

  override entries(): MapIterator<[K, V]> {
    this.openAll();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    this.openAll();
    return super[Symbol.iterator]();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.openAll();
    super.forEach(callback, thisArg);
  }

  /** Opens every entry still unopened. */
  openAll(): void {
    if (this.unopened > 0) this.openUntil(Number.POSITIVE_INFINITY);
  }

  /**
   * Opens entries in order until `deadline` (a `performance.now()` time) has passed, looking at the clock every
   * few entries; true once none is left.
   */
  openUntil(deadline: number): boolean {
    const source = this.source;
    if (!source) return true;
    const { keys } = source;
    for (let i = this.cursor; i < keys.length; i++) {
      const value = super.get(keys[i]);
      // Deleted, set again, or opened by a request already: nothing to do.
      if (value instanceof Unopened && value.index === i) {
        this.open(keys[i], value);
        if (this.unopened === 0) return true;
      }
      if ((i & 31) === 31 && performance.now() >= deadline) {
        this.cursor = i + 1;
        return false;
      }
    }
    // Only reached if the count and the entries disagree, which would be a bug: nothing left to open either way.
    this.unopened = 0;
    this.source = undefined;
    return true;
  }

  /** The map as a snapshot stores it, without opening anything: an entry not yet opened is copied as its bytes. */
  image(): LazyMapImage<K> {
    const keys: K[] = [];
    const chunks: Buffer[] = [];
    for (const [key, value] of super.entries()) {
      keys.push(key);
      chunks.push(value instanceof Unopened ? this.bytesOf(value.index) : serialize(value));
    }
    return imageOf(keys, chunks);
  }

  private open(key: K, unopened: Unopened): V {
    const value = deserialize(this.bytesOf(unopened.index)) as V;
    super.set(key, value);
    this.forget();
    return value;
  }

  /** One entry fewer to open; with the last, the bytes go. */
  private forget(): void {
    if (--this.unopened === 0) this.source = undefined;
  }

  private bytesOf(index: number): Buffer {
    const { ends, bytes } = this.source!;
    return bytes.subarray(index === 0 ? 0 : ends[index - 1], ends[index]);
  }
}

function imageOf<K>(keys: K[], chunks: Buffer[]): LazyMapImage<K> {
  const ends = new Float64Array(chunks.length);
  let end = 0;
  for (let i = 0; i < chunks.length; i++) ends[i] = end += chunks[i].length;
  return { lazyMap: 1, keys, ends, bytes: Buffer.concat(chunks, end) };
}

/** Any map as a snapshot stores it lazily: a LazyMap's unopened entries as their bytes, every other value serialised. */
export function lazyMapImage<K, V>(map: Map<K, V>): LazyMapImage<K> {
  if (map instanceof LazyMap) return (map as LazyMap<K, V>).image();
  const keys: K[] = [];
  const chunks: Buffer[] = [];
  for (const [key, value] of map) {
    keys.push(key);
    chunks.push(serialize(value));
  }
  return imageOf(keys, chunks);
}

/** What `openLazyMapsInBackground` started: when it is done, and how to stop it (at shutdown). */
export interface BackgroundOpening {
  done: Promise<{ opened: number; ms: number }>;
  stop(): void;
}

/**
 * Opens the maps' remaining entries a slice of `sliceMs` at a time, one slice per turn of the event loop
 * (`setImmediate`), so a request waits at most about one slice for it; the maps drop their bytes as each
 * finishes. A stopped opening resolves with what it opened.
 */
export function openLazyMapsInBackground(
  maps: readonly LazyMap<unknown, unknown>[],
  sliceMs = 4,
): BackgroundOpening {
  const started = performance.now();
  const before = maps.reduce((sum, map) => sum + map.pending, 0);
  let stopped = false;
  let finish!: () => void;
  const done = new Promise<{ opened: number; ms: number }>((resolve) => {
    finish = () =>
      resolve({
        opened: before - maps.reduce((sum, map) => sum + map.pending, 0),
        ms: Math.round(performance.now() - started),
      });
  });
  const step = () => {
    if (stopped) return finish();
    const deadline = performance.now() + sliceMs;
    for (const map of maps) {
      if (!map.openUntil(deadline)) {
        // Not unref'd: an immediate that is lets the event loop sleep in its poll phase until other work comes.
        setImmediate(step);
        return;
      }
    }
    finish();
  };
  setImmediate(step);
  return {
    done,
    stop: () => {
      if (stopped) return;
      stopped = true;
      finish();
    },
  };
}
