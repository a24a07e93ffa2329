import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthorView, CheckInChangedEvent, CheckInView, TakenView } from '@p2p/contract';
import { Finding } from '@p2p/guidelines';
import { Permission } from '@p2p/moderation';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { Page, decodeCursor, toPage } from '../platform/http/pagination';
import { CommunitiesService } from '../communities/communities.service';
import { StoredEvent, nextSeq, recordEvent } from '../platform/realtime/event-log';
import { PostRow, toPostView } from '../entries/post-views';
import { FanoutService } from '../platform/realtime/fanout.service';
import { ModerationLog } from './moderation-log.repository';
import { takeLockedPost } from './taking';
import { CheckInRow, ReviewRepository } from '../entries/review.repository';

const NOT_FOUND = "We couldn't find that check-in.";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Top 3's quiet list of published posts with hard thoughts in them (the guidelines'
 * check-in action): nothing is hidden from anyone, and someone may want to reach out.
 */
@Injectable()
export class CheckInsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
    private readonly fanout: FanoutService,
    private readonly log: ModerationLog,
    private readonly review: ReviewRepository,
  ) {}

  /**
   * In the transaction that publishes the post: puts it on the list, with what was found, and
   * tells the Top 3 (a stream event, so a Top 3 member who reconnects catches up on it).
   */
  async open(em: EntityManager, post: PostRow, findings: readonly Finding[]): Promise<StoredEvent> {
    const found = findings.filter((f) => f.action === 'check-in');
    await this.review.openCheckIn(em, post.id, found);
    return this.changed(em, post, true);
  }

  /** Open check-ins first (oldest first), then those done (newest first). */
  async list(
    auth: AuthContext,
    communityId: string,
    query: { limit?: number; cursor?: string; done?: boolean },
  ): Promise<Page<CheckInView>> {
    await this.communities.authorize(auth, communityId, Permission.ReviewEntries);
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.cursor, 2);
    if (after && (Number.isNaN(Date.parse(String(after[0]))) || !UUID.test(String(after[1])))) {
      throw new BadRequestException('That page cursor is not valid; start again from the first page.');
    }
    const rows = await this.review.checkInPage(
      communityId,
      query.done === true,
      after ? [String(after[0]), String(after[1])] : null,
      limit + 1,
    );
    const page = toPage(rows, limit, (r) => [r.released_key, r.id]);
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }

  /** A Top 3 member has checked in with the author: the item leaves the open list, for everyone. */
  async markDone(auth: AuthContext, postId: string): Promise<CheckInView> {
    const event = await this.db.transaction(async (em) => {
      // Who may is part of the query: anyone but an active Top 3 member of the post's community
      // gets the same answer as for no check-in at all, so nothing is given away.
      const found = await this.review.lockCheckInForTop3(em, postId, auth.userId);
      if (!found) throw new NotFoundException(NOT_FOUND);
      if (found.done) throw new ConflictException('A Top 3 member has already checked in on this post.');
      await this.review.markCheckedIn(em, postId, auth.userId);
      return this.changed(em, found, false);
    });
    this.fanout.deliver(event);
    return toView(await this.review.checkIn(postId));
  }

  /**
   * "I'm looking at this" for a check-in: the others see it live and the log keeps it, as for a
   * held entry. Taking it again is a no-op; one another member has taken is refused with their name.
   */
  async take(auth: AuthContext, postId: string): Promise<TakenView> {
    let event: StoredEvent | undefined;
    const taken = await this.db.transaction(async (em) => {
      const found = await this.review.lockCheckInForTop3(em, postId, auth.userId);
      if (!found) throw new NotFoundException(NOT_FOUND);
      if (found.done) throw new ConflictException('A Top 3 member has already checked in on this post.');
      const result = await takeLockedPost(em, { log: this.log, review: this.review }, found, auth.userId, {
        list: 'check-in',
      });
      if (result.fresh) event = await this.changed(em, found, true, result.by);
      return { by: result.by, at: result.at };
    });
    if (event) this.fanout.deliver(event);
    return taken;
  }

  private async changed(
    em: EntityManager,
    post: Pick<PostRow, 'id' | 'thread_id' | 'board_id' | 'community_id'>,
    open: boolean,
    takenBy?: AuthorView,
  ): Promise<StoredEvent> {
    const data: CheckInChangedEvent['data'] = {
      postId: post.id,
      threadId: post.thread_id,
      boardId: post.board_id,
      open,
      ...(takenBy ? { takenBy } : {}),
    };
    return recordEvent(em, await nextSeq(em, post.community_id), {
      communityId: post.community_id,
      type: 'check-in.changed',
      audience: 'top3',
      postId: post.id,
      data,
    });
  }
}

function toView(r: CheckInRow): CheckInView {
  return {
    post: toPostView(r),
    threadTitle: r.thread_title,
    reasons: r.check_in_findings.map((f) => f.reason),
    since: r.released_at!.toISOString(),
    done:
      r.check_in_done_at && r.done_by_id
        ? { by: { id: r.done_by_id, displayName: r.done_by_name ?? '' }, at: r.check_in_done_at.toISOString() }
        : null,
    taken:
      r.taken_by && r.taken_at
        ? { by: { id: r.taken_by, displayName: r.taken_name ?? '' }, at: r.taken_at.toISOString() }
        : null,
  };
}
