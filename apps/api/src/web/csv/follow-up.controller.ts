import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ReadModelHost } from '@tilneste/projections';
import { resources } from '../../auth/resources';
import { Access } from '../../http/auth.guard';
import { pageLanguage } from '../shared/page-context';
import { attachmentDisposition, sendNotFound } from '../web-responses';
import { followUpCsv, followUpRows } from './follow-up.csv';
import { followUpMessages } from './follow-up.messages';

/** The follow-up list as a spreadsheet, in the columns municipalities publish it with, for anyone who may read the group. */
@Controller('grupper')
export class FollowUpCsvController {
  constructor(private readonly readModels: ReadModelHost) {}

  @Access('group.read', resources.group())
  @Get(':id/oppfolging.csv')
  csv(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    // In the reader's language, as the page the link is on: `?lang`, else its cookie.
    const m = followUpMessages[pageLanguage(req)];
    const rows = followUpRows(this.readModels.catalog, id, new Date(), m);
    if (!rows) return sendNotFound(req, res, this.readModels.catalog, m.notFound);
    const name = this.readModels.catalog.groups.get(id)!.name;
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', attachmentDisposition(m.filename(name)))
      .setHeader('Cache-Control', 'no-store')
      .send(followUpCsv(rows, m));
  }
}
