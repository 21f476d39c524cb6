import { Body, Controller, Param, Post, Put, Req, Res } from '@nestjs/common';
import type { IdResponse } from '../http/responses';
import type { Request, Response } from 'express';
import { addMemberData, establishGroupData, removeMemberData, setReminderPolicyData } from '@tilneste/groups';
import { ReadModelHost } from '@tilneste/projections';
import { bodyWith, parseInput } from '../http/validation';
import { WriteService } from '../http/write.service';
import { Access } from '../http/auth.guard';
import { resources } from '../auth/resources';

@Controller('groups')
export class GroupsController {
  constructor(
    private readonly writes: WriteService,
    private readonly readModels: ReadModelHost,
  ) {}

  @Access('system.admin')
  @Post()
  establish(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const groupId = ctx.newId();
      const result = await ctx.run('group', {
        type: 'EstablishGroup',
        data: parseInput(establishGroupData, bodyWith(body, { groupId })),
      });
      return { status: 201, body: { id: groupId }, etag: result.revision };
    });
  }

  @Access('group.manage', resources.group())
  @Post(':id/members')
  addMember(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const data = parseInput(addMemberData, bodyWith(body, { groupId: id }));
      const result = await ctx.run('group', { type: 'AddMember', data: data });
      return { status: 200, body: { id }, etag: result.revision };
    });
  }

  @Access('group.manage', resources.group())
  @Post(':id/members/:personId/remove')
  removeMember(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('personId') personId: string,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const result = await ctx.run('group', {
        type: 'RemoveMember',
        data: parseInput(removeMemberData, { groupId: id, personId }),
      });
      return { status: 200, body: { id }, etag: result.revision };
    });
  }

  @Access('group.manage', resources.group())
  @Put(':id/reminder-policy')
  reminderPolicy(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const result = await ctx.run('group', {
        type: 'SetReminderPolicy',
        data: parseInput(setReminderPolicyData, bodyWith(body, { groupId: id })),
      });
      return { status: 200, body: { id }, etag: result.revision };
    });
  }
}
