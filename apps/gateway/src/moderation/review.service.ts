import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PostHeldEvent, PostView, reachableContacts, ReviewQueueItemView, TakenView } from '@p2p/contract';
import { Permission, can, reviewTransition } from '@p2p/moderation';
import { Finding } from '@p2p/guidelines';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { CommunitiesService } from '../communities/communities.service';
import { StoredEvent, nextSeq, recordEvent } from '../platform/realtime/event-log';
import { PostRow, toPostView } from '../entries/post-views';
import { publishLockedPost } from '../entries/release.repository';
import { toPlanView } from '../plans/crisis-plan.service';
import { takeLockedPost } from './taking';
import { PostsRepository } from '../entries/posts.repository';
import { ReviewRepository } from '../entries/review.repository';
import { FanoutService } from '../platform/realtime/fanout.service';
import { ModerationLog } from './moderation-log.repository';
import { removedEvent, reviewEvent, updatedEvent } from './review-events';
import { ModerationDto } from './moderation.dto';

const NOT_FOUND = "We couldn't find that post.";

const HELD_MESSAGE =
  'Thank you for writing this. It is waiting for a Top 3 member to look at it before anyone else sees it. ' +
  "If you are struggling right now, you don't have to wait: these people can help, at any time.";

/** Shown to a member who sent a post to the Top 3 first: where it is, what happens next, help now. */
const FOR_TOP3_MESSAGE =
  'Thank you. Your post is with the Top 3 now: they will read it before anyone else sees it, and can share it on ' +
  "the board or write to you. If you are struggling right now, you don't have to wait: these people can help, at any time.";

/** The kind words to the author of a held post: held by the guidelines, or sent to the Top 3 first. */
export function heldMessage(askedByAuthor = false): string {
  return askedByAuthor ? FOR_TOP3_MESSAGE : HELD_MESSAGE;
}

/** The Top 3's review list and their actions on it (flags: flags.service.ts). Every step is in the verbatim log. */
@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
    private readonly log: ModerationLog,
    private readonly fanout: FanoutService,
    private readonly posts: PostsRepository,
    private readonly review: ReviewRepository,
  ) {}

  /**
   * The guidelines asked for a Top 3 member to look first: the post waits, never dropped; its
   * author is told kindly and shown the crisis contacts at once; the Top 3's queue gets it live.
   * Runs in the caller's transaction (submit, edit or release) on a locked post.
   */
  async holdLockedPost(
    em: EntityManager,
    post: PostRow,
    findings: Finding[],
    opts: { askedByAuthor?: boolean } = {},
  ): Promise<StoredEvent[]> {
    await this.review.hold(em, post.id, findings);
    const strongest = findings[0];
    await this.log.append(em, {
      communityId: post.community_id,
      actorId: null,
      action: 'hold',
      boardId: post.board_id,
      postId: post.id,
      entryText: post.body,
      reason: [
        opts.askedByAuthor ? 'the author sent it to the Top 3 first' : null,
        strongest ? `${strongest.rule}: ${strongest.reason}` : opts.askedByAuthor ? null : 'held by the guidelines',
      ]
        .filter(Boolean)
        .join('; '),
      details: opts.askedByAuthor ? { findings, askedByAuthor: true } : { findings },
    });
    const row = await this.review.withCrisisContacts(em, post.id);
    const data: PostHeldEvent['data'] = {
      post: toPostView(row),
      message: heldMessage(opts.askedByAuthor),
      crisisContacts: reachableContacts(row.crisis_contacts),
    };
    const held = await recordEvent(em, await nextSeq(em, post.community_id), {
      communityId: post.community_id,
      type: 'post.held',
      userId: post.author_id,
      postId: post.id,
      data,
    });
    return [held, await reviewEvent(em, { ...post, status: 'held' }, 'held', true, 'held')];
  }

  /** Held and flagged entries, oldest first, with who flagged and why. */
  async queue(auth: AuthContext, communityId: string): Promise<{ items: ReviewQueueItemView[]; nextCursor: null }> {
    await this.communities.authorize(auth, communityId, Permission.ReviewEntries);
    // The plan comes only with a held post, and only if its author chose to show it to the Top 3.
    const rows = await this.review.reviewList(communityId);
    const flags = await this.review.openFlags(rows.map((r) => r.id));
    return {
      nextCursor: null,
      items: rows.map((r) => ({
        post: toPostView(r),
        why: r.status === 'held' ? 'held' : r.status === 'hidden' ? 'hidden' : 'flagged',
        since: r.review_since.toISOString(),
        findings: r.guideline_findings,
        flags: flags
          .filter((f) => f.post_id === r.id)
          .map((f) => ({
            by: { id: f.flagger_id, displayName: f.display_name },
            reason: f.reason,
            note: f.note,
            at: f.created_at.toISOString(),
          })),
        taken:
          r.taken_by && r.taken_at
            ? { by: { id: r.taken_by, displayName: r.taken_name ?? '' }, at: r.taken_at.toISOString() }
            : null,
        authorPlan: r.plan ? toPlanView({ ...r.plan, updated_at: new Date(r.plan.updated_at) }) : null,
        askedByAuthor: r.for_top3,
      })),
    };
  }

  /**
   * "I'm looking at this": a Top 3 member takes a waiting entry. The others see it live, the
   * escalation ladder stops, and the log keeps who and when. Taking it again is a no-op; an entry
   * another member has taken is refused with their name.
   */
  async take(auth: AuthContext, postId: string): Promise<TakenView> {
    const events: StoredEvent[] = [];
    const taken = await this.db.transaction(async (em) => {
      const post = await this.lockInCommunity(em, auth, postId);
      const cur = await this.review.reviewState(em, postId);
      if (!cur.review_since) throw new ConflictException('This entry is not waiting for review any more.');
      const result = await takeLockedPost(em, { log: this.log, review: this.review }, { ...post, ...cur }, auth.userId);
      if (result.fresh) events.push(await reviewEvent(em, post, post.status, true, 'taken', result.by));
      return { by: result.by, at: result.at };
    });
    events.forEach((e) => this.fanout.deliver(e));
    return taken;
  }

  /** approve, delete, restore or annotate an entry; the log keeps its exact words. */
  async moderate(auth: AuthContext, postId: string, input: ModerationDto): Promise<PostView> {
    const events: StoredEvent[] = [];
    await this.db.transaction(async (em) => {
      const post = await this.lockInCommunity(em, auth, postId);
      const decided = reviewTransition(input.action, post.status);
      if (!decided.allowed) throw new ConflictException(decided.refusal);
      const next = decided.to;
      await this.log.append(em, {
        communityId: post.community_id,
        actorId: auth.userId,
        action: input.action,
        boardId: post.board_id,
        postId,
        entryText: post.body,
        reason: input.reason,
        details: { from: post.status, to: next ?? post.status },
        forMeeting: input.forMeeting ?? false,
      });
      if (next === null) return;
      if (next === 'published' && post.released_at === null) {
        // Held before it was ever shared: approving publishes it for the first time.
        events.push(await publishLockedPost(em, post));
      } else {
        await this.review.decide(em, postId, next);
        if (post.released_at !== null) {
          events.push(
            next === 'published'
              ? await updatedEvent(em, await this.posts.post(em, postId))
              : await removedEvent(em, post, next === 'removed' ? 'removed' : 'hidden'),
          );
        }
      }
      await this.review.closeReview(em, postId);
      events.push(await reviewEvent(em, post, next, false, 'reviewed'));
    });
    events.forEach((e) => this.fanout.deliver(e));
    return toPostView(await this.posts.post(this.db.manager, postId));
  }

  /**
   * Top 3 moderate every board of their community, private ones included. Anyone else is told
   * "not yours to do" only about posts they can read anyway; for others the post does not exist.
   */
  private async lockInCommunity(em: EntityManager, auth: AuthContext, postId: string): Promise<PostRow> {
    const post = await this.review.lockForReview(em, postId, auth.userId);
    if (!post) throw new NotFoundException(NOT_FOUND);
    const actor = await this.communities.actorFor(auth, post.community_id);
    if (!can(actor, Permission.ReviewEntries)) {
      if (!post.readable) throw new NotFoundException(NOT_FOUND);
      await this.communities.authorize(auth, post.community_id, Permission.ReviewEntries);
    }
    return post;
  }
}
