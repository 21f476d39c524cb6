import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import type { IdResponse } from '../http/responses';
import type { HeldResponse } from './meetings.responses';
import type { Request, Response } from 'express';
import {
  addAgendaItemData,
  cancelMeetingData,
  deferAgendaItemData,
  holdMeetingData,
  recordAttendanceData,
  rescheduleMeetingData,
  scheduleMeetingData,
} from '@tilneste/meetings';
import { ReadModelHost } from '@tilneste/projections';
import { CarryOverPolicy } from './carry-over.policy';
import { lookups } from '../domain/lookups';
import { bodyWith, parseInput } from '../http/validation';
import { WriteService } from '../http/write.service';

@Controller('meetings')
export class MeetingsController {
  constructor(
    private readonly writes: WriteService,
    private readonly readModels: ReadModelHost,
    private readonly carryOver: CarryOverPolicy,
  ) {}

  private get catalog() {
    return this.readModels.catalog;
  }

  @Post()
  schedule(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const meetingId = ctx.newId();
      const data = parseInput(scheduleMeetingData, bodyWith(body, { meetingId }));
      lookups.group(this.catalog, data.groupId);
      const result = await ctx.run('meeting', 'ScheduleMeeting', data);
      return { status: 201, body: { id: meetingId }, etag: result.revision };
    });
  }

  @Post(':id/reschedule')
  reschedule(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(
      req,
      res,
      { context: 'meeting', type: 'RescheduleMeeting', id },
      () => parseInput(rescheduleMeetingData, bodyWith(body, { meetingId: id })),
      () => lookups.meeting(this.catalog, id),
    );
  }

  @Post(':id/cancel')
  cancel(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(
      req,
      res,
      { context: 'meeting', type: 'CancelMeeting', id },
      () => parseInput(cancelMeetingData, bodyWith(body, { meetingId: id })),
      () => lookups.meeting(this.catalog, id),
    );
  }

  @Post(':id/agenda-items')
  addItem(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const itemId = ctx.newId();
      const data = parseInput(addAgendaItemData, bodyWith(body, { meetingId: id, itemId }));
      lookups.meeting(this.catalog, id);
      const result = await ctx.run('meeting', 'AddAgendaItem', data);
      return { status: 201, body: { id: itemId }, etag: result.revision };
    });
  }

  @Post(':id/agenda-items/:itemId/defer')
  defer(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('itemId') itemId: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const result = await ctx.run(
        'meeting',
        'DeferAgendaItem',
        parseInput(deferAgendaItemData, bodyWith(body, { meetingId: id, itemId })),
      );
      return { status: 200, body: { id: itemId }, etag: result.revision };
    });
  }

  @Post(':id/attendance')
  attendance(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const data = parseInput(recordAttendanceData, bodyWith(body, { meetingId: id }));
      lookups.person(this.catalog, data.personId);
      if (data.substituteFor) lookups.person(this.catalog, data.substituteFor, 'substituteFor');
      const result = await ctx.run('meeting', 'RecordAttendance', data);
      return { status: 200, body: { id }, etag: result.revision };
    });
  }

  /** Holding a meeting carries over each open commitment due at it: one event each, idempotent. */
  @Post(':id/held')
  held(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<HeldResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const result = await ctx.run(
        'meeting',
        'HoldMeeting',
        parseInput(holdMeetingData, bodyWith(body, { meetingId: id })),
      );
      const carriedOver = await this.carryOver.afterHeld(
        ctx,
        id,
        `${result.streamName}@${String(result.revision)}`,
      );
      return { status: 200, body: { id, carriedOver }, etag: result.revision };
    });
  }
}
