import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiView } from '../platform/http/openapi';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthContext } from '../platform/http/auth-context';
import { CurrentAuth } from '../auth/session.guard';
import { uuid } from '../platform/http/params';
import { EscalationSettingsDto, ShiftDto } from './duty.dto';
import { DutyService } from './duty.service';
import { EscalationLadder } from './escalation-ladder';
import { Top3MessageDto } from './notifications.dto';
import { Top3MessagesService } from './top3-messages.service';

@ApiTags('duty')
@ApiBearerAuth()
@Controller()
export class DutyController {
  constructor(
    private readonly duty: DutyService,
    private readonly ladder: EscalationLadder,
    private readonly messages: Top3MessagesService,
  ) {}

  @Get('communities/:cid/duty')
  @ApiView('DutyView')
  @ApiOperation({
    summary: 'Who of the Top 3 is on duty now, the next two weeks of the rota, and when someone is next expected.',
  })
  rota(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string) {
    return this.duty.rota(auth, cid);
  }

  @Post('communities/:cid/duty')
  @ApiView('DutyView', { status: 201 })
  @ApiOperation({ summary: 'Top 3: put a Top 3 member on the rota for a shift (logged).' })
  addShift(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string, @Body() body: ShiftDto) {
    return this.duty.addShift(auth, cid, body);
  }

  @Delete('duty/:id')
  @ApiView('DutyView')
  @ApiOperation({ summary: 'Top 3: take a shift off the rota (logged).' })
  removeShift(@CurrentAuth() auth: AuthContext, @Param('id', uuid('shift id')) id: string) {
    return this.duty.removeShift(auth, id);
  }

  @Post('posts/:pid/on-call')
  @ApiView('OnCallView')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Top 3: tell the on-call contact now that an urgent review is waiting (content-free, logged); says plainly if it cannot.',
  })
  alertOnCall(@CurrentAuth() auth: AuthContext, @Param('pid', uuid('post id')) pid: string) {
    return this.ladder.alertOnCall(auth, pid);
  }

  @Post('posts/:pid/message-author')
  @ApiView('CreatedView', { status: 201 })
  @ApiOperation({
    summary:
      'Top 3: a private, supportive message to the author of an entry, signed "the Top 3" (logged, not its words).',
  })
  messageAuthor(
    @CurrentAuth() auth: AuthContext,
    @Param('pid', uuid('post id')) pid: string,
    @Body() body: Top3MessageDto,
  ) {
    return this.messages.send(auth, pid, body.body);
  }

  @Get('communities/:cid/escalation')
  @ApiView('EscalationSettingsView')
  @ApiOperation({ summary: 'Top 3 and staff: the escalation ladder and the on-call contact.' })
  escalation(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string) {
    return this.duty.escalation(auth, cid);
  }

  @Put('communities/:cid/escalation')
  @ApiView('EscalationSettingsView')
  @ApiOperation({ summary: 'Top 3 and staff: change the escalation ladder or the on-call contact (logged).' })
  changeEscalation(
    @CurrentAuth() auth: AuthContext,
    @Param('cid', uuid('community id')) cid: string,
    @Body() body: EscalationSettingsDto,
  ) {
    return this.duty.changeEscalation(auth, cid, body);
  }
}
