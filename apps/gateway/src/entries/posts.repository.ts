import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CrisisContactView } from '@p2p/contract';
import { DataSource, EntityManager } from 'typeorm';
import { readableBoard, readerIsStaff } from '../boards/board-access.sql';
import type { StoredMeaning } from '@p2p/guidelines';
import {
  POST_COLUMNS,
  POST_FROM,
  PostRow,
  THREAD_COLUMNS,
  THREAD_FROM,
  THREAD_LIST_COLUMNS,
  THREAD_LIST_FROM,
  ThreadRow,
} from './post-views';
import { UNANSWERED } from './unanswered.sql';

/** A board as the posts service needs it: whose, what kind, and whether the reader is staff on a grant. */
export interface BoardForReader {
  community_id: string;
  kind: string;
  staff_read: boolean;
}

export type ThreadListRow = ThreadRow & { preview_body: string | null; unread: boolean };
export type ThreadForReader = ThreadRow & { published: boolean; staff_read: boolean };
export type PostOnPage = PostRow & { flagged_by_me: boolean };
export type PostWithReading = PostRow & {
  thread_title: string;
  opening_title: string | null;
  meaning: StoredMeaning | null;
};

/** Where a new post goes. */
export interface NewPost {
  threadId: string;
  boardId: string;
  communityId: string;
  isOpening: boolean;
  authorId: string;
  body: string;
  idempotencyKey: string | null;
  acknowledged: boolean;
  meaning: StoredMeaning | null;
}

/**
 * The SQL of threads and posts for the posts service, in one place: every read a reader makes goes
 * through the board-reading rule in the query itself (readableBoard), so a row nobody may read is
 * never loaded. Methods that take an EntityManager run inside the caller's transaction.
 */
@Injectable()
export class PostsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // Boards and threads, for a reader

  async boardForReader(boardId: string, userId: string): Promise<BoardForReader | undefined> {
    const [board] = await this.db.query<BoardForReader[]>(
      `SELECT b.community_id, b.kind, ${readerIsStaff('b', '$2')} AND b.kind = 'community' AS staff_read
         FROM boards b WHERE b.id = $1 AND ${readableBoard('b', '$2')}`,
      [boardId, userId],
    );
    return board;
  }

  /** A thread that is on the board (its opening post shared), on a board the reader may read. */
  async sharedThreadForReader(
    threadId: string,
    userId: string,
  ): Promise<{ board_id: string; community_id: string } | undefined> {
    const [thread] = await this.db.query<{ board_id: string; community_id: string }[]>(
      `SELECT t.board_id, t.community_id FROM threads t JOIN boards b ON b.id = t.board_id
        WHERE t.id = $1 AND t.last_post_seq IS NOT NULL AND ${readableBoard('b', '$2')}`,
      [threadId, userId],
    );
    return thread;
  }

  /** A thread on a board the reader may read, shared or not (the caller decides who sees a waiting one). */
  async threadForReader(threadId: string, userId: string): Promise<ThreadForReader | undefined> {
    const [thread] = await this.db.query<ThreadForReader[]>(
      `SELECT ${THREAD_COLUMNS}, t.last_post_seq IS NOT NULL AS published,
              ${readerIsStaff('b', '$2')} AND b.kind = 'community' AS staff_read
         FROM ${THREAD_FROM} JOIN boards b ON b.id = t.board_id
        WHERE t.id = $1 AND ${readableBoard('b', '$2')}`,
      [threadId, userId],
    );
    return thread;
  }

  async thread(threadId: string): Promise<ThreadRow> {
    const [row] = await this.db.query<ThreadRow[]>(`SELECT ${THREAD_COLUMNS} FROM ${THREAD_FROM} WHERE t.id = $1`, [
      threadId,
    ]);
    return row;
  }

  /** A board's shared threads by latest activity, with a preview and "new for me" (board already checked). */
  threadsPage(
    boardId: string,
    userId: string,
    beforeSeq: number | string | null,
    limit: number,
  ): Promise<ThreadListRow[]> {
    return this.db.query<ThreadListRow[]>(
      `SELECT ${THREAD_LIST_COLUMNS} FROM ${THREAD_LIST_FROM}
        WHERE t.board_id = $1 AND t.last_post_seq IS NOT NULL AND ($3::bigint IS NULL OR t.last_post_seq < $3)
        ORDER BY t.last_post_seq DESC LIMIT $4`,
      [boardId, userId, beforeSeq, limit],
    );
  }

  /** The reader's own threads on a board whose opening post is still waiting or held. */
  ownWaitingThreads(boardId: string, userId: string): Promise<ThreadRow[]> {
    return this.db.query<ThreadRow[]>(
      `SELECT ${THREAD_COLUMNS} FROM ${THREAD_FROM}
        WHERE t.board_id = $1 AND t.author_id = $2 AND t.last_post_seq IS NULL AND op.status IN ('pending', 'held')
        ORDER BY t.created_at`,
      [boardId, userId],
    );
  }

  /** A thread's shared posts (and the notices of hidden or removed ones), oldest first (thread already checked). */
  postsPage(threadId: string, userId: string, afterSeq: number | string | null, limit: number): Promise<PostOnPage[]> {
    // flagged_by_me: so a member sees, after a reload too, which posts they already asked the Top 3 to look at.
    return this.db.query<PostOnPage[]>(
      `SELECT ${POST_COLUMNS},
              EXISTS (SELECT 1 FROM flags f WHERE f.post_id = p.id AND f.flagger_id = $4) AS flagged_by_me
         FROM ${POST_FROM}
        WHERE p.thread_id = $1 AND p.event_seq IS NOT NULL AND p.status IN ('published', 'hidden', 'removed')
          AND ($2::bigint IS NULL OR p.event_seq > $2)
        ORDER BY p.event_seq LIMIT $3`,
      [threadId, afterSeq, limit, userId],
    );
  }

  /** The reader's own replies in a thread that are still waiting or held. */
  ownWaitingPosts(threadId: string, userId: string): Promise<PostRow[]> {
    return this.db.query<PostRow[]>(
      `SELECT ${POST_COLUMNS} FROM ${POST_FROM}
        WHERE p.thread_id = $1 AND p.author_id = $2 AND p.status IN ('pending', 'held') ORDER BY p.created_at`,
      [threadId, userId],
    );
  }

  /** One post: a shared one for any reader of its board, any of their own for its author. */
  async postForReader(postId: string, userId: string): Promise<(PostRow & { staff_read: boolean }) | undefined> {
    const [row] = await this.db.query<(PostRow & { staff_read: boolean })[]>(
      `SELECT ${POST_COLUMNS}, ${readerIsStaff('b', '$2')} AND b.kind = 'community' AS staff_read
         FROM ${POST_FROM} JOIN boards b ON b.id = p.board_id
        WHERE p.id = $1 AND ${readableBoard('b', '$2')}
          AND (p.author_id = $2 OR (p.event_seq IS NOT NULL AND p.status IN ('published', 'hidden', 'removed')))`,
      [postId, userId],
    );
    return row;
  }

  /** Reading never goes backwards, nor past the thread's last post; undefined when the thread is not readable. */
  async markRead(threadId: string, userId: string, seq: number): Promise<number | undefined> {
    const [row] = await this.db.query<{ read_seq: string }[]>(
      `INSERT INTO thread_reads (user_id, thread_id, read_seq)
       SELECT $2, t.id, least($3::bigint, t.last_post_seq) FROM threads t JOIN boards b ON b.id = t.board_id
        WHERE t.id = $1 AND t.last_post_seq IS NOT NULL AND ${readableBoard('b', '$2')}
       ON CONFLICT (user_id, thread_id) DO UPDATE
         SET read_seq = greatest(thread_reads.read_seq, excluded.read_seq), read_at = now()
       RETURNING read_seq`,
      [threadId, userId, seq],
    );
    return row ? Number(row.read_seq) : undefined;
  }

  /**
   * Threads on boards the reader may read whose opening post nobody else has answered (oldest
   * first, at most 100), and after how many hours the community counts one unanswered.
   */
  async unansweredThreads(communityId: string, userId: string): Promise<{ threads: ThreadRow[]; afterHours: number }> {
    const threads = await this.db.query<ThreadRow[]>(
      `SELECT ${THREAD_COLUMNS} FROM ${THREAD_FROM} JOIN boards b ON b.id = t.board_id JOIN communities c ON c.id = t.community_id
        WHERE t.community_id = $1 AND ${UNANSWERED} AND ${readableBoard('b', '$2')}
        ORDER BY op.released_at, t.id LIMIT 100`,
      [communityId, userId],
    );
    const [c] = await this.db.query<{ hours: number }[]>(
      `SELECT unanswered_after_hours AS hours FROM communities WHERE id = $1`,
      [communityId],
    );
    return { threads, afterHours: c.hours };
  }

  async crisisContacts(communityId: string): Promise<CrisisContactView[]> {
    const [c] = await this.db.query<{ crisis_contacts: CrisisContactView[] }[]>(
      `SELECT crisis_contacts FROM communities WHERE id = $1`,
      [communityId],
    );
    return c.crisis_contacts;
  }

  // Writing

  /** The post an author already sent with this Idempotency-Key, if any. */
  async byIdempotencyKey(authorId: string, key: string): Promise<PostRow | null> {
    const [row] = await this.db.query<PostRow[]>(
      `SELECT ${POST_COLUMNS} FROM ${POST_FROM} WHERE p.author_id = $1 AND p.idempotency_key = $2`,
      [authorId, key],
    );
    return row ?? null;
  }

  async insertThread(
    em: EntityManager,
    t: { boardId: string; communityId: string; authorId: string; title?: string },
  ): Promise<string> {
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO threads (board_id, community_id, author_id, title) VALUES ($1, $2, $3, $4) RETURNING id`,
      [t.boardId, t.communityId, t.authorId, t.title],
    );
    return row.id;
  }

  /** A new post, waiting out its thinking space: the community's delay for its board's kind, by the database's clock. */
  async insertPost(em: EntityManager, p: NewPost): Promise<PostRow> {
    const [inserted] = await em.query<{ id: string }[]>(
      `INSERT INTO posts (thread_id, board_id, community_id, author_id, is_opening, body, release_at, idempotency_key,
                          guidelines_acknowledged, meaning)
       SELECT $1, $2, $3, $4, $5, $6,
              clock_timestamp() + make_interval(secs => CASE WHEN b.kind IN ('chat', 'direct')
                                                             THEN c.chat_delay_seconds ELSE c.posting_delay_seconds END),
              $7, $8, $9
         FROM communities c JOIN boards b ON b.id = $2 AND b.community_id = c.id WHERE c.id = $3
       RETURNING id`,
      [
        p.threadId,
        p.boardId,
        p.communityId,
        p.authorId,
        p.isOpening,
        p.body,
        p.idempotencyKey,
        p.acknowledged,
        p.meaning,
      ],
    );
    return this.post(em, inserted.id);
  }

  async post(em: EntityManager, postId: string): Promise<PostRow> {
    const [row] = await em.query<PostRow[]>(`SELECT ${POST_COLUMNS} FROM ${POST_FROM} WHERE p.id = $1`, [postId]);
    return row;
  }

  async markForTop3(em: EntityManager, postId: string): Promise<void> {
    await em.query(`UPDATE posts SET for_top3 = true WHERE id = $1`, [postId]);
  }

  /**
   * The community's posts of the last `days` days on boards the reader may read, shared or
   * stopped (never waiting or withdrawn), newest first, with their threads' titles and the model's
   * reading kept with each: what a dry run of the guidelines reads.
   */
  recentWithReadings(communityId: string, readerId: string, days: number, limit: number): Promise<PostWithReading[]> {
    return this.db.query<PostWithReading[]>(
      `SELECT ${POST_COLUMNS}, t.title AS thread_title, CASE WHEN p.is_opening THEN t.title END AS opening_title, p.meaning
         FROM ${POST_FROM} JOIN threads t ON t.id = p.thread_id JOIN boards b ON b.id = p.board_id
        WHERE p.community_id = $1 AND p.created_at > now() - make_interval(days => $3)
          AND p.status IN ('published', 'held', 'hidden', 'removed')
          AND ${readableBoard('b', '$2')}
        ORDER BY p.created_at DESC, p.id DESC LIMIT ${limit}`,
      [communityId, readerId, days],
    );
  }

  /** Which of these posts are in the community, each with its board's kind. */
  boardKinds(em: EntityManager, postIds: string[], communityId: string): Promise<{ id: string; kind: string }[]> {
    return em.query<{ id: string; kind: string }[]>(
      `SELECT p.id, b.kind FROM posts p JOIN boards b ON b.id = p.board_id WHERE p.id = ANY($1::uuid[]) AND p.community_id = $2`,
      [postIds, communityId],
    );
  }

  /** A chat room's messages, newest first, before the sequence number `before` (a page going back). */
  chatHistory(threadId: string, before: number | string | null, limit: number): Promise<PostRow[]> {
    return this.db.query<PostRow[]>(
      `SELECT ${POST_COLUMNS} FROM ${POST_FROM}
        WHERE p.thread_id = $1 AND p.event_seq IS NOT NULL AND p.status IN ('published', 'hidden', 'removed')
          AND ($2::bigint IS NULL OR p.event_seq < $2)
        ORDER BY p.event_seq DESC LIMIT $3`,
      [threadId, before, limit],
    );
  }

  /** Locks a post its author may still change (theirs, or any shared one, for the refusal's words), with the database's now. */
  async lockForChange(
    em: EntityManager,
    postId: string,
    userId: string,
  ): Promise<(PostRow & { db_now: Date }) | undefined> {
    const [row] = await em.query<(PostRow & { db_now: Date })[]>(
      `SELECT ${POST_COLUMNS}, clock_timestamp() AS db_now FROM ${POST_FROM}
        WHERE p.id = $1 AND (p.author_id = $2 OR p.status = 'published') FOR UPDATE OF p`,
      [postId, userId],
    );
    return row;
  }

  async threadTitle(em: EntityManager, threadId: string): Promise<string> {
    const [thread] = await em.query<{ title: string }[]>(`SELECT title FROM threads WHERE id = $1`, [threadId]);
    return thread.title;
  }

  /** The author's change to a waiting post: its words and, for an opening post, its thread's title. */
  async change(
    em: EntityManager,
    post: { id: string; thread_id: string },
    to: { body?: string; title?: string; meaning: StoredMeaning | null; acknowledged: boolean },
  ): Promise<void> {
    if (to.body !== undefined) {
      await em.query(`UPDATE posts SET body = $2, edited_at = clock_timestamp() WHERE id = $1`, [post.id, to.body]);
    }
    if (to.title !== undefined) {
      await em.query(`UPDATE threads SET title = $2 WHERE id = $1`, [post.thread_id, to.title]);
      await em.query(`UPDATE posts SET edited_at = clock_timestamp() WHERE id = $1`, [post.id]);
    }
    await em.query(`UPDATE posts SET meaning = $2 WHERE id = $1`, [post.id, to.meaning]);
    if (to.acknowledged) await em.query(`UPDATE posts SET guidelines_acknowledged = true WHERE id = $1`, [post.id]);
  }

  async withdraw(em: EntityManager, postId: string): Promise<void> {
    await em.query(`UPDATE posts SET status = 'withdrawn', withdrawn_at = clock_timestamp() WHERE id = $1`, [postId]);
  }
}
