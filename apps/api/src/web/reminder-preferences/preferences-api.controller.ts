import { Body, Controller, Get, Param, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { lookups } from '@tilneste/application';
import { setReminderPreferencesData } from '@tilneste/people';
import { ReadModelHost } from '@tilneste/projections';
import { preferencesOf } from '@tilneste/reminders';
import { bodyWith, parseInput } from '../../http/validation';
import { WriteService } from '../../http/write.service';
import { ownerOrAdmin } from '../owner-or-admin';

const apiChoice = setReminderPreferencesData.omit({ source: true });

/** `/api/people/:id/reminder-preferences`: the same choice as the page behind List-Unsubscribe, for scripts. */
@Controller('people')
export class ReminderPreferencesApiController {
  constructor(
    private readonly writes: WriteService,
    private readonly readModels: ReadModelHost,
  ) {}

  @Get(':id/reminder-preferences')
  show(@Req() req: Request, @Param('id') id: string) {
    ownerOrAdmin(req, id);
    lookups.person(this.readModels.catalog, id);
    return { personId: id, ...preferencesOf(this.readModels.catalog, id) };
  }

  @Put(':id/reminder-preferences')
  set(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.writes.handle(req, res, async (ctx) => {
      ownerOrAdmin(req, id);
      const choice = parseInput(apiChoice, bodyWith(body, { personId: id }));
      lookups.person(this.readModels.catalog, id);
      const result = await ctx.run('person', {
        type: 'SetReminderPreferences',
        data: { ...choice, source: 'api' },
      });
      return {
        status: 200,
        body: { personId: id, ...preferencesOf(this.readModels.catalog, id) },
        etag: result.revision,
      };
    });
  }
}
