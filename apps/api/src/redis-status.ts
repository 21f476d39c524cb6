import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { redactUrl, type Config } from '@tilneste/config';
import { CONFIG } from '@tilneste/event-sourcing';

/** Watches Redis: everything but reminders works without it; one log line when it goes, one when it is back. */
@Injectable()
export class RedisStatus implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  /** Fails fast while Redis is away (no offline queue): the rate limiter falls back to memory then. */
  readonly client: Redis;
  up = false;
  private saidDown = false;
  private closing = false;

  constructor(@Inject(CONFIG) config: Config) {
    this.client = new Redis(config.REDIS_URL, {
      lazyConnect: true,
      maxRetriesPerRequest: null,
      enableOfflineQueue: false,
      retryStrategy: (times) => Math.min(times * 500, 5_000),
    });
    this.client.on('ready', () => {
      if (this.saidDown)
        this.logger.log(`Redis er tilbake på ${redactUrl(config.REDIS_URL)}; påminnelser er på igjen`);
      this.up = true;
      this.saidDown = false;
    });
    const down = () => {
      this.up = false;
      if (!this.saidDown && !this.closing) {
        this.logger.warn(
          `Redis svarer ikke på ${redactUrl(config.REDIS_URL)}: påminnelser er av til den er tilbake (alt annet virker)`,
        );
        this.saidDown = true;
      }
    };
    this.client.on('error', down);
    this.client.on('end', down);
    this.client.connect().catch(down);
  }

  async onApplicationShutdown(): Promise<void> {
    // Our own disconnect is not Redis going away.
    this.closing = true;
    this.client.disconnect();
  }
}
