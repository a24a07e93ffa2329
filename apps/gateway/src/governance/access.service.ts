import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessRequestView, AskableBoardView } from '@p2p/contract';
import { Permission, can } from '@p2p/moderation';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { BoardsService } from '../boards/boards.service';
import { CommunitiesService } from '../communities/communities.service';
import { ModerationLog } from '../moderation/moderation-log.repository';
import { AccessRepository, AccessRequestRow } from './access.repository';
import { AccessRequestDto } from './governance.dto';

/** Two different Top 3 members must approve before a grant opens. */
export const APPROVALS_NEEDED = 2;

/**
 * Staff access by consent: staff ask for one community board, for a reason and a length of
 * time; two Top 3 approvals open it; it ends by itself. Private boards can never be asked for.
 */
@Injectable()
export class AccessService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
    private readonly boards: BoardsService,
    private readonly log: ModerationLog,
    private readonly requests: AccessRepository,
  ) {}

  async request(auth: AuthContext, communityId: string, input: AccessRequestDto): Promise<AccessRequestView> {
    await this.communities.authorize(auth, communityId, Permission.RequestBoardAccess);
    // Private boards are not named, counted or confirmed to staff: asking for one reads as "not found".
    const kind = await this.requests.nonPrivateBoardKind(communityId, input.boardId);
    if (kind === undefined) throw new NotFoundException("We couldn't find that board.");
    if (kind !== 'community') throw new BadRequestException('Staff can already read the information board.');
    const id = await this.db.transaction(async (em) => {
      const requestId = await this.requests.insert(em, {
        communityId,
        boardId: input.boardId,
        staffId: auth.userId,
        reason: input.reason,
        minutes: input.minutes,
      });
      await this.log.append(em, {
        communityId,
        actorId: auth.userId,
        action: 'access-request',
        boardId: input.boardId,
        reason: input.reason,
        details: { requestId, minutes: input.minutes, step: 'requested' },
        forMeeting: true,
      });
      return requestId;
    });
    return this.load(id);
  }

  /**
   * The boards staff may ask for: the community's own boards, by name only. Private boards are not
   * in the query at all, and nothing of a board's content is read.
   */
  async askable(auth: AuthContext, communityId: string): Promise<{ items: AskableBoardView[]; nextCursor: null }> {
    await this.communities.authorize(auth, communityId, Permission.RequestBoardAccess);
    const items = await this.requests.askableBoards(communityId);
    return { items, nextCursor: null };
  }

  /** Top 3 see every request; staff see their own. */
  async list(auth: AuthContext, communityId: string): Promise<{ items: AccessRequestView[]; nextCursor: null }> {
    const actor = await this.communities.authorize(auth, communityId, Permission.ReadModerationLog);
    const everyone = can(actor, Permission.ApproveBoardAccess);
    const ids = await this.requests.visibleIds(communityId, everyone, auth.userId);
    return { items: await Promise.all(ids.map((id) => this.load(id))), nextCursor: null };
  }

  async approve(auth: AuthContext, requestId: string): Promise<AccessRequestView> {
    const req = await this.requestFor(auth, requestId);
    await this.communities.authorize(auth, req.community_id, Permission.ApproveBoardAccess);
    let granted = false;
    await this.db.transaction(async (em) => {
      const status = await this.requests.lockForChange(em, requestId);
      if (status !== 'waiting') throw new ConflictException(`This request is already ${status}.`);
      if (!(await this.requests.addApproval(em, requestId, auth.userId)))
        throw new ConflictException('You have already approved this; it needs a second Top 3 member.');
      const n = await this.requests.approvalCount(em, requestId);
      granted = n >= APPROVALS_NEEDED;
      if (granted) await this.requests.grant(em, requestId);
      await this.log.append(em, {
        communityId: req.community_id,
        actorId: auth.userId,
        action: granted ? 'access-grant' : 'access-request',
        boardId: req.board_id,
        reason: req.reason,
        details: { requestId, approvals: n, step: granted ? 'granted' : 'approved' },
        forMeeting: granted,
      });
    });
    if (granted) await this.boards.refreshAccess(req.staff_id, req.community_id);
    return this.load(requestId);
  }

  async refuse(auth: AuthContext, requestId: string): Promise<AccessRequestView> {
    const req = await this.requestFor(auth, requestId);
    await this.communities.authorize(auth, req.community_id, Permission.ApproveBoardAccess);
    await this.db.transaction(async (em) => {
      if (!(await this.requests.refuse(em, requestId)))
        throw new ConflictException('Only a waiting request can be refused.');
      await this.log.append(em, {
        communityId: req.community_id,
        actorId: auth.userId,
        action: 'access-request',
        boardId: req.board_id,
        details: { requestId, step: 'refused' },
      });
    });
    return this.load(requestId);
  }

  /** Grants whose time is up are recorded as ended, and the staff member's sockets follow. */
  async expireDue(now: Date): Promise<number> {
    const ended = await this.db.transaction(async (em: EntityManager) => {
      const rows = await this.requests.expireDue(em, now);
      for (const r of rows) {
        await this.log.append(em, {
          communityId: r.community_id,
          actorId: null,
          action: 'access-grant',
          boardId: r.board_id,
          details: { requestId: r.id, step: 'expired' },
        });
      }
      return rows;
    });
    for (const r of ended) await this.boards.refreshAccess(r.staff_id, r.community_id);
    return ended.length;
  }

  private async requestFor(auth: AuthContext, requestId: string): Promise<AccessRequestRow> {
    const req = await this.requests.forMember(requestId, auth.userId);
    if (!req) throw new NotFoundException('We could not find that request.');
    return req;
  }

  private async load(id: string): Promise<AccessRequestView> {
    const r = await this.requests.view(id);
    return {
      id: r.id,
      boardId: r.board_id,
      boardName: r.board_name,
      staff: { id: r.staff_id, displayName: r.staff_name },
      reason: r.reason,
      minutes: r.minutes,
      status: r.status,
      approvals: r.approvals,
      createdAt: r.created_at.toISOString(),
      grantedAt: r.granted_at?.toISOString() ?? null,
      expiresAt: r.expires_at?.toISOString() ?? null,
    };
  }
}
