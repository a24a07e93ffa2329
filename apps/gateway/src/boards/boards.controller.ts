import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthContext } from '../auth/auth.types';
import { CurrentAuth } from '../auth/session.guard';
import { uuid } from '../common/params';
import { BoardDto, InfoPageDto } from './boards.dto';
import { BoardsService } from './boards.service';

@ApiTags('boards')
@ApiBearerAuth()
@Controller()
export class BoardsController {
  constructor(private readonly boards: BoardsService) {}

  @Get('communities/:cid/boards')
  @ApiOperation({ summary: 'The boards of a community the caller may read.' })
  @ApiOkResponse({ type: [BoardDto] })
  async list(
    @CurrentAuth() auth: AuthContext,
    @Param('cid', uuid('community id')) cid: string,
  ): Promise<{ items: BoardDto[]; nextCursor: null }> {
    return { items: await this.boards.listReadable(auth, cid), nextCursor: null };
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
