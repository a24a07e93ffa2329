import Redis, { RedisOptions } from 'ioredis';

/** ioredis options from a redis:// URL, for BullMQ (which must own its connections' options). */
export function redisOptions(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}

/**
 * A client for quick commands (health, rate limits, pub/sub). It fails fast while Redis is away
 * instead of queueing commands forever, and keeps reconnecting in the background.
 */
export function createRedisClient(url: string, name: string): Redis {
  return new Redis({
    ...redisOptions(url),
    connectionName: name,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

/** For socket.io's adapter: subscriptions and publishes wait for Redis to come back, not fail. */
export function createPubSubClient(url: string, name: string): Redis {
  return new Redis({
    ...redisOptions(url),
    connectionName: name,
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

export const REDIS = Symbol('REDIS');
