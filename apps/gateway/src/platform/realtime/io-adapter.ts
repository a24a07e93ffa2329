import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import type { IncomingMessage } from 'node:http';
import { Server, ServerOptions } from 'socket.io';
import { AppConfig } from '../config/config';
import { createPubSubClient } from '../redis/redis';

/** Largest socket payload accepted; an oversize frame closes only the socket that sent it. */
export const MAX_SOCKET_PAYLOAD_BYTES = 64 * 1024;

export function originAllowed(origin: string | undefined, allowed: readonly string[]): boolean {
  // Non-browser clients send no Origin; they must still present a token.
  return origin === undefined || allowed.includes(origin.replace(/\/$/, ''));
}

/**
 * socket.io for every gateway node: deliberate limits, the Origin allow-list checked before the
 * handshake, and the Redis adapter so an emit on one node reaches sockets on all of them.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly pub: Redis;
  private readonly sub: Redis;

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
    this.pub = createPubSubClient(config.redisUrl, 'p2p-io-pub');
    // The adapter publishes without handling a failure; once the client is closed (at shutdown,
    // while a last job still finishes) that would be an unhandled rejection. Nothing is lost by
    // dropping it: events are in PostgreSQL and other nodes' pollers fetch what they missed.
    const publish: (channel: string, message: string | Buffer) => Promise<number> = this.pub.publish.bind(this.pub);
    const safe = (channel: string, message: string | Buffer): Promise<number> =>
      publish(channel, message).catch(() => 0);
    Object.defineProperty(this.pub, 'publish', { value: safe });
    this.sub = createPubSubClient(config.redisUrl, 'p2p-io-sub');
    for (const c of [this.pub, this.sub]) c.on('error', () => undefined);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      path: '/socket.io',
      maxHttpBufferSize: MAX_SOCKET_PAYLOAD_BYTES,
      cors: { origin: this.config.allowedOrigins, credentials: true },
      allowRequest: (req: IncomingMessage, done: (err: string | null | undefined, ok: boolean) => void) =>
        done(null, originAllowed(req.headers.origin, this.config.allowedOrigins)),
    }) as Server;
    server.adapter(createAdapter(this.pub, this.sub, { key: `${this.config.redisPrefix}:socket.io` }));
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    for (const c of [this.pub, this.sub]) c.disconnect();
  }
}
