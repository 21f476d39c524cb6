import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { lookups } from '@tilneste/application';
import { ReadModelHost } from '@tilneste/projections';
import { PageController } from '../shared/page.base';
import { PageErrorFilter } from '../shared/page-error.filter';
import { sendPage } from '../shared/page-response';
import { matterPage } from './matter.page-query';
import { matterView } from './matter.view';
import { Access } from '../../http/auth.guard';
import { resources } from '../../auth/resources';

@Controller()
@UseFilters(PageErrorFilter)
export class MatterPageController extends PageController {
  constructor(readModels: ReadModelHost) {
    super(readModels);
  }

  @Access('group.read', resources.matter())
  @Get('saker/:id')
  show(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    lookups.matter(this.catalog, id);
    sendPage(res, matterView(matterPage(this.catalog, id)!, this.context(req, res)));
  }
}
