import { Injectable } from '@nestjs/common';
import { PostReactionsView, ReactionCounts, ReactionKind, noReactions } from '@p2p/contract';
import { DataSource, EntityManager } from 'typeorm';
import { readableBoard } from '../boards/board-access.sql';

interface ReactionRow {
  post_id: string;
  kind: ReactionKind;
  n: number;
  mine: boolean;
}

/** A post as someone reacting to it needs it. */
export interface PostForReaction {
  thread_id: string;
  board_id: string;
  community_id: string;
  author_id: string;
  status: string;
  /** The board's kind: reactions are for threads, not chat rooms. */
  kind: string;
}

/** The SQL of reactions on posts. Nobody, staff included, reads who left them: only counts and one's own. */
@Injectable()
export class ReactionsRepository {
  /**
   * A shared post on a board the member may read, held FOR SHARE: a Top 3 member hiding or
   * deleting the post at the same moment goes first or after, not between.
   */
  async shareLock(em: EntityManager, postId: string, userId: string): Promise<PostForReaction | undefined> {
    const [post] = await em.query<PostForReaction[]>(
      `SELECT p.thread_id, p.board_id, p.community_id, p.author_id, p.status, b.kind
         FROM posts p JOIN boards b ON b.id = p.board_id
        WHERE p.id = $1 AND p.event_seq IS NOT NULL AND ${readableBoard('b', '$2')}
        FOR SHARE OF p`,
      [postId, userId],
    );
    return post;
  }

  /** Leaves (on) or takes back (off) one reaction; false if that was already so. */
  async set(em: EntityManager, postId: string, memberId: string, kind: ReactionKind, on: boolean): Promise<boolean> {
    if (on) {
      const added = await em.query<unknown[]>(
        `INSERT INTO post_reactions (post_id, member_id, kind) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING 1`,
        [postId, memberId, kind],
      );
      return added.length > 0;
    }
    // TypeORM answers a DELETE with [rows, count].
    const [removed] = await em.query<[unknown[], number]>(
      `DELETE FROM post_reactions WHERE post_id = $1 AND member_id = $2 AND kind = $3 RETURNING 1`,
      [postId, memberId, kind],
    );
    return removed.length > 0;
  }

  /**
   * Counts and the reader's own reactions for the given posts, one view per post asked for (all
   * zero where there are none). The caller has already checked that the reader may read them.
   */
  async of(db: DataSource | EntityManager, postIds: string[], readerId: string): Promise<PostReactionsView[]> {
    const rows =
      postIds.length === 0
        ? []
        : await db.query<ReactionRow[]>(
            `SELECT post_id, kind, count(*)::int AS n, bool_or(member_id = $2) AS mine
               FROM post_reactions WHERE post_id = ANY($1::uuid[]) GROUP BY post_id, kind`,
            [postIds, readerId],
          );
    const views = new Map<string, { counts: ReactionCounts; mine: ReactionKind[] }>(
      postIds.map((id) => [id, { counts: noReactions(), mine: [] }]),
    );
    for (const r of rows) {
      const v = views.get(r.post_id)!;
      v.counts[r.kind] = r.n;
      if (r.mine) v.mine.push(r.kind);
    }
    return postIds.map((postId) => ({ postId, ...views.get(postId)! }));
  }
}
