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
  contentHash: string;
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
    contentHash: createHash('sha256').update(text).digest('hex'),
    empty: !text.trim(),
    draft: parseMinutes(text, { fileName: job.fileName ?? undefined }),
    text,
  };
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
