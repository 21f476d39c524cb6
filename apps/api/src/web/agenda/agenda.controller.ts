import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { lookups } from '@tilneste/application';
import { DomainError } from '@tilneste/domain-kit';
import { addAgendaItemData } from '@tilneste/meetings';
import { newItemNumbers, ReadModelHost } from '@tilneste/projections';
import { GetNextAgenda } from '../../queries/queries';
import { agendaAdditions } from '../record/agenda-additions';
import { blankToNull, text, validate, valuesOf, type FormState } from '../record/record-form';
import { seg } from '../shared/format';
import { submitForm } from '../shared/form-submit';
import { PageController } from '../shared/page.base';
import { PageErrorFilter } from '../shared/page-error.filter';
import { sendPage } from '../shared/page-response';
import { agendaView } from './agenda.view';
import { Access } from '../../http/auth.guard';
import { resources } from '../../auth/resources';
import { WriteService } from '../../http/write.service';

/**
 * The draft agenda of a group's next meeting, for everyone in the group; the chair and the secretariat add
 * items to it here (`agenda.edit`, as the API's agenda routes), without the secretariat's record page.
 */
@Controller()
@UseFilters(PageErrorFilter)
export class AgendaPageController extends PageController {
  constructor(
    readModels: ReadModelHost,
    private readonly queries: QueryBus,
    private readonly writes: WriteService,
  ) {
    super(readModels);
  }

  @Access('group.read', resources.group())
  @Get('grupper/:id/neste-saksliste')
  async show(
    @Param('id') id: string,
    @Query('melding') flash: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.render(req, res, id, flash === 'sak', null, 200);
  }

  @Access('agenda.edit', resources.group())
  @Post('grupper/:id/neste-saksliste/saker')
  async addItem(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    lookups.group(this.catalog, id);
    await submitForm(
      req,
      res,
      this.writes,
      this.context(req, res).m,
      {
        form: 'add-item',
        values: valuesOf(body, ['title', 'kind']),
        fields: { title: 'title', kind: 'kind' },
        write: async (ctx) => {
          // The meeting the page showed as next, read again now: never one in the past.
          const { meeting } = await this.queries.execute(new GetNextAgenda(id, new Date()));
          if (!meeting)
            throw new DomainError(
              'MEETING.NONE_SCHEDULED',
              'Ingen møter er berammet (no meeting is scheduled)',
              'conflict',
            );
          const view = lookups.meeting(this.catalog, meeting.id);
          const data = validate(addAgendaItemData, {
            meetingId: meeting.id,
            itemId: ctx.newId(),
            number: newItemNumbers(this.catalog, view, 1)[0],
            title: text(body, 'title'),
            kind: blankToNull(text(body, 'kind')),
          });
          await ctx.runAll('meeting', agendaAdditions(view, [data]));
        },
      },
      `/grupper/${seg(id)}/neste-saksliste?melding=sak#add-item`,
      (state, status) => this.render(req, res, id, false, state, status),
    );
  }

  private async render(
    req: Request,
    res: Response,
    id: string,
    added: boolean,
    form: FormState | null,
    status: number,
  ): Promise<void> {
    const agenda = await this.queries.execute(new GetNextAgenda(id, new Date()));
    const groupName = lookups.group(this.catalog, id).name;
    // A refused form is drawn at its POST address: the language link names the page.
    const page = this.context(req, res, `/grupper/${seg(id)}/neste-saksliste`);
    sendPage(res, agendaView({ ...agenda, groupName }, page, { added, form }), status);
  }
}
