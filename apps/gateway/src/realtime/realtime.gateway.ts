import { Inject, Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import { ClientEvents, HandshakeRefusal, Rooms, ServerEvents } from '@p2p/contract';
import { AuthService } from '../auth/auth.service';
import { SESSION_COOKIE, cookieFrom } from '../auth/tokens';
import { BoardsService } from '../boards/boards.service';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { CommunitiesRepository } from '../communities/communities.repository';
import { FanoutService, StreamServer, StreamSocket } from '../platform/realtime/fanout.service';

const refuse = (refusal: HandshakeRefusal): Error => Object.assign(new Error(refusal.message), { data: refusal });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `cursor` maps community ids to the last sequence number seen; anything else is refused plainly. */
export function parseCursor(raw: unknown): Record<string, number> | null {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return null;
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > 50) return null;
  for (const [k, v] of entries) {
    if (!UUID.test(k) || typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) return null;
  }
  return Object.fromEntries(entries) as Record<string, number>;
}

/** Client events the gateway handles; any other gets an error ack instead of silence. */
export const CLIENT_EVENTS: ReadonlySet<string> = new Set<string>(Object.values(ClientEvents));

function answerUnknownEvents(packet: unknown[], next: (err?: Error) => void): void {
  const [event] = packet;
  if (typeof event === 'string' && CLIENT_EVENTS.has(event)) return next();
  const ack = packet[packet.length - 1];
  if (typeof ack === 'function') {
    (ack as (reply: unknown) => void)({
      ok: false,
      error: { statusCode: 404, message: `There is no event called "${String(event).slice(0, 60)}".` },
    });
  }
}

/**
 * The realtime edge: authenticates each handshake, puts the socket in its session and user rooms,
 * and hands it to the delivery stream for the communities it belongs to. Rules live in services;
 * every emit goes through FanoutService.
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(RealtimeGateway.name);

  constructor(
    private readonly auth: AuthService,
    private readonly boards: BoardsService,
    private readonly fanout: FanoutService,
    private readonly communities: CommunitiesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(server: StreamServer): void {
    this.fanout.attach(server);
    server.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (err: Error) => next(err),
      );
    });
  }

  private async authenticate(socket: StreamSocket): Promise<void> {
    const { auth, headers } = socket.handshake as {
      auth: Record<string, unknown>;
      headers: Record<string, string | undefined>;
    };
    const bearer = typeof auth?.token === 'string' ? auth.token : undefined;
    const cookie = cookieFrom(headers.cookie, SESSION_COOKIE);
    // A cookie rides along with any page the browser visits, so it only counts from our own pages.
    if (!bearer && cookie && !(headers.origin && this.config.allowedOrigins.includes(headers.origin))) {
      throw refuse({ code: 'origin-not-allowed', message: 'This page is not allowed to connect to the board.' });
    }
    const cursor = parseCursor(auth?.cursor);
    if (!cursor) {
      throw refuse({
        code: 'bad-handshake',
        message: 'The cursor should map community ids to the last sequence number you have seen.',
      });
    }
    const token = bearer ?? cookie;
    const context = token ? await this.auth.authenticate(token, bearer ? 'bearer' : 'cookie') : null;
    if (!context) {
      throw refuse({ code: 'unauthenticated', message: 'Please sign in again to see new posts as they arrive.' });
    }
    const memberships = await this.communities.currentMemberships(context.userId);
    if (memberships.length > 0 && memberships.every((m) => m.status === 'suspended')) {
      const until = memberships.map((m) => m.suspended_until!).sort((a, b) => b.getTime() - a.getTime())[0];
      throw refuse({
        code: 'suspended',
        message: 'Your place on the board is paused for now. The outreach team is still there for you.',
        suspendedUntil: until.toISOString(),
      });
    }
    socket.data = { auth: context, readable: new Set(), roles: new Map(), ready: new Set(), floor: new Map(), cursor };
  }

  async handleConnection(socket: StreamSocket): Promise<void> {
    const { auth, cursor } = socket.data;
    socket.use(answerUnknownEvents);
    try {
      const [boards, communities] = await Promise.all([
        this.boards.readableBoardIds(auth.userId),
        this.communities.activeStandings(auth.userId),
      ]);
      socket.data.readable = new Set(boards.map((b) => b.id));
      socket.data.roles = new Map(communities.map((c) => [c.community_id, { role: c.role, isTop3: c.is_top3 }]));
      await socket.join([Rooms.session(auth.sessionId), Rooms.user(auth.userId)]);
      // A sign-out that landed between the handshake and the join above would have missed us.
      if (!(await this.auth.isSessionLive(auth.sessionId))) {
        socket.disconnect(true);
        return;
      }
      const communityIds = communities.map((c) => c.community_id);
      await this.fanout.subscribe(socket, communityIds, cursor);
      socket.emit(ServerEvents.streamReady, {
        cursor: Object.fromEntries(communityIds.map((cid) => [cid, socket.data.floor.get(cid) ?? 0])),
      });
    } catch (err) {
      this.logger.error({ err, userId: auth.userId }, 'could not set up socket');
      socket.disconnect(true);
    }
  }

  handleDisconnect(socket: StreamSocket): void {
    this.fanout.unsubscribe(socket);
  }
}
