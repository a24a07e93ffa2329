import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ClientToServerEvents,
  Rooms,
  ServerEvents,
  ServerToClientEvents,
  SessionEndedPayload,
  StreamEventName,
} from '@p2p/contract';
import type { Server, Socket } from 'socket.io';
import { DataSource } from 'typeorm';
import { AuthContext } from '../http/auth-context';
import { APP_CONFIG, AppConfig } from '../config/config';
import { StoredEvent, eventsAfter, lastSeqs } from './event-log';

const INTERNAL_EVENT = 'p2p:community-event';
const INTERNAL_REFRESH = 'p2p:refresh-user';

type Standing = { communityId: string; role: string; isTop3: boolean };

/** What the gateway nodes tell each other (socket.io's server-side events, through Redis). */
interface NodeToNodeEvents {
  [INTERNAL_EVENT]: (event: StoredEvent) => void;
  [INTERNAL_REFRESH]: (userId: string, boardIds: string[], standing?: Standing) => void;
}

/** The socket.io server as this node uses it: every map typed from the contract. */
export type StreamServer = Server<ClientToServerEvents, ServerToClientEvents, NodeToNodeEvents, SocketState>;

/** What the gateway keeps on each socket. */
export interface SocketState {
  auth: AuthContext;
  /** Boards this socket may read now. */
  readable: Set<string>;
  /** Per community: the socket user's standing, for Top 3 and staff events. */
  roles: Map<string, { role: string; isTop3: boolean }>;
  /** Per community: the socket has caught up and takes live events. */
  ready: Set<string>;
  /** Per community: the highest sequence number the client already has. */
  floor: Map<string, number>;
  /** As sent at the handshake: where to resume each community's stream. */
  cursor: Record<string, number>;
}
/** A signed-in socket: what it may send and be sent is the contract's typed map. */
export type StreamSocket = Socket<ClientToServerEvents, ServerToClientEvents, NodeToNodeEvents, SocketState>;

/**
 * Sends a stored event as what it is: the log keeps each event under its contract name
 * (recordEvent takes only a StreamEventName), so its payload is that event's payload.
 */
function emitStored(target: Pick<StreamSocket, 'emit'>, event: StoredEvent): void {
  // The one place a stored event meets the typed map: its type names it, its payload is its shape.
  (target.emit as (name: StreamEventName, payload: StoredEvent['payload']) => unknown).call(
    target,
    event.type,
    event.payload,
  );
}

interface Channel {
  communityId: string;
  /** The last sequence number handled on this node; NaN until read from the database. */
  lastSeq: number;
  sockets: Set<StreamSocket>;
  /** Work for one community runs one piece at a time, in order. */
  queue: Promise<void>;
}

const PAGE = 1000;

/**
 * Everything the server sends to sockets goes through here; services never touch a socket. Two
 * kinds of sending:
 *
 * - **The community stream** (deliver): ordered, exactly-once delivery of stored community events.
 * - **Straight to a user or a session** (toUser, endUserSockets, endSession): notifications and
 *   endings, which are not part of any community's order.
 *
 * The community stream:
 *
 * Events are written to PostgreSQL first (event-log.ts). After commit, the writer hands the
 * event to deliver(), which handles it here and tells the other nodes through the socket.io Redis
 * adapter. Each node keeps, per community, the last sequence number it has handled; anything
 * older is a duplicate and dropped, and a gap (a lost or late message) is filled from the
 * database before going on. A poller does the same when Redis is quiet or gone. A reconnecting
 * socket is caught up from the database inside the same per-community order, so it gets what it
 * missed once, in order, and only from boards it may read now.
 */
@Injectable()
export class FanoutService implements OnApplicationShutdown {
  private readonly logger = new Logger(FanoutService.name);
  private readonly channels = new Map<string, Channel>();
  private server?: StreamServer;
  private poller?: NodeJS.Timeout;
  private readonly listeners: ((event: StoredEvent) => void)[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  attach(server: StreamServer): void {
    this.server = server;
    server.on(INTERNAL_EVENT, (event) => this.receive(event));
    server.on(INTERNAL_REFRESH, (userId, boardIds, standing) => void this.applyReadable(userId, boardIds, standing));
    this.poller = setInterval(() => void this.poll(), this.config.realtimePollMs);
    this.poller.unref();
  }

  onApplicationShutdown(): void {
    if (this.poller) clearInterval(this.poller);
  }

  /**
   * Call after the event's transaction has committed. This node's sockets get it first; the
   * other nodes are told just after (encoding for Redis is not on the local path).
   */
  deliver(event: StoredEvent): void {
    this.receive(event);
    queueMicrotask(() => this.server?.serverSideEmit(INTERNAL_EVENT, event));
    for (const listener of this.listeners) listener(event);
  }

  /** Called with each event this node delivers (after commit), e.g. to make notifications soon. */
  onDelivered(listener: (event: StoredEvent) => void): void {
    this.listeners.push(listener);
  }

  /** A user's readable boards changed (joined a private board, lost access): every node updates their sockets. */
  refreshReadable(userId: string, boardIds: string[], standing?: Standing): void {
    void this.applyReadable(userId, boardIds, standing);
    this.server?.serverSideEmit(INTERNAL_REFRESH, userId, boardIds, standing);
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

  /** Starts the stream for a new socket: catch-up from `cursor`, then live events. */
  subscribe(socket: StreamSocket, communityIds: string[], cursor: Record<string, number>): Promise<void> {
    const done = communityIds.map((cid) => {
      const channel = this.channel(cid);
      channel.sockets.add(socket);
      return this.enqueue(channel, () => this.catchUp(channel, socket, cursor[cid]));
    });
    return Promise.all(done).then(() => undefined);
  }

  unsubscribe(socket: StreamSocket): void {
    for (const [cid, channel] of this.channels) {
      channel.sockets.delete(socket);
      if (channel.sockets.size === 0) this.channels.delete(cid);
    }
  }

  private channel(communityId: string): Channel {
    let channel = this.channels.get(communityId);
    if (!channel) {
      channel = { communityId, lastSeq: Number.NaN, sockets: new Set(), queue: Promise.resolve() };
      this.channels.set(communityId, channel);
      const created = channel;
      void this.enqueue(created, async () => {
        created.lastSeq = (await lastSeqs(this.db, [communityId])).get(communityId) ?? 0;
      });
    }
    return channel;
  }

  private enqueue(channel: Channel, work: () => Promise<void>): Promise<void> {
    const next = channel.queue.then(work).catch((err: unknown) => {
      this.logger.error({ err, communityId: channel.communityId }, 'realtime delivery step failed');
    });
    channel.queue = next;
    return next;
  }

  private receive(event: StoredEvent): void {
    const channel = this.channels.get(event.communityId);
    if (channel) void this.enqueue(channel, () => this.advance(channel, event));
  }

  /** Handles events up to `event` (or up to what the database has), in order, each once. */
  private async advance(channel: Channel, event?: StoredEvent): Promise<void> {
    if (event && event.seq <= channel.lastSeq) return;
    if (!event || event.seq > channel.lastSeq + 1) {
      const upTo = event ? event.seq - 1 : null;
      for (;;) {
        const missed = await eventsAfter(this.db, channel.communityId, channel.lastSeq, upTo, PAGE);
        for (const e of missed) this.sendToSockets(channel, e);
        if (missed.length < PAGE) break;
      }
    }
    if (event) this.sendToSockets(channel, event);
  }

  private sendToSockets(channel: Channel, event: StoredEvent): void {
    if (event.seq <= channel.lastSeq) return;
    channel.lastSeq = event.seq;
    const to: string[] = [];
    for (const socket of channel.sockets) {
      if (socket.data.ready.has(channel.communityId) && this.mayReceive(socket, event)) to.push(socket.id);
    }
    if (to.length > 0 && this.server) emitStored(this.server.local.to(to), event);
  }

  private mayReceive(socket: StreamSocket, event: StoredEvent): boolean {
    const { auth, readable, floor, roles } = socket.data;
    if (event.seq <= (floor.get(event.communityId) ?? -1)) return false;
    if (event.userId && event.userId !== auth.userId) return false;
    const standing = roles.get(event.communityId);
    if (event.audience === 'top3') return standing?.isTop3 === true;
    if (event.audience === 'staff') return standing?.role === 'staff';
    return !event.boardId || readable.has(event.boardId);
  }

  private async catchUp(channel: Channel, socket: StreamSocket, cursor: number | undefined): Promise<void> {
    if (!socket.connected) return;
    const cid = channel.communityId;
    if (cursor !== undefined) {
      socket.data.floor.set(cid, cursor);
      let after = cursor;
      while (after < channel.lastSeq) {
        const missed = await eventsAfter(this.db, cid, after, channel.lastSeq, PAGE);
        for (const e of missed) if (this.mayReceive(socket, e)) emitStored(socket, e);
        if (missed.length === 0) break;
        after = missed[missed.length - 1].seq;
      }
    }
    socket.data.floor.set(cid, Math.max(cursor ?? -1, channel.lastSeq));
    socket.data.ready.add(cid);
  }

  private async applyReadable(userId: string, boardIds: string[], standing?: Standing): Promise<void> {
    if (!this.server) return;
    const sockets = await this.server.local.in(Rooms.user(userId)).fetchSockets();
    for (const { data } of sockets) {
      data.readable = new Set(boardIds);
      if (standing) data.roles.set(standing.communityId, { role: standing.role, isTop3: standing.isTop3 });
    }
  }

  private async poll(): Promise<void> {
    if (this.channels.size === 0) return;
    try {
      const latest = await lastSeqs(this.db, [...this.channels.keys()]);
      for (const [cid, seq] of latest) {
        const channel = this.channels.get(cid);
        if (channel && seq > channel.lastSeq) void this.enqueue(channel, () => this.advance(channel));
      }
    } catch (err) {
      this.logger.warn({ err }, 'realtime poll failed; will try again');
    }
  }
}
