import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiView } from '../platform/http/openapi';
import { AuthContext } from '../platform/http/auth-context';
import { CurrentAuth } from '../auth/session.guard';
import { uuid } from '../platform/http/params';
import { ElectionsService } from './elections.service';
import { BallotDto, NominateDto, OpenElectionDto } from './governance.dto';

@ApiTags('elections')
@ApiBearerAuth()
@Controller('communities/:cid')
export class ElectionsController {
  constructor(private readonly elections: ElectionsService) {}

  @Post('elections')
  @ApiView('ElectionView', { status: 201 })
  @HttpCode(201)
  @ApiOperation({ summary: 'Staff or Top 3: open an election (all three seats, or a by-election for empty ones).' })
  open(
    @CurrentAuth() auth: AuthContext,
    @Param('cid', uuid('community id')) cid: string,
    @Body() body: OpenElectionDto,
  ) {
    return this.elections.open(auth, cid, body);
  }

  @Get('elections')
  @ApiView('ElectionListItemView', { shape: 'page' })
  @ApiOperation({
    summary: "The community's elections under way, and those counted in the last 90 days, newest first.",
  })
  list(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string) {
    return this.elections.list(auth, cid);
  }

  @Get('elections/:eid')
  @ApiView('ElectionView')
  @ApiOperation({ summary: 'The election: phase, candidates, and whether you have voted.' })
  view(@CurrentAuth() auth: AuthContext, @Param('eid', uuid('election id')) eid: string) {
    return this.elections.view(auth, eid);
  }

  @Post('elections/:eid/nominations')
  @ApiView('ElectionView', { status: 201 })
  @HttpCode(201)
  @ApiOperation({ summary: 'Members: nominate yourself or another member (who must accept).' })
  nominate(
    @CurrentAuth() auth: AuthContext,
    @Param('eid', uuid('election id')) eid: string,
    @Body() body: NominateDto,
  ) {
    return this.elections.nominate(auth, eid, body.candidateId);
  }

  @Post('elections/:eid/nominations/:nid/accept')
  @ApiView('ElectionView')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept your own nomination.' })
  accept(
    @CurrentAuth() auth: AuthContext,
    @Param('eid', uuid('election id')) eid: string,
    @Param('nid', uuid('nomination id')) nid: string,
  ) {
    return this.elections.accept(auth, eid, nid);
  }

  @Post('elections/:eid/ballots')
  @ApiView('BallotCastView', { status: 201 })
  @HttpCode(201)
  @ApiOperation({ summary: 'Members: vote once, in secret, for up to as many candidates as there are seats.' })
  vote(@CurrentAuth() auth: AuthContext, @Param('eid', uuid('election id')) eid: string, @Body() body: BallotDto) {
    return this.elections.vote(auth, eid, body);
  }

  @Get('elections/:eid/result')
  @ApiView('ElectionResultView')
  @ApiOperation({ summary: 'The counted result, with the tie rule.' })
  result(@CurrentAuth() auth: AuthContext, @Param('eid', uuid('election id')) eid: string) {
    return this.elections.result(auth, eid);
  }

  @Post('top3/step-down')
  @ApiView('SteppedDownView')
  @HttpCode(200)
  @ApiOperation({ summary: 'A Top 3 member steps down; the seat waits for a by-election.' })
  stepDown(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string) {
    return this.elections.stepDown(auth, cid);
  }
}
