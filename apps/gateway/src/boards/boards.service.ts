import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ParticipantsView } from '@p2p/contract';
import { BoardKind, Permission, canCreateBoard, canManageParticipants } from '@p2p/moderation';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { CommunitiesService } from '../communities/communities.service';
import { renderPost } from '../platform/markdown';
import { FanoutService } from '../platform/realtime/fanout.service';
import { BoardDto, CreateBoardDto, InfoPageDto, PageInputDto } from './boards.dto';
import { BoardsRepository } from './boards.repository';

const NOT_FOUND = "We couldn't find that board, or it isn't one you can read.";

@Injectable()
export class BoardsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
    private readonly fanout: FanoutService,
    private readonly boards: BoardsRepository,
  ) {}

  /** The boards of a community the caller may read; others are not even named. */
  async listReadable(auth: AuthContext, communityId: string): Promise<BoardDto[]> {
    await this.communities.authorize(auth, communityId, Permission.ListBoards);
    return this.boards.listReadable(communityId, auth.userId);
  }

  async get(auth: AuthContext, boardId: string): Promise<BoardDto> {
    const board = await this.boards.readable(boardId, auth.userId);
    if (!board) throw new NotFoundException(NOT_FOUND);
    return board;
  }

  async infoPages(auth: AuthContext, boardId: string): Promise<InfoPageDto[]> {
    const board = await this.get(auth, boardId);
    if (board.kind !== 'info') throw new NotFoundException('This board has threads, not information pages.');
    const rows = await this.boards.infoPages(boardId);
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
      const id = await this.boards.insert(em, {
        communityId,
        kind: input.kind,
        slug,
        name: input.name.trim(),
        description: input.description ?? '',
      });
      await this.boards.addParticipants(em, id, participants);
      return id;
    });
    await this.refreshReaders(communityId, input.kind === 'private' ? participants : null);
    return this.boards.board(boardId);
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
      const removed = await this.boards.removeParticipants(em, boardId);
      await this.boards.addParticipants(em, boardId, wanted);
      return removed;
    });
    await this.refreshReaders(board.communityId, [...new Set([...before, ...wanted])]);
    return { participantIds: wanted };
  }

  async putPage(auth: AuthContext, boardId: string, slug: string, input: PageInputDto): Promise<InfoPageDto> {
    const board = await this.infoBoardForEditing(auth, boardId);
    await this.boards.putPage(
      board.id,
      slug,
      { title: input.title.trim(), body: input.body, position: input.position ?? null },
      auth.userId,
    );
    const pages = await this.infoPages(auth, boardId);
    return pages.find((p) => p.slug === slug)!;
  }

  async deletePage(auth: AuthContext, boardId: string, slug: string): Promise<void> {
    const board = await this.infoBoardForEditing(auth, boardId);
    if (!(await this.boards.deletePage(board.id, slug)))
      throw new NotFoundException('There is no page with that name on this board.');
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
    if ((await this.boards.activeMemberCount(em, communityId, userIds)) !== userIds.length) {
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
    const taken = await this.boards.slugsLike(em, communityId, padded);
    for (let i = 1; ; i++) {
      const slug = i === 1 ? padded : `${padded}-${i}`;
      if (!taken.has(slug)) return slug;
    }
  }

  /** Tells open sockets of these users (or of everyone in the community) what they may read now. */
  private async refreshReaders(communityId: string, userIds: string[] | null): Promise<void> {
    const users = userIds ?? (await this.boards.activeMemberIds(communityId));
    for (const userId of users) await this.refreshAccess(userId, communityId);
  }

  /**
   * After anything that changes what a user may read or their standing (a grant, a seat, a place
   * on a private board): their open sockets on every node follow.
   */
  async refreshAccess(userId: string, communityId: string): Promise<void> {
    const boards = await this.readableBoardIds(userId);
    const m = await this.boards.standing(communityId, userId);
    this.fanout.refreshReadable(
      userId,
      boards.map((b) => b.id),
      m ? { communityId, role: m.role, isTop3: m.is_top3 } : undefined,
    );
  }

  /** Every board id a user may read now, across communities: the rooms their sockets join. */
  readableBoardIds(userId: string): Promise<{ id: string; communityId: string }[]> {
    return this.boards.readableBoardIds(userId);
  }
}
