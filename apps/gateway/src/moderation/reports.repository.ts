import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface SignificantEventRow {
  id: string;
  summary: string;
  post_ids: string[];
  reported_by: string;
  reporter: string;
  created_at: Date;
  acknowledged_by: string | null;
  acknowledger: string | null;
  acknowledged_at: Date | null;
}

/**
 * The SQL of significant-event reports from the Top 3 to staff. Methods that take an
 * EntityManager run inside the caller's transaction.
 */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(
    em: EntityManager,
    r: { communityId: string; reportedBy: string; summary: string; postIds: string[] },
  ): Promise<{ id: string; created_at: Date }> {
    const [row] = await em.query<{ id: string; created_at: Date }[]>(
      `INSERT INTO significant_events (community_id, reported_by, summary, post_ids) VALUES ($1, $2, $3, $4) RETURNING id, created_at`,
      [r.communityId, r.reportedBy, r.summary, r.postIds],
    );
    return row;
  }

  /** The community's reports, newest first (at most 200). */
  async ids(communityId: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT id FROM significant_events WHERE community_id = $1 ORDER BY created_at DESC LIMIT 200`,
      [communityId],
    );
    return rows.map((r) => r.id);
  }

  /** The report's community, if the caller belongs to it. */
  async communityForMember(id: string, userId: string): Promise<string | undefined> {
    const [se] = await this.db.query<{ community_id: string }[]>(
      `SELECT s.community_id FROM significant_events s
        JOIN memberships m ON m.community_id = s.community_id AND m.user_id = $2 WHERE s.id = $1`,
      [id, userId],
    );
    return se?.community_id;
  }

  /** Marks the report read by staff; undefined if someone already had. */
  async acknowledge(em: EntityManager, id: string, userId: string): Promise<Date | undefined> {
    const [[row], count] = await em.query<[{ acknowledged_at: Date }[], number]>(
      `UPDATE significant_events SET acknowledged_by = $2, acknowledged_at = now()
        WHERE id = $1 AND acknowledged_at IS NULL RETURNING acknowledged_at`,
      [id, userId],
    );
    return count === 0 ? undefined : row.acknowledged_at;
  }

  async report(id: string): Promise<SignificantEventRow> {
    const [r] = await this.db.query<SignificantEventRow[]>(
      `SELECT s.id, s.summary, s.post_ids, s.reported_by, r.display_name AS reporter, s.created_at,
              s.acknowledged_by, a.display_name AS acknowledger, s.acknowledged_at
         FROM significant_events s JOIN users r ON r.id = s.reported_by LEFT JOIN users a ON a.id = s.acknowledged_by
        WHERE s.id = $1`,
      [id],
    );
    return r;
  }
}
