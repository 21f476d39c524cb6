import { performance } from 'node:perf_hooks';
import { deserialize, serialize } from 'node:v8';

/**
 * A map as a snapshot stores it: its keys in insertion order (one array, serialised by `v8.serialize`), and each
 * value serialised on its own, one after another in `bytes`; value i ends at `ends[i]` and starts where value
 * i − 1 ends.
 */
export interface LazyMapImage {
  lazyMap: 1;
  keys: Uint8Array;
  ends: Float64Array;
  bytes: Uint8Array;
}

export function isLazyMapImage(value: unknown): value is LazyMapImage {
  return typeof value === 'object' && value !== null && (value as { lazyMap?: unknown }).lazyMap === 1;
}

/**
 * V8's serialiser refuses a symbol, as key or value: a LazyMap with anything left to do holds one (as the key of a
 * guard entry until its keys are in, as its unopened values after), so it fails loudly if anything serialises it
 * directly (`v8.serialize`, `structuredClone` and `postMessage` read a Map's raw entries, past every method below).
 */
const UNOPENED = Symbol('a LazyMap not yet opened');

/** An entry not yet deserialised: the index of its bytes in the image it came from. */
class Unopened {
  readonly guard = UNOPENED;
  constructor(readonly index: number) {}
}

interface Source {
  ends: Float64Array;
  bytes: Uint8Array;
  /** The keys in the image's order, once they are in: where the background opener looks. */
  keys?: unknown[];
}

/**
 * A Map restored from a snapshot that does its work when it is first used rather than at start: its keys are put
 * in on first use (any method), each value is deserialised when first read (`get`, or any iteration of values or
 * entries), and `openLazyMapsInBackground` does the rest in small steps. Once every entry is open, the bytes are
 * dropped and it holds what a plain Map would.
 *
 * It answers every Map method as a plain Map with the same history would, order included. Iterating its values or
 * entries (`values`, `entries`, `forEach`, `for … of`, spreading, `new Map(it)`) opens every entry still unopened
 * first, in one go: at 1,000,000 events that is whatever deserialisation the background has not done yet, up to
 * about 0.9 s for the commitments (and 0.6 s for the meetings) on the instance of 2026-12-03, paid once by the
 * request that iterates. The first use of any method puts the keys in first: up to about 70 ms for the
 * commitments' 132,000. After that, `keys`, `has` and `size` cost what a Map's do and open nothing.
 *
 * Never hand one with anything left to open to `v8.serialize`, `structuredClone` or `postMessage` (they throw:
 * see `UNOPENED`). `image` is how one is saved again: an entry never opened is copied as its bytes.
 */
export class LazyMap<K, V> extends Map<K, V> {
  /** Until every key is in: the keys, and how many are in already (the background puts them in a slice at a time). */
  private pendingKeys: { all: K[] | undefined; bytes: Uint8Array; inserted: number } | undefined;
  private source: Source | undefined;
  private unopened = 0;
  /** Where the background opener goes on from: entries before it are open (or gone). */
  private cursor = 0;

  /** A map with every entry of the image, none of them opened (nor even its keys in, until first used). */
  static fromImage<K, V>(image: LazyMapImage): LazyMap<K, V> {
    const map = new LazyMap<K, V>();
    map.adopt(image);
    return map;
  }

  private adopt(image: LazyMapImage): void {
    if (image.ends.length === 0) return this.settled();
    super.set(UNOPENED as K, new Unopened(-1) as V);
    this.pendingKeys = { all: undefined, bytes: image.keys, inserted: 0 };
    this.source = { ends: image.ends, bytes: image.bytes };
    this.unopened = image.ends.length;
  }

  /**
   * How many entries of a map are still bytes (their keys may not be in yet either): 0 for a plain Map, which is
   * also what a LazyMap becomes once nothing is left (see `settled`).
   */
  static pending(map: Map<unknown, unknown>): number {
    return map instanceof LazyMap || Object.hasOwn(map, 'unopened')
      ? (map as LazyMap<unknown, unknown>).unopened
      : 0;
  }

  /** True if the map is a LazyMap with nothing left to do, or any other Map; else opens until `deadline` (see `openUntil`). */
  static openUntil(map: Map<unknown, unknown>, deadline: number): boolean {
    return LazyMap.pending(map) === 0 || (map as LazyMap<unknown, unknown>).openUntil(deadline);
  }

  /** Puts the keys still out in, in their order; false if the deadline (a `performance.now()` time) came first. */
  private insertKeys(deadline = Number.POSITIVE_INFINITY): boolean {
    const pending = this.pendingKeys;
    if (!pending) return true;
    const all = (pending.all ??= deserialize(pending.bytes) as K[]);
    for (let i = pending.inserted; i < all.length; i++) {
      super.set(all[i], new Unopened(i) as V);
      if ((i & 1023) === 1023 && performance.now() >= deadline) {
        pending.inserted = i + 1;
        return false;
      }
    }
    super.delete(UNOPENED as K);
    this.pendingKeys = undefined;
    this.source!.keys = all;
    // The keys of an image are distinct (they came from a Map); this only guards the count against a bad one.
    this.unopened = super.size;
    if (this.unopened === 0) this.settled();
    return true;
  }

  override get size(): number {
    if (this.pendingKeys) this.insertKeys();
    return super.size;
  }

  override get(key: K): V | undefined {
    if (this.pendingKeys) this.insertKeys();
    const value = super.get(key);
    return value instanceof Unopened ? this.open(key, value) : value;
  }

  override has(key: K): boolean {
    if (this.pendingKeys) this.insertKeys();
    return super.has(key);
  }

  override set(key: K, value: V): this {
    if (this.pendingKeys) this.insertKeys();
    if (this.unopened > 0 && super.get(key) instanceof Unopened) this.forget();
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    if (this.pendingKeys) this.insertKeys();
    if (this.unopened > 0 && super.get(key) instanceof Unopened) this.forget();
    return super.delete(key);
  }

  override clear(): void {
    super.clear();
    this.pendingKeys = undefined;
    this.unopened = 0;
    this.settled();
  }

  override keys(): MapIterator<K> {
    if (this.pendingKeys) this.insertKeys();
    return super.keys();
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
   * Puts the keys in, then opens entries in order, until `deadline` (a `performance.now()` time) has passed,
   * looking at the clock every few entries; true once nothing is left.
   */
  openUntil(deadline: number): boolean {
    if (this.pendingKeys && !this.insertKeys(deadline)) return false;
    const source = this.source;
    if (!source) return true;
    const keys = source.keys as K[];
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
    this.settled();
    return true;
  }

  /** The map as a snapshot stores it, without opening anything: an entry not yet opened is copied as its bytes. */
  image(): LazyMapImage {
    if (this.pendingKeys?.inserted === 0 && this.unopened === this.source?.ends.length) {
      // Never used: the image it came from, as it was.
      return { lazyMap: 1, keys: this.pendingKeys.bytes, ends: this.source.ends, bytes: this.source.bytes };
    }
    if (this.pendingKeys) this.insertKeys();
    const keys: K[] = [];
    const chunks: Uint8Array[] = [];
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
    if (--this.unopened === 0) this.settled();
  }

  /**
   * Nothing left to do: the bytes go, and the map becomes a plain Map (its prototype Map's), so that from here on a
   * `get` is the builtin's and not this class's (which measured 2.8 times as long, 150 → 420 ns, at 132,000 keys).
   */
  private settled(): void {
    this.source = undefined;
    Object.setPrototypeOf(this, Map.prototype);
  }

  private bytesOf(index: number): Uint8Array {
    const { ends, bytes } = this.source!;
    return bytes.subarray(index === 0 ? 0 : ends[index - 1], ends[index]);
  }
}

function imageOf<K>(keys: K[], chunks: Uint8Array[]): LazyMapImage {
  const ends = new Float64Array(chunks.length);
  let end = 0;
  for (let i = 0; i < chunks.length; i++) ends[i] = end += chunks[i].length;
  return { lazyMap: 1, keys: serialize(keys), ends, bytes: Buffer.concat(chunks, end) };
}

/** Any map as a snapshot stores it lazily: a LazyMap's unopened entries as their bytes, every other value serialised. */
export function lazyMapImage<K, V>(map: Map<K, V>): LazyMapImage {
  if (map instanceof LazyMap) return (map as LazyMap<K, V>).image();
  const keys: K[] = [];
  const chunks: Uint8Array[] = [];
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
  maps: readonly Map<unknown, unknown>[],
  sliceMs = 4,
): BackgroundOpening {
  const started = performance.now();
  const left = () => maps.reduce((sum, map) => sum + LazyMap.pending(map), 0);
  const before = left();
  let stopped = false;
  let finish!: () => void;
  const done = new Promise<{ opened: number; ms: number }>((resolve) => {
    finish = () =>
      resolve({
        opened: before - left(),
        ms: Math.round(performance.now() - started),
      });
  });
  const step = () => {
    if (stopped) return finish();
    const deadline = performance.now() + sliceMs;
    for (const map of maps) {
      if (!LazyMap.openUntil(map, deadline)) {
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
