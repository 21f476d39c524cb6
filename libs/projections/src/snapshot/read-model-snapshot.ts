import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { DefaultDeserializer, DefaultSerializer } from 'node:v8';
import { crc32 } from 'node:zlib';
import { threadId } from 'node:worker_threads';
import { headPosition, type EventStore, type RecordedEvent } from '@tilneste/event-store';
import type { BackgroundOpening } from './lazy-map';
import { readSnapshotFile, takePrefetchedSnapshot } from './snapshot-prefetch';

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
 */
export const FORMAT = 3;

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

/**
 * V8's serialiser as Node sets it up, but a Uint8Array or Float64Array (a lazy map's bytes, its page offsets) is
 * written after the serialised parts instead of being copied into them, so the file is written from the views
 * themselves and a load gets views into what it read: no copy of the 200 MB of values either way. Other views are
 * refused; no part holds any.
 */
class SnapshotSerializer extends DefaultSerializer {
  readonly outside: Uint8Array[] = [];
  private outsideBytes = 0;

  _writeHostObject(view: NodeJS.ArrayBufferView): void {
    // By tag, not instanceof: a Buffer from another realm (a test's) is a Uint8Array all the same.
    const tag = Object.prototype.toString.call(view);
    const kind = tag === '[object Uint8Array]' ? 0 : tag === '[object Float64Array]' ? 1 : -1;
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

class SnapshotDeserializer extends DefaultDeserializer {
  constructor(
    parts: Uint8Array,
    private readonly outside: Uint8Array,
  ) {
    super(parts);
  }

  _readHostObject(): Uint8Array | Float64Array {
    if (this.readUint32() !== OUTSIDE) throw new Error('a typed array inside the payload');
    const kind = this.readUint32();
    const at = this.readDouble();
    const length = this.readDouble();
    if (at + length > this.outside.length) throw new Error('a typed array past the end of the payload');
    const bytes = this.outside.subarray(at, at + length);
    if (kind === 0) return Buffer.from(bytes.buffer, bytes.byteOffset, length);
    // Small (a lazy map's page offsets), and copied only when not aligned.
    const aligned = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
    return new Float64Array(aligned.buffer, aligned.byteOffset, length / 8);
  }
}

export type LoadResult =
  | {
      ok: true;
      position: bigint;
      eventId: string;
      states: Record<string, unknown>;
      /** The file was read (and checked) on a thread while the process started: `prefetchSnapshot`. */
      readAhead: boolean;
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

/** Reads a snapshot for these parts, or says why it cannot be used. */
export async function loadSnapshot(path: string, parts: SnapshotPart[]): Promise<LoadResult> {
  // Read on a thread: the one the process started with (`prefetchSnapshot`), else one started now.
  const readAhead = takePrefetchedSnapshot(path);
  const read = readAhead ?? (existsSync(path) ? readSnapshotFile(path) : undefined);
  if (!read) return { ok: false, reason: 'no snapshot' };
  let data: Buffer;
  let threadSum: Promise<number | undefined> | undefined = read.payloadCrc32;
  try {
    data = await read.data;
  } catch {
    // No thread to read on: read and sum here.
    threadSum = undefined;
    try {
      data = readFileSync(path);
    } catch (error) {
      return { ok: false, reason: `the snapshot cannot be read (${(error as Error).message})` };
    }
  }
  const newline = data.indexOf(10);
  let header: Header;
  try {
    header = JSON.parse(data.subarray(0, newline).toString('utf8')) as Header;
  } catch {
    return { ok: false, reason: 'the snapshot is corrupt (no header)' };
  }
  if (header.format !== FORMAT) return { ok: false, reason: 'the snapshot was written in another format' };
  if (header.version !== snapshotVersion(parts))
    return { ok: false, reason: 'the projection code has changed since the snapshot' };
  const payload = data.subarray(newline + 1);
  const corrupt = { ok: false, reason: 'the snapshot is corrupt (its checksum does not match)' } as const;
  if (payload.length !== header.bytes || !(header.outside >= 0 && header.outside <= header.bytes))
    return corrupt;
  // The checksum is worked out on the reading thread while this one deserialises, which changes nothing until
  // it matches: nothing is restored from a payload whose sum is wrong. About 100 ms of each start at 1M events.
  const sum = threadSum ? threadSum.catch(() => crc32(payload)) : Promise.resolve(crc32(payload));
  let states: Record<string, unknown> | undefined;
  let failure: Error | undefined;
  try {
    const deserializer = new SnapshotDeserializer(
      payload.subarray(0, header.outside),
      payload.subarray(header.outside),
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
    readAhead: readAhead !== undefined,
  };
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
  for await (const event of store.readAll({ fromPosition: loaded.position, maxCount: 1 })) found = event;
  if (found?.position === loaded.position && found.id === loaded.eventId) return loaded;
  const head = await headPosition(store);
  return {
    ok: false,
    reason:
      head < loaded.position
        ? `the snapshot is ahead of the store (${loaded.position} > ${head}: restored from a backup?)`
        : `the store does not hold the event the snapshot was taken at (${loaded.position})`,
  };
}
