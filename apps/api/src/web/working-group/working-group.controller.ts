import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { ReadModelHost } from '@tilneste/projections';
import { GetWorkingGroup } from '../../queries/queries';
import { PageController } from '../shared/page.base';
import { PageErrorFilter } from '../shared/page-error.filter';
import { sendPage } from '../shared/page-response';
import { workingGroupView } from './working-group.view';
import { Access } from '../../http/auth.guard';
import { resources } from '../../auth/resources';

@Controller()
@UseFilters(PageErrorFilter)
export class WorkingGroupPageController extends PageController {
  constructor(
    readModels: ReadModelHost,
    private readonly queries: QueryBus,
  ) {
    super(readModels);
  }

  @Access('group.read', resources.workingGroup())
  @Get('arbeidsgrupper/:id')
  async show(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    const status = await this.queries.execute(new GetWorkingGroup(id, new Date()));
    const groupName = this.catalog.groups.get(status.groupId)?.name ?? '';
    sendPage(res, workingGroupView({ ...status, groupName }, this.context(req, res)));
  }
}
