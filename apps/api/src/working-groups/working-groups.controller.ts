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
import { lookups } from '../domain/lookups';
import { bodyWith, parseInput } from '../http/validation';
import { WriteService } from '../http/write.service';

@Controller('working-groups')
export class WorkingGroupsController {
  constructor(
    private readonly writes: WriteService,
    private readonly readModels: ReadModelHost,
  ) {}

  private get catalog() {
    return this.readModels.catalog;
  }

  @Post()
  form(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const workingGroupId = ctx.newId();
      const data = parseInput(formWorkingGroupData, bodyWith(body, { workingGroupId }));
      lookups.group(this.catalog, data.groupId);
      if (data.leadPersonId) lookups.person(this.catalog, data.leadPersonId, 'leadPersonId');
      for (const member of data.memberIds ?? []) lookups.person(this.catalog, member, 'memberIds');
      if (data.meetingId) lookups.meeting(this.catalog, data.meetingId);
      const result = await ctx.run('workingGroup', 'FormWorkingGroup', data);
      return { status: 201, body: { id: workingGroupId }, etag: result.revision };
    });
  }

  @Post(':id/status')
  status(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(
      req,
      res,
      { context: 'workingGroup', type: 'ReportWorkingGroupStatus', id },
      () => parseInput(reportWorkingGroupStatusData, bodyWith(body, { workingGroupId: id })),
      () => lookups.workingGroup(this.catalog, id),
    );
  }

  @Post(':id/lead')
  lead(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    const data = () => {
      const input = parseInput(changeWorkingGroupLeadData, bodyWith(body, { workingGroupId: id }));
      if (input.leadPersonId) lookups.person(this.catalog, input.leadPersonId, 'leadPersonId');
      return input;
    };
    return this.writes.update(
      req,
      res,
      { context: 'workingGroup', type: 'ChangeWorkingGroupLead', id },
      data,
      () => lookups.workingGroup(this.catalog, id),
    );
  }

  @Post(':id/members')
  addMember(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    const data = () => {
      const input = parseInput(addWorkingGroupMemberData, bodyWith(body, { workingGroupId: id }));
      lookups.person(this.catalog, input.personId);
      return input;
    };
    return this.writes.update(
      req,
      res,
      { context: 'workingGroup', type: 'AddWorkingGroupMember', id },
      data,
      () => lookups.workingGroup(this.catalog, id),
    );
  }

  @Post(':id/dissolve')
  dissolve(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.update(
      req,
      res,
      { context: 'workingGroup', type: 'DissolveWorkingGroup', id },
      () => parseInput(dissolveWorkingGroupData, bodyWith(body, { workingGroupId: id })),
      () => lookups.workingGroup(this.catalog, id),
    );
  }
}
