import { ApiView } from '../platform/http/openapi';
import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthContext } from '../platform/http/auth-context';
import { CurrentAuth } from '../auth/session.guard';
import { PageQuery } from '../platform/http/pagination';
import { MarkReadDto, NotificationSettingsDto, PushEndpointQuery, PushSubscriptionDto } from './notifications.dto';
import { NotificationsService } from './notifications.service';
import { Top3MessagesService } from './top3-messages.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly messages: Top3MessagesService,
  ) {}

  @Get('notifications')
  @ApiView('NotificationsPageView')
  @ApiOperation({
    summary:
      'My notifications, newest first, with how many are unread. They say where to look, never what was written.',
  })
  list(@CurrentAuth() auth: AuthContext, @Query() query: PageQuery) {
    return this.notifications.list(auth, query);
  }

  @Post('notifications/read')
  @ApiView('UnreadCountView')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark some of my notifications (ids) or all of them as read.' })
  markRead(@CurrentAuth() auth: AuthContext, @Body() body: MarkReadDto) {
    return this.notifications.markRead(auth, body);
  }

  @Get('notification-settings')
  @ApiView('MyNotificationSettingsView')
  @ApiOperation({ summary: 'How I am told: email (if the board has it) and quiet hours.' })
  settings(@CurrentAuth() auth: AuthContext) {
    return this.notifications.settings(auth);
  }

  @Get('top3-messages')
  @ApiView('Top3MessageView', { shape: 'items' })
  @ApiOperation({ summary: 'Messages to me from the Top 3, newest first, each with the crisis contacts.' })
  top3Messages(@CurrentAuth() auth: AuthContext) {
    return this.messages.mine(auth);
  }

  @Get('push-subscriptions')
  @ApiView('PushDevicesView')
  @ApiOperation({ summary: "The board's Web Push key, and the devices I have turned alerts on for." })
  push(@CurrentAuth() auth: AuthContext) {
    return this.notifications.push(auth);
  }

  @Post('push-subscriptions')
  @ApiView('PushDevicesView')
  @HttpCode(200)
  @ApiOperation({ summary: 'Turn alerts on for this device: its push subscription (PushSubscription.toJSON()).' })
  subscribe(@CurrentAuth() auth: AuthContext, @Body() body: PushSubscriptionDto) {
    return this.notifications.subscribe(auth, body);
  }

  @Delete('push-subscriptions')
  @ApiView('PushDevicesView')
  @ApiOperation({ summary: 'Turn alerts off for a device of mine (?endpoint=).' })
  unsubscribe(@CurrentAuth() auth: AuthContext, @Query() query: PushEndpointQuery) {
    return this.notifications.unsubscribe(auth, query.endpoint);
  }

  @Put('notification-settings')
  @ApiView('MyNotificationSettingsView')
  @ApiOperation({ summary: 'Change how I am told; fields left out stay as they are.' })
  saveSettings(@CurrentAuth() auth: AuthContext, @Body() body: NotificationSettingsDto) {
    return this.notifications.saveSettings(auth, body);
  }
}
