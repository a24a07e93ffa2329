import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import type { IncomingMessage } from 'node:http';
import type { Observable } from 'rxjs';
import { Server, ServerOptions, Socket } from 'socket.io';
import { AppConfig } from '../config/config';
import { createPubSubClient } from '../redis/redis';

interface BoundHandler {
  handler: MessageMappingProperties;
  transform: (data: unknown) => Observable<unknown>;
}

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

  /** Each socket's handlers by message (from every gateway), for the shared listeners below. */
  private readonly handlersOf = new WeakMap<Socket, Map<string, BoundHandler>>();
  /** One listener function per message name, shared by every socket (socket.io calls it with `this` the socket). */
  private readonly listeners = new Map<string, (this: Socket, ...payload: unknown[]) => void>();

  /**
   * Messages reach their handlers through one shared listener per message name, instead of Nest's
   * rxjs chain per socket per handler (fromEvent, mergeMap, takeUntil and a subscriber each: about
   * 150 closures a socket, measured). A socket holds only its handler table; its listeners go with
   * it. Answers are as Nest's: a handler's value (each value of its promise or observable) is the
   * ack, or `{event, data}` is emitted back. Socket middleware still runs first.
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    // Each gateway binds its own handlers to the same socket: they join one table.
    let table = this.handlersOf.get(socket);
    if (!table) this.handlersOf.set(socket, (table = new Map()));
    for (const handler of handlers) {
      const message = handler.message as string;
      table.set(message, { handler, transform });
      socket.on(message, this.listenerFor(message));
    }
  }

  private listenerFor(message: string) {
    let listener = this.listeners.get(message);
    if (listener) return listener;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const adapter = this;
    listener = function (this: Socket, ...payload: unknown[]) {
      const bound = adapter.handlersOf.get(this)?.get(message);
      if (!bound) return;
      const { handler, transform } = bound;
      const { data, ack } = adapter.mapPayload(payload) as { data: unknown; ack?: (response: unknown) => void };
      transform(handler.callback(data, ack)).subscribe((response) => {
        if (response === null || response === undefined) return;
        const reply = response as { event?: string; data?: unknown };
        if (reply.event) {
          this.emit(reply.event, reply.data);
          return;
        }
        if (!handler.isAckHandledManually && typeof ack === 'function') ack(response);
      });
    };
    this.listeners.set(message, listener);
    return listener;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    for (const c of [this.pub, this.sub]) c.disconnect();
  }
}
