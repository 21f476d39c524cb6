import { Controller, Get, Inject } from '@nestjs/common';
import type { HealthResponse } from './responses';
import { EVENT_STORE, type EventStore } from '@tilneste/event-store';
import { Public } from './auth.guard';
import { RedisStatus } from '../redis-status';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly redis: RedisStatus,
  ) {}

  @Public()
  @Get()
  health(): HealthResponse {
    return { status: 'ok', eventStore: this.store.kind, redis: this.redis.up ? 'up' : 'down' };
  }
}
