import { HttpException, Logger, OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { Ack, ClientEvents, ServerEvents } from '@p2p/contract';
import { sentenceFrom } from '../platform/http/problem';
import { validatePayload } from '../platform/http/validation';
import { StreamServer, StreamSocket } from '../platform/realtime/fanout.service';
import { ChatSendDto, RoomDto } from './chat.dto';
import { ChatService } from './chat.service';
import { PRESENCE_BEAT_MS, Presence } from './presence';

const room = (roomId: string) => `chat:${roomId}`;
const TYPING_EVERY_MS = 1_000;

/**
 * The chat edge: validates each payload like an HTTP body, calls ChatService, answers with an
 * ack, and keeps presence. It holds no rule.
 */
@WebSocketGateway()
export class ChatGateway implements OnGatewayInit, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger(ChatGateway.name);
  private server?: StreamServer;
  private beat?: NodeJS.Timeout;
  private readonly lastTyping = new WeakMap<StreamSocket, number>();

  constructor(
    private readonly chat: ChatService,
    private readonly presence: Presence,
  ) {}

  afterInit(server: StreamServer): void {
    this.server = server;
    this.beat = setInterval(() => void this.heartbeat(), PRESENCE_BEAT_MS);
    this.beat.unref();
  }

  onModuleDestroy(): void {
    if (this.beat) clearInterval(this.beat);
  }

  @SubscribeMessage(ClientEvents.chatJoin)
  join(@ConnectedSocket() socket: StreamSocket, @MessageBody() payload: unknown) {
    return this.answer(async () => {
      const { roomId } = validatePayload(RoomDto, payload);
      const view = await this.chat.joinable(socket.data.auth, roomId);
      await socket.join(room(roomId));
      await this.presence.here(roomId, socket.id, this.who(socket));
      const history = await this.chat.history(socket.data.auth, roomId, 50);
      await this.announce(roomId);
      return { room: view, history: history.items, nextCursor: history.nextCursor };
    });
  }

  @SubscribeMessage(ClientEvents.chatLeave)
  leave(@ConnectedSocket() socket: StreamSocket, @MessageBody() payload: unknown) {
    return this.answer(async () => {
      const { roomId } = validatePayload(RoomDto, payload);
      await socket.leave(room(roomId));
      await this.presence.gone(roomId, socket.id);
      await this.announce(roomId);
      return { left: roomId };
    });
  }

  @SubscribeMessage(ClientEvents.chatSend)
  send(@ConnectedSocket() socket: StreamSocket, @MessageBody() payload: unknown) {
    return this.answer(() => this.chat.send(socket.data.auth, validatePayload(ChatSendDto, payload)));
  }

  @SubscribeMessage(ClientEvents.typing)
  typing(@ConnectedSocket() socket: StreamSocket, @MessageBody() payload: unknown) {
    return this.answer(async () => {
      const { roomId } = validatePayload(RoomDto, payload);
      if (!socket.rooms.has(room(roomId))) throw new HttpException('Join the room first.', 409);
      const now = Date.now();
      if (now - (this.lastTyping.get(socket) ?? 0) >= TYPING_EVERY_MS) {
        this.lastTyping.set(socket, now);
        socket.to(room(roomId)).emit(ServerEvents.typing, { roomId, user: this.who(socket) });
      }
      return { sent: true };
    });
  }

  handleDisconnect(socket: StreamSocket): void {
    const rooms = [...socket.rooms].filter((r) => r.startsWith('chat:')).map((r) => r.slice(5));
    void Promise.all(rooms.map((r) => this.presence.gone(r, socket.id))).then(() =>
      Promise.all(rooms.map((r) => this.announce(r))),
    );
  }

  private who(socket: StreamSocket) {
    return { id: socket.data.auth.userId, displayName: socket.data.auth.displayName };
  }

  private async announce(roomId: string): Promise<void> {
    this.server?.to(room(roomId)).emit(ServerEvents.presence, { roomId, here: await this.presence.list(roomId) });
  }

  /** Re-announces this node's sockets in every room it has, so presence survives a lost node. */
  private async heartbeat(): Promise<void> {
    if (!this.server) return;
    try {
      const rooms = new Map<string, StreamSocket[]>();
      for (const socket of this.server.of('/').sockets.values()) {
        for (const r of socket.rooms) {
          if (r.startsWith('chat:')) rooms.set(r.slice(5), [...(rooms.get(r.slice(5)) ?? []), socket]);
        }
      }
      for (const [roomId, sockets] of rooms) {
        for (const s of sockets) await this.presence.here(roomId, s.id, this.who(s));
        await this.announce(roomId);
      }
    } catch (err) {
      this.logger.warn({ err }, 'presence heartbeat failed; will try again');
    }
  }

  private async answer<T>(work: () => Promise<T>): Promise<Ack<T>> {
    try {
      return { ok: true, data: await work() };
    } catch (err) {
      if (err instanceof HttpException && err.getStatus() < 500) {
        return { ok: false, error: { statusCode: err.getStatus(), message: sentenceFrom(err) } };
      }
      this.logger.error({ err }, 'chat event failed');
      return { ok: false, error: { statusCode: 500, message: 'Something went wrong on our side; please try again.' } };
    }
  }
}
