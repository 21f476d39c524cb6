import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EVENT_STORE, type EventStore } from '@tilneste/event-store';
import { ReadModelHost } from '@tilneste/projections';
import { minutesNotReadyView } from '../meeting/meeting.view';
import { pageContext, pageLanguage } from '../shared/page-context';
import { sendPage } from '../shared/page-response';
import { viewerName } from '../shared/viewer';
import { attachmentDisposition, sendNotFound } from '../web-responses';
import { minutesDocx } from './minutes.docx';
import { minutesMessages } from './minutes.messages';
import { minutesModel } from './minutes.model';
import { Access } from '../../http/auth.guard';
import { resources } from '../../auth/resources';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * `/moter/:id/referat.docx`: the minutes of a held meeting as a Word document, made from what is recorded.
 * Before the meeting is held (or once it is cancelled) there are no minutes: 409 with a page saying so.
 */
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
    const { catalog } = this.readModels;
    const meeting = catalog.meetings.get(id);
    if (meeting && meeting.status !== 'held') {
      const page = pageContext(req, undefined, viewerName(catalog));
      return sendPage(res, minutesNotReadyView({ meetingId: id, status: meeting.status }, page), 409);
    }
    const model = await minutesModel(catalog, this.store, id, m);
    if (!model) return sendNotFound(req, res, catalog, m.notFound);
    const buffer = await minutesDocx(model, new Date(), m);
    res
      .status(200)
      .type(DOCX)
      .setHeader('Content-Disposition', attachmentDisposition(m.filename(model.startsAt.slice(0, 10))))
      .setHeader('Cache-Control', 'no-store')
      .send(buffer);
  }
}
