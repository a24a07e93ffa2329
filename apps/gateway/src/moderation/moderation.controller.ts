import { ApiView } from '../platform/http/openapi';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthContext } from '../platform/http/auth-context';
import { CurrentAuth } from '../auth/session.guard';
import { PageQuery } from '../platform/http/pagination';
import { uuid } from '../platform/http/params';
import { MeetingsService } from './meetings.service';
import { CheckInsService } from './check-ins.service';
import {
  CheckInQuery,
  FlagDto,
  MarkForMeetingDto,
  ModerationDto,
  OpenMeetingDto,
  OutcomeDto,
  SignificantEventDto,
  VerifyQuery,
} from './moderation.dto';
import { packHtml, packMarkdown } from './pack-render';
import { PRINTABLE_CSP } from '../platform/http/printable';
import { ReportsService } from './reports.service';
import { FlagsService } from './flags.service';
import { ReviewService } from './review.service';

@ApiTags('moderation')
@ApiBearerAuth()
@Controller()
export class ModerationController {
  constructor(
    private readonly review: ReviewService,
    private readonly flags: FlagsService,
    private readonly checkIns: CheckInsService,
    private readonly reports: ReportsService,
    private readonly meetings: MeetingsService,
  ) {}

  @Post('posts/:pid/flags')
  @ApiView('FlaggedView', { status: 201 })
  @HttpCode(201)
  @ApiOperation({ summary: 'Flag a post for the Top 3, with a reason.' })
  flag(@CurrentAuth() auth: AuthContext, @Param('pid', uuid('post id')) pid: string, @Body() body: FlagDto) {
    return this.flags.flag(auth, pid, body);
  }

  @Get('communities/:cid/review-queue')
  @ApiView('ReviewQueueItemView', { shape: 'page' })
  @ApiOperation({ summary: 'Top 3: held and flagged entries, oldest first, with who flagged and why.' })
  queue(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string) {
    return this.review.queue(auth, cid);
  }

  @Get('communities/:cid/check-ins')
  @ApiView('CheckInView', { shape: 'page' })
  @ApiOperation({
    summary:
      'Top 3: published posts with hard thoughts in them, to check in on (open ones oldest first; ?done=true for those done).',
  })
  checkInList(
    @CurrentAuth() auth: AuthContext,
    @Param('cid', uuid('community id')) cid: string,
    @Query() query: CheckInQuery,
  ) {
    return this.checkIns.list(auth, cid, query);
  }

  @Post('posts/:pid/check-in')
  @ApiView('CheckInView')
  @HttpCode(200)
  @ApiOperation({ summary: 'Top 3: say that someone has checked in with the author; it leaves the open list.' })
  checkedIn(@CurrentAuth() auth: AuthContext, @Param('pid', uuid('post id')) pid: string) {
    return this.checkIns.markDone(auth, pid);
  }

  @Post('posts/:pid/moderation')
  @ApiView('PostView')
  @HttpCode(200)
  @ApiOperation({ summary: 'Top 3: approve, delete, restore or annotate an entry (kept verbatim in the log).' })
  moderate(@CurrentAuth() auth: AuthContext, @Param('pid', uuid('post id')) pid: string, @Body() body: ModerationDto) {
    return this.review.moderate(auth, pid, body);
  }

  @Post('posts/:pid/check-in/take')
  @ApiView('TakenView')
  @HttpCode(200)
  @ApiOperation({ summary: 'Top 3: "I\'m looking at this" for a post on the check-in list; the others see it live.' })
  takeCheckIn(@CurrentAuth() auth: AuthContext, @Param('pid', uuid('post id')) pid: string) {
    return this.checkIns.take(auth, pid);
  }

  @Post('posts/:pid/take')
  @ApiView('TakenView')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Top 3: "I\'m looking at this" for an entry waiting for review; the others see it live and the escalation ladder stops.',
  })
  take(@CurrentAuth() auth: AuthContext, @Param('pid', uuid('post id')) pid: string) {
    return this.review.take(auth, pid);
  }

  @Get('communities/:cid/log')
  @ApiView('LogRecordView', { shape: 'page' })
  @ApiOperation({ summary: 'The verbatim log: Top 3 all of it; staff never anything from private boards.' })
  log(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string, @Query() page: PageQuery) {
    return this.reports.readLog(auth, cid, page.limit, page.cursor);
  }

  @Get('communities/:cid/log/verify')
  @ApiView('LogVerifyView')
  @ApiOperation({
    summary:
      'Recompute the hash chain; report the first broken record. Pass an earlier checkpoint to catch a rebuilt chain.',
  })
  verify(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string, @Query() q: VerifyQuery) {
    return this.reports.verify(auth, cid, { open: q.checkpoint, private: q.privateCheckpoint });
  }

  @Post('communities/:cid/log/:lid/for-meeting')
  @ApiView('LogRecordView', { status: 201 })
  @HttpCode(201)
  @ApiOperation({ summary: 'Top 3: bring a logged action to the next community meeting.' })
  markForMeeting(
    @CurrentAuth() auth: AuthContext,
    @Param('cid', uuid('community id')) cid: string,
    @Param('lid', uuid('log record id')) lid: string,
    @Body() body: MarkForMeetingDto,
  ) {
    return this.reports.markForMeeting(auth, cid, lid, body.reason);
  }

  @Post('communities/:cid/significant-events')
  @ApiView('SignificantEventView', { status: 201 })
  @HttpCode(201)
  @ApiOperation({ summary: 'Top 3: report a significant event to staff.' })
  report(
    @CurrentAuth() auth: AuthContext,
    @Param('cid', uuid('community id')) cid: string,
    @Body() body: SignificantEventDto,
  ) {
    return this.reports.reportSignificantEvent(auth, cid, body);
  }

  @Get('communities/:cid/significant-events')
  @ApiView('SignificantEventView', { shape: 'page' })
  @ApiOperation({ summary: 'Top 3 and staff: significant-event reports, newest first.' })
  significantEvents(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string) {
    return this.reports.listSignificantEvents(auth, cid);
  }

  @Post('significant-events/:id/ack')
  @ApiView('SignificantEventView')
  @HttpCode(200)
  @ApiOperation({ summary: 'Staff: acknowledge a significant-event report.' })
  acknowledge(@CurrentAuth() auth: AuthContext, @Param('id', uuid('report id')) id: string) {
    return this.reports.acknowledge(auth, id);
  }

  @Post('communities/:cid/meetings')
  @ApiView('MeetingPack', { status: 201 })
  @HttpCode(201)
  @ApiOperation({ summary: 'Top 3 or staff: open a meeting; its pack gathers what was marked since the last one.' })
  openMeeting(
    @CurrentAuth() auth: AuthContext,
    @Param('cid', uuid('community id')) cid: string,
    @Body() body: OpenMeetingDto,
  ) {
    return this.meetings.open(auth, cid, body.title);
  }

  @Get('communities/:cid/meetings')
  @ApiView('MeetingSummaryView', { shape: 'page' })
  @ApiOperation({ summary: 'Top 3 or staff: meetings, newest first.' })
  listMeetings(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string) {
    return this.meetings.list(auth, cid);
  }

  @Get('meetings/:mid/pack')
  @ApiOperation({
    summary: 'The meeting pack: JSON, printable HTML (Accept: text/html) or Markdown (Accept: text/markdown).',
  })
  @ApiProduces('application/json', 'text/html', 'text/markdown')
  @ApiView('MeetingPack', { description: 'The pack as JSON; with Accept: text/html or text/markdown, as a page.' })
  async pack(
    @CurrentAuth() auth: AuthContext,
    @Param('mid', uuid('meeting id')) mid: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const pack = await this.meetings.pack(auth, mid);
    if (accept?.includes('text/markdown')) {
      res.type('text/markdown; charset=utf-8');
      return packMarkdown(pack);
    }
    if (accept?.includes('text/html')) {
      res.type('text/html; charset=utf-8');
      res.setHeader('Content-Security-Policy', PRINTABLE_CSP);
      return packHtml(pack);
    }
    return pack;
  }

  @Put('meetings/:mid/items/:iid')
  @ApiView('MeetingPack')
  @ApiOperation({ summary: 'Top 3: record what the meeting decided about an item.' })
  outcome(
    @CurrentAuth() auth: AuthContext,
    @Param('mid', uuid('meeting id')) mid: string,
    @Param('iid', uuid('item id')) iid: string,
    @Body() body: OutcomeDto,
  ) {
    return this.meetings.recordOutcome(auth, mid, iid, body.outcome);
  }
}
