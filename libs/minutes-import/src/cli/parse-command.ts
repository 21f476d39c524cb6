import { basename } from 'node:path';
import { MinutesImportError } from '../errors';
import { documentKindOf, unsupportedType } from '../read-document';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { MAX_MINUTES_BYTES, tooLarge } from '../errors';
import { parseInSandbox } from '../sandbox/parse-sandbox';

/** Exit codes of `minutes parse`. */
export const EXIT = { ok: 0, usage: 2, refused: 3, failed: 1 } as const;

interface Streams {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/** Reads a document file for the sandbox: its type from the name, refused before reading when too large. */
export async function readDocumentFile(
  filePath: string,
): Promise<{ kind: 'text' | 'docx' | 'pdf'; data: Uint8Array; fileName: string }> {
  const kind = documentKindOf(filePath);
  if (!kind) throw unsupportedType(extname(filePath).toLowerCase());
  const info = await stat(filePath);
  if (info.size > MAX_MINUTES_BYTES) throw tooLarge(info.size);
  return { kind, data: await readFile(filePath), fileName: basename(filePath) };
}

/**
 * `minutes parse FILE`: prints only the draft JSON on stdout; diagnostics go to stderr. Returns the exit code:
 * 0 parsed, 2 no file given, 3 file refused (type, size, unreadable), 1 anything else.
 */
export async function minutesParseCommand(filePath: string, io: Streams = process): Promise<number> {
  if (!filePath) {
    io.stderr.write('Bruk: minutes parse FIL (usage: minutes parse FILE) — .txt, .md, .docx eller .pdf\n');
    return EXIT.usage;
  }
  try {
    const { draft } = await parseInSandbox(await readDocumentFile(filePath));
    io.stdout.write(`${JSON.stringify(draft, null, 2)}\n`);
    for (const w of draft.warnings ?? []) io.stderr.write(`advarsel (warning): ${w}\n`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof MinutesImportError) {
      io.stderr.write(`${e.code}: ${e.message}\n`);
      return EXIT.refused;
    }
    const err = e as NodeJS.ErrnoException;
    if (err?.code === 'ENOENT' || err?.code === 'EISDIR' || err?.code === 'EACCES') {
      io.stderr.write(`Kan ikke lese filen ${filePath} (cannot read the file): ${err.code}\n`);
      return EXIT.refused;
    }
    io.stderr.write(`Uventet feil (unexpected error): ${err?.message ?? String(e)}\n`);
    return EXIT.failed;
  }
}
