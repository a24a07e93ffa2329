import { FlaggedView } from '@p2p/contract';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Permission } from '@p2p/moderation';
import Redis from 'ioredis';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { readableBoard } from '../boards/board-access.sql';
import { CommunitiesService } from '../communities/communities.service';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { MemberLimit } from '../platform/http/member-limit';
import { inMinutes } from '../platform/http/slow-down';
import { REDIS } from '../platform/redis/redis';
import { POST_COLUMNS, POST_FROM, PostRow } from '../entries/post-views';
import { FanoutService } from '../platform/realtime/fanout.service';
import { StoredEvent } from '../platform/realtime/event-log';
import { ModerationLog } from './log.service';
import { FlagDto } from './moderation.dto';
import { removedEvent, reviewEvent } from './review-events';

const NOT_FOUND = "We couldn't find that post.";

/** Members asking the Top 3 to look at an entry. Every flag is in the verbatim log. */
@Injectable()
export class FlagsService {
  private readonly flagLimit: MemberLimit;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
    private readonly log: ModerationLog,
    private readonly fanout: FanoutService,
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.flagLimit = new MemberLimit(
      redis,
      `${config.redisPrefix}:flags:hour`,
      config.flagsPerHour,
      3600,
      (wait) =>
        `Thank you for looking out for the community. You have flagged a lot in a short while; you can flag again in about ${inMinutes(wait)}, or talk to a Top 3 member directly.`,
    );
  }

  /** A member flags a post; enough different members hide it until a Top 3 member looks. */
  async flag(auth: AuthContext, postId: string, input: FlagDto): Promise<FlaggedView> {
    await this.flagLimit.consume(auth.userId);
    const events: StoredEvent[] = [];
    const hidden = await this.db.transaction(async (em) => {
      const post = await this.lockReadable(em, auth, postId);
      if (post.status !== 'published' && post.status !== 'hidden') {
        throw new BadRequestException('Only posts that have been shared can be flagged.');
      }
      await this.communities.authorize(auth, post.community_id, Permission.WritePosts);
      const inserted = await em.query<{ id: string }[]>(
        `INSERT INTO flags (post_id, community_id, flagger_id, reason, note) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (post_id, flagger_id) DO NOTHING RETURNING id`,
        [postId, post.community_id, auth.userId, input.reason, input.note ?? null],
      );
      if (inserted.length === 0) {
        throw new ConflictException('You have already flagged this post. Thank you; a Top 3 member will look at it.');
      }
      await this.log.append(em, {
        communityId: post.community_id,
        actorId: auth.userId,
        action: 'flag',
        boardId: post.board_id,
        postId,
        entryText: post.body,
        reason: input.reason,
        details: input.note ? { note: input.note } : {},
      });
      const [{ flaggers, threshold }] = await em.query<{ flaggers: number; threshold: number }[]>(
        `SELECT (SELECT count(DISTINCT flagger_id)::int FROM flags WHERE post_id = $1 AND resolved_at IS NULL) AS flaggers,
                c.flag_threshold AS threshold
           FROM communities c WHERE c.id = $2`,
        [postId, post.community_id],
      );
      const hide = post.status === 'published' && flaggers >= threshold;
      await em.query(
        `UPDATE posts SET review_since = coalesce(review_since, clock_timestamp()),
                          status = CASE WHEN $2 THEN 'hidden' ELSE status END
          WHERE id = $1`,
        [postId, hide],
      );
      if (hide) {
        await this.log.append(em, {
          communityId: post.community_id,
          actorId: null,
          action: 'hide',
          boardId: post.board_id,
          postId,
          entryText: post.body,
          reason: `flagged by ${flaggers} members`,
        });
        events.push(await removedEvent(em, post, 'hidden'));
      }
      events.push(await reviewEvent(em, post, hide ? 'hidden' : post.status, true, hide ? 'hidden' : 'flagged'));
      return hide;
    });
    events.forEach((e) => this.fanout.deliver(e));
    return { flagged: true, hidden };
  }

  private async lockReadable(em: EntityManager, auth: AuthContext, postId: string): Promise<PostRow> {
    const [post] = await em.query<PostRow[]>(
      `SELECT ${POST_COLUMNS} FROM ${POST_FROM} JOIN boards b ON b.id = p.board_id
        WHERE p.id = $1 AND ${readableBoard('b', '$2')} AND p.status IN ('published', 'hidden')
        FOR UPDATE OF p`,
      [postId, auth.userId],
    );
    if (!post) throw new NotFoundException(NOT_FOUND);
    return post;
  }
}
