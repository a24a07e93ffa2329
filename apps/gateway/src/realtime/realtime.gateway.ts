import { Inject, Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import { HandshakeRefusal, Rooms, ServerToClientEvents } from '@p2p/contract';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Server, Socket } from 'socket.io';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { AuthContext } from '../auth/auth.types';
import { SESSION_COOKIE, cookieFrom } from '../auth/tokens';
import { BoardsService } from '../boards/boards.service';
import { APP_CONFIG, AppConfig } from '../config/config';
import { RealtimeHub } from './realtime-hub';

type BoardSocket = Socket<Record<string, never>, ServerToClientEvents, Record<string, never>, { auth: AuthContext }>;

const refuse = (refusal: HandshakeRefusal): Error => Object.assign(new Error(refusal.message), { data: refusal });

/**
 * The realtime edge: authenticates each handshake, joins the socket to the rooms its user may
 * read, and nothing else. Rules live in services; emits go through RealtimeHub.
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(RealtimeGateway.name);

  constructor(
    private readonly auth: AuthService,
    private readonly boards: BoardsService,
    private readonly hub: RealtimeHub,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(server: Server): void {
    this.hub.attach(server);
    server.use((socket, next) => {
      this.authenticate(socket as BoardSocket).then(
        () => next(),
        (err: Error) => next(err),
      );
    });
  }

  private async authenticate(socket: BoardSocket): Promise<void> {
    const { auth, headers } = socket.handshake;
    const bearer = typeof auth?.token === 'string' ? auth.token : undefined;
    const cookie = cookieFrom(headers.cookie, SESSION_COOKIE);
    // A cookie rides along with any page the browser visits, so it only counts from our own pages.
    if (!bearer && cookie && !(headers.origin && this.config.allowedOrigins.includes(headers.origin))) {
      throw refuse({ code: 'origin-not-allowed', message: 'This page is not allowed to connect to the board.' });
    }
    const token = bearer ?? cookie;
    const context = token ? await this.auth.authenticate(token, bearer ? 'bearer' : 'cookie') : null;
    if (!context) {
      throw refuse({ code: 'unauthenticated', message: 'Please sign in again to see new posts as they arrive.' });
    }
    const memberships = await this.db.query<{ status: string; suspended_until: Date | null }[]>(
      `SELECT status, suspended_until FROM memberships WHERE user_id = $1 AND status <> 'left'`,
      [context.userId],
    );
    if (memberships.length > 0 && memberships.every((m) => m.status === 'suspended')) {
      const until = memberships.map((m) => m.suspended_until!).sort((a, b) => b.getTime() - a.getTime())[0];
      throw refuse({
        code: 'suspended',
        message: 'Your place on the board is paused for now. The outreach team is still there for you.',
        suspendedUntil: until.toISOString(),
      });
    }
    socket.data.auth = context;
  }

  async handleConnection(socket: BoardSocket): Promise<void> {
    const { auth } = socket.data;
    try {
      const boards = await this.boards.readableBoardIds(auth.userId);
      const communities = new Set(boards.map((b) => b.communityId));
      await socket.join([
        Rooms.session(auth.sessionId),
        Rooms.user(auth.userId),
        ...[...communities].map(Rooms.community),
        ...boards.map((b) => Rooms.board(b.id)),
      ]);
      // A sign-out that landed between the handshake and the joins above would have missed us.
      if (!(await this.auth.isSessionLive(auth.sessionId))) socket.disconnect(true);
    } catch (err) {
      this.logger.error({ err, userId: auth.userId }, 'could not set up socket');
      socket.disconnect(true);
    }
  }
}
