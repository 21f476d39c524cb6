import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { DefaultDeserializer, DefaultSerializer } from 'node:v8';
import { crc32 } from 'node:zlib';
import { threadId } from 'node:worker_threads';
import { headPosition, type EventStore, type RecordedEvent } from '@tilneste/event-store';
import { isLeftInFile, type BackgroundOpening, type BytesInFile } from './lazy-map';
import { checkSnapshotFile, takePrefetchedSnapshot, type SnapshotFileCheck } from './snapshot-prefetch';

/**
 * A read model's part in a snapshot: its state as one value (Maps, Sets, bigints and plain data survive),
 * how to put such a value back, and a version that changes whenever the code that builds it changes.
 */
export interface SnapshotPart {
  name: string;
  version: string;
  take(): unknown;
  restore(state: unknown): void;
  /**
   * What `restore` left to be done on first use (values kept as bytes), done in small steps once the host is
   * live, off the requests' way; absent when a restore leaves nothing.
   */
  settle?(): BackgroundOpening;
}

/**
 * Bump on a change the code hashes cannot see, e.g. an event schema that now adds a default.
 * 2: the payload is checked with CRC-32, not SHA-256.
 * 3: the catalog's big maps are stored key by key with their values in pages (`LazyMapImage`), and typed arrays
 *    after the serialised parts (`SnapshotSerializer`).
 * 4: a lazy map's keys and value pages are marked as such among those typed arrays, and a load leaves them in the
 *    file.
 */
export const FORMAT = 4;

/** What the file's first line says about the rest. */
interface Header {
  format: number;
  version: string;
  /** The global position every part reflects, and the id of the event there (a store restored from a backup may not hold it). */
  position: string;
  eventId: string;
  bytes: number;
  /** Where the payload's typed arrays, stored after the serialised parts rather than inside them, begin. */
  outside: number;
  /**
   * CRC-32 of the payload. The check is against a torn or damaged file, not an attacker (who could as well
   * change the store beside it); at 1M events it reads 213 MB in about a tenth of SHA-256's time.
   */
  crc32: number;
}

/** A type index Node's serialiser never writes for a view: this one is stored after the serialised parts. */
const OUTSIDE = 0xffff_fff0;

/** How a typed array stored after the serialised parts comes back: a Uint8Array, a Float64Array, or bytes left in the file. */
const Outside = { Bytes: 0, Doubles: 1, InFile: 2 } as const;

/**
 * V8's serialiser as Node sets it up, but a Uint8Array or Float64Array (a lazy map's keys, its page offsets, its
 * value pages) is written after the serialised parts instead of being copied into them, so the file is written from
 * the views themselves: no copy of the 200 MB of values. A lazy map's keys and value pages are marked so
 * (`isLeftInFile`), for a load to leave them in the file. Other views are refused; no part holds any.
 */
class SnapshotSerializer extends DefaultSerializer {
  readonly outside: Uint8Array[] = [];
  private outsideBytes = 0;

  _writeHostObject(view: NodeJS.ArrayBufferView): void {
    // By tag, not instanceof: a Buffer from another realm (a test's) is a Uint8Array all the same.
    const tag = Object.prototype.toString.call(view);
    const kind =
      tag === '[object Uint8Array]'
        ? isLeftInFile(view as Uint8Array)
          ? Outside.InFile
          : Outside.Bytes
        : tag === '[object Float64Array]'
          ? Outside.Doubles
          : -1;
    if (kind < 0) throw new Error(`a snapshot cannot hold a ${view.constructor.name}`);
    this.writeUint32(OUTSIDE);
    this.writeUint32(kind);
    this.writeDouble(this.outsideBytes);
    this.writeDouble(view.byteLength);
    // Not an empty one: zlib's crc32 of an empty view is 0 whatever the sum it is to go on from.
    if (view.byteLength > 0) this.outside.push(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
    this.outsideBytes += view.byteLength;
  }
}

/**
 * Reads the serialised parts it was given, and each typed array after them from the file as it meets it: a lazy
 * map's page offsets at once, its keys and value pages not at all, only where they are (`BytesInFile`).
 */
class SnapshotDeserializer extends DefaultDeserializer {
  constructor(
    parts: Uint8Array,
    private readonly file: SnapshotFile,
    /** Where in the file the typed arrays begin, and how many bytes they take. */
    private readonly outsideAt: number,
    private readonly outsideBytes: number,
  ) {
    super(parts);
  }

  _readHostObject(): Uint8Array | Float64Array | BytesInFile {
    if (this.readUint32() !== OUTSIDE) throw new Error('a typed array inside the payload');
    const kind = this.readUint32();
    const at = this.readDouble();
    const length = this.readDouble();
    if (!(at >= 0 && length >= 0 && at + length <= this.outsideBytes))
      throw new Error('a typed array past the end of the payload');
    const position = this.outsideAt + at;
    if (kind === Outside.InFile) return new FileBytes(this.file, position, length);
    if (kind === Outside.Bytes) return this.file.read(position, length);
    if (kind !== Outside.Doubles || length % 8 !== 0) throw new Error('a typed array of no known kind');
    // Small (a lazy map's page offsets), read straight into an array of its own, so aligned.
    const doubles = new Float64Array(length / 8);
    this.file.readInto(new Uint8Array(doubles.buffer), position);
    return doubles;
  }
}

/**
 * A snapshot file a load read from, open for as long as something may still read it: the load itself, until the
 * states are restored (`LoadResult.release`), and every lazy map restored with pages still in it, until it
 * settles. Our writer never changes a snapshot file in place (it writes a temporary file, flushes it and renames
 * it over the old one), so a page read from this descriptor minutes later comes from the very inode whose checksum
 * the load checked, even after a newer snapshot has taken its name; the old inode is freed when this closes.
 */
class SnapshotFile {
  private holds = 1;
  private closed = false;
  /** What `peek` reads into, grown as needed: one page at a time, with no fresh memory for each. */
  private scratch = Buffer.alloc(0);

  constructor(
    readonly fd: number,
    /** Settles once the checking thread no longer reads through `fd`: until then it must not be closed. */
    private readonly checked: Promise<unknown>,
  ) {}

  read(position: number, length: number): Buffer {
    const bytes = Buffer.allocUnsafeSlow(length);
    this.readInto(bytes, position);
    return bytes;
  }

  peek(position: number, length: number): Uint8Array {
    if (this.scratch.length < length) this.scratch = Buffer.allocUnsafeSlow(Math.max(length, 64 * 1024));
    const view = this.scratch.subarray(0, length);
    this.readInto(view, position);
    return view;
  }

  /** Fills `into` from `position` on; throws on a failed read (EIO, say) or a file shorter than the header said. */
  readInto(into: Uint8Array, position: number): void {
    if (this.closed) throw new Error('the snapshot file was closed before all of it was read');
    for (let done = 0; done < into.length;) {
      const read = readSync(this.fd, into, done, into.length - done, position + done);
      if (read === 0) throw new Error('the snapshot file is shorter than when it was checked');
      done += read;
    }
  }

  hold(): void {
    this.holds++;
  }

  release(): void {
    if (--this.holds === 0) this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    const close = () => closeSync(this.fd);
    // Not under the checking thread's read: a descriptor number closed is soon another file's.
    void this.checked.then(close, close);
  }
}

/** A lazy map's keys or value pages in a snapshot file: `byteLength` bytes from `position` on. */
class FileBytes implements BytesInFile {
  constructor(
    private readonly file: SnapshotFile,
    private readonly position: number,
    readonly byteLength: number,
  ) {}

  peek(from: number, to: number): Uint8Array {
    return this.file.peek(this.position + this.within(from, to), to - from);
  }

  read(from: number, to: number): Uint8Array {
    return this.file.read(this.position + this.within(from, to), to - from);
  }

  private within(from: number, to: number): number {
    if (!(from >= 0 && from <= to && to <= this.byteLength))
      throw new Error('bytes past the end of a lazy map');
    return from;
  }

  hold(): void {
    this.file.hold();
  }

  release(): void {
    this.file.release();
  }
}

export type LoadResult =
  | {
      ok: true;
      position: bigint;
      eventId: string;
      states: Record<string, unknown>;
      /**
       * The file was read ahead for its checksum, on a thread started while the process started
       * (`prefetchSnapshot`); the load itself read only what it restores at once.
       */
      readAhead: boolean;
      /**
       * Drops the load's own hold on the file, once the states are restored (or not wanted): it is closed then, or
       * when the last lazy map restored from it with pages still in it settles (or is cleared).
       */
      release(): void;
    }
  | { ok: false; reason: string };

/** The version of a snapshot of these parts: their names and code versions, the format, and V8's serialiser. */
export function snapshotVersion(parts: SnapshotPart[]): string {
  const hash = createHash('sha256').update(`format ${FORMAT}; v8 ${process.versions.v8}`);
  for (const part of parts) hash.update(`\n${part.name} ${part.version}`);
  return hash.digest('hex').slice(0, 32);
}

/**
 * A hash of the code in these folders and files (sources or their build, not specs or maps): what a
 * projection's output depends on. Each file counts by its content and its name under the folder or file given
 * (`projections/catalog`, say), not by where that folder is, so the same build copied or deployed elsewhere
 * keeps its snapshot. Run from TypeScript the hash differs from the build's, which is harmless: a snapshot is
 * only ever read by the code that wrote it.
 */
export function codeVersion(...paths: string[]): string {
  const hash = createHash('sha256');
  const files: { name: string; path: string }[] = [];
  const walk = (root: string, path: string) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) walk(root, join(path, name));
    } else if (/\.(ts|js)$/.test(path) && !/\.(spec|int-spec|d)\.(ts|js)$/.test(path)) {
      const name = join(basename(root), relative(root, path)).split(sep).join('/');
      files.push({ name: name.replace(/\.(ts|js)$/, ''), path });
    }
  };
  for (const path of paths) if (existsSync(path)) walk(path, path);
  for (const file of files) hash.update(file.name).update(readFileSync(file.path));
  return hash.digest('hex').slice(0, 32);
}

/**
 * Serialises every part at `position` now (one synchronous call, so the parts agree with each other), then
 * writes the file in the background: to a temporary name, flushed, then renamed, so a crash leaves the old
 * snapshot or the new one, never half of one.
 */
export function takeSnapshot(
  parts: SnapshotPart[],
  position: bigint,
  eventId: string,
): { header: Header; chunks: Uint8Array[] } {
  const serializer = new SnapshotSerializer();
  serializer.writeHeader();
  serializer.writeValue(Object.fromEntries(parts.map((p) => [p.name, p.take()])));
  const serialised = serializer.releaseBuffer();
  const chunks = [serialised, ...serializer.outside];
  let sum = 0;
  let bytes = 0;
  for (const chunk of chunks) {
    sum = crc32(chunk, sum);
    bytes += chunk.length;
  }
  const header: Header = {
    format: FORMAT,
    version: snapshotVersion(parts),
    position: String(position),
    eventId,
    bytes,
    outside: serialised.length,
    crc32: sum,
  };
  return { header, chunks };
}

export async function writeSnapshot(
  path: string,
  snapshot: { header: Header; chunks: Uint8Array[] },
): Promise<void> {
  // The thread too: a snapshot worker shares the process id with the thread that started it.
  const temporary = snapshotTemporary(path, threadId);
  // Owner-only, like the store: the read models hold names and e-mail addresses in clear.
  const file = await open(temporary, 'w', 0o600);
  try {
    await file.chmod(0o600);
    await file.write(`${JSON.stringify(snapshot.header)}\n`);
    // A few dozen views; writev takes at most 1,024 at a time.
    for (let i = 0; i < snapshot.chunks.length; i += 512)
      await file.writev(snapshot.chunks.slice(i, i + 512));
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await file.close();
  await rename(temporary, path);
}

/** The temporary file the given thread of this process writes a snapshot to before renaming it. */
export function snapshotTemporary(path: string, thread: number): string {
  return `${path}.${process.pid}-${thread}.tmp`;
}

/** How much of the file is read to find the header's end: a header is a few hundred bytes. */
const HEADER_BYTES = 64 * 1024;

/**
 * Reads a snapshot for these parts, or says why it cannot be used. Only what is restored at once is read here (the
 * header, the serialised parts, the lazy maps' page offsets); a lazy map's keys stay in the file until it is first
 * used and its value pages until they are opened, and the file stays open for them (see `SnapshotFile`). The checksum of the whole payload is worked out on a
 * thread meanwhile, and nothing is returned to restore from a payload whose sum is wrong.
 */
export async function loadSnapshot(path: string, parts: SnapshotPart[]): Promise<LoadResult> {
  // Checked on a thread: the one the process started with (`prefetchSnapshot`), else one started now.
  const readAhead = takePrefetchedSnapshot(path);
  let check: SnapshotFileCheck | undefined = readAhead;
  if (!check) {
    if (!existsSync(path)) return { ok: false, reason: 'no snapshot' };
    try {
      check = checkSnapshotFile(path);
    } catch (error) {
      return { ok: false, reason: `the snapshot cannot be read (${(error as Error).message})` };
    }
  }
  const file = new SnapshotFile(check.fd, check.payloadCrc32);
  try {
    const loaded = await loadFrom(file, check, parts);
    if (!loaded.ok) file.release();
    return loaded.ok ? { ...loaded, readAhead: readAhead !== undefined } : loaded;
  } catch (error) {
    file.release();
    return { ok: false, reason: `the snapshot cannot be read (${(error as Error).message})` };
  }
}

async function loadFrom(
  file: SnapshotFile,
  check: SnapshotFileCheck,
  parts: SnapshotPart[],
): Promise<Exclude<LoadResult, { ok: true }> | Omit<Extract<LoadResult, { ok: true }>, 'readAhead'>> {
  const size = fstatSync(file.fd).size;
  const start = file.read(0, Math.min(size, HEADER_BYTES));
  const newline = start.indexOf(10);
  let header: Header;
  try {
    if (newline < 0) throw new Error('no header');
    header = JSON.parse(start.subarray(0, newline).toString('utf8')) as Header;
  } catch {
    return { ok: false, reason: 'the snapshot is corrupt (no header)' };
  }
  if (header.format !== FORMAT) return { ok: false, reason: 'the snapshot was written in another format' };
  if (header.version !== snapshotVersion(parts))
    return { ok: false, reason: 'the projection code has changed since the snapshot' };
  const payloadAt = newline + 1;
  const corrupt = { ok: false, reason: 'the snapshot is corrupt (its checksum does not match)' } as const;
  if (size - payloadAt !== header.bytes || !(header.outside >= 0 && header.outside <= header.bytes))
    return corrupt;
  // Summed on the checking thread while this one deserialises, which changes nothing until it matches. Without a
  // thread, summed here through a small buffer.
  const sum = check.payloadCrc32.catch(() => payloadCrc32(file, payloadAt, header.bytes));
  let states: Record<string, unknown> | undefined;
  let failure: Error | undefined;
  try {
    const deserializer = new SnapshotDeserializer(
      file.read(payloadAt, header.outside),
      file,
      payloadAt + header.outside,
      header.bytes - header.outside,
    );
    deserializer.readHeader();
    states = deserializer.readValue() as Record<string, unknown>;
  } catch (error) {
    failure = error as Error;
  }
  if ((await sum) !== header.crc32) return corrupt;
  if (!states) return { ok: false, reason: `the snapshot is corrupt (${failure?.message})` };
  return {
    ok: true,
    position: BigInt(header.position),
    eventId: header.eventId,
    states,
    release: () => file.release(),
  };
}

/** The CRC-32 of `bytes` bytes of the file from `at` on, read a MiB at a time into one buffer. */
function payloadCrc32(file: SnapshotFile, at: number, bytes: number): number {
  const chunk = Buffer.allocUnsafeSlow(Math.min(bytes, 1024 * 1024));
  let sum = 0;
  for (let done = 0; done < bytes;) {
    const view = chunk.subarray(0, Math.min(chunk.length, bytes - done));
    file.readInto(view, at + done);
    sum = crc32(view, sum);
    done += view.length;
  }
  return sum;
}

/**
 * Reads a snapshot for these parts and checks that the store still holds the event it was taken at; or says,
 * in a line, why the read models must be built from the start.
 */
export async function loadUsableSnapshot(
  store: EventStore,
  path: string,
  parts: SnapshotPart[],
): Promise<LoadResult> {
  const loaded = await loadSnapshot(path, parts);
  if (!loaded.ok) return loaded;
  let found: RecordedEvent | undefined;
  try {
    for await (const event of store.readAll({ fromPosition: loaded.position, maxCount: 1 })) found = event;
  } catch (error) {
    loaded.release();
    throw error;
  }
  if (found?.position === loaded.position && found.id === loaded.eventId) return loaded;
  loaded.release();
  const head = await headPosition(store);
  return {
    ok: false,
    reason:
      head < loaded.position
        ? `the snapshot is ahead of the store (${loaded.position} > ${head}: restored from a backup?)`
        : `the store does not hold the event the snapshot was taken at (${loaded.position})`,
  };
}
