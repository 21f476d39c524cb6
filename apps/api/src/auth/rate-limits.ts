import { Inject, Injectable, Logger, OnModuleDestroy, SetMetadata } from '@nestjs/common';
import type { Config } from '@tilneste/config';
import { CONFIG } from '@tilneste/event-sourcing';
import type { Request } from 'express';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { RedisStatus } from '../redis-status';

/** Too many requests from one address or for one account: 429 with `Retry-After` (seconds). */
export class TooManyRequestsError extends Error {
  readonly code = 'RATE_LIMITED';
  constructor(readonly retryAfterSeconds: number) {
    super(
      `For mange forespørsler; prøv igjen om ${retryAfterSeconds} s (too many requests, retry after ${retryAfterSeconds} s)`,
    );
  }
}

/** Each budget's settings, per client address and per account: `points` per `seconds` (defaults in the config). */
const BUDGETS = {
  'sign-in': { perAddress: 'RATE_LIMIT_SIGN_IN_PER_ADDRESS', perAccount: 'RATE_LIMIT_SIGN_IN_PER_ACCOUNT' },
  'sign-in-link': {
    perAddress: 'RATE_LIMIT_SIGN_IN_LINK_PER_ADDRESS',
    perAccount: 'RATE_LIMIT_SIGN_IN_LINK_PER_ACCOUNT',
  },
  links: { perAddress: 'RATE_LIMIT_LINKS_PER_ADDRESS', perAccount: 'RATE_LIMIT_LINKS_PER_ACCOUNT' },
  imports: { perAddress: 'RATE_LIMIT_IMPORTS_PER_ADDRESS', perAccount: 'RATE_LIMIT_IMPORTS_PER_ACCOUNT' },
} as const satisfies Record<string, { perAddress: keyof Config; perAccount: keyof Config }>;
export type Budget = keyof typeof BUDGETS;

export const RATE_LIMIT = 'tilneste:rate-limit';
/** Counts a route against a budget per client address and per signed-in account (the guard does it). */
export const RateLimited = (budget: Budget) => SetMetadata(RATE_LIMIT, budget);

/**
 * Rate limits kept in Redis while it is up, so several API processes share them, and in this process's
 * memory while it is away (rate-limiter-flexible's insurance limiter).
 */
@Injectable()
export class RateLimits implements OnModuleDestroy {
  private readonly logger = new Logger('RateLimits');
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    private readonly redis: RedisStatus,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** Counts one request by this client address; throws 429 past the budget. */
  async byAddress(budget: Budget, req: Request): Promise<void> {
    await this.consume(`${budget}:ip`, this.config[BUDGETS[budget].perAddress], clientAddress(req));
  }

  /** Counts one request for this account (a person, a token, an e-mail address); throws 429 past the budget. */
  async byAccount(budget: Budget, account: string): Promise<void> {
    await this.consume(`${budget}:account`, this.config[BUDGETS[budget].perAccount], account.toLowerCase());
  }

  private async consume(
    name: string,
    { points, seconds: duration }: { readonly points: number; readonly seconds: number },
    key: string,
  ): Promise<void> {
    const scaled = Math.max(1, Math.round(points * this.config.RATE_LIMIT_SCALE));
    try {
      await this.limiter(name, scaled, duration).consume(key);
    } catch (error) {
      if (error instanceof RateLimiterRes)
        throw new TooManyRequestsError(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
      // Neither Redis nor memory answered: let the request through rather than lock everyone out.
      this.logger.warn(`rate limit ${name} unavailable: ${(error as Error).message}`);
    }
  }

  private limiter(name: string, points: number, duration: number): RateLimiterAbstract {
    let limiter = this.limiters.get(name);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: this.redis.client,
        // Under the deployment's queue prefix: installations (and test servers) sharing one Redis keep apart.
        keyPrefix: `${this.config.REMINDER_QUEUE_PREFIX}:rl:${name}`,
        points,
        duration,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `tilneste-rl-mem:${name}`, points, duration }),
      });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }

  onModuleDestroy(): void {
    this.limiters.clear();
  }
}

/** The client's address as the socket sees it (a proxy's `X-Forwarded-For` counts only with `trust proxy`). */
export const clientAddress = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';
