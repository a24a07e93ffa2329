import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessRequestView, AskableBoardView } from '@p2p/contract';
import { DataSource, EntityManager } from 'typeorm';

/** A request as someone acting on it needs it. */
export interface AccessRequestRow {
  community_id: string;
  board_id: string;
  staff_id: string;
  reason: string;
}

/** A request with its board, staff member and approvals, as it is shown. */
export interface AccessRequestViewRow {
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
}

/** A grant that has just been recorded as ended. */
export interface EndedGrantRow {
  id: string;
  community_id: string;
  board_id: string;
  staff_id: string;
}

/**
 * The SQL of staff access by consent: the requests, the Top 3's approvals, and the boards staff
 * may ask for (never a private board). Who may see a request is part of the query. Methods that
 * take an EntityManager run inside the caller's transaction.
 */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The kind of a board of the community that is not private; a private board is not found. */
  async nonPrivateBoardKind(communityId: string, boardId: string): Promise<string | undefined> {
    const [board] = await this.db.query<{ kind: string }[]>(
      `SELECT kind FROM boards WHERE id = $1 AND community_id = $2 AND kind <> 'private'`,
      [boardId, communityId],
    );
    return board?.kind;
  }

  async insert(
    em: EntityManager,
    r: { communityId: string; boardId: string; staffId: string; reason: string; minutes: number },
  ): Promise<string> {
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO access_requests (community_id, board_id, staff_id, reason, minutes) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [r.communityId, r.boardId, r.staffId, r.reason, r.minutes],
    );
    return row.id;
  }

  /** The community's own boards, by name only; private boards are not in the query at all. */
  askableBoards(communityId: string): Promise<AskableBoardView[]> {
    return this.db.query<AskableBoardView[]>(
      `SELECT b.id, b.name, b.description FROM boards b
        WHERE b.community_id = $1 AND b.kind = 'community' ORDER BY b.name, b.id`,
      [communityId],
    );
  }

  /** The community's requests, newest first (at most 200): all of them, or only the staff member's own. */
  async visibleIds(communityId: string, everyone: boolean, staffId: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT id FROM access_requests WHERE community_id = $1 AND ($2 OR staff_id = $3) ORDER BY created_at DESC LIMIT 200`,
      [communityId, everyone, staffId],
    );
    return rows.map((r) => r.id);
  }

  /** Locks the request; its status. */
  async lockForChange(em: EntityManager, requestId: string): Promise<string> {
    const [r] = await em.query<{ status: string }[]>(`SELECT status FROM access_requests WHERE id = $1 FOR UPDATE`, [
      requestId,
    ]);
    return r.status;
  }

  /** Records a Top 3 member's approval; false if they had already approved. */
  async addApproval(em: EntityManager, requestId: string, top3Id: string): Promise<boolean> {
    const added = await em.query<unknown[]>(
      `INSERT INTO access_approvals (request_id, top3_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING top3_id`,
      [requestId, top3Id],
    );
    return added.length > 0;
  }

  async approvalCount(em: EntityManager, requestId: string): Promise<number> {
    const [{ n }] = await em.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM access_approvals WHERE request_id = $1`,
      [requestId],
    );
    return n;
  }

  /** Opens the grant from now, for the minutes asked for. */
  async grant(em: EntityManager, requestId: string): Promise<void> {
    await em.query(
      `UPDATE access_requests SET status = 'granted', granted_at = now(), expires_at = now() + make_interval(mins => minutes)
            WHERE id = $1`,
      [requestId],
    );
  }

  /** Refuses a waiting request; false if it was not waiting. */
  async refuse(em: EntityManager, requestId: string): Promise<boolean> {
    const [, count] = await em.query<[unknown, number]>(
      `UPDATE access_requests SET status = 'refused' WHERE id = $1 AND status = 'waiting'`,
      [requestId],
    );
    return count > 0;
  }

  /** Records every grant whose time is up as expired; the grants it ended. */
  async expireDue(em: EntityManager, now: Date): Promise<EndedGrantRow[]> {
    const [rows] = await em.query<[EndedGrantRow[], number]>(
      `UPDATE access_requests SET status = 'expired' WHERE status = 'granted' AND expires_at <= $1
         RETURNING id, community_id, board_id, staff_id`,
      [now],
    );
    return rows;
  }

  /** The request, if the caller belongs to its community. */
  async forMember(requestId: string, userId: string): Promise<AccessRequestRow | undefined> {
    const [req] = await this.db.query<AccessRequestRow[]>(
      `SELECT r.community_id, r.board_id, r.staff_id, r.reason FROM access_requests r
        JOIN memberships m ON m.community_id = r.community_id AND m.user_id = $2 WHERE r.id = $1`,
      [requestId, userId],
    );
    return req;
  }

  /** The request as shown, a grant past its time reading as expired. */
  async view(requestId: string): Promise<AccessRequestViewRow> {
    const [r] = await this.db.query<AccessRequestViewRow[]>(
      `SELECT r.id, r.board_id, b.name AS board_name, r.staff_id, u.display_name AS staff_name, r.reason, r.minutes,
              CASE WHEN r.status = 'granted' AND r.expires_at <= now() THEN 'expired' ELSE r.status END AS status,
              r.created_at, r.granted_at, r.expires_at,
              coalesce((SELECT json_agg(json_build_object('id', a.top3_id, 'displayName', au.display_name) ORDER BY a.approved_at)
                          FROM access_approvals a JOIN users au ON au.id = a.top3_id WHERE a.request_id = r.id), '[]') AS approvals
         FROM access_requests r JOIN boards b ON b.id = r.board_id JOIN users u ON u.id = r.staff_id WHERE r.id = $1`,
      [requestId],
    );
    return r;
  }
}
