import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PostView, ThreadView } from '@p2p/contract';
import { Permission, canChangePending, pendingChangeRefusal } from '@p2p/moderation';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '../auth/auth.types';
import { readableBoard } from '../boards/board-access.sql';
import { Page, decodeCursor, toPage } from '../common/pagination';
import { CommunitiesService } from '../communities/communities.service';
import { CreatePostDto, CreateThreadDto, EditPostDto } from './posts.dto';
import { PostingLimiter } from './posting-limiter';
import {
  POST_COLUMNS,
  POST_FROM,
  PostRow,
  THREAD_COLUMNS,
  THREAD_FROM,
  ThreadRow,
  toPostView,
  toReaderView,
  toThreadView,
} from './post-views';
import { ReleaseService } from './release.service';

const BOARD_NOT_FOUND = "We couldn't find that board, or it isn't one you can read.";
const THREAD_NOT_FOUND = "We couldn't find that thread, or it isn't one you can read.";
const POST_NOT_FOUND = "We couldn't find that post.";

@Injectable()
export class PostsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
    private readonly releases: ReleaseService,
    private readonly limiter: PostingLimiter,
  ) {}

  /** Starts a thread: its opening post waits out the thinking space like any other. */
  async createThread(
    auth: AuthContext,
    boardId: string,
    input: CreateThreadDto,
    idempotencyKey?: string,
  ): Promise<{ thread: ThreadView; post: PostView }> {
    const replay = await this.replay(auth, idempotencyKey);
    if (replay) return { thread: await this.threadView(replay.thread_id), post: toPostView(replay) };
    const board = await this.writableBoard(auth, boardId);
    await this.limiter.consume(auth.userId);
    const created = await this.insertOnce(auth, idempotencyKey, async (em) => {
      const [thread] = await em.query<{ id: string }[]>(
        `INSERT INTO threads (board_id, community_id, author_id, title) VALUES ($1, $2, $3, $4) RETURNING id`,
        [boardId, board.community_id, auth.userId, input.title.trim()],
      );
      return this.insertPost(
        em,
        { threadId: thread.id, boardId, communityId: board.community_id, isOpening: true },
        auth,
        input.body,
        idempotencyKey,
      );
    });
    await this.releases.schedule(created.id, created.release_at);
    return { thread: await this.threadView(created.thread_id), post: toPostView(created) };
  }

  async reply(auth: AuthContext, threadId: string, input: CreatePostDto, idempotencyKey?: string): Promise<PostView> {
    const replay = await this.replay(auth, idempotencyKey);
    if (replay) return toPostView(replay);
    const [thread] = await this.db.query<{ board_id: string; community_id: string }[]>(
      `SELECT t.board_id, t.community_id FROM threads t JOIN boards b ON b.id = t.board_id
        WHERE t.id = $1 AND t.last_post_seq IS NOT NULL AND ${readableBoard('b', '$2')}`,
      [threadId, auth.userId],
    );
    if (!thread) throw new NotFoundException(THREAD_NOT_FOUND);
    await this.writableBoard(auth, thread.board_id);
    await this.limiter.consume(auth.userId);
    const created = await this.insertOnce(auth, idempotencyKey, (em) =>
      this.insertPost(
        em,
        { threadId, boardId: thread.board_id, communityId: thread.community_id, isOpening: false },
        auth,
        input.body,
        idempotencyKey,
      ),
    );
    await this.releases.schedule(created.id, created.release_at);
    return toPostView(created);
  }

  /** Published threads by latest activity, and the caller's own threads still waiting. */
  async listThreads(
    auth: AuthContext,
    boardId: string,
    limit = 30,
    cursor?: string,
  ): Promise<Page<ThreadView> & { pending: ThreadView[] }> {
    await this.readableBoardRow(auth, boardId);
    const after = decodeCursor(cursor, 1);
    const rows = await this.db.query<ThreadRow[]>(
      `SELECT ${THREAD_COLUMNS} FROM ${THREAD_FROM}
        WHERE t.board_id = $1 AND t.last_post_seq IS NOT NULL AND ($2::bigint IS NULL OR t.last_post_seq < $2)
        ORDER BY t.last_post_seq DESC LIMIT $3`,
      [boardId, after?.[0] ?? null, limit + 1],
    );
    const page = toPage(rows, limit, (r) => [Number(r.last_post_seq)]);
    const pending = cursor
      ? []
      : await this.db.query<ThreadRow[]>(
          `SELECT ${THREAD_COLUMNS} FROM ${THREAD_FROM}
            WHERE t.board_id = $1 AND t.author_id = $2 AND t.last_post_seq IS NULL AND op.status IN ('pending', 'held')
            ORDER BY t.created_at`,
          [boardId, auth.userId],
        );
    return { items: page.items.map(toThreadView), nextCursor: page.nextCursor, pending: pending.map(toThreadView) };
  }

  /** A thread's published posts, oldest first, and the caller's own replies still waiting. */
  async listPosts(
    auth: AuthContext,
    threadId: string,
    limit = 50,
    cursor?: string,
  ): Promise<Page<PostView> & { pending: PostView[] }> {
    const [thread] = await this.db.query<{ id: string; author_id: string; published: boolean }[]>(
      `SELECT t.id, t.author_id, t.last_post_seq IS NOT NULL AS published FROM threads t JOIN boards b ON b.id = t.board_id
        WHERE t.id = $1 AND ${readableBoard('b', '$2')}`,
      [threadId, auth.userId],
    );
    // A thread whose opening post is still in its thinking space exists for its author alone.
    if (!thread || (!thread.published && thread.author_id !== auth.userId))
      throw new NotFoundException(THREAD_NOT_FOUND);
    const after = decodeCursor(cursor, 1);
    const rows = await this.db.query<PostRow[]>(
      `SELECT ${POST_COLUMNS} FROM ${POST_FROM}
        WHERE p.thread_id = $1 AND p.event_seq IS NOT NULL AND p.status IN ('published', 'hidden', 'removed')
          AND ($2::bigint IS NULL OR p.event_seq > $2)
        ORDER BY p.event_seq LIMIT $3`,
      [threadId, after?.[0] ?? null, limit + 1],
    );
    const page = toPage(rows, limit, (r) => [Number(r.event_seq)]);
    const pending = page.nextCursor
      ? []
      : await this.db.query<PostRow[]>(
          `SELECT ${POST_COLUMNS} FROM ${POST_FROM}
            WHERE p.thread_id = $1 AND p.author_id = $2 AND p.status IN ('pending', 'held') ORDER BY p.created_at`,
          [threadId, auth.userId],
        );
    return { items: page.items.map(toReaderView), nextCursor: page.nextCursor, pending: pending.map(toPostView) };
  }

  /** One post: published ones for any reader of its board, pending ones for their author only. */
  async get(auth: AuthContext, postId: string): Promise<PostView> {
    const [row] = await this.db.query<PostRow[]>(
      `SELECT ${POST_COLUMNS} FROM ${POST_FROM} JOIN boards b ON b.id = p.board_id
        WHERE p.id = $1 AND ${readableBoard('b', '$2')}
          AND (p.author_id = $2 OR (p.event_seq IS NOT NULL AND p.status IN ('published', 'hidden', 'removed')))`,
      [postId, auth.userId],
    );
    if (!row) throw new NotFoundException(POST_NOT_FOUND);
    // Authors keep sight of their own words while a Top 3 member looks; everyone else gets the notice.
    return row.author_id === auth.userId && row.status !== 'removed' ? toPostView(row) : toReaderView(row);
  }

  /** The author changes a waiting post; its release time stays where it was. */
  async edit(auth: AuthContext, postId: string, input: EditPostDto): Promise<PostView> {
    if (input.body === undefined && input.title === undefined) {
      throw new BadRequestException('Please send a new body or title to change.');
    }
    await this.db.transaction(async (em) => {
      const post = await this.lockOwnPending(em, auth, postId);
      if (input.title !== undefined && !post.is_opening) {
        throw new BadRequestException('Only the opening post of a thread has a title.');
      }
      if (input.body !== undefined) {
        await em.query(`UPDATE posts SET body = $2, edited_at = clock_timestamp() WHERE id = $1`, [postId, input.body]);
      }
      if (input.title !== undefined) {
        await em.query(`UPDATE threads SET title = $2 WHERE id = $1`, [post.thread_id, input.title.trim()]);
        await em.query(`UPDATE posts SET edited_at = clock_timestamp() WHERE id = $1`, [postId]);
      }
    });
    return this.get(auth, postId);
  }

  /** The author takes back a waiting post; nobody else will ever see it. */
  async withdraw(auth: AuthContext, postId: string): Promise<PostView> {
    await this.db.transaction(async (em) => {
      await this.lockOwnPending(em, auth, postId);
      await em.query(`UPDATE posts SET status = 'withdrawn', withdrawn_at = clock_timestamp() WHERE id = $1`, [postId]);
    });
    await this.releases.unschedule(postId);
    return this.get(auth, postId);
  }

  private async lockOwnPending(em: EntityManager, auth: AuthContext, postId: string): Promise<PostRow> {
    const [row] = await em.query<(PostRow & { db_now: Date })[]>(
      `SELECT ${POST_COLUMNS}, clock_timestamp() AS db_now FROM ${POST_FROM}
        WHERE p.id = $1 AND (p.author_id = $2 OR p.status = 'published') FOR UPDATE OF p`,
      [postId, auth.userId],
    );
    if (!row) throw new NotFoundException(POST_NOT_FOUND);
    const actor = await this.communities.actorFor(auth, row.community_id);
    const verdict = canChangePending(
      actor,
      { authorId: row.author_id, status: row.status, releaseAt: row.release_at },
      row.db_now,
    );
    if (!verdict.allowed) {
      if (verdict.reason === 'not-author') throw new NotFoundException(POST_NOT_FOUND);
      throw new ConflictException(pendingChangeRefusal[verdict.reason]);
    }
    return row;
  }

  private async insertPost(
    em: EntityManager,
    where: { threadId: string; boardId: string; communityId: string; isOpening: boolean },
    auth: AuthContext,
    body: string,
    idempotencyKey?: string,
  ): Promise<PostRow> {
    const [inserted] = await em.query<{ id: string }[]>(
      `INSERT INTO posts (thread_id, board_id, community_id, author_id, is_opening, body, release_at, idempotency_key)
       SELECT $1, $2, $3, $4, $5, $6, clock_timestamp() + make_interval(secs => c.posting_delay_seconds), $7
         FROM communities c WHERE c.id = $3
       RETURNING id`,
      [where.threadId, where.boardId, where.communityId, auth.userId, where.isOpening, body, idempotencyKey ?? null],
    );
    const [row] = await em.query<PostRow[]>(`SELECT ${POST_COLUMNS} FROM ${POST_FROM} WHERE p.id = $1`, [inserted.id]);
    return row;
  }

  /** Runs an insert once per Idempotency-Key, even when two identical requests race. */
  private async insertOnce(
    auth: AuthContext,
    key: string | undefined,
    insert: (em: EntityManager) => Promise<PostRow>,
  ): Promise<PostRow> {
    try {
      return await this.db.transaction(insert);
    } catch (err) {
      const replay = (err as { code?: string }).code === '23505' ? await this.replay(auth, key) : null;
      if (replay) return replay;
      throw err;
    }
  }

  private async replay(auth: AuthContext, key: string | undefined): Promise<PostRow | null> {
    if (!key) return null;
    const [row] = await this.db.query<PostRow[]>(
      `SELECT ${POST_COLUMNS} FROM ${POST_FROM} WHERE p.author_id = $1 AND p.idempotency_key = $2`,
      [auth.userId, key],
    );
    return row ?? null;
  }

  private async threadView(threadId: string): Promise<ThreadView> {
    const [row] = await this.db.query<ThreadRow[]>(`SELECT ${THREAD_COLUMNS} FROM ${THREAD_FROM} WHERE t.id = $1`, [
      threadId,
    ]);
    return toThreadView(row);
  }

  private async readableBoardRow(auth: AuthContext, boardId: string): Promise<{ community_id: string; kind: string }> {
    const [board] = await this.db.query<{ community_id: string; kind: string }[]>(
      `SELECT b.community_id, b.kind FROM boards b WHERE b.id = $1 AND ${readableBoard('b', '$2')}`,
      [boardId, auth.userId],
    );
    if (!board) throw new NotFoundException(BOARD_NOT_FOUND);
    return board;
  }

  /** Threads live on community and private boards; info boards hold pages. */
  private async writableBoard(auth: AuthContext, boardId: string): Promise<{ community_id: string }> {
    const board = await this.readableBoardRow(auth, boardId);
    if (board.kind === 'info') {
      throw new BadRequestException(
        'The information board holds pages rather than threads, so posts cannot be added here.',
      );
    }
    await this.communities.authorize(auth, board.community_id, Permission.WritePosts);
    return board;
  }
}
