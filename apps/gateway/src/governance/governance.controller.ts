import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiView } from '../platform/http/openapi';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthContext } from '../platform/http/auth-context';
import { CurrentAuth } from '../auth/session.guard';
import { uuid } from '../platform/http/params';
import { AttendanceService } from './attendance.service';
import { AccessService } from './access.service';
import { AccessRequestDto, AttendanceDto, CreateSessionsDto, EndSuspensionDto, SessionsQuery } from './governance.dto';
import { SuspensionsService } from './suspensions.service';

@ApiTags('attendance')
@ApiBearerAuth()
@Controller()
export class GovernanceController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly suspensions: SuspensionsService,
    private readonly access: AccessService,
  ) {}

  @Post('communities/:cid/sessions')
  @ApiView('CommunitySessionView', { status: 201, shape: 'items' })
  @HttpCode(201)
  @ApiOperation({ summary: 'Staff: add a session, or a repeating series (e.g. Tuesdays and Fridays).' })
  create(
    @CurrentAuth() auth: AuthContext,
    @Param('cid', uuid('community id')) cid: string,
    @Body() body: CreateSessionsDto,
  ) {
    return this.attendance.create(auth, cid, body);
  }

  @Get('communities/:cid/sessions')
  @ApiView('CommunitySessionView', { shape: 'page' })
  @ApiOperation({ summary: "Staff: the community's sessions." })
  list(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string, @Query() q: SessionsQuery) {
    return this.attendance.list(auth, cid, q.from, q.to);
  }

  @Get('sessions/:sid/attendance')
  @ApiView('AttendanceView')
  @ApiOperation({ summary: 'Staff: attendance recorded for a session.' })
  get(@CurrentAuth() auth: AuthContext, @Param('sid', uuid('session id')) sid: string) {
    return this.attendance.attendance(auth, sid);
  }

  @Put('sessions/:sid/attendance')
  @ApiView('AttendanceView')
  @ApiOperation({ summary: 'Staff: record attended, contact or no-contact per member.' })
  record(@CurrentAuth() auth: AuthContext, @Param('sid', uuid('session id')) sid: string, @Body() body: AttendanceDto) {
    return this.attendance.record(auth, sid, body);
  }

  @Post('communities/:cid/access-requests')
  @ApiView('AccessRequestView', { status: 201 })
  @HttpCode(201)
  @ApiOperation({ summary: 'Staff: ask the community for time-boxed access to one community board.' })
  requestAccess(
    @CurrentAuth() auth: AuthContext,
    @Param('cid', uuid('community id')) cid: string,
    @Body() body: AccessRequestDto,
  ) {
    return this.access.request(auth, cid, body);
  }

  @Get('communities/:cid/access-requests/boards')
  @ApiView('AskableBoardView', { shape: 'page' })
  @ApiOperation({ summary: 'Staff: the community boards they may ask for (names only; never a private board).' })
  askableBoards(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string) {
    return this.access.askable(auth, cid);
  }

  @Get('communities/:cid/access-requests')
  @ApiView('AccessRequestView', { shape: 'page' })
  @ApiOperation({ summary: 'Top 3: every access request; staff: their own.' })
  accessRequests(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string) {
    return this.access.list(auth, cid);
  }

  @Post('access-requests/:id/approve')
  @ApiView('AccessRequestView')
  @HttpCode(200)
  @ApiOperation({ summary: 'Top 3: approve; the grant opens with the second different approval and ends by itself.' })
  approve(@CurrentAuth() auth: AuthContext, @Param('id', uuid('request id')) id: string) {
    return this.access.approve(auth, id);
  }

  @Post('access-requests/:id/refuse')
  @ApiView('AccessRequestView')
  @HttpCode(200)
  @ApiOperation({ summary: 'Top 3: refuse a waiting request.' })
  refuse(@CurrentAuth() auth: AuthContext, @Param('id', uuid('request id')) id: string) {
    return this.access.refuse(auth, id);
  }

  @Post('communities/:cid/members/:uid/suspension/end')
  @HttpCode(204)
  @ApiOperation({ summary: "Staff: end a member's suspension early." })
  async endSuspension(
    @CurrentAuth() auth: AuthContext,
    @Param('cid', uuid('community id')) cid: string,
    @Param('uid', uuid('member id')) uid: string,
    @Body() body: EndSuspensionDto,
  ): Promise<void> {
    await this.suspensions.endEarly(auth, cid, uid, body.reason);
  }

  @Post('communities/:cid/members/:uid/left')
  @HttpCode(204)
  @ApiOperation({ summary: 'Staff: record that a member has left the community.' })
  async left(
    @CurrentAuth() auth: AuthContext,
    @Param('cid', uuid('community id')) cid: string,
    @Param('uid', uuid('member id')) uid: string,
    @Body() body: EndSuspensionDto,
  ): Promise<void> {
    await this.suspensions.recordLeft(auth, cid, uid, body.reason);
  }
}
