import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import type { MinutesCommittedResponse, MinutesParsedResponse } from './imports.responses';
import type { Request, Response } from 'express';
import type { Actor } from '@tilneste/domain-kit';
import { Accepts } from '../http/body-contract';
import { readMinutesUpload } from './minutes-upload';
import { WriteService } from '../http/write.service';
import { MinutesImportService } from '@tilneste/application';
import { Access } from '../http/auth.guard';
import { resources } from '../auth/resources';
import { RateLimited } from '../auth/rate-limits';

export { jsonUpload } from './minutes-upload';

@Controller('imports')
export class ImportsController {
  constructor(
    private readonly imports: MinutesImportService,
    private readonly writes: WriteService,
  ) {}

  /**
   * text/plain (the minutes), JSON `{ text, fileName? }`, multipart/form-data with one file, or a .docx or PDF sent
   * as itself → `{ id, draft, people }`.
   */
  @Access('import.parse')
  @RateLimited('imports')
  @Post('minutes')
  @Accepts('json', 'text', 'multipart', 'pdf', 'docx', 'binary')
  async parse(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
  ): Promise<MinutesParsedResponse> {
    const upload = await readMinutesUpload(req, body);
    res.status(200);
    const actor = (req as Request & { actor?: Actor }).actor ?? { kind: 'client', id: 'anonymous' };
    // The text stays out of the answer: the caller sent it.
    const { id, draft, people } = await this.imports.parse(upload, { actor, via: 'api' });
    return { id, draft, people };
  }

  @Access('group.record', resources.groupInBody())
  @RateLimited('imports')
  @Post(':id/commit')
  commit(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<MinutesCommittedResponse> {
    return this.writes.handle(req, res, async (ctx) => {
      const { meetingId, created, people, alreadyImported } = await this.imports.commit(id, body, ctx);
      // The answer's shape is kept (../shared/docs/API.md): the pages' fuller account of what was recorded stays out.
      return { status: alreadyImported ? 200 : 201, body: { meetingId, created, people, alreadyImported } };
    });
  }
}
