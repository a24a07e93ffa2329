import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CrisisContactView, FindingView, FlagView } from '@p2p/contract';
import type { Finding } from '@p2p/guidelines';
import { DataSource, EntityManager } from 'typeorm';
import { readableBoard } from '../boards/board-access.sql';
import { POST_COLUMNS, POST_FROM, PostRow } from './post-views';

/** Who has said "I'm looking at this" for a post, as read with it. */
export interface TakenColumns {
  taken_by: string | null;
  taken_at: Date | null;
  taken_name: string | null;
}

const TAKEN_SELECT = `p.taken_by, p.taken_at, tk.display_name AS taken_name`;
const TAKEN_JOIN = `LEFT JOIN users tk ON tk.id = p.taken_by`;

/** A post on the Top 3's review list, with what they need beside it. */
export type ReviewListRow = PostRow &
  TakenColumns & {
    review_since: Date;
    /** What the guidelines found, if they held it (null for a post only flagged). */
    guideline_findings: FindingView[] | null;
    for_top3: boolean;
    /** The author's crisis plan (as JSON), only beside a held post and only if they chose to show it. */
    plan: {
      who_to_call: string;
      what_helps: string;
      where_to_go: string;
      show_top3_when_held: boolean;
      updated_at: string;
    } | null;
  };

export interface OpenFlagRow {
  post_id: string;
  flagger_id: string;
  display_name: string;
  reason: FlagView['reason'];
  note: string | null;
  created_at: Date;
}

/** A post on the check-in list, with who checked in and who is looking at it. */
export type CheckInRow = PostRow &
  TakenColumns & {
    /** The full-precision release time as text, for the page cursor (a JS Date keeps milliseconds only). */
    released_key: string;
    check_in_findings: Finding[];
    check_in_done_at: Date | null;
    done_by_id: string | null;
    done_by_name: string | null;
    thread_title: string;
  };

/** A check-in as a Top 3 member acting on it has it locked. */
export type CheckInForTop3 = Pick<PostRow, 'id' | 'thread_id' | 'board_id' | 'community_id'> &
  TakenColumns & { done: boolean };

const CHECK_IN_SELECT = `SELECT ${POST_COLUMNS}, p.released_at::text AS released_key, p.check_in_findings, p.check_in_done_at, t.title AS thread_title,
       du.id AS done_by_id, du.display_name AS done_by_name, ${TAKEN_SELECT}
  FROM ${POST_FROM} JOIN threads t ON t.id = p.thread_id
  LEFT JOIN users du ON du.id = p.check_in_done_by
  ${TAKEN_JOIN}`;

/**
 * The SQL of an entry's review, in one place: held, flagged, hidden, taken ("I'm looking at
 * this"), decided, and checked in on. Who may act is part of each locking query, so a post a
 * caller may not act on is never loaded. Methods that take an EntityManager run inside the
 * caller's transaction.
 */
@Injectable()
export class ReviewRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // Held and flagged entries

  async hold(em: EntityManager, postId: string, findings: Finding[]): Promise<void> {
    await em.query(
      `UPDATE posts SET status = 'held', review_since = clock_timestamp(), guideline_findings = $2 WHERE id = $1`,
      [postId, JSON.stringify(findings)],
    );
  }

  async withCrisisContacts(
    em: EntityManager,
    postId: string,
  ): Promise<PostRow & { crisis_contacts: CrisisContactView[] }> {
    const [row] = await em.query<(PostRow & { crisis_contacts: CrisisContactView[] })[]>(
      `SELECT ${POST_COLUMNS}, c.crisis_contacts FROM ${POST_FROM} JOIN communities c ON c.id = p.community_id WHERE p.id = $1`,
      [postId],
    );
    return row;
  }

  /** The community's review list, oldest first (at most 500). */
  reviewList(communityId: string): Promise<ReviewListRow[]> {
    return this.db.query<ReviewListRow[]>(
      `SELECT ${POST_COLUMNS}, p.review_since, p.guideline_findings, p.for_top3, ${TAKEN_SELECT},
              CASE WHEN cp.user_id IS NOT NULL THEN to_jsonb(cp) END AS plan
         FROM ${POST_FROM} ${TAKEN_JOIN}
         LEFT JOIN crisis_plans cp ON cp.user_id = p.author_id AND cp.show_top3_when_held AND p.status = 'held'
        WHERE p.community_id = $1 AND p.review_since IS NOT NULL
        ORDER BY p.review_since, p.id LIMIT 500`,
      [communityId],
    );
  }

  openFlags(postIds: string[]): Promise<OpenFlagRow[]> {
    return this.db.query<OpenFlagRow[]>(
      `SELECT f.post_id, f.flagger_id, u.display_name, f.reason, f.note, f.created_at
         FROM flags f JOIN users u ON u.id = f.flagger_id
        WHERE f.post_id = ANY($1::uuid[]) AND f.resolved_at IS NULL ORDER BY f.created_at`,
      [postIds],
    );
  }

  /**
   * Locks a post that can be reviewed, if the caller is a member of its community; `readable`
   * says whether they may read its board (the caller decides what to tell someone who may not act).
   */
  async lockForReview(
    em: EntityManager,
    postId: string,
    userId: string,
  ): Promise<(PostRow & { readable: boolean }) | undefined> {
    const [post] = await em.query<(PostRow & { readable: boolean })[]>(
      `SELECT ${POST_COLUMNS}, ${readableBoard('b', '$2')} AS readable FROM ${POST_FROM} JOIN boards b ON b.id = p.board_id
        WHERE p.id = $1 AND p.status IN ('published', 'held', 'hidden', 'removed')
          AND EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = p.community_id AND m.user_id = $2)
        FOR UPDATE OF p`,
      [postId, userId],
    );
    return post;
  }

  /** Whether a (locked) post is waiting for review, and who is looking at it. */
  async reviewState(em: EntityManager, postId: string): Promise<{ review_since: Date | null } & TakenColumns> {
    const [cur] = await em.query<({ review_since: Date | null } & TakenColumns)[]>(
      `SELECT p.review_since, ${TAKEN_SELECT} FROM posts p ${TAKEN_JOIN} WHERE p.id = $1`,
      [postId],
    );
    return cur;
  }

  /** A Top 3 decision: the post's new status; it leaves the list, its flags are resolved, nobody is looking. */
  async decide(em: EntityManager, postId: string, status: PostRow['status']): Promise<void> {
    await em.query(
      `UPDATE posts SET status = $2, moderated_at = clock_timestamp(), review_since = NULL WHERE id = $1`,
      [postId, status],
    );
  }

  /** After a decision: open flags resolved, and nobody "looking at it" should it ever come back. */
  async closeReview(em: EntityManager, postId: string): Promise<void> {
    await em.query(`UPDATE flags SET resolved_at = clock_timestamp() WHERE post_id = $1 AND resolved_at IS NULL`, [
      postId,
    ]);
    await em.query(`UPDATE posts SET taken_by = NULL, taken_at = NULL WHERE id = $1`, [postId]);
  }

  /** "I'm looking at this": marks the (locked) post taken by this member now. */
  async take(em: EntityManager, postId: string, userId: string): Promise<{ taken_at: Date; name: string }> {
    // TypeORM answers an UPDATE with [rows, count].
    const [[row]] = await em.query<[{ taken_at: Date; name: string }[], number]>(
      `UPDATE posts p SET taken_by = $2, taken_at = clock_timestamp() FROM users u
        WHERE p.id = $1 AND u.id = $2 RETURNING p.taken_at, u.display_name AS name`,
      [postId, userId],
    );
    return row;
  }

  // Flags

  /** Locks a shared (or flag-hidden) post on a board the member may read. */
  async lockShared(em: EntityManager, postId: string, userId: string): Promise<PostRow | undefined> {
    const [post] = await em.query<PostRow[]>(
      `SELECT ${POST_COLUMNS} FROM ${POST_FROM} JOIN boards b ON b.id = p.board_id
        WHERE p.id = $1 AND ${readableBoard('b', '$2')} AND p.status IN ('published', 'hidden')
        FOR UPDATE OF p`,
      [postId, userId],
    );
    return post;
  }

  /** A member's flag; false if they have already flagged this post. */
  async addFlag(
    em: EntityManager,
    flag: { postId: string; communityId: string; flaggerId: string; reason: string; note: string | null },
  ): Promise<boolean> {
    const inserted = await em.query<{ id: string }[]>(
      `INSERT INTO flags (post_id, community_id, flagger_id, reason, note) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (post_id, flagger_id) DO NOTHING RETURNING id`,
      [flag.postId, flag.communityId, flag.flaggerId, flag.reason, flag.note],
    );
    return inserted.length > 0;
  }

  /** How many members have open flags on the post, and how many the community says hide it. */
  async flaggers(
    em: EntityManager,
    postId: string,
    communityId: string,
  ): Promise<{ flaggers: number; threshold: number }> {
    const [row] = await em.query<{ flaggers: number; threshold: number }[]>(
      `SELECT (SELECT count(DISTINCT flagger_id)::int FROM flags WHERE post_id = $1 AND resolved_at IS NULL) AS flaggers,
              c.flag_threshold AS threshold
         FROM communities c WHERE c.id = $2`,
      [postId, communityId],
    );
    return row;
  }

  /** Puts a flagged post on the review list (if it is not already), hidden if `hide`. */
  async markFlagged(em: EntityManager, postId: string, hide: boolean): Promise<void> {
    await em.query(
      `UPDATE posts SET review_since = coalesce(review_since, clock_timestamp()),
                        status = CASE WHEN $2 THEN 'hidden' ELSE status END
        WHERE id = $1`,
      [postId, hide],
    );
  }

  // Check-ins

  async openCheckIn(em: EntityManager, postId: string, findings: readonly Finding[]): Promise<void> {
    await em.query(`UPDATE posts SET check_in_findings = $2 WHERE id = $1`, [postId, JSON.stringify(findings)]);
  }

  /** Open check-ins oldest first, or those done newest first, after the cursor's (released_at, id). */
  checkInPage(
    communityId: string,
    done: boolean,
    after: [string, string] | null,
    limit: number,
  ): Promise<CheckInRow[]> {
    const order = done ? 'DESC' : 'ASC';
    return this.db.query<CheckInRow[]>(
      `${CHECK_IN_SELECT}
        WHERE p.community_id = $1 AND p.check_in_findings IS NOT NULL
          AND (p.check_in_done_at IS NOT NULL) = $2
          AND ($3::timestamptz IS NULL OR (p.released_at, p.id) ${done ? '<' : '>'} ($3::timestamptz, $4::uuid))
        ORDER BY p.released_at ${order}, p.id ${order} LIMIT $5`,
      [communityId, done, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  async checkIn(postId: string): Promise<CheckInRow> {
    const [row] = await this.db.query<CheckInRow[]>(`${CHECK_IN_SELECT} WHERE p.id = $1`, [postId]);
    return row;
  }

  /**
   * Locks a check-in for a Top 3 member acting on it. Who may is part of the query: anyone but an
   * active Top 3 member of the post's community finds nothing, as for no check-in at all.
   */
  async lockCheckInForTop3(em: EntityManager, postId: string, userId: string): Promise<CheckInForTop3 | undefined> {
    const [found] = await em.query<CheckInForTop3[]>(
      `SELECT p.id, p.thread_id, p.board_id, p.community_id, p.check_in_done_at IS NOT NULL AS done, ${TAKEN_SELECT}
         FROM posts p JOIN memberships m ON m.community_id = p.community_id ${TAKEN_JOIN}
        WHERE p.id = $1 AND p.check_in_findings IS NOT NULL
          AND m.user_id = $2 AND m.status = 'active' AND m.role = 'member' AND m.is_top3
        FOR UPDATE OF p`,
      [postId, userId],
    );
    return found;
  }

  async markCheckedIn(em: EntityManager, postId: string, userId: string): Promise<void> {
    await em.query(`UPDATE posts SET check_in_done_at = clock_timestamp(), check_in_done_by = $2 WHERE id = $1`, [
      postId,
      userId,
    ]);
  }
}
