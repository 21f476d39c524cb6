import Busboy from 'busboy';
import type { NextFunction, Request, Response } from 'express';
import { MAX_MINUTES_BYTES } from '@tilneste/minutes-import';

/** What the upload form sent, read before the guard so that its CSRF field can be checked. */
export interface UploadForm {
  file: { name: string; bytes: Buffer } | null;
  /** The pasted text, when no file was chosen. */
  text: string;
  /** The file or the text was over the limit (what was read is dropped). */
  tooLarge: boolean;
  /** The body could not be read as a form at all. */
  unreadable: boolean;
}

export type UploadRequest = Request & { importUpload?: UploadForm };

/** Small fields besides the document: the CSRF token and the group. */
const SMALL_FIELDS = new Set(['_csrf', 'groupId']);

/**
 * Reads the import page's multipart form: the file or the pasted text stay beside the body (they may be 5 MB,
 * more than the body checks allow a string), the small fields go into `req.body`, where the auth guard finds
 * `_csrf`. Over the limit, the rest of the upload is read and dropped, and the page says so.
 */
export function importUpload(req: UploadRequest, _res: Response, next: NextFunction): void {
  // Mounted at /import: only the upload form itself, not the review's forms below it.
  if (req.method !== 'POST' || (req.path !== '/' && req.path !== '') || !req.is('multipart/form-data'))
    return next();
  const form: UploadForm = { file: null, text: '', tooLarge: false, unreadable: false };
  const body: Record<string, string> = {};
  let bb: Busboy.Busboy;
  try {
    bb = Busboy({
      headers: req.headers,
      limits: { fileSize: MAX_MINUTES_BYTES, files: 1, fields: 5, parts: 6, fieldSize: MAX_MINUTES_BYTES },
    });
  } catch {
    form.unreadable = true;
    req.importUpload = form;
    req.body = body;
    return next();
  }
  bb.on('file', (_name, stream, info) => {
    const chunks: Buffer[] = [];
    stream.on('data', (d: Buffer) => chunks.push(d));
    stream.on('limit', () => {
      form.tooLarge = true;
      chunks.length = 0;
    });
    stream.on('end', () => {
      // A file input left empty still sends a part, with no name and no bytes.
      if (!form.tooLarge && (info.filename || chunks.length))
        form.file = { name: (info.filename ?? '').slice(0, 300), bytes: Buffer.concat(chunks) };
    });
  });
  bb.on('field', (name, value, info) => {
    if (name === 'text') {
      if (info.valueTruncated) form.tooLarge = true;
      else form.text = value;
    } else if (SMALL_FIELDS.has(name) && value.length <= 500) body[name] = value;
  });
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    req.importUpload = form;
    req.body = body;
    next();
  };
  bb.on('error', () => {
    form.unreadable = true;
    req.unpipe(bb);
    req.resume();
    finish();
  });
  bb.on('close', finish);
  req.pipe(bb);
}
