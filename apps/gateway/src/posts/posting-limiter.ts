import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { SlowDown, inMinutes } from '../common/slow-down';
import { APP_CONFIG, AppConfig } from '../config/config';
import { REDIS } from '../redis/redis';

/**
 * Posts per member per hour. If Redis is away the limit is skipped rather than losing what
 * someone wrote: the thinking space still stands between them and the board.
 */
@Injectable()
export class PostingLimiter {
  private readonly perHour: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    this.perHour = new RateLimiterRedis({
      storeClient: redis,
      useRedisPackage: false,
      keyPrefix: `${config.redisPrefix}:posts:hour`,
      points: config.postsPerHour,
      duration: 3600,
    });
  }

  async consume(userId: string): Promise<void> {
    try {
      await this.perHour.consume(userId);
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) return;
      const wait = Math.ceil(res.msBeforeNext / 1000);
      throw new SlowDown(
        `You have shared a lot in a short while. Take a breather: you can post again in about ${inMinutes(wait)}. If things feel urgent, the crisis contacts are always on the information page.`,
        wait,
      );
    }
  }
}
