import { createHash } from 'node:crypto';
import type { MinutesDraft } from '../draft.schema';
import { MinutesImportError, type MinutesImportErrorCode } from '../errors';
import { parseMinutes } from '../parse-minutes';
import { documentText, type DocumentKind } from '../read-document';

/** One document to read and parse: text as a string, or the bytes of a .docx, a PDF or a text file. */
export interface ParseJob {
  kind: DocumentKind;
  data: string | Uint8Array;
  fileName: string | null;
}

/**
 * The draft parsed from a document, the SHA-256 of its text (the same document is the same import whatever form it
 * came in), and that text, whose lines the draft's source ranges count: the review page shows it beside the draft.
 */
export interface ParseOutcome {
  /** Of the text with its line breaks made `\n` and its trailing whitespace dropped (see `documentHashes`). */
  contentHash: string;
  /**
   * Of the text exactly as read, where that differs: how imports were keyed before line breaks were made alike, so a
   * document imported then is still found under it.
   */
  legacyHash?: string;
  /** True when the document holds no text at all. */
  empty: boolean;
  draft: MinutesDraft;
  text: string;
}

/** What the child process answers. */
export type ParseReply =
  ({ ok: true } & ParseOutcome) | { ok: false; code: MinutesImportErrorCode | 'INTERNAL'; message: string };

/** Unpacks and parses one document. Runs inside the sandbox's child process (see parse-sandbox.ts). */
export async function runParseJob(job: ParseJob): Promise<ParseOutcome> {
  const text = typeof job.data === 'string' ? job.data : await documentText(job.kind, Buffer.from(job.data));
  return {
    ...documentHashes(text),
    empty: !text.trim(),
    draft: parseMinutes(text, { fileName: job.fileName ?? undefined }),
    text,
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * What keys an import. A document saved on Windows (CRLF), on an old Mac (CR) or by an editor that adds a final line
 * break reads as the same draft line for line, so it is the same document: its hash is taken after making every line
 * break `\n` and dropping the whitespace at the end. `legacyHash` is the hash of the text as read, when that differs.
 */
export function documentHashes(text: string): { contentHash: string; legacyHash?: string } {
  const contentHash = sha256(text.replace(/\r\n?/g, '\n').trimEnd());
  const legacyHash = sha256(text);
  return legacyHash === contentHash ? { contentHash } : { contentHash, legacyHash };
}

/** Runs a job and turns any failure into a reply that can cross the process boundary. */
export async function answerParseJob(job: ParseJob): Promise<ParseReply> {
  try {
    return { ok: true, ...(await runParseJob(job)) };
  } catch (e) {
    if (e instanceof MinutesImportError) return { ok: false, code: e.code, message: e.message };
    return { ok: false, code: 'INTERNAL', message: (e as Error)?.message ?? String(e) };
  }
}
