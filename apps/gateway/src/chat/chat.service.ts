import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthorView, ChatMonitorsEvent, DirectRequestedEvent, PostView, RoomView } from '@p2p/contract';
import { Permission, can } from '@p2p/moderation';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { readableBoard } from '../boards/board-access.sql';
import { BoardsService } from '../boards/boards.service';
import { Page, decodeCursor, toPage } from '../platform/http/pagination';
import { MemberLimit } from '../platform/http/member-limit';
import { CommunitiesService } from '../communities/communities.service';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { StoredEvent, nextSeq, recordEvent } from '../platform/realtime/event-log';
import { POST_COLUMNS, POST_FROM, PostRow, toReaderView } from '../entries/post-views';
import { PostsService } from '../posts/posts.service';
import { PostsRepository } from '../entries/posts.repository';
import { FanoutService } from '../platform/realtime/fanout.service';
import { REDIS } from '../platform/redis/redis';
import { ChatSendDto } from './chat.dto';

const ROOM_NOT_FOUND = "We couldn't find that chat, or it isn't one you can join.";
/** A direct conversation opens only while this many different Top 3 members monitor it. */
export const MONITORS_NEEDED = 2;

interface RoomRow {
  id: string;
  community_id: string;
  kind: 'chat' | 'direct';
  name: string;
  chat_thread_id: string | null;
  ended_at: Date | null;
}

/**
 * Live chat: the community room and any others, and direct conversations under P2P's risk
 * protocol (open only while two Top 3 members monitor them). Messages are posts in the room's
 * running thread, so the guidelines, the chat delay, review, the log and the stream all apply.
 */
@Injectable()
export class ChatService {
  private readonly perMinute: MemberLimit;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
    private readonly boards: BoardsService,
    private readonly posts: PostsService,
    private readonly fanout: FanoutService,
    private readonly threads: PostsRepository,
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.perMinute = new MemberLimit(
      redis,
      `${config.redisPrefix}:chat:minute`,
      config.chatPerMinute,
      60,
      () => 'You are sending a lot of messages quickly. Take a breath; you can send again in a moment.',
    );
  }

  /** Every community has its chat room; made the first time anyone looks for it. */
  async ensureCommunityRoom(communityId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO boards (community_id, kind, slug, name, description)
       VALUES ($1, 'chat', 'community-chat', 'Community chat', 'Live chat for everyone in the community.')
       ON CONFLICT (community_id, slug) DO NOTHING`,
      [communityId],
    );
  }

  async rooms(auth: AuthContext, communityId: string): Promise<{ items: RoomView[]; nextCursor: null }> {
    await this.communities.authorize(auth, communityId, Permission.ListBoards);
    await this.ensureCommunityRoom(communityId);
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT b.id FROM boards b WHERE b.community_id = $1 AND b.kind IN ('chat', 'direct') AND ${readableBoard('b', '$2')}
        ORDER BY b.kind, b.created_at`,
      [communityId, auth.userId],
    );
    return { items: await Promise.all(rows.map((r) => this.view(r.id))), nextCursor: null };
  }

  /**
   * Top 3: the direct conversations not yet ended, with who is in them and who monitors them, so a
   * request is not missed by someone who was offline when it was made. Names only, never messages;
   * the Top 3 check is in the query as well as before it.
   */
  async directConversations(auth: AuthContext, communityId: string): Promise<{ items: RoomView[]; nextCursor: null }> {
    await this.communities.authorize(auth, communityId, Permission.ReviewEntries);
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT b.id FROM boards b
         JOIN memberships m ON m.community_id = b.community_id AND m.user_id = $2
                           AND m.role = 'member' AND m.status = 'active' AND m.is_top3
        WHERE b.community_id = $1 AND b.kind = 'direct' AND b.ended_at IS NULL
        ORDER BY b.created_at DESC LIMIT 100`,
      [communityId, auth.userId],
    );
    return { items: await Promise.all(rows.map((r) => this.view(r.id))), nextCursor: null };
  }

  async createRoom(auth: AuthContext, communityId: string, name: string): Promise<RoomView> {
    await this.communities.authorize(auth, communityId, Permission.CreateBoard);
    const [row] = await this.db.query<{ id: string }[]>(
      `INSERT INTO boards (community_id, kind, slug, name) VALUES ($1, 'chat', $2, $3) RETURNING id`,
      [communityId, `chat-${randomBytes(4).toString('hex')}`, name.trim()],
    );
    return this.view(row.id);
  }

  /** Newest first, a page at a time going back. */
  async history(auth: AuthContext, roomId: string, limit = 50, cursor?: string): Promise<Page<PostView>> {
    const room = await this.readableRoom(auth, roomId);
    if (!room.chat_thread_id) return { items: [], nextCursor: null };
    const before = decodeCursor(cursor, 1);
    const rows = await this.db.query<PostRow[]>(
      `SELECT ${POST_COLUMNS} FROM ${POST_FROM}
        WHERE p.thread_id = $1 AND p.event_seq IS NOT NULL AND p.status IN ('published', 'hidden', 'removed')
          AND ($2::bigint IS NULL OR p.event_seq < $2)
        ORDER BY p.event_seq DESC LIMIT $3`,
      [room.chat_thread_id, before?.[0] ?? null, limit + 1],
    );
    const page = toPage(rows, limit, (r) => [Number(r.event_seq)]);
    return { items: page.items.map(toReaderView), nextCursor: page.nextCursor };
  }

  /** A member asks to talk one-to-one; the Top 3 hear at once, and two of them must join. */
  async requestDirect(auth: AuthContext, communityId: string, withUserId: string): Promise<RoomView> {
    await this.communities.authorize(auth, communityId, Permission.WritePosts);
    const [c] = await this.db.query<{ direct_conversations: boolean }[]>(
      `SELECT direct_conversations FROM communities WHERE id = $1`,
      [communityId],
    );
    if (!c.direct_conversations) {
      throw new ForbiddenException(
        'This community has chosen to keep all its chat in the shared room, so direct conversations are off.',
      );
    }
    if (withUserId === auth.userId) throw new BadRequestException('A direct conversation needs someone else.');
    const [other] = await this.db.query<{ display_name: string }[]>(
      `SELECT u.display_name FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.community_id = $1 AND m.user_id = $2 AND m.role = 'member' AND m.status = 'active'`,
      [communityId, withUserId],
    );
    if (!other) throw new BadRequestException('You can talk one-to-one with another active member of this community.');
    const event = await this.db.transaction(async (em) => {
      const [row] = await em.query<{ id: string }[]>(
        `INSERT INTO boards (community_id, kind, slug, name) VALUES ($1, 'direct', $2, $3) RETURNING id`,
        [communityId, `direct-${randomBytes(6).toString('hex')}`, `${auth.displayName} and ${other.display_name}`],
      );
      for (const userId of [auth.userId, withUserId]) {
        await em.query(`INSERT INTO board_participants (board_id, user_id) VALUES ($1, $2)`, [row.id, userId]);
      }
      const data: DirectRequestedEvent['data'] = {
        roomId: row.id,
        members: [
          { id: auth.userId, displayName: auth.displayName },
          { id: withUserId, displayName: other.display_name },
        ],
      };
      return recordEvent(em, await nextSeq(em, communityId), {
        communityId,
        type: 'chat.direct-requested',
        audience: 'top3',
        data,
      });
    });
    this.fanout.deliver(event);
    const roomId = (event.payload.data as DirectRequestedEvent['data']).roomId;
    for (const userId of [auth.userId, withUserId]) await this.boards.refreshAccess(userId, communityId);
    return this.view(roomId);
  }

  /** A Top 3 member joins as a monitor; with the second one the conversation opens. */
  async monitor(auth: AuthContext, roomId: string, joining: boolean): Promise<RoomView> {
    const room = await this.directRoom(auth, roomId);
    const actor = await this.communities.actorFor(auth, room.community_id);
    if (!can(actor, Permission.ReviewEntries))
      throw new ForbiddenException('Direct conversations are monitored by the Top 3.');
    if (room.ended_at && joining) throw new ConflictException('This conversation has ended.');
    await this.changeMonitors(room, (em) =>
      joining
        ? em.query(`INSERT INTO chat_monitors (board_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
            roomId,
            auth.userId,
          ])
        : em.query(`DELETE FROM chat_monitors WHERE board_id = $1 AND user_id = $2`, [roomId, auth.userId]),
    );
    await this.boards.refreshAccess(auth.userId, room.community_id);
    return this.view(roomId);
  }

  /** A monitor ends the conversation; nothing more can be sent in it. */
  async end(auth: AuthContext, roomId: string): Promise<RoomView> {
    const room = await this.directRoom(auth, roomId);
    const [monitoring] = await this.db.query<unknown[]>(
      `SELECT 1 FROM chat_monitors WHERE board_id = $1 AND user_id = $2`,
      [roomId, auth.userId],
    );
    if (!monitoring) throw new ForbiddenException('Only a Top 3 member monitoring this conversation can end it.');
    await this.changeMonitors(room, (em) => em.query(`UPDATE boards SET ended_at = now() WHERE id = $1`, [roomId]));
    return this.view(roomId);
  }

  /** Checks the room, its rules and the rate, then sends like a post (returns the pending message). */
  async send(auth: AuthContext, input: ChatSendDto) {
    const room = await this.readableRoom(auth, input.roomId);
    await this.communities.authorize(auth, room.community_id, Permission.WritePosts);
    if (room.kind === 'direct') {
      if (room.ended_at)
        throw new ConflictException('This conversation has ended. The community chat room is always open.');
      const [{ n }] = await this.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM chat_monitors WHERE board_id = $1`,
        [room.id],
      );
      if (n < MONITORS_NEEDED) {
        throw new ConflictException(
          'This conversation is paused until two Top 3 members are with you. Your words are not lost: send them again once it opens, or share them in the community room.',
        );
      }
    }
    await this.perMinute.consume(auth.userId);
    const threadId = room.chat_thread_id ?? (await this.ensureThread(room, auth.userId));
    return this.posts.submitChatMessage(
      auth,
      { boardId: room.id, communityId: room.community_id, threadId },
      input.body,
      input.guidelinesAcknowledged ?? false,
      input.idempotencyKey,
    );
  }

  /** For joining a room's presence: the room, if the caller may read it. */
  async joinable(auth: AuthContext, roomId: string): Promise<RoomView> {
    await this.readableRoom(auth, roomId);
    return this.view(roomId);
  }

  /** The room with its members and monitors; inside a transaction when given one. */
  async view(roomId: string, em: EntityManager | DataSource = this.db): Promise<RoomView> {
    const [r] = await em.query<(RoomRow & { members: AuthorView[]; monitors: AuthorView[] })[]>(
      `SELECT b.id, b.community_id, b.kind, b.name, b.chat_thread_id, b.ended_at,
              coalesce((SELECT json_agg(json_build_object('id', u.id, 'displayName', u.display_name) ORDER BY u.display_name)
                          FROM board_participants p JOIN users u ON u.id = p.user_id WHERE p.board_id = b.id), '[]') AS members,
              coalesce((SELECT json_agg(json_build_object('id', u.id, 'displayName', u.display_name) ORDER BY m.joined_at)
                          FROM chat_monitors m JOIN users u ON u.id = m.user_id WHERE m.board_id = b.id), '[]') AS monitors
         FROM boards b WHERE b.id = $1`,
      [roomId],
    );
    const direct = r.kind === 'direct';
    return {
      id: r.id,
      communityId: r.community_id,
      kind: r.kind,
      name: r.name,
      members: r.members,
      monitors: r.monitors,
      open: !r.ended_at && (!direct || r.monitors.length >= MONITORS_NEEDED),
      ended: r.ended_at !== null,
    };
  }

  /**
   * Changes who monitors a room and says so: to the room's readers (its members and monitors), and
   * to the whole Top 3, so those not in it yet see that a request has been taken up or still waits.
   */
  private async changeMonitors(room: RoomRow, change: (em: EntityManager) => Promise<unknown>): Promise<void> {
    const events: StoredEvent[] = await this.db.transaction(async (em) => {
      await em.query(`SELECT id FROM boards WHERE id = $1 FOR UPDATE`, [room.id]);
      await change(em);
      const view = await this.view(room.id, em);
      const data: ChatMonitorsEvent['data'] = {
        roomId: room.id,
        monitors: view.monitors,
        open: view.open,
        ended: view.ended,
      };
      const toReaders = await recordEvent(em, await nextSeq(em, room.community_id), {
        communityId: room.community_id,
        type: 'chat.monitors',
        boardId: room.id,
        data,
      });
      const toTop3 = await recordEvent(em, await nextSeq(em, room.community_id), {
        communityId: room.community_id,
        type: 'chat.monitors',
        audience: 'top3',
        data,
      });
      return [toReaders, toTop3];
    });
    events.forEach((e) => this.fanout.deliver(e));
  }

  /** The room's running thread, made with its first message. */
  private async ensureThread(room: RoomRow, userId: string): Promise<string> {
    return this.db.transaction(async (em) => {
      const [locked] = await em.query<{ chat_thread_id: string | null }[]>(
        `SELECT chat_thread_id FROM boards WHERE id = $1 FOR UPDATE`,
        [room.id],
      );
      if (locked.chat_thread_id) return locked.chat_thread_id;
      const threadId = await this.threads.insertThread(em, {
        boardId: room.id,
        communityId: room.community_id,
        authorId: userId,
        title: room.name.slice(0, 200),
      });
      await em.query(`UPDATE boards SET chat_thread_id = $2 WHERE id = $1`, [room.id, threadId]);
      return threadId;
    });
  }

  private async readableRoom(auth: AuthContext, roomId: string): Promise<RoomRow> {
    const [room] = await this.db.query<RoomRow[]>(
      `SELECT b.id, b.community_id, b.kind, b.name, b.chat_thread_id, b.ended_at FROM boards b
        WHERE b.id = $1 AND b.kind IN ('chat', 'direct') AND ${readableBoard('b', '$2')}`,
      [roomId, auth.userId],
    );
    if (!room) throw new NotFoundException(ROOM_NOT_FOUND);
    return room;
  }

  /** A direct conversation of a community the caller belongs to (Top 3 may not read it before joining). */
  private async directRoom(auth: AuthContext, roomId: string): Promise<RoomRow> {
    const [room] = await this.db.query<RoomRow[]>(
      `SELECT b.id, b.community_id, b.kind, b.name, b.chat_thread_id, b.ended_at FROM boards b
        JOIN memberships m ON m.community_id = b.community_id AND m.user_id = $2 AND m.role = 'member' AND m.status = 'active'
        WHERE b.id = $1 AND b.kind = 'direct'`,
      [roomId, auth.userId],
    );
    if (!room) throw new NotFoundException(ROOM_NOT_FOUND);
    return room;
  }
}
