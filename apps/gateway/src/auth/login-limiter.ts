import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { REDIS } from '../platform/redis/redis';
import { SlowDown, inMinutes } from '../platform/http/slow-down';

export class TooManyAttempts extends SlowDown {
  constructor(retryAfterSeconds: number) {
    super(
      `Too many sign-in attempts. Please wait ${inMinutes(retryAfterSeconds)} and try again; if you have forgotten your password, staff can set a new one.`,
      retryAfterSeconds,
    );
  }
}

/** The first wait once an account's free failures from one address are spent; each failure after doubles it. */
export const FIRST_WAIT_SECONDS = 30;

/**
 * Sign-in limits, counting failures only (rate-limiter-flexible's login-protection pattern):
 * - per account *and* address: a few free failures, then a wait that doubles with each further
 *   failure, up to the window. A success clears it. Guessing at someone's account from one place
 *   slows down; the owner signing in from anywhere else is never held up by it.
 * - per address: failures at any accounts, so one address cannot try many. A community signing in
 *   from one connection, or everyone behind one proxy, shares it, so successes never count.
 * Counters live in Redis so every gateway node shares them.
 */
@Injectable()
export class LoginLimiter {
  private readonly byAddress: RateLimiterRedis;
  private readonly byPair: RateLimiterRedis;
  /** A pair that has spent its free failures waits here (a block of the right length). */
  private readonly pairWait: RateLimiterRedis;
  private readonly windowSeconds: number;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    this.windowSeconds = config.login.windowSeconds;
    const common = { storeClient: redis, duration: config.login.windowSeconds, useRedisPackage: false };
    const prefix = `${config.redisPrefix}:login`;
    this.byAddress = new RateLimiterRedis({ ...common, keyPrefix: `${prefix}:addr`, points: config.login.perAddress });
    this.byPair = new RateLimiterRedis({ ...common, keyPrefix: `${prefix}:pair`, points: config.login.perAccount });
    this.pairWait = new RateLimiterRedis({ ...common, keyPrefix: `${prefix}:wait`, points: 1 });
  }

  /** Call before checking a password; throws 429 while this address, or this account from it, must wait. */
  async beforeAttempt(address: string, username: string): Promise<void> {
    let found: [RateLimiterRes | null, RateLimiterRes | null];
    try {
      found = await Promise.all([this.byAddress.get(address), this.pairWait.get(pairKey(address, username))]);
    } catch {
      // Redis is away: refuse sign-in rather than run without the limits.
      throw new HttpException(
        'Signing in is unavailable for a moment. Please try again shortly.',
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
    const [fromAddress, pairWait] = found;
    const longest = Math.max(
      fromAddress && fromAddress.consumedPoints >= this.byAddress.points ? fromAddress.msBeforeNext : 0,
      pairWait && pairWait.consumedPoints > this.pairWait.points ? pairWait.msBeforeNext : 0,
    );
    if (longest > 0) throw new TooManyAttempts(Math.ceil(longest / 1000));
  }

  async failed(address: string, username: string): Promise<void> {
    const key = pairKey(address, username);
    await this.byAddress.penalty(address).catch(() => undefined);
    const pair = await this.byPair.penalty(key).catch(() => null);
    if (!pair || pair.consumedPoints < this.byPair.points) return;
    const beyond = pair.consumedPoints - this.byPair.points;
    const seconds = Math.min(this.windowSeconds, FIRST_WAIT_SECONDS * 2 ** Math.min(beyond, 20));
    await this.pairWait.block(key, seconds).catch(() => undefined);
  }

  async succeeded(address: string, username: string): Promise<void> {
    const key = pairKey(address, username);
    await Promise.all([this.byPair.delete(key), this.pairWait.delete(key)]).catch(() => undefined);
  }
}

function pairKey(address: string, username: string): string {
  return `${address}|${username}`;
}
