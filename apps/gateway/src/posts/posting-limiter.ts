import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { MemberLimit } from '../platform/http/member-limit';
import { inMinutes } from '../platform/http/slow-down';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { REDIS } from '../platform/redis/redis';

/** Posts per member per hour. The thinking space still stands between a member and the board. */
@Injectable()
export class PostingLimiter extends MemberLimit {
  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    super(
      redis,
      `${config.redisPrefix}:posts:hour`,
      config.postsPerHour,
      3600,
      (wait) =>
        `You have shared a lot in a short while. Take a breather: you can post again in about ${inMinutes(wait)}. What you wrote is not lost: you can send it then, or send it to the Top 3 now. If things feel urgent, you don't have to wait: the crisis contacts are on the help page.`,
    );
  }
}

/**
 * Posts sent to the Top 3 first ("send it to the Top 3"), per member per hour: an allowance of
 * their own, so that the posting limit never stands between a member and the Top 3.
 */
@Injectable()
export class AskingLimiter extends MemberLimit {
  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    super(
      redis,
      `${config.redisPrefix}:asks:hour`,
      config.postsPerHour,
      3600,
      (wait) =>
        `You have sent the Top 3 a lot in a short while; they will read it all. You can send more in about ${inMinutes(wait)}. If things feel urgent, you don't have to wait: the crisis contacts are on the help page.`,
    );
  }
}
