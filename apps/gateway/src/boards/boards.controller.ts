import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  PipeTransform,
  Post,
  Put,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParticipantsView } from '@p2p/contract';
import { ApiView } from '../platform/http/openapi';
import { AuthContext } from '../platform/http/auth-context';
import { CurrentAuth } from '../auth/session.guard';
import { uuid } from '../platform/http/params';
import { BoardDto, BoardPageDto, CreateBoardDto, InfoPageDto, PageInputDto, ParticipantsDto } from './boards.dto';
import { BoardsService } from './boards.service';

const pageSlug: PipeTransform<string, string> = {
  transform: (value) => {
    if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(value)) {
      throw new BadRequestException('A page name in the address is 2-40 lowercase letters, digits or dashes.');
    }
    return value;
  },
};

@ApiTags('boards')
@ApiBearerAuth()
@Controller()
export class BoardsController {
  constructor(private readonly boards: BoardsService) {}

  @Get('communities/:cid/boards')
  @ApiOperation({ summary: 'The boards of a community the caller may read.' })
  @ApiOkResponse({ type: BoardPageDto })
  async list(
    @CurrentAuth() auth: AuthContext,
    @Param('cid', uuid('community id')) cid: string,
  ): Promise<{ items: BoardDto[]; nextCursor: null }> {
    return { items: await this.boards.listReadable(auth, cid), nextCursor: null };
  }

  @Post('communities/:cid/boards')
  @ApiOperation({ summary: 'Open a board: staff (community, info) or Top 3 (any, private with participants).' })
  @ApiCreatedResponse({ type: BoardDto })
  create(
    @CurrentAuth() auth: AuthContext,
    @Param('cid', uuid('community id')) cid: string,
    @Body() body: CreateBoardDto,
  ): Promise<BoardDto> {
    return this.boards.create(auth, cid, body);
  }

  @Put('boards/:bid/participants')
  @ApiView('ParticipantsView')
  @ApiOperation({ summary: 'Top 3: who is on a private board (replaces the list).' })
  setParticipants(
    @CurrentAuth() auth: AuthContext,
    @Param('bid', uuid('board id')) bid: string,
    @Body() body: ParticipantsDto,
  ): Promise<ParticipantsView> {
    return this.boards.setParticipants(auth, bid, body.participantIds);
  }

  @Put('boards/:bid/pages/:slug')
  @ApiOperation({ summary: 'Staff or Top 3: write an information page (created if new).' })
  @ApiOkResponse({ type: InfoPageDto })
  putPage(
    @CurrentAuth() auth: AuthContext,
    @Param('bid', uuid('board id')) bid: string,
    @Param('slug', pageSlug) slug: string,
    @Body() body: PageInputDto,
  ): Promise<InfoPageDto> {
    return this.boards.putPage(auth, bid, slug, body);
  }

  @Delete('boards/:bid/pages/:slug')
  @HttpCode(204)
  @ApiOperation({ summary: 'Staff or Top 3: remove an information page.' })
  deletePage(
    @CurrentAuth() auth: AuthContext,
    @Param('bid', uuid('board id')) bid: string,
    @Param('slug', pageSlug) slug: string,
  ): Promise<void> {
    return this.boards.deletePage(auth, bid, slug);
  }

  @Get('boards/:bid')
  @ApiOperation({ summary: 'One board, if the caller may read it.' })
  @ApiOkResponse({ type: BoardDto })
  get(@CurrentAuth() auth: AuthContext, @Param('bid', uuid('board id')) bid: string): Promise<BoardDto> {
    return this.boards.get(auth, bid);
  }

  @Get('boards/:bid/pages')
  @ApiOperation({ summary: "An info board's pages: about the community, local services, crisis contacts." })
  @ApiOkResponse({ type: [InfoPageDto] })
  async pages(
    @CurrentAuth() auth: AuthContext,
    @Param('bid', uuid('board id')) bid: string,
  ): Promise<{ items: InfoPageDto[]; nextCursor: null }> {
    return { items: await this.boards.infoPages(auth, bid), nextCursor: null };
  }
}
