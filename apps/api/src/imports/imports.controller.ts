import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Actor } from '@tilneste/domain-kit';
import { parseInput } from '../http/validation';
import { WriteService } from '../http/write.service';
import { MinutesImportService } from '@tilneste/application';

const jsonUpload = z.strictObject({ text: z.string().min(1), fileName: z.string().max(300).nullish() });

@Controller('imports')
export class ImportsController {
  constructor(
    private readonly imports: MinutesImportService,
    private readonly writes: WriteService,
  ) {}

  /** text/plain (the minutes) or JSON `{ text, fileName? }` → `{ id, draft, people }`. */
  @Post('minutes')
  async parse(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: unknown) {
    const upload = typeof body === 'string' ? { text: body, fileName: null } : parseInput(jsonUpload, body);
    res.status(200);
    const actor = (req as Request & { actor?: Actor }).actor ?? { kind: 'client', id: 'anonymous' };
    return this.imports.parse(upload.text, upload.fileName ?? null, { actor, via: 'api' });
  }

  @Post(':id/commit')
  commit(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.writes.handle(req, res, async (ctx) => {
      const result = await this.imports.commit(id, body, ctx);
      return { status: result.alreadyImported ? 200 : 201, body: result };
    });
  }
}
