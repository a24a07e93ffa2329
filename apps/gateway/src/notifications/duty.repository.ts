import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { onBreak } from '../hard-days/on-break.sql';
import { DataSource, EntityManager } from 'typeorm';

export interface ShiftRow {
  id: string;
  user_id: string;
  display_name: string;
  starts_at: Date;
  ends_at: Date;
}

/**
 * The SQL of the duty rota: the shifts of a community's Top 3, and who of them may be on it.
 * Methods that take an EntityManager run inside the caller's transaction.
 */
@Injectable()
export class DutyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Shifts not yet over that start within `days`, of members still in the Top 3, in order (200 at
   * most); `now` when the shift has begun, `away` when its member is on a break now.
   */
  shiftsAhead(communityId: string, days: number): Promise<(ShiftRow & { now: boolean; away: boolean })[]> {
    return this.db.query<(ShiftRow & { now: boolean; away: boolean })[]>(
      `SELECT d.id, d.user_id, u.display_name, d.starts_at, d.ends_at, d.starts_at <= now() AS now,
              ${onBreak('d.user_id')} AS away
         FROM duty_shifts d JOIN users u ON u.id = d.user_id
         JOIN memberships m ON m.community_id = d.community_id AND m.user_id = d.user_id AND m.is_top3 AND m.status = 'active'
        WHERE d.community_id = $1 AND d.ends_at > now() AND d.starts_at < now() + make_interval(days => $2)
        ORDER BY d.starts_at, d.id LIMIT 200`,
      [communityId, days],
    );
  }

  /** The community's active Top 3 members. */
  async top3Ids(communityId: string): Promise<string[]> {
    const top3 = await this.db.query<{ user_id: string }[]>(
      `SELECT user_id FROM memberships WHERE community_id = $1 AND is_top3 AND status = 'active'`,
      [communityId],
    );
    return top3.map((m) => m.user_id);
  }

  /** The name of an active Top 3 member of the community, if they are one. */
  async top3Name(em: EntityManager, communityId: string, userId: string): Promise<string | undefined> {
    const [who] = await em.query<{ display_name: string }[]>(
      `SELECT u.display_name FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.community_id = $1 AND m.user_id = $2 AND m.is_top3 AND m.status = 'active'`,
      [communityId, userId],
    );
    return who?.display_name;
  }

  async insertShift(
    em: EntityManager,
    s: { communityId: string; userId: string; startsAt: Date; endsAt: Date; addedBy: string },
  ): Promise<string> {
    const [shift] = await em.query<{ id: string }[]>(
      `INSERT INTO duty_shifts (community_id, user_id, starts_at, ends_at, added_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [s.communityId, s.userId, s.startsAt, s.endsAt, s.addedBy],
    );
    return shift.id;
  }

  /** The community of the shift, if the caller belongs to it. */
  async shiftCommunity(shiftId: string, userId: string): Promise<string | undefined> {
    const [shift] = await this.db.query<{ community_id: string }[]>(
      `SELECT d.community_id FROM duty_shifts d
         JOIN memberships m ON m.community_id = d.community_id AND m.user_id = $2 WHERE d.id = $1`,
      [shiftId, userId],
    );
    return shift?.community_id;
  }

  /** Deletes the shift; what it was, or nothing if it was already gone. */
  async deleteShift(em: EntityManager, shiftId: string): Promise<ShiftRow | undefined> {
    // TypeORM answers a DELETE with [rows, count].
    const [[gone]] = await em.query<[ShiftRow[], number]>(
      `DELETE FROM duty_shifts d USING users u WHERE d.id = $1 AND u.id = d.user_id
         RETURNING d.id, d.user_id, u.display_name, d.starts_at, d.ends_at`,
      [shiftId],
    );
    return gone;
  }
}
