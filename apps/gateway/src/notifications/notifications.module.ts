import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { Queues, defaultJobOptions } from '../queues/queues';
import { Mailer } from './mailer';
import { NotificationMaker } from './notification-maker';
import { NotificationSendProcessor } from './notification-send.processor';
import { NotificationSender } from './notification-sender';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/** Telling people: notifications in the app, live and listed, and by email where they choose. */
@Module({
  imports: [BullModule.registerQueue({ name: Queues.notify, defaultJobOptions })],
  controllers: [NotificationsController],
  providers: [Mailer, NotificationsService, NotificationSender, NotificationMaker, NotificationSendProcessor],
  exports: [NotificationsService],
})
export class NotificationsModule {}
