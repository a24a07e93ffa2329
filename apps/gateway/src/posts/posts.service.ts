import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CrisisContactView, PostView, reachableContacts, ThreadView } from '@p2p/contract';
import { Permission, canChangePending, pendingChangeRefusal } from '@p2p/moderation';
import { CheckResult } from '@p2p/guidelines';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { ExplainedException } from '../platform/http/problem';
import { CommunitiesService } from '../communities/communities.service';
import { StoredEvent } from '../platform/realtime/event-log';
import { GuidelinesService } from '../guidelines/guidelines.service';
import type { StoredMeaning } from '@p2p/guidelines';
import { storedMeaning } from '../guidelines/meaning.service';
import { ReviewService, heldMessage } from '../moderation/review.service';
import { FanoutService } from '../platform/realtime/fanout.service';
import { CreatePostDto, CreateThreadDto, EditPostDto } from './posts.dto';
import { AskingLimiter, PostingLimiter } from './posting-limiter';
import { PostRow, textForGuidelines, toPostView, toThreadView } from '../entries/post-views';
import { PostsRepository } from '../entries/posts.repository';
import { ReleaseService } from './release.service';
import { POST_NOT_FOUND, ReadingService, THREAD_NOT_FOUND } from './reading.service';
import { DraftsService } from '../drafts/drafts.service';

/** Shown with a held post: why it waits, and who can help right now. */
export interface HeldNotice {
  message: string;
  crisisContacts: CrisisContactView[];
}

@Injectable()
export class PostsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
    private readonly releases: ReleaseService,
    private readonly limiter: PostingLimiter,
    private readonly asking: AskingLimiter,
    private readonly guidelines: GuidelinesService,
    private readonly review: ReviewService,
    private readonly fanout: FanoutService,
    private readonly posts: PostsRepository,
    private readonly drafts: DraftsService,
    private readonly reading: ReadingService,
  ) {}

  /**
   * The words are now a post: its draft goes. Not a reason to refuse what was accepted if it
   * fails (the composer deletes the draft too, after the 202), so a failure here is left quiet.
   */
  private async draftSent(auth: AuthContext, place: string): Promise<void> {
    await this.drafts.remove(auth, place).catch(() => undefined);
  }

  /** Starts a thread: its opening post waits out the thinking space like any other. */
  async createThread(
    auth: AuthContext,
    boardId: string,
    input: CreateThreadDto,
    idempotencyKey?: string,
  ): Promise<{ thread: ThreadView; post: PostView } & Partial<HeldNotice>> {
    const replay = await this.replay(auth, idempotencyKey);
    if (replay) return { thread: await this.threadView(replay.thread_id), post: toPostView(replay) };
    const board = await this.writableBoard(auth, boardId);
    const { row, notice } = await this.submit(
      auth,
      { boardId, communityId: board.community_id, title: input.title.trim() },
      input.body,
      { acknowledged: input.guidelinesAcknowledged ?? false, idempotencyKey, forTop3: input.forTop3 ?? false },
    );
    await this.draftSent(auth, `board:${boardId}`);
    return { thread: await this.threadView(row.thread_id), post: toPostView(row), ...notice };
  }

  async reply(
    auth: AuthContext,
    threadId: string,
    input: CreatePostDto,
    idempotencyKey?: string,
  ): Promise<PostView & Partial<HeldNotice>> {
    const replay = await this.replay(auth, idempotencyKey);
    if (replay) return toPostView(replay);
    const thread = await this.posts.sharedThreadForReader(threadId, auth.userId);
    if (!thread) throw new NotFoundException(THREAD_NOT_FOUND);
    await this.writableBoard(auth, thread.board_id);
    const { row, notice } = await this.submit(
      auth,
      { boardId: thread.board_id, communityId: thread.community_id, threadId },
      input.body,
      { acknowledged: input.guidelinesAcknowledged ?? false, idempotencyKey, forTop3: input.forTop3 ?? false },
    );
    await this.draftSent(auth, `thread:${threadId}`);
    return { ...toPostView(row), ...notice };
  }

  /**
   * Chat: a message into a room's running thread, through the same guidelines, thinking space
   * (the community's chat delay) and review as a post. The caller has checked the room's own rules
   * and its rate limit.
   */
  async submitChatMessage(
    auth: AuthContext,
    room: { boardId: string; communityId: string; threadId: string },
    body: string,
    acknowledged: boolean,
    idempotencyKey: string,
  ): Promise<PostView & Partial<HeldNotice>> {
    const replay = await this.replay(auth, idempotencyKey);
    if (replay) return toPostView(replay);
    const { row, notice } = await this.submit(auth, room, body, { acknowledged, idempotencyKey, perHourLimit: false });
    // A chat room is a board of its own: its id is the room's.
    await this.draftSent(auth, `room:${room.boardId}`);
    return { ...toPostView(row), ...notice };
  }

  /**
   * The guidelines read a new post first. Hold: it waits for a Top 3 member (its author told
   * kindly, with crisis contacts). Warn: the author is asked to think again before it is sent.
   * Otherwise it waits out the thinking space and is checked once more at release, with the
   * model's reading taken now (kept with the post while its text is unchanged). A post sent to
   * the Top 3 first waits for them like a held post, whatever the guidelines make of it (their
   * findings go with it, so an imminent-harm reading is still urgent).
   */
  private async submit(
    auth: AuthContext,
    where: { boardId: string; communityId: string; threadId?: string; title?: string },
    body: string,
    opts: { acknowledged: boolean; idempotencyKey?: string; perHourLimit?: boolean; forTop3?: boolean },
  ): Promise<{ row: PostRow; notice: HeldNotice | null }> {
    const { idempotencyKey, forTop3 = false } = opts;
    const screening = await this.screen(
      where.communityId,
      textForGuidelines(where.title, body),
      opts.acknowledged || forTop3,
    );
    if (forTop3) await this.asking.consume(auth.userId);
    else if (opts.perHourLimit ?? true) await this.limiter.consume(auth.userId);
    const events: StoredEvent[] = [];
    const row = await this.insertOnce(auth, idempotencyKey, async (em) => {
      const threadId = where.threadId ?? (await this.posts.insertThread(em, { ...where, authorId: auth.userId }));
      const inserted = await this.posts.insertPost(em, {
        threadId,
        boardId: where.boardId,
        communityId: where.communityId,
        isOpening: !where.threadId,
        authorId: auth.userId,
        body,
        idempotencyKey: idempotencyKey ?? null,
        acknowledged: screening.outcome === 'warn',
        meaning: screening.meaning,
      });
      if (forTop3) {
        await this.posts.markForTop3(em, inserted.id);
        const held = screening.findings.filter((f) => f.action === 'hold');
        events.push(...(await this.review.holdLockedPost(em, inserted, held, { askedByAuthor: true })));
      } else if (screening.outcome === 'hold') {
        events.push(...(await this.review.holdLockedPost(em, inserted, screening.findings)));
      }
      return events.length > 0 ? this.posts.post(em, inserted.id) : inserted;
    });
    if (events.length > 0) {
      events.forEach((e) => this.fanout.deliver(e));
      return { row, notice: await this.heldNotice(where.communityId, heldMessage(forTop3)) };
    }
    await this.releases.schedule(row.id, row.release_at);
    return { row, notice: null };
  }

  /**
   * Checks a text against the community's guidelines; a warning not yet acknowledged stops here.
   * The model's reading comes back too, to be kept with the post for its release.
   */
  private async screen(
    communityId: string,
    text: string,
    acknowledged: boolean,
  ): Promise<CheckResult & { meaning: StoredMeaning | null }> {
    const read = await this.guidelines.meaningOf(text);
    const result = await this.guidelines.read(text, await this.guidelines.current(communityId), read);
    if (result.outcome === 'warn' && !acknowledged) {
      const strongest = result.findings.find((f) => f.action === 'warn');
      throw new ExplainedException(
        422,
        'Before this is shared, have another look: the community guidelines ask us to keep talk here on the board, ' +
          'among everyone. If you still want to send it as it is, send it again with guidelinesAcknowledged set.',
        { guidelines: { outcome: result.outcome, findings: result.findings, rule: strongest?.rule ?? null } },
      );
    }
    return { ...result, meaning: storedMeaning(read) };
  }

  private async heldNotice(communityId: string, message: string): Promise<HeldNotice> {
    return { message, crisisContacts: reachableContacts(await this.posts.crisisContacts(communityId)) };
  }

  /** The author changes a waiting post; its release time stays where it was. */
  async edit(auth: AuthContext, postId: string, input: EditPostDto): Promise<PostView> {
    if (input.body === undefined && input.title === undefined) {
      throw new BadRequestException('Please send a new body or title to change.');
    }
    const events: StoredEvent[] = [];
    await this.db.transaction(async (em) => {
      const post = await this.lockOwnPending(em, auth, postId);
      if (input.title !== undefined && !post.is_opening) {
        throw new BadRequestException('Only the opening post of a thread has a title.');
      }
      const title = post.is_opening ? (input.title ?? (await this.posts.threadTitle(em, post.thread_id))) : undefined;
      const screening = await this.screen(
        post.community_id,
        textForGuidelines(title, input.body ?? post.body),
        input.guidelinesAcknowledged ?? false,
      );
      await this.posts.change(em, post, {
        body: input.body,
        title: input.title?.trim(),
        meaning: screening.meaning,
        acknowledged: screening.outcome === 'warn',
      });
      if (screening.outcome === 'hold') {
        events.push(...(await this.review.holdLockedPost(em, await this.posts.post(em, postId), screening.findings)));
      }
    });
    events.forEach((e) => this.fanout.deliver(e));
    if (events.length > 0) await this.releases.unschedule(postId);
    return this.reading.get(auth, postId);
  }

  /** The author takes back a waiting post; nobody else will ever see it. */
  async withdraw(auth: AuthContext, postId: string): Promise<PostView> {
    await this.db.transaction(async (em) => {
      await this.lockOwnPending(em, auth, postId);
      await this.posts.withdraw(em, postId);
    });
    await this.releases.unschedule(postId);
    return this.reading.get(auth, postId);
  }

  private async lockOwnPending(em: EntityManager, auth: AuthContext, postId: string): Promise<PostRow> {
    const row = await this.posts.lockForChange(em, postId, auth.userId);
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
    return key ? this.posts.byIdempotencyKey(auth.userId, key) : null;
  }

  private async threadView(threadId: string): Promise<ThreadView> {
    return toThreadView(await this.posts.thread(threadId));
  }

  /** Threads live on community and private boards; info boards hold pages. */
  private async writableBoard(auth: AuthContext, boardId: string): Promise<{ community_id: string }> {
    const board = await this.reading.readableBoard(auth, boardId);
    if (board.kind === 'chat' || board.kind === 'direct') {
      throw new BadRequestException('Chat rooms take messages over the live connection (chat.send), not threads.');
    }
    if (board.kind === 'info') {
      throw new BadRequestException(
        'The information board holds pages rather than threads, so posts cannot be added here.',
      );
    }
    await this.communities.authorize(auth, board.community_id, Permission.WritePosts);
    return board;
  }
}
