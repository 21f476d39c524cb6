import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import mammoth from 'mammoth';
import { htmlToText } from './docx-text';
import { MAX_MINUTES_BYTES, MinutesImportError, tooLarge } from './errors';
import { assertZipWithinLimits } from './zip-guard';

/** File types an import accepts. */
export const SUPPORTED_EXTENSIONS = ['.txt', '.text', '.md', '.markdown', '.docx'] as const;

/** A .docx may unpack to at most this much; real minutes unpack to well under 10 MB. */
export const MAX_DOCX_UNCOMPRESSED = 50 * 1024 * 1024;

/** Decodes text bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 as Word's "plain text" writes it. */
export function decodeText(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    return new TextDecoder('windows-1252').decode(buf);
  }
}

/** Extracts the text of a .docx after checking that it is no zip bomb. */
export async function readDocxText(buf: Buffer): Promise<string> {
  assertZipWithinLimits(buf, { maxTotalUncompressed: MAX_DOCX_UNCOMPRESSED, maxEntries: 2000 });
  try {
    const { value } = await mammoth.convertToHtml(
      { buffer: buf },
      { externalFileAccess: false, ignoreEmptyParagraphs: true },
    );
    return htmlToText(value);
  } catch (e) {
    throw new MinutesImportError(
      'MINUTES.DOCX_UNREADABLE',
      `Word-filen kan ikke leses: ${(e as Error).message} (the .docx file cannot be read).`,
    );
  }
}

/**
 * Reads minutes from a file: .txt/.md as text, .docx through mammoth. Refuses other types, files over 5 MB and
 * .docx archives that unpack to too much.
 *
 * @throws MinutesImportError with a Norwegian message (English in parentheses).
 */
export async function readMinutesFile(path: string): Promise<string> {
  const ext = extname(path).toLowerCase();
  if (!(SUPPORTED_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new MinutesImportError(
      'MINUTES.UNSUPPORTED_TYPE',
      `Filtypen «${ext || 'uten endelse'}» støttes ikke; bruk .txt, .md eller .docx (unsupported file type; use .txt, .md or .docx).`,
    );
  }
  const info = await stat(path);
  if (info.size > MAX_MINUTES_BYTES) throw tooLarge(info.size);
  const buf = await readFile(path);
  return ext === '.docx' ? readDocxText(buf) : decodeText(buf);
}
