import type { Request, Response } from 'express';
import { ReadModelHost } from '@tilneste/projections';
import { pageContext, type PageContext } from './page-context';
import { viewerName } from './viewer';

/** What every page controller shares: the read models and the reader's page context. */
export abstract class PageController {
  constructor(protected readonly readModels: ReadModelHost) {}

  protected get catalog() {
    return this.readModels.catalog;
  }

  protected context(req: Request, res: Response): PageContext {
    return pageContext(req, res, viewerName(this.catalog));
  }
}
