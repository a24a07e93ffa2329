import { Inject, Injectable } from '@nestjs/common';
import { AuthorView } from '@p2p/contract';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { REDIS } from '../platform/redis/redis';

/** A socket not heard of for this long is gone (its process may have been killed). */
export const PRESENCE_STALE_MS = 6_000;
/** How often each node re-announces its own sockets and the room's presence. */
export const PRESENCE_BEAT_MS = 2_000;
/** The stated bound: a killed process's members leave presence within this long. */
export const PRESENCE_GONE_WITHIN_MS = PRESENCE_STALE_MS + PRESENCE_BEAT_MS;

/**
 * Who is in each chat room now, across nodes: a Redis hash per room, socket id -> who and when
 * last heard of. Each node refreshes its own sockets every few seconds, so a node that dies drops
 * out of every room within PRESENCE_STALE_MS without anyone having to say so.
 */
@Injectable()
export class Presence {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private key(roomId: string): string {
    return `${this.config.redisPrefix}:presence:${roomId}`;
  }

  async here(roomId: string, socketId: string, who: AuthorView): Promise<void> {
    await this.redis
      .hset(this.key(roomId), socketId, JSON.stringify({ ...who, at: Date.now() }))
      .catch(() => undefined);
  }

  async gone(roomId: string, socketId: string): Promise<void> {
    await this.redis.hdel(this.key(roomId), socketId).catch(() => undefined);
  }

  /** Everyone heard of recently, once each; stale entries are cleared on the way. */
  async list(roomId: string): Promise<AuthorView[]> {
    const all = await this.redis.hgetall(this.key(roomId)).catch((): Record<string, string> => ({}));
    const fresh = new Map<string, AuthorView>();
    const stale: string[] = [];
    for (const [socketId, raw] of Object.entries(all)) {
      const entry = JSON.parse(raw) as AuthorView & { at: number };
      if (Date.now() - entry.at > PRESENCE_STALE_MS) stale.push(socketId);
      else fresh.set(entry.id, { id: entry.id, displayName: entry.displayName });
    }
    if (stale.length > 0) await this.redis.hdel(this.key(roomId), ...stale).catch(() => undefined);
    return [...fresh.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  }
}
