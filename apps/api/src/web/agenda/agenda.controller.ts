import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { ReadModelHost } from '@tilneste/projections';
import { GetNextAgenda } from '../../queries/queries';
import { PageController } from '../shared/page.base';
import { PageErrorFilter } from '../shared/page-error.filter';
import { sendPage } from '../shared/page-response';
import { agendaView } from './agenda.view';
import { Access } from '../../http/auth.guard';
import { resources } from '../../auth/resources';

@Controller()
@UseFilters(PageErrorFilter)
export class AgendaPageController extends PageController {
  constructor(
    readModels: ReadModelHost,
    private readonly queries: QueryBus,
  ) {
    super(readModels);
  }

  @Access('group.read', resources.group())
  @Get('grupper/:id/neste-saksliste')
  async show(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    // The meeting the dashboard shows as next: never one in the past.
    const agenda = await this.queries.execute(new GetNextAgenda(id, new Date()));
    const groupName = this.catalog.groups.get(id)!.name;
    sendPage(res, agendaView({ ...agenda, groupName }, this.context(req, res)));
  }
}
