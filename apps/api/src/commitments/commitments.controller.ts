import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import type { IdResponse } from '../http/responses';
import type { Request, Response } from 'express';
import { lookups } from '@tilneste/application';
import {
  completeCommitmentData,
  reportCommitmentProgressData,
  withdrawCommitmentData,
} from '@tilneste/commitments';
import { ReadModelHost } from '@tilneste/projections';
import { bodyWith, parseInput } from '../http/validation';
import { WriteService } from '../http/write.service';
import { changeDueBody, makeCommitmentBody, reassignBody } from './api-shapes';
import { Access } from '../http/auth.guard';
import { resources } from '../auth/resources';

@Controller('commitments')
export class CommitmentsController {
  constructor(
    private readonly writes: WriteService,
    private readonly readModels: ReadModelHost,
  ) {}

  @Access('group.record', resources.meetingInBody())
  @Post()
  make(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const input = parseInput(makeCommitmentBody, bodyWith(body));
      // The group is the meeting's; the command handler checks owner, due meeting and matter against it.
      const meeting = lookups.meeting(this.readModels.catalog, input.meetingId);
      const commitmentId = ctx.newId();
      const result = await ctx.run('commitment', {
        type: 'MakeCommitment',
        data: {
          ...input,
          commitmentId,
          groupId: meeting.groupId,
          agendaItemId: input.agendaItemId ?? null,
          matterId: input.matterId ?? null,
        },
      });
      return { status: 201, body: { id: commitmentId }, etag: result.revision };
    });
  }

  @Access('commitment.answer', resources.commitment())
  @Post(':id/complete')
  complete(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(req, res, 'commitment', id, () => ({
      type: 'CompleteCommitment' as const,
      data: parseInput(completeCommitmentData, bodyWith(body, { commitmentId: id })),
    }));
  }

  @Access('group.record', resources.commitment())
  @Post(':id/reassign')
  reassign(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(req, res, 'commitment', id, () => {
      const { owner } = parseInput(reassignBody, bodyWith(body));
      return { type: 'ReassignCommitment' as const, data: { commitmentId: id, owner } };
    });
  }

  @Access('group.record', resources.commitment())
  @Post(':id/due')
  changeDue(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(req, res, 'commitment', id, () => {
      const input = parseInput(changeDueBody, bodyWith(body));
      return { type: 'ChangeCommitmentDue' as const, data: { commitmentId: id, ...input } };
    });
  }

  @Access('commitment.answer', resources.commitment())
  @Post(':id/progress')
  progress(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(req, res, 'commitment', id, () => ({
      type: 'ReportCommitmentProgress' as const,
      data: parseInput(reportCommitmentProgressData, bodyWith(body, { commitmentId: id })),
    }));
  }

  @Access('group.record', resources.commitment())
  @Post(':id/withdraw')
  withdraw(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(req, res, 'commitment', id, () => ({
      type: 'WithdrawCommitment' as const,
      data: parseInput(withdrawCommitmentData, bodyWith(body, { commitmentId: id })),
    }));
  }
}
