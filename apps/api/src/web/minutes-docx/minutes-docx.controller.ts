import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EVENT_STORE, type EventStore } from '@tilneste/event-store';
import { ReadModelHost } from '@tilneste/projections';
import { pageLanguage } from '../shared/page-context';
import { attachmentDisposition, sendNotFound } from '../web-responses';
import { minutesDocx } from './minutes.docx';
import { minutesMessages } from './minutes.messages';
import { minutesModel } from './minutes.model';
import { Access } from '../../http/auth.guard';
import { resources } from '../../auth/resources';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** `/moter/:id/referat.docx`: the minutes of a meeting as a Word document, made from what is recorded. */
@Controller('moter')
export class MinutesDocxController {
  constructor(
    private readonly readModels: ReadModelHost,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  // web-record: readable by the meeting's group (the secretariat downloads it from the record page), not only
  // by the admin and read tokens, which a route without @Access is limited to.
  @Access('group.read', resources.meeting())
  @Get(':id/referat.docx')
  async docx(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    // In the reader's language, as the page the link is on: `?lang`, else its cookie.
    const m = minutesMessages[pageLanguage(req)];
    const model = await minutesModel(this.readModels.catalog, this.store, id, m);
    if (!model) return sendNotFound(req, res, this.readModels.catalog, m.notFound);
    const buffer = await minutesDocx(model, new Date(), m);
    res
      .status(200)
      .type(DOCX)
      .setHeader('Content-Disposition', attachmentDisposition(m.filename(model.startsAt.slice(0, 10))))
      .setHeader('Cache-Control', 'no-store')
      .send(buffer);
  }
}
