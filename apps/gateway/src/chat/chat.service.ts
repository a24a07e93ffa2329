import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChatMonitorsEvent, DirectRequestedEvent, PostView, RoomView } from '@p2p/contract';
import { Permission, can } from '@p2p/moderation';
import Redis from 'ioredis';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { BoardsService } from '../boards/boards.service';
import { Page, decodeCursor, toPage } from '../platform/http/pagination';
import { MemberLimit } from '../platform/http/member-limit';
import { CommunitiesService } from '../communities/communities.service';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { StoredEvent, nextSeq, recordEvent } from '../platform/realtime/event-log';
import { toReaderView } from '../entries/post-views';
import { PostsService } from '../posts/posts.service';
import { PostsRepository } from '../entries/posts.repository';
import { FanoutService } from '../platform/realtime/fanout.service';
import { REDIS } from '../platform/redis/redis';
import { ChatSendDto } from './chat.dto';
import { ChatRepository, RoomRow } from './chat.repository';

const ROOM_NOT_FOUND = "We couldn't find that chat, or it isn't one you can join.";
/** A direct conversation opens only while this many different Top 3 members monitor it. */
export const MONITORS_NEEDED = 2;

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
    private readonly chat: ChatRepository,
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
  ensureCommunityRoom(communityId: string): Promise<void> {
    return this.chat.ensureCommunityRoom(communityId);
  }

  async rooms(auth: AuthContext, communityId: string): Promise<{ items: RoomView[]; nextCursor: null }> {
    await this.communities.authorize(auth, communityId, Permission.ListBoards);
    await this.ensureCommunityRoom(communityId);
    const ids = await this.chat.readableRoomIds(communityId, auth.userId);
    return { items: await Promise.all(ids.map((id) => this.view(id))), nextCursor: null };
  }

  /**
   * Top 3: the direct conversations not yet ended, with who is in them and who monitors them, so a
   * request is not missed by someone who was offline when it was made. Names only, never messages;
   * the Top 3 check is in the query as well as before it.
   */
  async directConversations(auth: AuthContext, communityId: string): Promise<{ items: RoomView[]; nextCursor: null }> {
    await this.communities.authorize(auth, communityId, Permission.ReviewEntries);
    const ids = await this.chat.openDirectIdsForTop3(communityId, auth.userId);
    return { items: await Promise.all(ids.map((id) => this.view(id))), nextCursor: null };
  }

  async createRoom(auth: AuthContext, communityId: string, name: string): Promise<RoomView> {
    await this.communities.authorize(auth, communityId, Permission.CreateBoard);
    return this.view(await this.chat.insertRoom(communityId, name.trim()));
  }

  /** Newest first, a page at a time going back. */
  async history(auth: AuthContext, roomId: string, limit = 50, cursor?: string): Promise<Page<PostView>> {
    const room = await this.readableRoom(auth, roomId);
    if (!room.chat_thread_id) return { items: [], nextCursor: null };
    const before = decodeCursor(cursor, 1);
    const rows = await this.threads.chatHistory(room.chat_thread_id, before?.[0] ?? null, limit + 1);
    const page = toPage(rows, limit, (r) => [Number(r.event_seq)]);
    return { items: page.items.map(toReaderView), nextCursor: page.nextCursor };
  }

  /** A member asks to talk one-to-one; the Top 3 hear at once, and two of them must join. */
  async requestDirect(auth: AuthContext, communityId: string, withUserId: string): Promise<RoomView> {
    await this.communities.authorize(auth, communityId, Permission.WritePosts);
    if (!(await this.chat.directConversationsAllowed(communityId))) {
      throw new ForbiddenException(
        'This community has chosen to keep all its chat in the shared room, so direct conversations are off.',
      );
    }
    if (withUserId === auth.userId) throw new BadRequestException('A direct conversation needs someone else.');
    const otherName = await this.chat.activeMemberName(communityId, withUserId);
    if (otherName === undefined)
      throw new BadRequestException('You can talk one-to-one with another active member of this community.');
    const event = await this.db.transaction(async (em) => {
      const roomId = await this.chat.insertDirect(em, communityId, `${auth.displayName} and ${otherName}`, [
        auth.userId,
        withUserId,
      ]);
      const data: DirectRequestedEvent['data'] = {
        roomId,
        members: [
          { id: auth.userId, displayName: auth.displayName },
          { id: withUserId, displayName: otherName },
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
    await this.changeMonitors(room, (em) => this.chat.setMonitoring(em, roomId, auth.userId, joining));
    await this.boards.refreshAccess(auth.userId, room.community_id);
    return this.view(roomId);
  }

  /** A monitor ends the conversation; nothing more can be sent in it. */
  async end(auth: AuthContext, roomId: string): Promise<RoomView> {
    const room = await this.directRoom(auth, roomId);
    if (!(await this.chat.isMonitoring(roomId, auth.userId)))
      throw new ForbiddenException('Only a Top 3 member monitoring this conversation can end it.');
    await this.changeMonitors(room, (em) => this.chat.end(em, roomId));
    return this.view(roomId);
  }

  /** Checks the room, its rules and the rate, then sends like a post (returns the pending message). */
  async send(auth: AuthContext, input: ChatSendDto) {
    const room = await this.readableRoom(auth, input.roomId);
    await this.communities.authorize(auth, room.community_id, Permission.WritePosts);
    if (room.kind === 'direct') {
      if (room.ended_at)
        throw new ConflictException('This conversation has ended. The community chat room is always open.');
      if ((await this.chat.monitorCount(room.id)) < MONITORS_NEEDED) {
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
  async view(roomId: string, em?: EntityManager): Promise<RoomView> {
    const r = await this.chat.room(roomId, em);
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
      await this.chat.lock(em, room.id);
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
      const existing = await this.chat.lock(em, room.id);
      if (existing) return existing;
      const threadId = await this.threads.insertThread(em, {
        boardId: room.id,
        communityId: room.community_id,
        authorId: userId,
        title: room.name.slice(0, 200),
      });
      await this.chat.setThread(em, room.id, threadId);
      return threadId;
    });
  }

  private async readableRoom(auth: AuthContext, roomId: string): Promise<RoomRow> {
    const room = await this.chat.readableRoom(roomId, auth.userId);
    if (!room) throw new NotFoundException(ROOM_NOT_FOUND);
    return room;
  }

  /** A direct conversation of a community the caller belongs to (Top 3 may not read it before joining). */
  private async directRoom(auth: AuthContext, roomId: string): Promise<RoomRow> {
    const room = await this.chat.directRoomOfMember(roomId, auth.userId);
    if (!room) throw new NotFoundException(ROOM_NOT_FOUND);
    return room;
  }
}
