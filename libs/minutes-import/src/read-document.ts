import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { htmlToText } from './docx-text';
import { readPdfText } from './pdf-text';
import { MAX_MINUTES_BYTES, MinutesImportError, tooLarge } from './errors';
import { assertZipWithinLimits } from './zip-guard';

/** File types an import accepts. */
export const SUPPORTED_EXTENSIONS = ['.txt', '.text', '.md', '.markdown', '.docx', '.pdf'] as const;

/** What an uploaded document is: plain text, a Word file or a PDF. */
export type DocumentKind = 'text' | 'docx' | 'pdf';

/** The kind of a file from its name, or null when the type is not supported. */
export function documentKindOf(fileName: string): DocumentKind | null {
  const ext = extname(fileName).toLowerCase();
  if (!(SUPPORTED_EXTENSIONS as readonly string[]).includes(ext)) return null;
  return ext === '.docx' ? 'docx' : ext === '.pdf' ? 'pdf' : 'text';
}

/** Recognises a document by its first bytes: a zip (.docx) or a PDF; anything else is read as text. */
export function sniffDocumentKind(buf: Uint8Array): DocumentKind {
  if (buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) return 'docx';
  if (Buffer.from(buf.subarray(0, 1024)).toString('latin1').includes('%PDF-')) return 'pdf';
  return 'text';
}

/** The text of a document's bytes. Runs the zip-bomb guard for .docx; see readDocxText and readPdfText. */
export async function documentText(kind: DocumentKind, buf: Buffer): Promise<string> {
  if (buf.length > MAX_MINUTES_BYTES) throw tooLarge(buf.length);
  if (kind === 'docx') return readDocxText(buf);
  if (kind === 'pdf') return readPdfText(buf);
  return decodeText(buf);
}

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
  // Loaded at the first .docx, not with this module: the API process loads it but reads no .docx itself.
  const { default: mammoth } = await import('mammoth');
  try {
    const { value } = await mammoth.convertToHtml(
      { buffer: buf },
      {
        externalFileAccess: false,
        ignoreEmptyParagraphs: true,
        // Images are never read: the import needs the text, and unpacking pictures only costs memory.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
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
 * Reads minutes from a file: .txt/.md as text, .docx through mammoth, .pdf through unpdf. Refuses other types, files over 5 MB and
 * .docx archives that unpack to too much.
 *
 * @throws MinutesImportError with a Norwegian message (English in parentheses).
 */
export async function readMinutesFile(path: string): Promise<string> {
  const kind = documentKindOf(path);
  if (!kind) throw unsupportedType(extname(path).toLowerCase());
  const info = await stat(path);
  if (info.size > MAX_MINUTES_BYTES) throw tooLarge(info.size);
  return documentText(kind, await readFile(path));
}

/** A refused file type, named in the message. */
export function unsupportedType(what: string): MinutesImportError {
  return new MinutesImportError(
    'MINUTES.UNSUPPORTED_TYPE',
    `Filtypen «${what || 'uten endelse'}» støttes ikke; bruk .txt, .md, .docx eller .pdf (unsupported file type; use .txt, .md, .docx or .pdf).`,
  );
}
