import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PostReactionsView, PostView, ThreadReadView, ThreadView } from '@p2p/contract';
import { DataSource } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { Page, decodeCursor, toPage } from '../platform/http/pagination';
import { ModerationLog } from '../moderation/moderation-log.repository';
import { toPostView, toReaderView, toThreadListView, toThreadView } from '../entries/post-views';
import { BoardForReader, PostsRepository } from '../entries/posts.repository';
import { ReactionsRepository } from '../entries/reactions.repository';

const BOARD_NOT_FOUND = "We couldn't find that board, or it isn't one you can read.";
export const THREAD_NOT_FOUND = "We couldn't find that thread, or it isn't one you can read.";
export const POST_NOT_FOUND = "We couldn't find that post.";

/**
 * Reading the board: threads, a thread's posts, one post, and how far a reader has read. Who may
 * read is in each query; a staff member's read under a grant is written in the verbatim log.
 */
@Injectable()
export class ReadingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly log: ModerationLog,
    private readonly posts: PostsRepository,
    private readonly reactions: ReactionsRepository,
  ) {}

  /** Published threads by latest activity, and the caller's own threads still waiting. */
  async listThreads(
    auth: AuthContext,
    boardId: string,
    limit = 30,
    cursor?: string,
  ): Promise<Page<ThreadView> & { pending: ThreadView[] }> {
    const board = await this.readableBoard(auth, boardId);
    if (board.staff_read) {
      await this.logStaffRead(auth, board.community_id, boardId, { read: 'threads', cursor: cursor ?? null });
    }
    const after = decodeCursor(cursor, 1);
    const rows = await this.posts.threadsPage(boardId, auth.userId, after?.[0] ?? null, limit + 1);
    const page = toPage(rows, limit, (r) => [Number(r.last_post_seq)]);
    const pending = cursor ? [] : await this.posts.ownWaitingThreads(boardId, auth.userId);
    return { items: page.items.map(toThreadListView), nextCursor: page.nextCursor, pending: pending.map(toThreadView) };
  }

  /** A thread's published posts, oldest first, and the caller's own replies still waiting. */
  async listPosts(
    auth: AuthContext,
    threadId: string,
    limit = 50,
    cursor?: string,
  ): Promise<
    Page<PostView> & { pending: PostView[]; thread: ThreadView; flaggedByMe: string[]; reactions: PostReactionsView[] }
  > {
    const thread = await this.posts.threadForReader(threadId, auth.userId);
    // A thread whose opening post is still in its thinking space exists for its author alone.
    if (!thread || (!thread.published && thread.author_id !== auth.userId)) {
      throw new NotFoundException(THREAD_NOT_FOUND);
    }
    if (thread.staff_read) {
      await this.logStaffRead(auth, thread.community_id, thread.board_id, {
        read: 'posts',
        threadId,
        cursor: cursor ?? null,
      });
    }
    const after = decodeCursor(cursor, 1);
    const rows = await this.posts.postsPage(threadId, auth.userId, after?.[0] ?? null, limit + 1);
    const page = toPage(rows, limit, (r) => [Number(r.event_seq)]);
    // Reactions show on posts that are on the board; a hidden or taken-down post keeps none in sight.
    const onBoard = page.items.filter((r) => r.status === 'published').map((r) => r.id);
    const reactions = (await this.reactions.of(this.db, onBoard, auth.userId)).filter((v) =>
      Object.values(v.counts).some((n) => n > 0),
    );
    const pending = page.nextCursor ? [] : await this.posts.ownWaitingPosts(threadId, auth.userId);
    return {
      items: page.items.map(toReaderView),
      nextCursor: page.nextCursor,
      pending: pending.map(toPostView),
      thread: toThreadView(thread),
      flaggedByMe: page.items.filter((r) => r.flagged_by_me).map((r) => r.id),
      reactions,
    };
  }

  /**
   * The reader has been shown a thread up to post `seq`: its row on the board stops saying there
   * is something new. Never goes backwards, and never past the thread's latest post.
   */
  async markRead(auth: AuthContext, threadId: string, seq: number): Promise<ThreadReadView> {
    const readSeq = await this.posts.markRead(threadId, auth.userId, seq);
    if (readSeq === undefined) throw new NotFoundException(THREAD_NOT_FOUND);
    return { threadId, readSeq };
  }

  /** One post: published ones for any reader of its board, pending ones for their author only. */
  async get(auth: AuthContext, postId: string): Promise<PostView> {
    const row = await this.posts.postForReader(postId, auth.userId);
    if (!row) throw new NotFoundException(POST_NOT_FOUND);
    if (row.staff_read) await this.logStaffRead(auth, row.community_id, row.board_id, { read: 'post', postId });
    // Authors keep sight of their own words while a Top 3 member looks; everyone else gets the notice.
    return row.author_id === auth.userId && row.status !== 'removed' ? toPostView(row) : toReaderView(row);
  }

  /** A board the caller may read (the rule is in the query), or a 404 that gives nothing away. */
  async readableBoard(auth: AuthContext, boardId: string): Promise<BoardForReader> {
    const board = await this.posts.boardForReader(boardId, auth.userId);
    if (!board) throw new NotFoundException(BOARD_NOT_FOUND);
    return board;
  }

  /** Every read by staff under a grant is in the log: who read what, when. */
  private async logStaffRead(
    auth: AuthContext,
    communityId: string,
    boardId: string,
    what: Record<string, unknown>,
  ): Promise<void> {
    await this.db.transaction((em) =>
      this.log.append(em, { communityId, actorId: auth.userId, action: 'access-read', boardId, details: what }),
    );
  }
}
