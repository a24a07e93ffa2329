import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, AppConfig } from '../config/config';
import { REDIS } from '../redis/redis';
import { SlowDown, inMinutes } from '../common/slow-down';

export class TooManyAttempts extends SlowDown {
  constructor(retryAfterSeconds: number) {
    super(
      `Too many sign-in attempts. Please wait ${inMinutes(retryAfterSeconds)} and try again; if you have forgotten your password, staff can set a new one.`,
      retryAfterSeconds,
    );
  }
}

/**
 * Sign-in limits: every attempt counts against the address; only failures count against the
 * account, and a success clears them. Counters live in Redis so every gateway node shares them.
 */
@Injectable()
export class LoginLimiter {
  private readonly byAddress: RateLimiterRedis;
  private readonly byAccount: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    const common = { storeClient: redis, duration: config.login.windowSeconds, useRedisPackage: false };
    this.byAddress = new RateLimiterRedis({
      ...common,
      keyPrefix: `${config.redisPrefix}:login:addr`,
      points: config.login.perAddress,
    });
    this.byAccount = new RateLimiterRedis({
      ...common,
      keyPrefix: `${config.redisPrefix}:login:acct`,
      points: config.login.perAccount,
    });
  }

  /** Call before checking a password; throws 429 when either limit is spent. */
  async beforeAttempt(address: string, username: string): Promise<void> {
    try {
      await this.byAddress.consume(address);
    } catch (res) {
      throw this.refusal(res);
    }
    const account = await this.byAccount.get(username).catch(() => null);
    if (account && account.consumedPoints >= this.byAccount.points) {
      throw new TooManyAttempts(Math.ceil(account.msBeforeNext / 1000));
    }
  }

  async failed(username: string): Promise<void> {
    await this.byAccount.consume(username).catch(() => undefined);
  }

  async succeeded(username: string): Promise<void> {
    await this.byAccount.delete(username).catch(() => undefined);
  }

  private refusal(res: unknown): Error {
    if (res instanceof RateLimiterRes) return new TooManyAttempts(Math.ceil(res.msBeforeNext / 1000));
    // Redis is away: refuse sign-in rather than run without the limit.
    return new HttpException(
      'Signing in is unavailable for a moment. Please try again shortly.',
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  }
}
