import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
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
  form(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: unknown) {
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
  status(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown) {
    return this.simple(req, res, id, 'ReportWorkingGroupStatus', parseInput(reportWorkingGroupStatusData, bodyWith(body, { workingGroupId: id })));
  }

  @Post(':id/lead')
  lead(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown) {
    const data = parseInput(changeWorkingGroupLeadData, bodyWith(body, { workingGroupId: id }));
    if (data.leadPersonId) lookups.person(this.catalog, data.leadPersonId, 'leadPersonId');
    return this.simple(req, res, id, 'ChangeWorkingGroupLead', data);
  }

  @Post(':id/members')
  addMember(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown) {
    const data = parseInput(addWorkingGroupMemberData, bodyWith(body, { workingGroupId: id }));
    lookups.person(this.catalog, data.personId);
    return this.simple(req, res, id, 'AddWorkingGroupMember', data);
  }

  @Post(':id/dissolve')
  dissolve(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string, @Body() body: unknown) {
    return this.simple(req, res, id, 'DissolveWorkingGroup', parseInput(dissolveWorkingGroupData, bodyWith(body, { workingGroupId: id })));
  }

  private simple(req: Request, res: Response, id: string, type: string, data: unknown) {
    return this.writes.handle(req, res, async (ctx) => {
      lookups.workingGroup(this.catalog, id);
      const result = await ctx.run('workingGroup', type, data);
      return { status: 200, body: { id }, etag: result.revision };
    });
  }
}
