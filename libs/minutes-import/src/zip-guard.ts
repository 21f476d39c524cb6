import { inflateRawSync } from 'node:zlib';
import { MinutesImportError } from './errors';

/** Limits for an archive before it is unpacked. */
export interface ZipLimits {
  maxTotalUncompressed: number;
  maxEntries: number;
}

/** An entry as listed in a zip's central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const unreadable = (why: string) =>
  new MinutesImportError(
    'MINUTES.DOCX_UNREADABLE',
    `Word-filen kan ikke leses: ${why} (the .docx file cannot be read).`,
  );
const tooBig = (why: string) =>
  new MinutesImportError(
    'MINUTES.DOCX_TOO_LARGE',
    `Word-filen pakker ut til for mye data: ${why} (the .docx expands to too much data).`,
  );

/** Lists the entries of a zip archive from its central directory, without unpacking anything. */
export function readCentralDirectory(buf: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable('ikke et zip-arkiv (not a zip archive)');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  // ZIP64 markers: no real minutes document needs them, and they would hide the true sizes.
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    throw tooBig('ZIP64-arkiv (ZIP64 archive)');
  if (cdOffset + cdSize > buf.length) throw unreadable('ødelagt innholdsliste (corrupt central directory)');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL)
      throw unreadable('ødelagt innholdsliste (corrupt central directory)');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localHeaderOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Refuses an archive whose listed or actual unpacked size is over the limit (a zip bomb). The declared sizes are checked
 * first; then every entry is inflated with a hard output cap, since a crafted archive can understate its sizes.
 */
export function assertZipWithinLimits(buf: Buffer, limits: ZipLimits): ZipEntry[] {
  const entries = readCentralDirectory(buf);
  if (entries.length > limits.maxEntries) throw tooBig(`${entries.length} filer (entries)`);
  const declared = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (declared > limits.maxTotalUncompressed)
    throw tooBig(`${Math.round(declared / 1024 / 1024)} MB oppgitt (declared)`);
  let budget = limits.maxTotalUncompressed;
  for (const e of entries) {
    const h = e.localHeaderOffset;
    if (h + 30 > buf.length || buf.readUInt32LE(h) !== LOCAL)
      throw unreadable(`ødelagt oppføring ${e.name} (corrupt entry)`);
    const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
    const data = buf.subarray(start, start + e.compressedSize);
    let size: number;
    if (e.method === 0) size = data.length;
    else if (e.method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
      } catch (err) {
        if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
          throw tooBig(`${e.name} er større enn oppgitt (larger than declared)`);
        throw unreadable(`${e.name} kan ikke pakkes ut (cannot be inflated)`);
      }
    } else throw unreadable(`ukjent komprimering ${e.method} (unknown compression)`);
    budget -= size;
    if (budget < 0) throw tooBig('for mye data totalt (too much data in total)');
  }
  return entries;
}
