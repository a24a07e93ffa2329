import { FlaggedView } from '@p2p/contract';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Permission } from '@p2p/moderation';
import Redis from 'ioredis';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { CommunitiesService } from '../communities/communities.service';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { MemberLimit } from '../platform/http/member-limit';
import { inMinutes } from '../platform/http/slow-down';
import { REDIS } from '../platform/redis/redis';
import { PostRow } from '../entries/post-views';
import { ReviewRepository } from '../entries/review.repository';
import { FanoutService } from '../platform/realtime/fanout.service';
import { StoredEvent } from '../platform/realtime/event-log';
import { ModerationLog } from './moderation-log.repository';
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
    private readonly review: ReviewRepository,
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
      const added = await this.review.addFlag(em, {
        postId,
        communityId: post.community_id,
        flaggerId: auth.userId,
        reason: input.reason,
        note: input.note ?? null,
      });
      if (!added) {
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
      const { flaggers, threshold } = await this.review.flaggers(em, postId, post.community_id);
      const hide = post.status === 'published' && flaggers >= threshold;
      await this.review.markFlagged(em, postId, hide);
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
    const post = await this.review.lockShared(em, postId, auth.userId);
    if (!post) throw new NotFoundException(NOT_FOUND);
    return post;
  }
}
