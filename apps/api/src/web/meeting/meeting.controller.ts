import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { lookups } from '@tilneste/application';
import { ReadModelHost } from '@tilneste/projections';
import { PageController } from '../shared/page.base';
import { PageErrorFilter } from '../shared/page-error.filter';
import { sendPage } from '../shared/page-response';
import { meetingPage } from './meeting.page-query';
import { meetingView } from './meeting.view';
import { Access } from '../../http/auth.guard';
import { resources } from '../../auth/resources';

@Controller()
@UseFilters(PageErrorFilter)
export class MeetingPageController extends PageController {
  constructor(readModels: ReadModelHost) {
    super(readModels);
  }

  @Access('group.read', resources.meeting())
  @Get('moter/:id')
  show(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    lookups.meeting(this.catalog, id);
    sendPage(res, meetingView(meetingPage(this.catalog, id, new Date())!, this.context(req, res)));
  }
}
