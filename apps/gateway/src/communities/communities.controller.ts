import { Body, Controller, ForbiddenException, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthContext } from '../platform/http/auth-context';
import { MeDto } from '../auth/dto/login.dto';
import { CurrentAuth } from '../auth/session.guard';
import { Page, PageQuery } from '../platform/http/pagination';
import { uuid } from '../platform/http/params';
import { CommunitiesService } from './communities.service';
import {
  AdmitDto,
  CommunityDto,
  CreateCommunityDto,
  MemberDto,
  MemberPageDto,
  PeopleDto,
  PersonDto,
  SettingsDto,
} from './dto/community.dto';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly communities: CommunitiesService) {}

  @Get()
  @ApiOperation({ summary: 'The signed-in user and their memberships.' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentAuth() auth: AuthContext): Promise<MeDto> {
    return this.communities.me(auth);
  }
}

@ApiTags('communities')
@ApiBearerAuth()
@Controller('communities')
export class CommunitiesController {
  constructor(private readonly communities: CommunitiesService) {}

  @Post()
  @ApiOperation({ summary: 'Operator: create a community with its boards and info pages.' })
  @ApiCreatedResponse({ type: CommunityDto })
  create(@CurrentAuth() auth: AuthContext, @Body() body: CreateCommunityDto): Promise<CommunityDto> {
    if (!auth.isOperator) throw new ForbiddenException('Only the people who run this service can create a community.');
    return this.communities.create(body);
  }

  @Get(':cid')
  @ApiOperation({ summary: 'A community and its settings (members and staff).' })
  @ApiOkResponse({ type: CommunityDto })
  get(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string): Promise<CommunityDto> {
    return this.communities.get(auth, cid);
  }

  @Patch(':cid')
  @ApiOperation({ summary: "Staff: change the community's settings." })
  @ApiOkResponse({ type: CommunityDto })
  update(
    @CurrentAuth() auth: AuthContext,
    @Param('cid', uuid('community id')) cid: string,
    @Body() body: SettingsDto,
  ): Promise<CommunityDto> {
    return this.communities.updateSettings(auth, cid, body);
  }

  @Get(':cid/members')
  @ApiOperation({ summary: 'Staff: the people in the community.' })
  @ApiOkResponse({ type: MemberPageDto })
  members(
    @CurrentAuth() auth: AuthContext,
    @Param('cid', uuid('community id')) cid: string,
    @Query() page: PageQuery,
  ): Promise<Page<MemberDto>> {
    return this.communities.listMembers(auth, cid, page.limit, page.cursor);
  }

  @Get(':cid/people')
  @ApiOperation({ summary: "Members and staff: the community's active members by name, to talk with or nominate." })
  @ApiOkResponse({ type: PeopleDto })
  people(
    @CurrentAuth() auth: AuthContext,
    @Param('cid', uuid('community id')) cid: string,
  ): Promise<{ items: PersonDto[] }> {
    return this.communities.people(auth, cid);
  }

  @Post(':cid/members')
  @ApiOperation({ summary: 'Staff: admit a member or add staff (an operator may add staff).' })
  @ApiCreatedResponse({ type: MemberDto })
  admit(
    @CurrentAuth() auth: AuthContext,
    @Param('cid', uuid('community id')) cid: string,
    @Body() body: AdmitDto,
  ): Promise<MemberDto> {
    return this.communities.admit(auth, cid, body);
  }
}
