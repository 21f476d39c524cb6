import type { Request, Response } from 'express';
import type { Catalog } from '@tilneste/projections';
import { errorView } from './shared/error.view';
import { pageContext } from './shared/page-context';
import { sendPage } from './shared/page-response';
import { viewerName } from './shared/viewer';

/**
 * The 404 page in the common layout, in the reader's language (`?lang` or its cookie): pages, downloads and
 * feeds answer 404 with a page, never JSON or a 500. `detail` says what was not found, in that language.
 */
export function sendNotFound(req: Request, res: Response, catalog: Catalog, detail?: string): void {
  sendPage(res, errorView('not-found', pageContext(req, undefined, viewerName(catalog)), detail), 404);
}

/** Every path outside the API (`/api`) and the static files (`/static`) is a page's: its 404 is the 404 page. */
export const isPagePath = (path: string): boolean => !/^\/(api|static)(\/|$)/.test(path);

/** `attachment; filename="…"; filename*=UTF-8''…` for a name that may hold æøå. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename
    .normalize('NFKD')
    .replace(/[^\x20-\x7E]/g, '')
    .replace(/["\\]/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
