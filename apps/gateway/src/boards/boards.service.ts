import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ParticipantsView } from '@p2p/contract';
import { BoardKind, Permission, canCreateBoard, canManageParticipants } from '@p2p/moderation';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { CommunitiesService } from '../communities/communities.service';
import { readableBoard } from './board-access.sql';
import { newThreadsOn } from './thread-reads.sql';
import { renderPost } from '../platform/markdown';
import { FanoutService } from '../platform/realtime/fanout.service';
import { BoardDto, CreateBoardDto, InfoPageDto, PageInputDto } from './boards.dto';

const NOT_FOUND = "We couldn't find that board, or it isn't one you can read.";
const BOARD_COLUMNS = `b.id, b.community_id AS "communityId", b.kind, b.slug, b.name, b.description, b.top3_only AS "top3Only"`;

@Injectable()
export class BoardsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
    private readonly fanout: FanoutService,
  ) {}

  /** The boards of a community the caller may read; others are not even named. */
  async listReadable(auth: AuthContext, communityId: string): Promise<BoardDto[]> {
    await this.communities.authorize(auth, communityId, Permission.ListBoards);
    // newThreads: threads with something new for the caller (recent ones, capped; none on info boards).
    return await this.db.query<BoardDto[]>(
      `SELECT ${BOARD_COLUMNS}, CASE WHEN b.kind = 'info' THEN 0 ELSE ${newThreadsOn('b', '$2')} END AS "newThreads"
         FROM boards b
        WHERE b.community_id = $1 AND b.kind IN ('community', 'private', 'info') AND ${readableBoard('b', '$2')}
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
    const rows = await this.db.query<
      { id: string; slug: string; title: string; body: string; position: number; updated_at: Date }[]
    >(
      `SELECT id, slug, title, body, position, updated_at FROM info_pages WHERE board_id = $1 ORDER BY position, title, id`,
      [boardId],
    );
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      body: r.body,
      html: renderPost(r.body),
      position: r.position,
      updatedAt: r.updated_at.toISOString(),
    }));
  }

  /** Staff open community and info boards; the Top 3 any, including private ones with their participants. */
  async create(auth: AuthContext, communityId: string, input: CreateBoardDto): Promise<BoardDto> {
    const actor = await this.communities.authorize(auth, communityId, Permission.CreateBoard);
    if (!canCreateBoard(actor, input.kind as BoardKind)) {
      throw new ForbiddenException('Private boards are opened by the Top 3.');
    }
    if (input.kind !== 'private' && input.participantIds?.length) {
      throw new BadRequestException('Only private boards have a list of participants.');
    }
    const participants = input.kind === 'private' ? [...new Set([...(input.participantIds ?? []), auth.userId])] : [];
    const boardId = await this.db.transaction(async (em) => {
      await this.checkParticipants(em, communityId, participants);
      const slug = await this.freeSlug(em, communityId, input.name);
      const [row] = await em.query<{ id: string }[]>(
        `INSERT INTO boards (community_id, kind, slug, name, description) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [communityId, input.kind, slug, input.name.trim(), input.description ?? ''],
      );
      for (const userId of participants) {
        await em.query(`INSERT INTO board_participants (board_id, user_id) VALUES ($1, $2)`, [row.id, userId]);
      }
      return row.id;
    });
    await this.refreshReaders(communityId, input.kind === 'private' ? participants : null);
    const [board] = await this.db.query<BoardDto[]>(`SELECT ${BOARD_COLUMNS} FROM boards b WHERE b.id = $1`, [boardId]);
    return board;
  }

  /** The Top 3 set who is on a private board; sockets follow within a moment. */
  async setParticipants(auth: AuthContext, boardId: string, participantIds: string[]): Promise<ParticipantsView> {
    const board = await this.get(auth, boardId);
    const actor = await this.communities.actorFor(auth, board.communityId);
    if (board.kind !== 'private' || board.top3Only) {
      throw new BadRequestException(
        board.top3Only ? 'The Top 3 board follows the Top 3 seats.' : 'Only private boards have participants.',
      );
    }
    if (!canManageParticipants(actor)) throw new ForbiddenException('The Top 3 decide who is on a private board.');
    const wanted = [...new Set(participantIds)];
    const before = await this.db.transaction(async (em) => {
      await this.checkParticipants(em, board.communityId, wanted);
      const [removed] = await em.query<[{ user_id: string }[], number]>(
        `DELETE FROM board_participants WHERE board_id = $1 RETURNING user_id`,
        [boardId],
      );
      for (const userId of wanted) {
        await em.query(`INSERT INTO board_participants (board_id, user_id) VALUES ($1, $2)`, [boardId, userId]);
      }
      return removed.map((r) => r.user_id);
    });
    await this.refreshReaders(board.communityId, [...new Set([...before, ...wanted])]);
    return { participantIds: wanted };
  }

  async putPage(auth: AuthContext, boardId: string, slug: string, input: PageInputDto): Promise<InfoPageDto> {
    const board = await this.infoBoardForEditing(auth, boardId);
    await this.db.query(
      `INSERT INTO info_pages (board_id, slug, title, body, position, updated_by) VALUES ($1, $2, $3, $4, coalesce($5, 0), $6)
       ON CONFLICT (board_id, slug) DO UPDATE
         SET title = EXCLUDED.title, body = EXCLUDED.body, position = coalesce($5, info_pages.position),
             updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [board.id, slug, input.title.trim(), input.body, input.position ?? null, auth.userId],
    );
    const pages = await this.infoPages(auth, boardId);
    return pages.find((p) => p.slug === slug)!;
  }

  async deletePage(auth: AuthContext, boardId: string, slug: string): Promise<void> {
    const board = await this.infoBoardForEditing(auth, boardId);
    const [, count] = await this.db.query<[unknown, number]>(
      `DELETE FROM info_pages WHERE board_id = $1 AND slug = $2`,
      [board.id, slug],
    );
    if (count === 0) throw new NotFoundException('There is no page with that name on this board.');
  }

  private async infoBoardForEditing(auth: AuthContext, boardId: string): Promise<BoardDto> {
    const board = await this.get(auth, boardId);
    if (board.kind !== 'info') throw new BadRequestException('Only the information board has pages.');
    await this.communities.authorize(auth, board.communityId, Permission.EditInfoPages);
    return board;
  }

  /** Private-board participants are active members of the same community. */
  private async checkParticipants(em: EntityManager, communityId: string, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    const rows = await em.query<{ user_id: string }[]>(
      `SELECT user_id FROM memberships
        WHERE community_id = $1 AND user_id = ANY($2::uuid[]) AND role = 'member' AND status = 'active'`,
      [communityId, userIds],
    );
    if (rows.length !== userIds.length) {
      throw new BadRequestException('Everyone on a private board must be an active member of this community.');
    }
  }

  private async freeSlug(em: EntityManager, communityId: string, name: string): Promise<string> {
    const base =
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 34) || 'board';
    const padded = base.length < 2 ? `${base}-board` : base;
    const taken = new Set(
      (
        await em.query<{ slug: string }[]>(`SELECT slug FROM boards WHERE community_id = $1 AND slug LIKE $2`, [
          communityId,
          `${padded}%`,
        ])
      ).map((r) => r.slug),
    );
    for (let i = 1; ; i++) {
      const slug = i === 1 ? padded : `${padded}-${i}`;
      if (!taken.has(slug)) return slug;
    }
  }

  /** Tells open sockets of these users (or of everyone in the community) what they may read now. */
  private async refreshReaders(communityId: string, userIds: string[] | null): Promise<void> {
    const users =
      userIds ??
      (
        await this.db.query<{ user_id: string }[]>(
          `SELECT user_id FROM memberships WHERE community_id = $1 AND status = 'active'`,
          [communityId],
        )
      ).map((r) => r.user_id);
    for (const userId of users) await this.refreshAccess(userId, communityId);
  }

  /**
   * After anything that changes what a user may read or their standing (a grant, a seat, a place
   * on a private board): their open sockets on every node follow.
   */
  async refreshAccess(userId: string, communityId: string): Promise<void> {
    const boards = await this.readableBoardIds(userId);
    const [m] = await this.db.query<{ role: string; is_top3: boolean }[]>(
      `SELECT role, is_top3 FROM memberships WHERE community_id = $1 AND user_id = $2`,
      [communityId, userId],
    );
    this.fanout.refreshReadable(
      userId,
      boards.map((b) => b.id),
      m ? { communityId, role: m.role, isTop3: m.is_top3 } : undefined,
    );
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
