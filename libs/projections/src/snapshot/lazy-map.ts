import { performance } from 'node:perf_hooks';
import { deserialize, serialize } from 'node:v8';

/**
 * A map as a snapshot stores it: its keys in insertion order (one array, serialised by `v8.serialize`), and its
 * values in pages, each page an array of a few dozen values serialised together: page p holds the values of the
 * entries from `starts[p]` up to the next page's start (the last up to `count`), and its bytes end at `ends[p]` in
 * `bytes`. A page, not a value, is what is deserialised at a time: one `v8.serialize` per value cost five times as
 * much per value as one per map, in time and in memory, at 1,000,000 events.
 */
export interface LazyMapImage {
  lazyMap: 1;
  count: number;
  keys: Uint8Array;
  starts: Float64Array;
  ends: Float64Array;
  bytes: Uint8Array;
}

/**
 * A lazy map's keys or value pages left in the snapshot file a load read the rest from (see `loadSnapshot`): the
 * keys are read when the map is first used, a page when it is opened, so what nobody asked for before the start
 * takes no memory. A map that reads from the file holds it open until it settles.
 */
export interface BytesInFile {
  readonly byteLength: number;
  /**
   * The bytes from `from` to `to`, read now into a buffer the file reuses: valid until its next `peek`. Throws if
   * they cannot be read (never returns other bytes).
   */
  peek(from: number, to: number): Uint8Array;
  /** The bytes from `from` to `to` in a buffer of their own. */
  read(from: number, to: number): Uint8Array;
  hold(): void;
  release(): void;
}

/** An image as a load gives it to `LazyMap.fromImage`: its keys and value pages may be still in the file. */
export type LoadedLazyMapImage = Omit<LazyMapImage, 'keys' | 'bytes'> & {
  keys: Uint8Array | BytesInFile;
  bytes: Uint8Array | BytesInFile;
};

/**
 * The views that are a lazy map's keys or value pages, as every image made here has them: a snapshot marks these so
 * that a load can leave them in the file (`SnapshotSerializer`).
 */
const inFile = new WeakSet<Uint8Array>();

export function isLeftInFile(view: Uint8Array): boolean {
  return inFile.has(view);
}

function markLeftInFile(view: Uint8Array): Uint8Array {
  inFile.add(view);
  return view;
}

export function isLazyMapImage(value: unknown): value is LoadedLazyMapImage {
  return typeof value === 'object' && value !== null && (value as { lazyMap?: unknown }).lazyMap === 1;
}

/**
 * V8's serialiser refuses a symbol, as key or value: a LazyMap with anything left to do holds one (as the key of a
 * guard entry until its keys are in, in its unopened values after), so it fails loudly if anything serialises it
 * directly (`v8.serialize`, `structuredClone` and `postMessage` read a Map's raw entries, past every method below).
 */
const UNOPENED = Symbol('a LazyMap not yet opened');

/** An entry not yet deserialised: its index in the image it came from, and the page its value is in. */
class Unopened {
  readonly guard = UNOPENED;
  constructor(
    readonly index: number,
    readonly page: number,
  ) {}
}

interface Source {
  count: number;
  starts: Float64Array;
  ends: Float64Array;
  bytes: Uint8Array | BytesInFile;
  /** Pages already deserialised. */
  opened: Uint8Array;
  /** The keys in the image's order, once they are in. */
  keys?: unknown[];
}

/** About how many bytes of values a page holds, so that opening one costs a fraction of a millisecond. */
const PAGE_BYTES = 16_384;

/**
 * A Map restored from a snapshot that does its work when it is first used rather than at start: its keys are put
 * in on first use (any method), a value is deserialised, with the rest of its page, when first read (`get`, or any
 * iteration of values or entries), and `openLazyMapsInBackground` does the rest in small steps. Once nothing is
 * left, the bytes are dropped (or its hold on the snapshot file they are still in) and it becomes a plain Map (see
 * `settled`).
 *
 * It answers every Map method as a plain Map with the same history would, order included. Iterating its values or
 * entries (`values`, `entries`, `forEach`, `for … of`, spreading, `new Map(it)`) opens every page still unopened
 * first, in one go: at 1,000,000 events, if the background has not got there yet, that is up to about 0.5 s for
 * the commitments, 0.45 s for the matters' timelines and 0.3 s for the meetings (2026-12-03), paid once by the
 * request that iterates. The first use of any method puts the keys in first: about 60 ms for the commitments'
 * 132,000. After that, `keys`, `has` and `size` cost what a Map's do and open nothing; a `get` of an unopened entry
 * deserialises its page, a fraction of a millisecond.
 *
 * Never hand one with anything left to open to `v8.serialize`, `structuredClone` or `postMessage` (they throw:
 * see `UNOPENED`). `lazyMapImage` is how one is saved again: a page never opened is copied as its bytes.
 */
export class LazyMap<K, V> extends Map<K, V> {
  /** Until every key is in: the keys, how many are in already (the background puts them in a slice at a time), and the page of the next. */
  private pendingKeys:
    { all: K[] | undefined; bytes: Uint8Array | BytesInFile; inserted: number; page: number } | undefined;
  private source: Source | undefined;
  /** The snapshot file its keys or pages are still in, held open until this map settles. */
  private file: BytesInFile | undefined;
  private unopened = 0;
  /** Where the background opener goes on from: pages before it are open. */
  private cursor = 0;

  /** A map with every entry of the image, none of them opened (nor even its keys in, until first used). */
  static fromImage<K, V>(image: LoadedLazyMapImage): LazyMap<K, V> {
    const map = new LazyMap<K, V>();
    map.adopt(image);
    return map;
  }

  private adopt(image: LoadedLazyMapImage): void {
    if (image.count === 0) return this.settled();
    this.file = [image.keys, image.bytes].find((bytes) => !(bytes instanceof Uint8Array)) as
      BytesInFile | undefined;
    this.file?.hold();
    super.set(UNOPENED as K, new Unopened(-1, -1) as V);
    this.pendingKeys = { all: undefined, bytes: image.keys, inserted: 0, page: 0 };
    const { count, starts, ends, bytes } = image;
    this.source = { count, starts, ends, bytes, opened: new Uint8Array(starts.length) };
    this.unopened = count;
  }

  /**
   * How many entries of a map are still bytes (their keys may not be in yet either): 0 for a plain Map, which is
   * also what a LazyMap becomes once nothing is left (see `settled`).
   */
  static pending(map: Map<unknown, unknown>): number {
    return map instanceof LazyMap ? (map as LazyMap<unknown, unknown>).unopened : 0;
  }

  /** True if nothing is left to open (a plain Map included); else opens until `deadline` (see `openUntil`). */
  static openUntil(map: Map<unknown, unknown>, deadline: number): boolean {
    return LazyMap.pending(map) === 0 || (map as LazyMap<unknown, unknown>).openUntil(deadline);
  }

  /** Puts the keys still out in, in their order; false if the deadline (a `performance.now()` time) came first. */
  private insertKeys(deadline = Number.POSITIVE_INFINITY): boolean {
    const pending = this.pendingKeys;
    if (!pending) return true;
    const { starts } = this.source!;
    // Read in a buffer of their own (a few MB for the biggest map): the file's reused one is for pages.
    const bytes = pending.bytes;
    const all = (pending.all ??= deserialize(
      bytes instanceof Uint8Array ? bytes : bytes.read(0, bytes.byteLength),
    ) as K[]);
    let page = pending.page;
    for (let i = pending.inserted; i < all.length; i++) {
      while (page + 1 < starts.length && starts[page + 1] <= i) page++;
      super.set(all[i], new Unopened(i, page) as V);
      if ((i & 1023) === 1023 && performance.now() >= deadline) {
        pending.inserted = i + 1;
        pending.page = page;
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
    if (!(value instanceof Unopened)) return value;
    this.openPage(value.page);
    return super.get(key);
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
   * Puts the keys in, then opens pages in order until `deadline` (a `performance.now()` time) has passed, looking
   * at the clock after each page; true once nothing is left.
   */
  openUntil(deadline: number): boolean {
    if (this.pendingKeys && !this.insertKeys(deadline)) return false;
    const source = this.source;
    if (!source) return true;
    for (let page = this.cursor; page < source.starts.length; page++) {
      this.openPage(page);
      if (this.unopened === 0) return true;
      if (performance.now() >= deadline) {
        this.cursor = page + 1;
        return false;
      }
    }
    // Only reached if the count and the entries disagree, which would be a bug: nothing left to open either way.
    this.unopened = 0;
    this.settled();
    return true;
  }

  /**
   * Deserialises a page, once, and puts in each of its values that is still awaited (not since set or deleted). A
   * page that cannot be read or deserialised throws, and stays unopened: it throws again on the next try.
   */
  private openPage(page: number): void {
    const source = this.source!;
    if (source.opened[page]) return;
    const values = deserialize(pageBytes(source, page)) as V[];
    source.opened[page] = 1;
    const keys = source.keys as K[];
    const first = source.starts[page];
    for (let j = 0; j < values.length; j++) {
      const key = keys[first + j];
      const value = super.get(key);
      if (value instanceof Unopened && value.index === first + j) {
        super.set(key, values[j]);
        this.unopened--;
      }
    }
    if (this.unopened === 0) this.settled();
  }

  /**
   * The map as a snapshot stores it: a page none of whose entries was opened, set or deleted is copied as its bytes
   * (read from the file if they are still there: the next snapshot is whole even once this one's file is gone).
   */
  image(): LazyMapImage {
    const source = this.source;
    if (!source) return writeImage(super.entries());
    if (this.pendingKeys?.inserted === 0 && this.unopened === source.count && !source.opened.includes(1)) {
      // Never used: the image it came from, as it was.
      const { count, starts, ends } = source;
      const copy = (bytes: Uint8Array | BytesInFile) =>
        bytes instanceof Uint8Array ? bytes : markLeftInFile(bytes.read(0, bytes.byteLength));
      return {
        lazyMap: 1,
        count,
        keys: copy(this.pendingKeys.bytes),
        starts,
        ends,
        bytes: copy(source.bytes),
      };
    }
    if (this.pendingKeys) this.insertKeys();
    const entries = [...super.entries()];
    const writer = new ImageWriter();
    for (let k = 0; k < entries.length;) {
      const [key, value] = entries[k];
      const size = value instanceof Unopened ? intactPage(source, entries, k, value) : 0;
      if (size > 0) {
        // Copied at once, so a page in the file may be read into the buffer its file reuses.
        writer.copy(
          entries.slice(k, k + size).map(([key]) => key),
          pageBytes(source, (value as Unopened).page),
        );
        k += size;
        continue;
      }
      // Its page is opened here once (later entries of it are then read as they now are).
      if (value instanceof Unopened && !source.opened[value.page]) this.openPage(value.page);
      writer.add(key, value instanceof Unopened ? super.get(key)! : value);
      k++;
    }
    return writer.image();
  }

  /** One entry fewer to open; with the last, the bytes go. */
  private forget(): void {
    if (--this.unopened === 0) this.settled();
  }

  /**
   * Nothing left to do: the bytes go (or the map's hold on the file they are in), and the map becomes a plain Map
   * (its prototype Map's), so that from here on a `get` is the builtin's and not this class's.
   */
  private settled(): void {
    this.source = undefined;
    this.file?.release();
    this.file = undefined;
    Object.setPrototypeOf(this, Map.prototype);
  }
}

/** A page's bytes: a view valid until the next page is read (when they are in a file, see `BytesInFile.peek`). */
function pageBytes(source: Source, page: number): Uint8Array {
  const from = page === 0 ? 0 : source.ends[page - 1];
  const { bytes } = source;
  return bytes instanceof Uint8Array
    ? bytes.subarray(from, source.ends[page])
    : bytes.peek(from, source.ends[page]);
}

/** How many entries from `k` on are the whole of `first`'s page, in order and unopened; 0 if they are not. */
function intactPage(source: Source, entries: [unknown, unknown][], k: number, first: Unopened): number {
  const start = source.starts[first.page];
  if (first.index !== start) return 0;
  const size = (first.page + 1 < source.starts.length ? source.starts[first.page + 1] : source.count) - start;
  for (let j = 1; j < size; j++) {
    const value = entries[k + j]?.[1];
    if (!(value instanceof Unopened) || value.index !== start + j) return 0;
  }
  return size;
}

/** Builds an image: values are gathered into pages of about `PAGE_BYTES`, each serialised in one call. */
class ImageWriter {
  private readonly keys: unknown[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** The pages' bytes, copied one after another into blocks of their own size: a serialiser's buffer has room to spare. */
  private readonly blocks: Buffer[] = [];
  private used = 0;
  private length = 0;
  private pending: unknown[] = [];
  /** How many values the next page takes: adjusted to the size of the values so far. */
  private perPage = 16;

  add(key: unknown, value: unknown): void {
    this.keys.push(key);
    this.pending.push(value);
    if (this.pending.length >= this.perPage) this.flush();
  }

  copy(keys: unknown[], bytes: Uint8Array): void {
    this.flush();
    this.starts.push(this.keys.length);
    this.keys.push(...keys);
    this.append(bytes);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const bytes = serialize(this.pending);
    this.starts.push(this.keys.length - this.pending.length);
    this.append(bytes);
    const each = bytes.length / this.pending.length;
    this.perPage = Math.max(1, Math.min(256, Math.round(PAGE_BYTES / each)));
    this.pending = [];
  }

  private append(bytes: Uint8Array): void {
    let block = this.blocks.at(-1);
    if (!block || this.used + bytes.length > block.length) {
      // The block so far ends where its last page does.
      if (block) this.blocks[this.blocks.length - 1] = block.subarray(0, this.used);
      this.blocks.push((block = Buffer.allocUnsafeSlow(Math.max(BLOCK_BYTES, bytes.length))));
      this.used = 0;
    }
    block.set(bytes, this.used);
    this.used += bytes.length;
    this.ends.push((this.length += bytes.length));
  }

  image(): LazyMapImage {
    this.flush();
    const last = this.blocks.length - 1;
    const blocks = this.blocks.map((block, i) => (i === last ? block.subarray(0, this.used) : block));
    return {
      lazyMap: 1,
      count: this.keys.length,
      keys: markLeftInFile(serialize(this.keys)),
      starts: Float64Array.from(this.starts),
      ends: Float64Array.from(this.ends),
      bytes: markLeftInFile(blocks.length === 1 ? blocks[0] : Buffer.concat(blocks, this.length)),
    };
  }
}

const BLOCK_BYTES = 4 * 1024 * 1024;

/** Any map as a snapshot stores it lazily: a LazyMap's unopened pages as their bytes, every other value serialised. */
export function lazyMapImage<K, V>(map: Map<K, V>): LazyMapImage {
  return map instanceof LazyMap ? (map as LazyMap<K, V>).image() : writeImage(map.entries());
}

function writeImage(entries: Iterable<[unknown, unknown]>): LazyMapImage {
  const writer = new ImageWriter();
  for (const [key, value] of entries) writer.add(key, value);
  return writer.image();
}

/** What `openLazyMapsInBackground` started: when it is done, and how to stop it (at shutdown). */
export interface BackgroundOpening {
  /** `failed` says why it stopped early, if a read failed: what is left is opened on demand, and fails there too. */
  done: Promise<{ opened: number; ms: number; failed?: string }>;
  stop(): void;
}

/**
 * Opens the maps' remaining entries a slice of `sliceMs` at a time, one slice per turn of the event loop
 * (`setImmediate`), so a request waits at most about one slice for it; the maps drop their bytes as each
 * finishes. A stopped opening resolves with what it opened, and so does one whose read failed (a page still in a
 * snapshot file that can no longer be read), which says why rather than throw where nobody catches it.
 */
export function openLazyMapsInBackground(
  maps: readonly Map<unknown, unknown>[],
  sliceMs = 4,
): BackgroundOpening {
  const started = performance.now();
  const left = () => maps.reduce((sum, map) => sum + LazyMap.pending(map), 0);
  const before = left();
  let stopped = false;
  let finish!: (failed?: string) => void;
  const done = new Promise<{ opened: number; ms: number; failed?: string }>((resolve) => {
    finish = (failed) =>
      resolve({
        opened: before - left(),
        ms: Math.round(performance.now() - started),
        ...(failed === undefined ? {} : { failed }),
      });
  });
  const step = () => {
    if (stopped) return finish();
    const deadline = performance.now() + sliceMs;
    try {
      for (const map of maps) {
        if (!LazyMap.openUntil(map, deadline)) {
          // Not unref'd: an immediate that is lets the event loop sleep in its poll phase until other work comes.
          setImmediate(step);
          return;
        }
      }
    } catch (error) {
      stopped = true;
      return finish((error as Error).message);
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
