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
  renumberAgendaItemData,
  rescheduleMeetingData,
  scheduleMeetingData,
  withdrawAttendanceData,
} from '@tilneste/meetings';
import { idsMergedInto, ReadModelHost } from '@tilneste/projections';
import { CarryOverPolicy, carriedOverFrom } from '@tilneste/application';
import { bodyWith, parseInput } from '../http/validation';
import { WriteService } from '../http/write.service';
import { Access } from '../http/auth.guard';
import { resources } from '../auth/resources';

/** What a client sends to withdraw attendance: the merged ids are the server's to find. */
const withdrawAttendanceBody = withdrawAttendanceData.omit({ mergedIds: true });

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

  @Access('group.record', resources.groupInBody())
  @Post()
  schedule(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const meetingId = ctx.newId();
      const data = parseInput(scheduleMeetingData, bodyWith(body, { meetingId }));
      const result = await ctx.run('meeting', { type: 'ScheduleMeeting', data: data });
      return { status: 201, body: { id: meetingId }, etag: result.revision };
    });
  }

  @Access('group.record', resources.meeting())
  @Post(':id/reschedule')
  reschedule(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(req, res, 'meeting', id, () => ({
      type: 'RescheduleMeeting' as const,
      data: parseInput(rescheduleMeetingData, bodyWith(body, { meetingId: id })),
    }));
  }

  @Access('group.record', resources.meeting())
  @Post(':id/cancel')
  cancel(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(req, res, 'meeting', id, () => ({
      type: 'CancelMeeting' as const,
      data: parseInput(cancelMeetingData, bodyWith(body, { meetingId: id })),
    }));
  }

  @Access('agenda.edit', resources.meeting())
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
      const result = await ctx.run('meeting', { type: 'AddAgendaItem', data: data });
      return { status: 201, body: { id: itemId }, etag: result.revision };
    });
  }

  @Access('agenda.edit', resources.meeting())
  @Post(':id/agenda-items/:itemId/defer')
  defer(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('itemId') itemId: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const result = await ctx.run('meeting', {
        type: 'DeferAgendaItem',
        data: parseInput(deferAgendaItemData, bodyWith(body, { meetingId: id, itemId })),
      });
      return { status: 200, body: { id: itemId }, etag: result.revision };
    });
  }

  /**
   * Gives an item another number, before the meeting is held (MEETING.ALREADY_HELD after), never one another item
   * of the meeting has (MEETING.ITEM_NUMBER_TAKEN).
   */
  @Access('agenda.edit', resources.meeting())
  @Post(':id/agenda-items/:itemId/renumber')
  renumber(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('itemId') itemId: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const result = await ctx.run('meeting', {
        type: 'RenumberAgendaItem',
        data: parseInput(renumberAgendaItemData, bodyWith(body, { meetingId: id, itemId })),
      });
      return { status: 200, body: { id: itemId }, etag: result.revision };
    });
  }

  @Access('group.record', resources.meeting())
  @Post(':id/attendance')
  attendance(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const data = parseInput(recordAttendanceData, bodyWith(body, { meetingId: id }));
      const result = await ctx.run('meeting', { type: 'RecordAttendance', data: data });
      return { status: 200, body: { id }, etag: result.revision };
    });
  }

  /**
   * Attendance recorded by mistake, taken back: the person is no longer listed as present. Also under the ids
   * of people merged into them, which the meeting's stream may still name. Refused once the minutes are
   * approved (MEETING.MINUTES_FINAL) and for someone not recorded (MEETING.NOT_ATTENDING).
   */
  @Access('group.record', resources.meeting())
  @Post(':id/attendance/:personId/withdraw')
  withdrawAttendance(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('personId') personId: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const input = parseInput(withdrawAttendanceBody, bodyWith(body, { meetingId: id, personId }));
      const data = { ...input, mergedIds: idsMergedInto(this.catalog, input.personId) };
      const result = await ctx.run('meeting', { type: 'WithdrawAttendance', data });
      return { status: 200, body: { id }, etag: result.revision };
    });
  }

  /**
   * Holding a meeting: the carry-over policy carries each open commitment due at it over; the answer waits for it,
   * for a while, and names any it has still to carry over when the wait is up.
   */
  @Access('group.record', resources.meeting())
  @Post(':id/held')
  held(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<HeldResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const result = await ctx.run('meeting', {
        type: 'HoldMeeting',
        data: parseInput(holdMeetingData, bodyWith(body, { meetingId: id })),
      });
      // Held again (nothing stored), it carries nothing over now: the answer lists what the first time did.
      const { carried, pending } =
        result.position === undefined
          ? { carried: carriedOverFrom(this.readModels.catalog, id), pending: [] }
          : await this.carryOver.carriedOverWhenHeld(id, result.position);
      return {
        status: 200,
        body: { id, carriedOver: carried, carryOversPending: pending },
        etag: result.revision,
      };
    });
  }
}
