import type { Request, Response } from 'express';
import { ReadModelHost } from '@tilneste/projections';
import { localPath, pageContext, type PageContext } from './page-context';
import { viewerName } from './viewer';

/** What every page controller shares: the read models and the reader's page context. */
export abstract class PageController {
  constructor(protected readonly readModels: ReadModelHost) {}

  protected get catalog() {
    return this.readModels.catalog;
  }

  /**
   * `path` is the address of the GET page this one belongs to. A form refused is drawn at its POST address,
   * which has no page of its own: the header's language link (and a reload) must lead to the form's page.
   */
  protected context(req: Request, res: Response, path?: string): PageContext {
    const page = pageContext(req, res, viewerName(this.catalog));
    return path === undefined ? page : { ...page, path: localPath(path) };
  }
}
