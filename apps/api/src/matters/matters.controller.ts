import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import type { IdResponse } from '../http/responses';
import type { Request, Response } from 'express';
import {
  amendDecisionData,
  closeMatterData,
  openMatterData,
  recordDecisionData,
  recordDiscussionData,
  referMatterData,
  reviseProposalData,
} from '@tilneste/matters';
import { ReadModelHost } from '@tilneste/projections';
import { bodyWith, parseInput } from '../http/validation';
import { WriteService } from '../http/write.service';
import { Access } from '../http/auth.guard';
import { resources } from '../auth/resources';

@Controller('matters')
export class MattersController {
  constructor(
    private readonly writes: WriteService,
    private readonly readModels: ReadModelHost,
  ) {}

  private get catalog() {
    return this.readModels.catalog;
  }

  @Access('group.record', resources.groupInBody())
  @Post()
  open(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const matterId = ctx.newId();
      const data = parseInput(openMatterData, bodyWith(body, { matterId }));
      const result = await ctx.run('matter', { type: 'OpenMatter', data: data });
      return { status: 201, body: { id: matterId }, etag: result.revision };
    });
  }

  @Access('group.record', resources.matter())
  @Post(':id/decisions')
  decide(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const decisionId = ctx.newId();
      const data = parseInput(recordDecisionData, bodyWith(body, { matterId: id, decisionId }));
      const result = await ctx.run('matter', { type: 'RecordDecision', data: data });
      return { status: 201, body: { id: decisionId }, etag: result.revision };
    });
  }

  @Access('group.record', resources.matter())
  @Post(':id/decisions/:decisionId/amend')
  amend(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('decisionId') decisionId: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(req, res, 'matter', id, () => ({
      type: 'AmendDecision' as const,
      data: parseInput(amendDecisionData, bodyWith(body, { matterId: id, decisionId })),
    }));
  }

  @Access('group.record', resources.matter())
  @Post(':id/discussions')
  discuss(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(req, res, 'matter', id, () => ({
      type: 'RecordDiscussion' as const,
      data: parseInput(recordDiscussionData, bodyWith(body, { matterId: id })),
    }));
  }

  @Access('group.record', resources.matter())
  @Post(':id/proposal')
  revise(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(req, res, 'matter', id, () => ({
      type: 'ReviseProposal' as const,
      data: parseInput(reviseProposalData, bodyWith(body, { matterId: id })),
    }));
  }

  @Access('group.record', resources.matter())
  @Post(':id/referrals')
  refer(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(req, res, 'matter', id, () => ({
      type: 'ReferMatter' as const,
      data: parseInput(referMatterData, bodyWith(body, { matterId: id })),
    }));
  }

  @Access('group.record', resources.matter())
  @Post(':id/close')
  close(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(req, res, 'matter', id, () => ({
      type: 'CloseMatter' as const,
      data: parseInput(closeMatterData, bodyWith(body, { matterId: id })),
    }));
  }
}
