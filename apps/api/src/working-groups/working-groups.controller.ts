import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import type { IdResponse } from '../http/responses';
import type { Request, Response } from 'express';
import { ReadModelHost } from '@tilneste/projections';
import {
  addWorkingGroupMemberData,
  changeWorkingGroupLeadData,
  dissolveWorkingGroupData,
  formWorkingGroupData,
  reportWorkingGroupStatusData,
} from '@tilneste/working-groups';
import { bodyWith, parseInput } from '../http/validation';
import { WriteService } from '../http/write.service';
import { Access } from '../http/auth.guard';
import { resources } from '../auth/resources';

@Controller('working-groups')
export class WorkingGroupsController {
  constructor(
    private readonly writes: WriteService,
    private readonly readModels: ReadModelHost,
  ) {}

  private get catalog() {
    return this.readModels.catalog;
  }

  @Access('group.record', resources.groupInBody())
  @Post()
  form(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const workingGroupId = ctx.newId();
      const data = parseInput(formWorkingGroupData, bodyWith(body, { workingGroupId }));
      const result = await ctx.run('workingGroup', { type: 'FormWorkingGroup', data: data });
      return { status: 201, body: { id: workingGroupId }, etag: result.revision };
    });
  }

  @Access('working-group.report', resources.workingGroupWithLead())
  @Post(':id/status')
  status(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(req, res, 'workingGroup', id, () => ({
      type: 'ReportWorkingGroupStatus' as const,
      data: parseInput(reportWorkingGroupStatusData, bodyWith(body, { workingGroupId: id })),
    }));
  }

  @Access('group.record', resources.workingGroup())
  @Post(':id/lead')
  lead(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(req, res, 'workingGroup', id, () => ({
      type: 'ChangeWorkingGroupLead' as const,
      data: parseInput(changeWorkingGroupLeadData, bodyWith(body, { workingGroupId: id })),
    }));
  }

  @Access('group.record', resources.workingGroup())
  @Post(':id/members')
  addMember(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(req, res, 'workingGroup', id, () => ({
      type: 'AddWorkingGroupMember' as const,
      data: parseInput(addWorkingGroupMemberData, bodyWith(body, { workingGroupId: id })),
    }));
  }

  @Access('group.record', resources.workingGroup())
  @Post(':id/dissolve')
  dissolve(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(req, res, 'workingGroup', id, () => ({
      type: 'DissolveWorkingGroup' as const,
      data: parseInput(dissolveWorkingGroupData, bodyWith(body, { workingGroupId: id })),
    }));
  }
}
