import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ReadModelHost } from '@tilneste/projections';
import { resources } from '../../auth/resources';
import { Access } from '../../http/auth.guard';
import { parseInput } from '../../http/validation';
import { pageLanguage } from '../shared/page-context';
import { attachmentDisposition, sendNotFound } from '../web-responses';
import { followUpFilterSchema } from '../dashboard/dashboard.page-query';
import { followUpCsv, followUpFilterWords, followUpRows } from './follow-up.csv';
import { followUpMessages } from './follow-up.messages';

/**
 * The follow-up list as a spreadsheet, in the columns municipalities publish it with, for anyone who may read the
 * group: the commitments the dashboard's filter picks (its link carries the filter), read as the page reads it.
 */
@Controller('grupper')
export class FollowUpCsvController {
  constructor(private readonly readModels: ReadModelHost) {}

  @Access('group.read', resources.group())
  @Get(':id/oppfolging.csv')
  csv(@Param('id') id: string, @Query() query: unknown, @Req() req: Request, @Res() res: Response): void {
    // In the reader's language, as the page the link is on: `?lang`, else its cookie.
    const m = followUpMessages[pageLanguage(req)];
    const { catalog } = this.readModels;
    // A filter value the list does not know is a 400 with the field's path, as the API answers bad input.
    const filter = parseInput(followUpFilterSchema, query ?? {});
    const rows = followUpRows(catalog, id, new Date(), m, filter);
    if (!rows) return sendNotFound(req, res, catalog, m.notFound);
    const name = m.filename(catalog.groups.get(id)!.name, followUpFilterWords(catalog, filter, m));
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', attachmentDisposition(name))
      .setHeader('Cache-Control', 'no-store')
      .send(followUpCsv(rows, m));
  }
}
