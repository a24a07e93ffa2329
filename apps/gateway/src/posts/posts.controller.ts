import { ApiView } from '../platform/http/openapi';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { PostReactionsView, PostView, REACTION_KINDS, ReactionKind, ThreadView } from '@p2p/contract';
import { AuthContext } from '../platform/http/auth-context';
import { CurrentAuth } from '../auth/session.guard';
import { IdempotencyKey } from '../platform/http/idempotency-key';
import { PageQuery } from '../platform/http/pagination';
import { oneOf, uuid } from '../platform/http/params';
import {
  CreatePostDto,
  CreateThreadDto,
  CreatedThreadDto,
  EditPostDto,
  PostDto,
  PostPageDto,
  PostReactionsDto,
  ThreadPageDto,
  ThreadReadDto,
} from './posts.dto';
import { PostsService } from './posts.service';
import { ReadingService } from './reading.service';
import { ReactionsService } from './reactions.service';
import { WaitingForReplyService } from './waiting-for-reply.service';

const idempotencyHeader = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description:
    'Send the same key again (say, after a dropped connection) and get the same post back, never a second one.',
});

@ApiTags('posts')
@ApiBearerAuth()
@Controller()
export class PostsController {
  constructor(
    private readonly posts: PostsService,
    private readonly reading: ReadingService,
    private readonly waiting: WaitingForReplyService,
    private readonly reactions: ReactionsService,
  ) {}

  @Get('boards/:bid/threads')
  @ApiOperation({ summary: "A board's threads by latest activity, with the caller's own still-waiting threads." })
  @ApiOkResponse({ type: ThreadPageDto })
  threads(@CurrentAuth() auth: AuthContext, @Param('bid', uuid('board id')) bid: string, @Query() page: PageQuery) {
    return this.reading.listThreads(auth, bid, page.limit, page.cursor);
  }

  @Get('communities/:cid/waiting-for-reply')
  @ApiView('WaitingForReplyView')
  @ApiOperation({
    summary:
      'Members and the Top 3: threads nobody else has replied to in the community’s unanswered_after_hours (default 12), oldest first.',
  })
  waitingForReply(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string) {
    return this.waiting.list(auth, cid);
  }

  @Post('boards/:bid/threads')
  @HttpCode(202)
  @idempotencyHeader
  @ApiOperation({ summary: 'Start a thread. Its opening post waits out the thinking space (202, status pending).' })
  @ApiAcceptedResponse({ type: CreatedThreadDto })
  async startThread(
    @CurrentAuth() auth: AuthContext,
    @Param('bid', uuid('board id')) bid: string,
    @Body() body: CreateThreadDto,
    @IdempotencyKey() key?: string,
  ): Promise<{ thread: ThreadView; post: PostView; status: string; releaseAt: string }> {
    const created = await this.posts.createThread(auth, bid, body, key);
    return { ...created, status: created.post.status, releaseAt: created.post.releaseAt };
  }

  @Get('threads/:tid/posts')
  @ApiOperation({ summary: "A thread's posts, oldest first, with the caller's own still-waiting replies." })
  @ApiOkResponse({ type: PostPageDto })
  postsOf(@CurrentAuth() auth: AuthContext, @Param('tid', uuid('thread id')) tid: string, @Query() page: PageQuery) {
    return this.reading.listPosts(auth, tid, page.limit, page.cursor);
  }

  @Put('threads/:tid/read')
  @ApiView('ThreadReadView')
  @ApiOperation({
    summary: "Mark a thread read up to a post's seq, so the board's list stops marking it new (for the caller only).",
  })
  markRead(
    @CurrentAuth() auth: AuthContext,
    @Param('tid', uuid('thread id')) tid: string,
    @Body() body: ThreadReadDto,
  ): Promise<{ threadId: string; readSeq: number }> {
    return this.reading.markRead(auth, tid, body.seq);
  }

  @Post('threads/:tid/posts')
  @HttpCode(202)
  @idempotencyHeader
  @ApiOperation({ summary: 'Reply. The reply waits out the thinking space (202, status pending, releaseAt).' })
  @ApiAcceptedResponse({ type: PostDto })
  reply(
    @CurrentAuth() auth: AuthContext,
    @Param('tid', uuid('thread id')) tid: string,
    @Body() body: CreatePostDto,
    @IdempotencyKey() key?: string,
  ): Promise<PostView> {
    return this.posts.reply(auth, tid, body, key);
  }

  @Get('posts/:pid')
  @ApiOperation({ summary: 'One post (a waiting post only for its author).' })
  @ApiOkResponse({ type: PostDto })
  get(@CurrentAuth() auth: AuthContext, @Param('pid', uuid('post id')) pid: string): Promise<PostView> {
    return this.reading.get(auth, pid);
  }

  @Patch('posts/:pid')
  @ApiOperation({ summary: 'Author: change a post while it waits. The release time stays the same.' })
  @ApiOkResponse({ type: PostDto })
  edit(
    @CurrentAuth() auth: AuthContext,
    @Param('pid', uuid('post id')) pid: string,
    @Body() body: EditPostDto,
  ): Promise<PostView> {
    return this.posts.edit(auth, pid, body);
  }

  @Delete('posts/:pid')
  @ApiOperation({ summary: 'Author: withdraw a post while it waits. Nobody else will see it.' })
  @ApiOkResponse({ type: PostDto })
  withdraw(@CurrentAuth() auth: AuthContext, @Param('pid', uuid('post id')) pid: string): Promise<PostView> {
    return this.posts.withdraw(auth, pid);
  }

  @Put('posts/:pid/reactions/:kind')
  @ApiOperation({
    summary:
      "Member: leave a supportive reaction on another member's post that is on the board. Readers see counts only.",
  })
  @ApiParam({ name: 'kind', enum: REACTION_KINDS })
  @ApiOkResponse({ type: PostReactionsDto })
  react(
    @CurrentAuth() auth: AuthContext,
    @Param('pid', uuid('post id')) pid: string,
    @Param('kind', oneOf('reaction', REACTION_KINDS)) kind: ReactionKind,
  ): Promise<PostReactionsView> {
    return this.reactions.set(auth, pid, kind, true);
  }

  @Delete('posts/:pid/reactions/:kind')
  @ApiOperation({ summary: 'Member: take back a reaction you left.' })
  @ApiParam({ name: 'kind', enum: REACTION_KINDS })
  @ApiOkResponse({ type: PostReactionsDto })
  unreact(
    @CurrentAuth() auth: AuthContext,
    @Param('pid', uuid('post id')) pid: string,
    @Param('kind', oneOf('reaction', REACTION_KINDS)) kind: ReactionKind,
  ): Promise<PostReactionsView> {
    return this.reactions.set(auth, pid, kind, false);
  }
}
