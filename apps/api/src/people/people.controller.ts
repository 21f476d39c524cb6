import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import type { IdResponse } from '../http/responses';
import type { Request, Response } from 'express';
import { addPersonAliasData, changePersonDetailsData, registerPersonData } from '@tilneste/people';
import { ReadModelHost } from '@tilneste/projections';
import { bodyWith, parseInput } from '../http/validation';
import { WriteService } from '../http/write.service';
import { Access } from '../http/auth.guard';
import { resources } from '../auth/resources';

@Controller('people')
export class PeopleController {
  constructor(
    private readonly writes: WriteService,
    private readonly readModels: ReadModelHost,
  ) {}

  @Access('person.register')
  @Post()
  register(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const personId = ctx.newId();
      const data = parseInput(registerPersonData, bodyWith(body, { personId }));
      const result = await ctx.run('person', { type: 'RegisterPerson', data: data });
      return { status: 201, body: { id: personId }, etag: result.revision };
    });
  }

  @Access('person.edit', resources.person())
  @Post(':id/details')
  change(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const result = await ctx.run('person', {
        type: 'ChangePersonDetails',
        data: parseInput(changePersonDetailsData, bodyWith(body, { personId: id })),
      });
      return { status: 200, body: { id }, etag: result.revision };
    });
  }

  @Access('person.edit', resources.person())
  @Post(':id/aliases')
  alias(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<IdResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const result = await ctx.run('person', {
        type: 'AddPersonAlias',
        data: parseInput(addPersonAliasData, bodyWith(body, { personId: id })),
      });
      return { status: 200, body: { id }, etag: result.revision };
    });
  }
}
