import { Body, Controller, Param, Post, Put, Req, Res } from '@nestjs/common';
import type { IdResponse } from '../http/responses';
import type { Request, Response } from 'express';
import { addMemberData, establishGroupData, removeMemberData, setReminderPolicyData } from '@tilneste/groups';
import { ReadModelHost } from '@tilneste/projections';
import { lookups } from '../domain/lookups';
import { bodyWith, parseInput } from '../http/validation';
import { WriteService } from '../http/write.service';

@Controller('groups')
export class GroupsController {
  constructor(
    private readonly writes: WriteService,
    private readonly readModels: ReadModelHost,
  ) {}

  @Post()
  establish(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const groupId = ctx.newId();
      const result = await ctx.run(
        'group',
        'EstablishGroup',
        parseInput(establishGroupData, bodyWith(body, { groupId })),
      );
      return { status: 201, body: { id: groupId }, etag: result.revision };
    });
  }

  @Post(':id/members')
  addMember(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const data = parseInput(addMemberData, bodyWith(body, { groupId: id }));
      lookups.group(this.readModels.catalog, id);
      lookups.person(this.readModels.catalog, data.personId);
      const result = await ctx.run('group', 'AddMember', data);
      return { status: 200, body: { id }, etag: result.revision };
    });
  }

  @Post(':id/members/:personId/remove')
  removeMember(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Param('personId') personId: string,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const result = await ctx.run(
        'group',
        'RemoveMember',
        parseInput(removeMemberData, { groupId: id, personId }),
      );
      return { status: 200, body: { id }, etag: result.revision };
    });
  }

  @Put(':id/reminder-policy')
  reminderPolicy(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const result = await ctx.run(
        'group',
        'SetReminderPolicy',
        parseInput(setReminderPolicyData, bodyWith(body, { groupId: id })),
      );
      return { status: 200, body: { id }, etag: result.revision };
    });
  }
}
