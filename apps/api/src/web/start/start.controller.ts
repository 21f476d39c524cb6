import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ReadModelHost } from '@tilneste/projections';
import { pageActor } from '../shared/page-context';
import { PageController } from '../shared/page.base';
import { PageErrorFilter } from '../shared/page-error.filter';
import { sendPage } from '../shared/page-response';
import { UnauthorizedError } from '../../http/auth.guard';
import { startPage } from './start.page-query';
import { startView } from './start.view';
import { Access } from '../../http/auth.guard';
import { resources } from '../../auth/resources';
import type { AuthenticatedRequest } from '../../auth/access.service';

@Controller()
@UseFilters(PageErrorFilter)
export class StartPageController extends PageController {
  constructor(readModels: ReadModelHost) {
    super(readModels);
  }

  @Access('start.read', resources.ownAccount())
  @Get()
  show(@Req() req: Request, @Res() res: Response): void {
    const actor = pageActor(req);
    if (!actor) throw new UnauthorizedError();
    const principal = (req as AuthenticatedRequest).principal;
    const seesAll = !!principal && (principal.admin || principal.readsAll);
    sendPage(res, startView(startPage(this.catalog, actor, new Date(), seesAll), this.context(req, res)));
  }
}
