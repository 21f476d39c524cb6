import Busboy from 'busboy';
import type { Request } from 'express';
import getRawBody from 'raw-body';
import { z } from 'zod';
import {
  documentKindOf,
  MAX_MINUTES_BYTES,
  MinutesImportError,
  sniffDocumentKind,
  unsupportedType,
  type ParseJob,
} from '@tilneste/minutes-import';
import { parseInput } from '../http/validation';

/** Content types the minutes import reads besides text/plain and JSON. */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const FILE_TYPES = [DOCX_TYPE, 'application/pdf', 'application/octet-stream'] as const;

/** The JSON form of an upload: the minutes' text, and the file name it came from. */
export const jsonUpload = z.strictObject({
  text: z.string().min(1),
  fileName: z.string().max(300).nullish(),
});

const tooLargeUpload = () =>
  new MinutesImportError(
    'MINUTES.TOO_LARGE',
    `Filen er for stor; grensen er ${MAX_MINUTES_BYTES / 1024 / 1024} MB (the file is too large).`,
  );

const mediaType = (req: Request) => (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();

// "attachment; filename=referat.pdf" or filename*=UTF-8''… → the name, for the draft and the type.
function dispositionName(req: Request): string | null {
  const header = req.headers['content-disposition'];
  if (!header) return null;
  const star = /filename\*=(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]).slice(0, 300);
    } catch {
      return null;
    }
  }
  const plain = /filename="?([^";]+)"?/.exec(header);
  return plain ? plain[1].slice(0, 300) : null;
}

function kindOf(type: string, fileName: string | null, bytes: Buffer): ParseJob['kind'] {
  if (type === DOCX_TYPE) return 'docx';
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('text/')) return 'text';
  if (fileName) {
    const byName = documentKindOf(fileName);
    if (!byName)
      throw unsupportedType(fileName.includes('.') ? fileName.slice(fileName.lastIndexOf('.')) : fileName);
    return byName;
  }
  return sniffDocumentKind(bytes);
}

// One file from a multipart/form-data body (field name free, usually "file"); a "text" field is read as the minutes.
function readMultipart(req: Request): Promise<ParseJob> {
  return new Promise((resolve, reject) => {
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({
        headers: req.headers,
        limits: { fileSize: MAX_MINUTES_BYTES, files: 1, fields: 4, parts: 5, fieldSize: MAX_MINUTES_BYTES },
      });
    } catch (e) {
      reject(
        new MinutesImportError(
          'MINUTES.UNSUPPORTED_TYPE',
          `Skjemaet kan ikke leses: ${(e as Error).message} (the form cannot be read).`,
        ),
      );
      return;
    }
    let job: Promise<ParseJob> | null = null;
    let failed: Error | null = null;
    bb.on('file', (_field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (d: Buffer) => chunks.push(d));
      stream.on('limit', () => {
        failed = tooLargeUpload();
        stream.resume();
      });
      job = new Promise((done) =>
        stream.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const fileName = info.filename ? info.filename.slice(0, 300) : null;
          try {
            done({ kind: kindOf(info.mimeType.toLowerCase(), fileName, bytes), data: bytes, fileName });
          } catch (e) {
            failed = e as Error;
            done({ kind: 'text', data: '', fileName });
          }
        }),
      );
    });
    bb.on('field', (name, value, info) => {
      if (name === 'text' && !job) {
        if (info.valueTruncated) failed = tooLargeUpload();
        job = Promise.resolve({ kind: 'text', data: value, fileName: null });
      }
    });
    bb.on('error', (e) =>
      reject(
        new MinutesImportError(
          'MINUTES.UNSUPPORTED_TYPE',
          `Skjemaet kan ikke leses: ${(e as Error).message} (the form cannot be read).`,
        ),
      ),
    );
    bb.on('close', () => {
      if (!job) {
        reject(
          new MinutesImportError(
            'MINUTES.UNSUPPORTED_TYPE',
            'Skjemaet har ingen fil (the form holds no file; send it as the field "file").',
          ),
        );
        return;
      }
      void job.then((j) => (failed ? reject(failed) : resolve(j)));
    });
    req.pipe(bb);
  });
}

/**
 * Reads the minutes from a request to POST /api/imports/minutes: text/plain, JSON `{ text, fileName? }`,
 * multipart/form-data with one file, or the file itself as application/pdf, the .docx type or
 * application/octet-stream (recognised by its first bytes or its Content-Disposition name). The same 5 MB limit holds
 * for every form.
 */
export async function readMinutesUpload(req: Request, body: unknown): Promise<ParseJob> {
  const type = mediaType(req);
  if (typeof body === 'string') return { kind: 'text', data: body, fileName: dispositionName(req) };
  if (type === 'application/json' || (type.endsWith('+json') && body !== undefined)) {
    const upload = parseInput(jsonUpload, body);
    return { kind: 'text', data: upload.text, fileName: upload.fileName ?? null };
  }
  if (type === 'multipart/form-data') return readMultipart(req);
  if ((FILE_TYPES as readonly string[]).includes(type)) {
    let bytes: Buffer;
    try {
      bytes = await getRawBody(req, { limit: MAX_MINUTES_BYTES });
    } catch (e) {
      if ((e as { type?: string }).type === 'entity.too.large') throw tooLargeUpload();
      throw e;
    }
    const fileName = dispositionName(req);
    return { kind: kindOf(type, fileName, bytes), data: bytes, fileName };
  }
  throw unsupportedType(type || 'uten Content-Type');
}
