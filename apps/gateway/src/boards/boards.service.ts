import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Permission } from '@p2p/moderation';
import { DataSource } from 'typeorm';
import { AuthContext } from '../auth/auth.types';
import { CommunitiesService } from '../communities/communities.service';
import { readableBoard } from './board-access.sql';
import { BoardDto, InfoPageDto } from './boards.dto';

const NOT_FOUND = "We couldn't find that board, or it isn't one you can read.";
const BOARD_COLUMNS = `b.id, b.community_id AS "communityId", b.kind, b.slug, b.name, b.description, b.top3_only AS "top3Only"`;

@Injectable()
export class BoardsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
  ) {}

  /** The boards of a community the caller may read; others are not even named. */
  async listReadable(auth: AuthContext, communityId: string): Promise<BoardDto[]> {
    await this.communities.authorize(auth, communityId, Permission.ListBoards);
    return await this.db.query<BoardDto[]>(
      `SELECT ${BOARD_COLUMNS} FROM boards b
        WHERE b.community_id = $1 AND ${readableBoard('b', '$2')}
        ORDER BY CASE b.kind WHEN 'community' THEN 0 WHEN 'private' THEN 1 ELSE 2 END, b.name, b.id`,
      [communityId, auth.userId],
    );
  }

  async get(auth: AuthContext, boardId: string): Promise<BoardDto> {
    const [board] = await this.db.query<BoardDto[]>(
      `SELECT ${BOARD_COLUMNS} FROM boards b WHERE b.id = $1 AND ${readableBoard('b', '$2')}`,
      [boardId, auth.userId],
    );
    if (!board) throw new NotFoundException(NOT_FOUND);
    return board;
  }

  async infoPages(auth: AuthContext, boardId: string): Promise<InfoPageDto[]> {
    const board = await this.get(auth, boardId);
    if (board.kind !== 'info') throw new NotFoundException('This board has threads, not information pages.');
    const rows = await this.db.query<{ id: string; slug: string; title: string; body: string; updated_at: Date }[]>(
      `SELECT id, slug, title, body, updated_at FROM info_pages WHERE board_id = $1 ORDER BY position, title, id`,
      [boardId],
    );
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      body: r.body,
      updatedAt: r.updated_at.toISOString(),
    }));
  }

  /** Every board id a user may read now, across communities: the rooms their sockets join. */
  async readableBoardIds(userId: string): Promise<{ id: string; communityId: string }[]> {
    return await this.db.query<{ id: string; communityId: string }[]>(
      `SELECT b.id, b.community_id AS "communityId" FROM boards b
        WHERE b.community_id IN (SELECT community_id FROM memberships WHERE user_id = $1 AND status = 'active')
          AND ${readableBoard('b', '$1')}`,
      [userId],
    );
  }
}
