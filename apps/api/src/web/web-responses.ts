import type { Response } from 'express';
import { escapeHtml } from '@tilneste/reminders';

/** A small page for a download that is not there: pages answer 404 with a page, never JSON or a 500. */
export function sendNotFound(res: Response, message: string): void {
  res
    .status(404)
    .type('html')
    .setHeader('Cache-Control', 'no-store')
    .send(
      `<!doctype html><html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Tilneste</title></head><body><main><h1>404</h1><p>${escapeHtml(message)}</p><p><a href="/">Tilneste</a></p></main></body></html>`,
    );
}

/** `attachment; filename="…"; filename*=UTF-8''…` for a name that may hold æøå. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename
    .normalize('NFKD')
    .replace(/[^\x20-\x7E]/g, '')
    .replace(/["\\]/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
