import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiView } from '../platform/http/openapi';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthContext } from '../platform/http/auth-context';
import { CurrentAuth } from '../auth/session.guard';
import { PageQuery } from '../platform/http/pagination';
import { uuid } from '../platform/http/params';
import { CreateRoomDto, DirectRequestDto } from './chat.dto';
import { ChatService } from './chat.service';

@ApiTags('chat')
@ApiBearerAuth()
@Controller()
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  @Get('communities/:cid/chat/rooms')
  @ApiView('RoomView', { shape: 'page' })
  @ApiOperation({ summary: 'The chat rooms and direct conversations you may join.' })
  rooms(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string) {
    return this.chat.rooms(auth, cid);
  }

  @Post('communities/:cid/chat/rooms')
  @ApiView('RoomView', { status: 201 })
  @HttpCode(201)
  @ApiOperation({ summary: 'Staff or Top 3: open another chat room.' })
  createRoom(
    @CurrentAuth() auth: AuthContext,
    @Param('cid', uuid('community id')) cid: string,
    @Body() body: CreateRoomDto,
  ) {
    return this.chat.createRoom(auth, cid, body.name);
  }

  @Get('communities/:cid/chat/direct')
  @ApiView('RoomView', { shape: 'page' })
  @ApiOperation({ summary: 'Top 3: direct conversations not yet ended, with their members and monitors.' })
  directList(@CurrentAuth() auth: AuthContext, @Param('cid', uuid('community id')) cid: string) {
    return this.chat.directConversations(auth, cid);
  }

  @Post('communities/:cid/chat/direct')
  @ApiView('RoomView', { status: 201 })
  @HttpCode(201)
  @ApiOperation({ summary: 'Ask to talk one-to-one; it opens while two Top 3 members monitor it.' })
  direct(
    @CurrentAuth() auth: AuthContext,
    @Param('cid', uuid('community id')) cid: string,
    @Body() body: DirectRequestDto,
  ) {
    return this.chat.requestDirect(auth, cid, body.withUserId);
  }

  @Get('communities/:cid/chat/rooms/:rid/messages')
  @ApiView('PostView', { shape: 'page' })
  @ApiOperation({ summary: "A room's messages, newest first, a page at a time." })
  history(@CurrentAuth() auth: AuthContext, @Param('rid', uuid('room id')) rid: string, @Query() page: PageQuery) {
    return this.chat.history(auth, rid, page.limit, page.cursor);
  }

  @Post('communities/:cid/chat/rooms/:rid/monitors')
  @ApiView('RoomView')
  @HttpCode(200)
  @ApiOperation({ summary: 'Top 3: join a direct conversation as a monitor.' })
  monitor(@CurrentAuth() auth: AuthContext, @Param('rid', uuid('room id')) rid: string) {
    return this.chat.monitor(auth, rid, true);
  }

  @Delete('communities/:cid/chat/rooms/:rid/monitors')
  @ApiView('RoomView')
  @ApiOperation({ summary: 'Top 3: stop monitoring; with fewer than two monitors the conversation pauses.' })
  unmonitor(@CurrentAuth() auth: AuthContext, @Param('rid', uuid('room id')) rid: string) {
    return this.chat.monitor(auth, rid, false);
  }

  @Post('communities/:cid/chat/rooms/:rid/end')
  @ApiView('RoomView')
  @HttpCode(200)
  @ApiOperation({ summary: 'A monitor ends a direct conversation.' })
  end(@CurrentAuth() auth: AuthContext, @Param('rid', uuid('room id')) rid: string) {
    return this.chat.end(auth, rid);
  }
}
