import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { lookups } from '@tilneste/application';
import { ReadModelHost } from '@tilneste/projections';
import { GetDashboard } from '../../queries/queries';
import { PageController } from '../shared/page.base';
import { PageErrorFilter } from '../shared/page-error.filter';
import { sendPage } from '../shared/page-response';
import {
  closedTasks,
  dashboardLists,
  dashboardPage,
  meetingsAround,
  readFollowUpFilter,
  wantsClosed,
} from './dashboard.page-query';
import { dashboardView } from './dashboard.view';
import { groupListPage, groupMatters, groupMeetings } from './group-lists.page-query';
import { groupMattersView, groupMeetingsView } from './group-lists.view';
import { Access } from '../../http/auth.guard';
import { resources } from '../../auth/resources';

@Controller()
@UseFilters(PageErrorFilter)
export class DashboardPageController extends PageController {
  constructor(
    readModels: ReadModelHost,
    private readonly queries: QueryBus,
  ) {
    super(readModels);
  }

  @Access('group.read', resources.group())
  @Get('grupper/:id')
  async show(@Param('id') id: string, @Query() query: unknown, @Req() req: Request, @Res() res: Response) {
    const now = new Date();
    const data = await this.queries.execute(new GetDashboard(id, now));
    // A filter value the list does not know is refused beside its field (400), never read as another filter.
    const { filter, invalid } = readFollowUpFilter(query);
    const group = this.catalog.groups.get(id)!;
    const closed = wantsClosed(filter) ? closedTasks(this.catalog, id) : [];
    const meetings = meetingsAround(this.catalog, id, now);
    const lists = dashboardLists(this.catalog, id);
    const view = dashboardPage(data, meetings, group.name, filter, closed, invalid, lists);
    sendPage(res, dashboardView(view, this.context(req, res)), invalid.length ? 400 : 200);
  }

  // Whoever may read the dashboard may read the group's full lists: the same rule on the same group.
  @Access('group.read', resources.group())
  @Get('grupper/:id/moter')
  meetings(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    lookups.group(this.catalog, id);
    const page = groupListPage(this.catalog, id, groupMeetings(this.catalog, id));
    sendPage(res, groupMeetingsView(page, this.context(req, res)));
  }

  @Access('group.read', resources.group())
  @Get('grupper/:id/saker')
  matters(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    lookups.group(this.catalog, id);
    const page = groupListPage(this.catalog, id, groupMatters(this.catalog, id));
    sendPage(res, groupMattersView(page, this.context(req, res)));
  }
}
