import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthorView } from '@p2p/contract';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { readableBoard } from '../boards/board-access.sql';

/** A chat room or a direct conversation (each is a board of its own kind). */
export interface RoomRow {
  id: string;
  community_id: string;
  kind: 'chat' | 'direct';
  name: string;
  chat_thread_id: string | null;
  ended_at: Date | null;
}

const ROOM_COLUMNS = `b.id, b.community_id, b.kind, b.name, b.chat_thread_id, b.ended_at`;

/**
 * The SQL of chat rooms and direct conversations: the rooms, who is in a direct conversation,
 * who monitors it. Who may see a room is part of each query. Messages are posts (entries/).
 * Methods that take an EntityManager run inside the caller's transaction.
 */
@Injectable()
export class ChatRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every community has its chat room; made the first time anyone looks for it. */
  async ensureCommunityRoom(communityId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO boards (community_id, kind, slug, name, description)
       VALUES ($1, 'chat', 'community-chat', 'Community chat', 'Live chat for everyone in the community.')
       ON CONFLICT (community_id, slug) DO NOTHING`,
      [communityId],
    );
  }

  /** The community's rooms and direct conversations the reader may read. */
  async readableRoomIds(communityId: string, userId: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT b.id FROM boards b WHERE b.community_id = $1 AND b.kind IN ('chat', 'direct') AND ${readableBoard('b', '$2')}
        ORDER BY b.kind, b.created_at`,
      [communityId, userId],
    );
    return rows.map((r) => r.id);
  }

  /** Direct conversations not yet ended, newest first, for an active Top 3 member only. */
  async openDirectIdsForTop3(communityId: string, userId: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT b.id FROM boards b
         JOIN memberships m ON m.community_id = b.community_id AND m.user_id = $2
                           AND m.role = 'member' AND m.status = 'active' AND m.is_top3
        WHERE b.community_id = $1 AND b.kind = 'direct' AND b.ended_at IS NULL
        ORDER BY b.created_at DESC LIMIT 100`,
      [communityId, userId],
    );
    return rows.map((r) => r.id);
  }

  async insertRoom(communityId: string, name: string): Promise<string> {
    const [row] = await this.db.query<{ id: string }[]>(
      `INSERT INTO boards (community_id, kind, slug, name) VALUES ($1, 'chat', $2, $3) RETURNING id`,
      [communityId, `chat-${randomBytes(4).toString('hex')}`, name],
    );
    return row.id;
  }

  async directConversationsAllowed(communityId: string): Promise<boolean> {
    const [c] = await this.db.query<{ direct_conversations: boolean }[]>(
      `SELECT direct_conversations FROM communities WHERE id = $1`,
      [communityId],
    );
    return c.direct_conversations;
  }

  /** The name of an active member of the community, if they are one. */
  async activeMemberName(communityId: string, userId: string): Promise<string | undefined> {
    const [other] = await this.db.query<{ display_name: string }[]>(
      `SELECT u.display_name FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.community_id = $1 AND m.user_id = $2 AND m.role = 'member' AND m.status = 'active'`,
      [communityId, userId],
    );
    return other?.display_name;
  }

  /** A new direct conversation with these two in it. */
  async insertDirect(em: EntityManager, communityId: string, name: string, userIds: string[]): Promise<string> {
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO boards (community_id, kind, slug, name) VALUES ($1, 'direct', $2, $3) RETURNING id`,
      [communityId, `direct-${randomBytes(6).toString('hex')}`, name],
    );
    for (const userId of userIds) {
      await em.query(`INSERT INTO board_participants (board_id, user_id) VALUES ($1, $2)`, [row.id, userId]);
    }
    return row.id;
  }

  async setMonitoring(em: EntityManager, roomId: string, userId: string, joining: boolean): Promise<void> {
    await (joining
      ? em.query(`INSERT INTO chat_monitors (board_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
          roomId,
          userId,
        ])
      : em.query(`DELETE FROM chat_monitors WHERE board_id = $1 AND user_id = $2`, [roomId, userId]));
  }

  async isMonitoring(roomId: string, userId: string): Promise<boolean> {
    const [monitoring] = await this.db.query<unknown[]>(
      `SELECT 1 FROM chat_monitors WHERE board_id = $1 AND user_id = $2`,
      [roomId, userId],
    );
    return Boolean(monitoring);
  }

  async monitorCount(roomId: string): Promise<number> {
    const [{ n }] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM chat_monitors WHERE board_id = $1`,
      [roomId],
    );
    return n;
  }

  async end(em: EntityManager, roomId: string): Promise<void> {
    await em.query(`UPDATE boards SET ended_at = now() WHERE id = $1`, [roomId]);
  }

  /** The room with its members and monitors; inside a transaction when given one. */
  async room(
    roomId: string,
    em: EntityManager | DataSource = this.db,
  ): Promise<RoomRow & { members: AuthorView[]; monitors: AuthorView[] }> {
    const [r] = await em.query<(RoomRow & { members: AuthorView[]; monitors: AuthorView[] })[]>(
      `SELECT ${ROOM_COLUMNS},
              coalesce((SELECT json_agg(json_build_object('id', u.id, 'displayName', u.display_name) ORDER BY u.display_name)
                          FROM board_participants p JOIN users u ON u.id = p.user_id WHERE p.board_id = b.id), '[]') AS members,
              coalesce((SELECT json_agg(json_build_object('id', u.id, 'displayName', u.display_name) ORDER BY m.joined_at)
                          FROM chat_monitors m JOIN users u ON u.id = m.user_id WHERE m.board_id = b.id), '[]') AS monitors
         FROM boards b WHERE b.id = $1`,
      [roomId],
    );
    return r;
  }

  /** Locks the room; its running thread, if it has one yet. */
  async lock(em: EntityManager, roomId: string): Promise<string | null> {
    const [locked] = await em.query<{ chat_thread_id: string | null }[]>(
      `SELECT chat_thread_id FROM boards WHERE id = $1 FOR UPDATE`,
      [roomId],
    );
    return locked.chat_thread_id;
  }

  async setThread(em: EntityManager, roomId: string, threadId: string): Promise<void> {
    await em.query(`UPDATE boards SET chat_thread_id = $2 WHERE id = $1`, [roomId, threadId]);
  }

  /** A room or direct conversation the reader may read. */
  async readableRoom(roomId: string, userId: string): Promise<RoomRow | undefined> {
    const [room] = await this.db.query<RoomRow[]>(
      `SELECT ${ROOM_COLUMNS} FROM boards b
        WHERE b.id = $1 AND b.kind IN ('chat', 'direct') AND ${readableBoard('b', '$2')}`,
      [roomId, userId],
    );
    return room;
  }

  /** A direct conversation of a community the caller is an active member of (read or not). */
  async directRoomOfMember(roomId: string, userId: string): Promise<RoomRow | undefined> {
    const [room] = await this.db.query<RoomRow[]>(
      `SELECT ${ROOM_COLUMNS} FROM boards b
        JOIN memberships m ON m.community_id = b.community_id AND m.user_id = $2 AND m.role = 'member' AND m.status = 'active'
        WHERE b.id = $1 AND b.kind = 'direct'`,
      [roomId, userId],
    );
    return room;
  }
}
