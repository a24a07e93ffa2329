import Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { SlowDown } from './slow-down';

/**
 * A per-member limit kept in Redis (shared by every node). When Redis is away the limit is
 * skipped rather than losing what someone wrote; the kind 429 says how long to wait.
 */
export class MemberLimit {
  private readonly limiter: RateLimiterRedis;

  constructor(
    redis: Redis,
    keyPrefix: string,
    points: number,
    durationSeconds: number,
    private readonly sentence: (waitSeconds: number) => string,
  ) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      useRedisPackage: false,
      keyPrefix,
      points,
      duration: durationSeconds,
    });
  }

  async consume(memberId: string): Promise<void> {
    try {
      await this.limiter.consume(memberId);
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) return;
      const wait = Math.ceil(res.msBeforeNext / 1000);
      throw new SlowDown(this.sentence(wait), wait);
    }
  }
}
