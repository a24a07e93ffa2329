import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PostReactionsView, ReactionKind } from '@p2p/contract';
import { Permission } from '@p2p/moderation';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { MemberLimit } from '../platform/http/member-limit';
import { inMinutes } from '../platform/http/slow-down';
import { CommunitiesService } from '../communities/communities.service';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { StoredEvent, nextSeq, recordEvent } from '../platform/realtime/event-log';
import { ReactionsRepository } from '../entries/reactions.repository';
import { FanoutService } from '../platform/realtime/fanout.service';
import { REDIS } from '../platform/redis/redis';

const POST_NOT_FOUND = "We couldn't find that post.";

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
    private readonly reactions: ReactionsRepository,
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
      const post = await this.reactions.shareLock(em, postId, auth.userId);
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
      const changed = await this.reactions.set(em, postId, auth.userId, kind, on);
      if (!changed) return (await this.reactions.of(em, [postId], auth.userId))[0];
      // The number is taken before counting: it waits for any other reaction on this community to
      // commit, so the counts each event carries never go backwards.
      const taken = await nextSeq(em, post.community_id);
      const mineNow = (await this.reactions.of(em, [postId], auth.userId))[0];
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
