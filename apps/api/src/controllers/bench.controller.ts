import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';

/**
 * Bare routes for the benchmarks' baselines: the same server, guard, body parser and JSON reply as a real
 * route, and no work of ours. Registered only with TILNESTE_BENCH_ROUTES=1 (see bench/README.md).
 */
@Controller('bench')
export class BenchController {
  @Get('bare')
  read() {
    return { ok: true };
  }

  @Post('bare')
  @HttpCode(201)
  write(@Body() body: unknown) {
    return { ok: typeof body === 'object' && body !== null };
  }
}

/** What `ApiModule` adds to its controllers: nothing unless the benchmarks asked for the bare routes. */
export function benchControllers(env: NodeJS.ProcessEnv = process.env) {
  return env.TILNESTE_BENCH_ROUTES === '1' ? [BenchController] : [];
}
