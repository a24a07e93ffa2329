import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessRequestView, AskableBoardView } from '@p2p/contract';
import { Permission, can } from '@p2p/moderation';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { BoardsService } from '../boards/boards.service';
import { CommunitiesService } from '../communities/communities.service';
import { ModerationLog } from '../moderation/moderation-log.repository';
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
  ) {}

  async request(auth: AuthContext, communityId: string, input: AccessRequestDto): Promise<AccessRequestView> {
    await this.communities.authorize(auth, communityId, Permission.RequestBoardAccess);
    // Private boards are not named, counted or confirmed to staff: asking for one reads as "not found".
    const [board] = await this.db.query<{ kind: string }[]>(
      `SELECT kind FROM boards WHERE id = $1 AND community_id = $2 AND kind <> 'private'`,
      [input.boardId, communityId],
    );
    if (!board) throw new NotFoundException("We couldn't find that board.");
    if (board.kind !== 'community') throw new BadRequestException('Staff can already read the information board.');
    const id = await this.db.transaction(async (em) => {
      const [row] = await em.query<{ id: string }[]>(
        `INSERT INTO access_requests (community_id, board_id, staff_id, reason, minutes) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [communityId, input.boardId, auth.userId, input.reason, input.minutes],
      );
      await this.log.append(em, {
        communityId,
        actorId: auth.userId,
        action: 'access-request',
        boardId: input.boardId,
        reason: input.reason,
        details: { requestId: row.id, minutes: input.minutes, step: 'requested' },
        forMeeting: true,
      });
      return row.id;
    });
    return this.load(id);
  }

  /**
   * The boards staff may ask for: the community's own boards, by name only. Private boards are not
   * in the query at all, and nothing of a board's content is read.
   */
  async askable(auth: AuthContext, communityId: string): Promise<{ items: AskableBoardView[]; nextCursor: null }> {
    await this.communities.authorize(auth, communityId, Permission.RequestBoardAccess);
    const items = await this.db.query<AskableBoardView[]>(
      `SELECT b.id, b.name, b.description FROM boards b
        WHERE b.community_id = $1 AND b.kind = 'community' ORDER BY b.name, b.id`,
      [communityId],
    );
    return { items, nextCursor: null };
  }

  /** Top 3 see every request; staff see their own. */
  async list(auth: AuthContext, communityId: string): Promise<{ items: AccessRequestView[]; nextCursor: null }> {
    const actor = await this.communities.authorize(auth, communityId, Permission.ReadModerationLog);
    const everyone = can(actor, Permission.ApproveBoardAccess);
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT id FROM access_requests WHERE community_id = $1 AND ($2 OR staff_id = $3) ORDER BY created_at DESC LIMIT 200`,
      [communityId, everyone, auth.userId],
    );
    return { items: await Promise.all(rows.map((r) => this.load(r.id))), nextCursor: null };
  }

  async approve(auth: AuthContext, requestId: string): Promise<AccessRequestView> {
    const req = await this.requestFor(auth, requestId);
    await this.communities.authorize(auth, req.community_id, Permission.ApproveBoardAccess);
    let granted = false;
    await this.db.transaction(async (em) => {
      const [r] = await em.query<{ status: string }[]>(`SELECT status FROM access_requests WHERE id = $1 FOR UPDATE`, [
        requestId,
      ]);
      if (r.status !== 'waiting') throw new ConflictException(`This request is already ${r.status}.`);
      const added = await em.query<unknown[]>(
        `INSERT INTO access_approvals (request_id, top3_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING top3_id`,
        [requestId, auth.userId],
      );
      if (added.length === 0)
        throw new ConflictException('You have already approved this; it needs a second Top 3 member.');
      const [{ n }] = await em.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM access_approvals WHERE request_id = $1`,
        [requestId],
      );
      granted = n >= APPROVALS_NEEDED;
      if (granted) {
        await em.query(
          `UPDATE access_requests SET status = 'granted', granted_at = now(), expires_at = now() + make_interval(mins => minutes)
            WHERE id = $1`,
          [requestId],
        );
      }
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
      const [, count] = await em.query<[unknown, number]>(
        `UPDATE access_requests SET status = 'refused' WHERE id = $1 AND status = 'waiting'`,
        [requestId],
      );
      if (count === 0) throw new ConflictException('Only a waiting request can be refused.');
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
      const [rows] = await em.query<
        [{ id: string; community_id: string; board_id: string; staff_id: string }[], number]
      >(
        `UPDATE access_requests SET status = 'expired' WHERE status = 'granted' AND expires_at <= $1
         RETURNING id, community_id, board_id, staff_id`,
        [now],
      );
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

  private async requestFor(auth: AuthContext, requestId: string) {
    const [req] = await this.db.query<{ community_id: string; board_id: string; staff_id: string; reason: string }[]>(
      `SELECT r.community_id, r.board_id, r.staff_id, r.reason FROM access_requests r
        JOIN memberships m ON m.community_id = r.community_id AND m.user_id = $2 WHERE r.id = $1`,
      [requestId, auth.userId],
    );
    if (!req) throw new NotFoundException('We could not find that request.');
    return req;
  }

  private async load(id: string): Promise<AccessRequestView> {
    const [r] = await this.db.query<
      {
        id: string;
        board_id: string;
        board_name: string;
        staff_id: string;
        staff_name: string;
        reason: string;
        minutes: number;
        status: AccessRequestView['status'];
        created_at: Date;
        granted_at: Date | null;
        expires_at: Date | null;
        approvals: { id: string; displayName: string }[];
      }[]
    >(
      `SELECT r.id, r.board_id, b.name AS board_name, r.staff_id, u.display_name AS staff_name, r.reason, r.minutes,
              CASE WHEN r.status = 'granted' AND r.expires_at <= now() THEN 'expired' ELSE r.status END AS status,
              r.created_at, r.granted_at, r.expires_at,
              coalesce((SELECT json_agg(json_build_object('id', a.top3_id, 'displayName', au.display_name) ORDER BY a.approved_at)
                          FROM access_approvals a JOIN users au ON au.id = a.top3_id WHERE a.request_id = r.id), '[]') AS approvals
         FROM access_requests r JOIN boards b ON b.id = r.board_id JOIN users u ON u.id = r.staff_id WHERE r.id = $1`,
      [id],
    );
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
