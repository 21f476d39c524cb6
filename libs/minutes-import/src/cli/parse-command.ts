import { basename } from 'node:path';
import { MinutesImportError } from '../errors';
import { parseMinutes } from '../parse-minutes';
import { readMinutesFile } from '../read-document';

/** Exit codes of `minutes parse`. */
export const EXIT = { ok: 0, usage: 2, refused: 3, failed: 1 } as const;

interface Streams {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/**
 * `minutes parse FILE`: prints only the draft JSON on stdout; diagnostics go to stderr. Returns the exit code:
 * 0 parsed, 2 no file given, 3 file refused (type, size, unreadable), 1 anything else.
 */
export async function minutesParseCommand(filePath: string, io: Streams = process): Promise<number> {
  if (!filePath) {
    io.stderr.write('Bruk: minutes parse FIL (usage: minutes parse FILE) — .txt, .md eller .docx\n');
    return EXIT.usage;
  }
  try {
    const text = await readMinutesFile(filePath);
    const draft = parseMinutes(text, { fileName: basename(filePath) });
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
