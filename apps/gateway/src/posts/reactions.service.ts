import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PostReactionsView, ReactionCounts, ReactionKind, noReactions } from '@p2p/contract';
import { Permission } from '@p2p/moderation';
import Redis from 'ioredis';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { readableBoard } from '../boards/board-access.sql';
import { MemberLimit } from '../platform/http/member-limit';
import { inMinutes } from '../platform/http/slow-down';
import { CommunitiesService } from '../communities/communities.service';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { StoredEvent, nextSeq, recordEvent } from '../platform/realtime/event-log';
import { FanoutService } from '../platform/realtime/fanout.service';
import { REDIS } from '../platform/redis/redis';

const POST_NOT_FOUND = "We couldn't find that post.";

interface ReactionRow {
  post_id: string;
  kind: ReactionKind;
  n: number;
  mine: boolean;
}

/**
 * Supportive reactions on posts. A member leaves or takes back "I hear you", "Sending strength"
 * or "Thank you" on another member's post that is on the board; every reader gets the new counts
 * live (post.reactions), and nobody, staff included, is told who left them.
 */
@Injectable()
export class ReactionsService {
  private readonly limit: MemberLimit;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
    private readonly fanout: FanoutService,
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limit = new MemberLimit(
      redis,
      `${config.redisPrefix}:reactions:hour`,
      config.reactionsPerHour,
      3600,
      (wait) => `You have reacted a lot in a short while; you can react again in about ${inMinutes(wait)}.`,
    );
  }

  /** Leaves (on) or takes back (off) one reaction. Doing what is already done changes nothing. */
  async set(auth: AuthContext, postId: string, kind: ReactionKind, on: boolean): Promise<PostReactionsView> {
    await this.limit.consume(auth.userId);
    let event: StoredEvent | null = null;
    const view = await this.db.transaction(async (em) => {
      // FOR SHARE: a Top 3 member hiding or deleting the post at the same moment goes first or after, not between.
      const [post] = await em.query<
        { thread_id: string; board_id: string; community_id: string; author_id: string; status: string; kind: string }[]
      >(
        `SELECT p.thread_id, p.board_id, p.community_id, p.author_id, p.status, b.kind
           FROM posts p JOIN boards b ON b.id = p.board_id
          WHERE p.id = $1 AND p.event_seq IS NOT NULL AND ${readableBoard('b', '$2')}
          FOR SHARE OF p`,
        [postId, auth.userId],
      );
      if (!post) throw new NotFoundException(POST_NOT_FOUND);
      await this.communities.authorize(auth, post.community_id, Permission.WritePosts);
      if (post.kind !== 'community' && post.kind !== 'private') {
        throw new BadRequestException('Reactions are for posts in threads, not chat messages.');
      }
      if (post.status !== 'published') {
        throw new BadRequestException('This post is not on the board just now, so it cannot take reactions.');
      }
      if (post.author_id === auth.userId) {
        throw new BadRequestException("Reactions are for other members' posts.");
      }
      const changed = on
        ? await em.query<unknown[]>(
            `INSERT INTO post_reactions (post_id, member_id, kind) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING RETURNING 1`,
            [postId, auth.userId, kind],
          )
        : // TypeORM answers a DELETE with [rows, count].
          (
            await em.query<[unknown[], number]>(
              `DELETE FROM post_reactions WHERE post_id = $1 AND member_id = $2 AND kind = $3 RETURNING 1`,
              [postId, auth.userId, kind],
            )
          )[0];
      if (changed.length === 0) return (await reactionsOf(em, [postId], auth.userId))[0];
      // The number is taken before counting: it waits for any other reaction on this community to
      // commit, so the counts each event carries never go backwards.
      const taken = await nextSeq(em, post.community_id);
      const mineNow = (await reactionsOf(em, [postId], auth.userId))[0];
      event = await recordEvent(em, taken, {
        communityId: post.community_id,
        type: 'post.reactions',
        boardId: post.board_id,
        postId,
        data: { postId, threadId: post.thread_id, boardId: post.board_id, counts: mineNow.counts },
      });
      return mineNow;
    });
    if (event) this.fanout.deliver(event);
    return view;
  }
}

/**
 * Counts and the reader's own reactions for the given posts, one view per post asked for (all
 * zero where there are none). The caller has already checked that the reader may read them.
 */
export async function reactionsOf(
  db: DataSource | EntityManager,
  postIds: string[],
  readerId: string,
): Promise<PostReactionsView[]> {
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
