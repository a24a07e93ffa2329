import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { readableBoard } from './board-access.sql';
import { BoardDto } from './boards.dto';
import { newThreadsOn } from './thread-reads.sql';

const BOARD_COLUMNS = `b.id, b.community_id AS "communityId", b.kind, b.slug, b.name, b.description, b.top3_only AS "top3Only"`;

export interface InfoPageRow {
  id: string;
  slug: string;
  title: string;
  body: string;
  position: number;
  updated_at: Date;
}

/**
 * The SQL of boards, their participants and information pages. Every read for a reader goes
 * through the board-reading rule in the query (readableBoard): a board nobody may read is never
 * loaded. Methods that take an EntityManager run inside the caller's transaction.
 */
@Injectable()
export class BoardsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The community's boards the reader may read, with how many threads have something new for
   * them (recent ones, capped; none on info boards): community, private, then info, by name.
   */
  listReadable(communityId: string, userId: string): Promise<BoardDto[]> {
    return this.db.query<BoardDto[]>(
      `SELECT ${BOARD_COLUMNS}, CASE WHEN b.kind = 'info' THEN 0 ELSE ${newThreadsOn('b', '$2')} END AS "newThreads"
         FROM boards b
        WHERE b.community_id = $1 AND b.kind IN ('community', 'private', 'info') AND ${readableBoard('b', '$2')}
        ORDER BY CASE b.kind WHEN 'community' THEN 0 WHEN 'private' THEN 1 ELSE 2 END, b.name, b.id`,
      [communityId, userId],
    );
  }

  async readable(boardId: string, userId: string): Promise<BoardDto | undefined> {
    const [board] = await this.db.query<BoardDto[]>(
      `SELECT ${BOARD_COLUMNS} FROM boards b WHERE b.id = $1 AND ${readableBoard('b', '$2')}`,
      [boardId, userId],
    );
    return board;
  }

  /** A board just made by the caller (who may read it). */
  async board(boardId: string): Promise<BoardDto> {
    const [board] = await this.db.query<BoardDto[]>(`SELECT ${BOARD_COLUMNS} FROM boards b WHERE b.id = $1`, [boardId]);
    return board;
  }

  infoPages(boardId: string): Promise<InfoPageRow[]> {
    return this.db.query<InfoPageRow[]>(
      `SELECT id, slug, title, body, position, updated_at FROM info_pages WHERE board_id = $1 ORDER BY position, title, id`,
      [boardId],
    );
  }

  async insert(
    em: EntityManager,
    b: { communityId: string; kind: string; slug: string; name: string; description: string },
  ): Promise<string> {
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO boards (community_id, kind, slug, name, description) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [b.communityId, b.kind, b.slug, b.name, b.description],
    );
    return row.id;
  }

  async addParticipants(em: EntityManager, boardId: string, userIds: string[]): Promise<void> {
    for (const userId of userIds) {
      await em.query(`INSERT INTO board_participants (board_id, user_id) VALUES ($1, $2)`, [boardId, userId]);
    }
  }

  /** Takes everyone off the board; returns who was on it. */
  async removeParticipants(em: EntityManager, boardId: string): Promise<string[]> {
    const [removed] = await em.query<[{ user_id: string }[], number]>(
      `DELETE FROM board_participants WHERE board_id = $1 RETURNING user_id`,
      [boardId],
    );
    return removed.map((r) => r.user_id);
  }

  async putPage(
    boardId: string,
    slug: string,
    page: { title: string; body: string; position: number | null },
    userId: string,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO info_pages (board_id, slug, title, body, position, updated_by) VALUES ($1, $2, $3, $4, coalesce($5, 0), $6)
       ON CONFLICT (board_id, slug) DO UPDATE
         SET title = EXCLUDED.title, body = EXCLUDED.body, position = coalesce($5, info_pages.position),
             updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [boardId, slug, page.title, page.body, page.position, userId],
    );
  }

  /** False if there was no such page. */
  async deletePage(boardId: string, slug: string): Promise<boolean> {
    const [, count] = await this.db.query<[unknown, number]>(
      `DELETE FROM info_pages WHERE board_id = $1 AND slug = $2`,
      [boardId, slug],
    );
    return count > 0;
  }

  /** How many of these users are active members of the community. */
  async activeMemberCount(em: EntityManager, communityId: string, userIds: string[]): Promise<number> {
    const rows = await em.query<{ user_id: string }[]>(
      `SELECT user_id FROM memberships
        WHERE community_id = $1 AND user_id = ANY($2::uuid[]) AND role = 'member' AND status = 'active'`,
      [communityId, userIds],
    );
    return rows.length;
  }

  /** The community's board slugs that start with `prefix`. */
  async slugsLike(em: EntityManager, communityId: string, prefix: string): Promise<Set<string>> {
    const rows = await em.query<{ slug: string }[]>(
      `SELECT slug FROM boards WHERE community_id = $1 AND slug LIKE $2`,
      [communityId, `${prefix}%`],
    );
    return new Set(rows.map((r) => r.slug));
  }

  async activeMemberIds(communityId: string): Promise<string[]> {
    const rows = await this.db.query<{ user_id: string }[]>(
      `SELECT user_id FROM memberships WHERE community_id = $1 AND status = 'active'`,
      [communityId],
    );
    return rows.map((r) => r.user_id);
  }

  /** A user's standing in a community, for their sockets (Top 3 and staff events). */
  async standing(communityId: string, userId: string): Promise<{ role: string; is_top3: boolean } | undefined> {
    const [m] = await this.db.query<{ role: string; is_top3: boolean }[]>(
      `SELECT role, is_top3 FROM memberships WHERE community_id = $1 AND user_id = $2`,
      [communityId, userId],
    );
    return m;
  }

  /** Every board id a user may read now, across communities: the rooms their sockets join. */
  readableBoardIds(userId: string): Promise<{ id: string; communityId: string }[]> {
    return this.db.query<{ id: string; communityId: string }[]>(
      `SELECT b.id, b.community_id AS "communityId" FROM boards b
        WHERE b.community_id IN (SELECT community_id FROM memberships WHERE user_id = $1 AND status = 'active')
          AND ${readableBoard('b', '$1')}`,
      [userId],
    );
  }
}
