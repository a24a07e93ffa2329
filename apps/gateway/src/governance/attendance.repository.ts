import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AttendanceMarkView } from '@p2p/contract';
import { DataSource } from 'typeorm';

export interface SessionRow {
  id: string;
  title: string;
  starts_at: Date;
  series_id: string | null;
  /** How many marks have been recorded for it. */
  recorded: number;
}

export interface MarkRow {
  user_id: string;
  display_name: string;
  mark: AttendanceMarkView['mark'];
  recorded_at: Date;
}

/**
 * The SQL of the community's sessions and the attendance marked at each. Who may see a session
 * is part of the query.
 */
@Injectable()
export class AttendanceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One session per time; a time the community already has a session at is skipped. The new ids. */
  async insertSessions(
    communityId: string,
    s: { title: string; times: Date[]; seriesId: string | null; createdBy: string },
  ): Promise<string[]> {
    const rows = await this.db.query<{ id: string }[]>(
      `INSERT INTO community_sessions (community_id, title, starts_at, series_id, created_by)
       SELECT $1, $2, t, $4, $5 FROM unnest($3::timestamptz[]) AS t
       ON CONFLICT (community_id, starts_at) DO NOTHING RETURNING id`,
      [communityId, s.title, s.times, s.seriesId, s.createdBy],
    );
    return rows.map((r) => r.id);
  }

  /** The community's sessions from one time (inclusive) to another (exclusive), in order, at most 500. */
  async sessionIds(communityId: string, from: string | null, to: string | null): Promise<string[]> {
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT id FROM community_sessions
        WHERE community_id = $1 AND ($2::timestamptz IS NULL OR starts_at >= $2) AND ($3::timestamptz IS NULL OR starts_at < $3)
        ORDER BY starts_at LIMIT 500`,
      [communityId, from, to],
    );
    return rows.map((r) => r.id);
  }

  /** The session, if the caller belongs to its community. */
  async sessionForMember(sessionId: string, userId: string): Promise<{ id: string; community_id: string } | undefined> {
    const [session] = await this.db.query<{ id: string; community_id: string }[]>(
      `SELECT s.id, s.community_id FROM community_sessions s
        JOIN memberships m ON m.community_id = s.community_id AND m.user_id = $2 WHERE s.id = $1`,
      [sessionId, userId],
    );
    return session;
  }

  /** The sessions, in order of time. */
  sessions(ids: string[]): Promise<SessionRow[]> {
    return this.db.query<SessionRow[]>(
      `SELECT s.id, s.title, s.starts_at, s.series_id, (SELECT count(*)::int FROM attendance a WHERE a.session_id = s.id) AS recorded
         FROM community_sessions s WHERE s.id = ANY($1::uuid[]) ORDER BY s.starts_at`,
      [ids],
    );
  }

  /** The marks recorded for a session, by name. */
  marks(sessionId: string): Promise<MarkRow[]> {
    return this.db.query<MarkRow[]>(
      `SELECT a.user_id, u.display_name, a.mark, a.recorded_at FROM attendance a JOIN users u ON u.id = a.user_id
        WHERE a.session_id = $1 ORDER BY u.display_name`,
      [sessionId],
    );
  }

  /** How many of these people are members (not staff) of the community, in any standing. */
  async memberCount(communityId: string, userIds: string[]): Promise<number> {
    const members = await this.db.query<{ user_id: string }[]>(
      `SELECT user_id FROM memberships WHERE community_id = $1 AND role = 'member' AND user_id = ANY($2::uuid[])`,
      [communityId, userIds],
    );
    return members.length;
  }

  /** Records the marks; a member already marked for the session has their mark changed. */
  async recordMarks(
    sessionId: string,
    communityId: string,
    records: { userId: string; mark: string }[],
    recordedBy: string,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO attendance (session_id, community_id, user_id, mark, recorded_by)
       SELECT $1, $2, r.user_id, r.mark, $4 FROM jsonb_to_recordset($3::jsonb) AS r(user_id uuid, mark text)
       ON CONFLICT (session_id, user_id) DO UPDATE SET mark = EXCLUDED.mark, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
      [sessionId, communityId, JSON.stringify(records.map((r) => ({ user_id: r.userId, mark: r.mark }))), recordedBy],
    );
  }
}
