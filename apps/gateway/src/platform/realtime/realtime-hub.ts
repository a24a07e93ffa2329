import { Global, Injectable, Module } from '@nestjs/common';
import { Rooms, ServerEvents, ServerToClientEvents, SessionEndedPayload } from '@p2p/contract';
import type { Server } from 'socket.io';
import { DeliveryService } from './delivery.service';

/**
 * The one handle services use to reach open sockets on every node (through the Redis adapter).
 * The gateway hands it the server when socket.io starts; services never touch sockets directly.
 */
@Injectable()
export class RealtimeHub {
  private server?: Server<Record<string, never>, ServerToClientEvents>;

  attach(server: Server<Record<string, never>, ServerToClientEvents>): void {
    this.server = server;
  }

  /** Sends something to every socket of one user, on every node. */
  toUser<E extends keyof ServerToClientEvents>(
    userId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    this.server?.to(Rooms.user(userId)).emit(event, ...args);
  }

  /**
   * Whether any of these users has a socket open now, on any node (through the Redis adapter; a
   * node that does not answer in time counts as nobody there).
   */
  async anyConnected(userIds: string[]): Promise<boolean> {
    if (!this.server || userIds.length === 0) return false;
    try {
      const sockets = await this.server.in(userIds.map((id) => Rooms.user(id))).fetchSockets();
      return sockets.length > 0;
    } catch {
      return false;
    }
  }

  /** Closes every socket of a user on every node (a suspension): they may reconnect only if allowed. */
  endUserSockets(userId: string, payload: SessionEndedPayload): void {
    if (!this.server) return;
    const room = Rooms.user(userId);
    this.server.to(room).emit(ServerEvents.sessionEnded, payload);
    this.server.in(room).disconnectSockets(true);
  }

  /** Tells a session's sockets why, then closes them, wherever they are connected. */
  endSession(sessionId: string, payload: SessionEndedPayload): void {
    if (!this.server) return;
    const room = Rooms.session(sessionId);
    this.server.to(room).emit(ServerEvents.sessionEnded, payload);
    this.server.in(room).disconnectSockets(true);
  }
}

@Global()
@Module({ providers: [RealtimeHub, DeliveryService], exports: [RealtimeHub, DeliveryService] })
export class RealtimeHubModule {}
