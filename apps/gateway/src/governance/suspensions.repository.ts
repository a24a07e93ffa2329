import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AttendanceMark } from '@p2p/moderation';
import { DataSource, EntityManager } from 'typeorm';

/** The community's suspension rule: after how many no-contact sessions in a row, for how long. */
export interface SuspensionSettingsRow {
  after: number;
  months: number;
}

/** One attendance mark of an active member, with when their last suspension started or ended. */
export interface SweepMarkRow {
  user_id: string;
  session_id: string;
  starts_at: Date;
  mark: AttendanceMark;
  since: Date | null;
}

/**
 * The SQL of suspensions: the suspensions themselves, the membership status they pause and
 * restore, and what a sweep reads to decide (the community's rule and its members' marks).
 * Every change is conditional, so only the first of two sweeps wins. Methods that take an
 * EntityManager run inside the caller's transaction.
 */
@Injectable()
export class SuspensionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every community, to sweep. */
  async communityIds(): Promise<string[]> {
    const communities = await this.db.query<{ id: string }[]>(`SELECT id FROM communities`);
    return communities.map((c) => c.id);
  }

  async settings(communityId: string): Promise<SuspensionSettingsRow> {
    const [settings] = await this.db.query<SuspensionSettingsRow[]>(
      `SELECT suspension_after_no_contact AS after, suspension_months AS months FROM communities WHERE id = $1`,
      [communityId],
    );
    return settings;
  }

  /** The marks of the community's active members for sessions started by `now`. */
  sweepMarks(communityId: string, now: Date): Promise<SweepMarkRow[]> {
    return this.db.query<SweepMarkRow[]>(
      `SELECT a.user_id, a.session_id, s.starts_at, a.mark,
              (SELECT max(coalesce(x.ended_at, x.starts_at)) FROM suspensions x
                WHERE x.community_id = a.community_id AND x.user_id = a.user_id) AS since
         FROM attendance a JOIN community_sessions s ON s.id = a.session_id
         JOIN memberships m ON m.community_id = a.community_id AND m.user_id = a.user_id AND m.status = 'active' AND m.role = 'member'
        WHERE a.community_id = $1 AND s.starts_at <= $2`,
      [communityId, now],
    );
  }

  /** Locks a member's (not staff's) membership; its status, if they are one. */
  async lockMember(em: EntityManager, communityId: string, userId: string): Promise<string | undefined> {
    const [m] = await em.query<{ status: string }[]>(
      `SELECT status FROM memberships WHERE community_id = $1 AND user_id = $2 AND role = 'member' FOR UPDATE`,
      [communityId, userId],
    );
    return m?.status;
  }

  /** Locks anyone's membership; its status, if they have one. */
  async lockMembership(em: EntityManager, communityId: string, userId: string): Promise<string | undefined> {
    const [m] = await em.query<{ status: string }[]>(
      `SELECT status FROM memberships WHERE community_id = $1 AND user_id = $2 FOR UPDATE`,
      [communityId, userId],
    );
    return m?.status;
  }

  /** A member who leaves: any open suspension ends, and so do their membership and Top 3 seat. */
  async recordLeft(em: EntityManager, communityId: string, userId: string, by: string): Promise<void> {
    await em.query(
      `UPDATE suspensions SET ended_at = now(), ended_by = $3, ended_reason = 'left'
          WHERE community_id = $1 AND user_id = $2 AND ended_at IS NULL`,
      [communityId, userId, by],
    );
    await em.query(
      `UPDATE memberships SET status = 'left', suspended_until = NULL, is_top3 = false WHERE community_id = $1 AND user_id = $2`,
      [communityId, userId],
    );
  }

  /** A suspension, once per triggering session; false if that session has suspended them already. */
  async insert(
    em: EntityManager,
    s: { communityId: string; userId: string; triggerSessionId: string; startsAt: Date; endsAt: Date },
  ): Promise<boolean> {
    const inserted = await em.query<{ id: string }[]>(
      `INSERT INTO suspensions (community_id, user_id, trigger_session_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING id`,
      [s.communityId, s.userId, s.triggerSessionId, s.startsAt, s.endsAt],
    );
    return inserted.length > 0;
  }

  /** Pauses the membership until the day given. */
  async pauseMembership(em: EntityManager, communityId: string, userId: string, until: Date): Promise<void> {
    await em.query(
      `UPDATE memberships SET status = 'suspended', suspended_until = $3 WHERE community_id = $1 AND user_id = $2`,
      [communityId, userId, until],
    );
  }

  /** Members of the community whose open suspension ends by `now`. */
  async dueToReturn(communityId: string, now: Date): Promise<string[]> {
    const due = await this.db.query<{ user_id: string }[]>(
      `SELECT user_id FROM suspensions WHERE community_id = $1 AND ended_at IS NULL AND ends_at <= $2`,
      [communityId, now],
    );
    return due.map((d) => d.user_id);
  }

  /** Ends the member's open suspension; false if there is none (someone else ended it first). */
  async endSuspension(
    em: EntityManager,
    communityId: string,
    userId: string,
    now: Date,
    by: string | null,
    why: 'period-over' | 'staff',
  ): Promise<boolean> {
    const [rows] = await em.query<[{ id: string }[], number]>(
      `UPDATE suspensions SET ended_at = $3, ended_by = $4, ended_reason = $5
        WHERE community_id = $1 AND user_id = $2 AND ended_at IS NULL RETURNING id`,
      [communityId, userId, now, by, why],
    );
    return rows.length > 0;
  }

  /** A suspended membership becomes active again. */
  async resumeMembership(em: EntityManager, communityId: string, userId: string): Promise<void> {
    await em.query(
      `UPDATE memberships SET status = 'active', suspended_until = NULL
        WHERE community_id = $1 AND user_id = $2 AND status = 'suspended'`,
      [communityId, userId],
    );
  }
}
