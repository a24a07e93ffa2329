import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { Queues, defaultJobOptions } from '../platform/queues/queues';
import { CommunitiesModule } from '../communities/communities.module';
import { ModerationModule } from '../moderation/moderation.module';
import { DeliveryRepository } from './delivery.repository';
import { DutyController } from './duty.controller';
import { DutyRepository } from './duty.repository';
import { DutyService } from './duty.service';
import { EscalationLadder } from './escalation-ladder';
import { EscalationProcessor } from './escalation.processor';
import { EscalationRepository } from './escalation.repository';
import { Mailer } from './mailer';
import { Pusher } from './pusher';
import { Top3MessagesRepository } from './top3-messages.repository';
import { Top3MessagesService } from './top3-messages.service';
import { NotificationMaker } from './notification-maker';
import { NotificationSendProcessor } from './notification-send.processor';
import { NotificationSender } from './notification-sender';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/** Telling people: notifications in the app, live and listed, and by email where they choose. */
@Module({
  imports: [
    BullModule.registerQueue({ name: Queues.notify, defaultJobOptions }),
    BullModule.registerQueue({ name: Queues.escalation, defaultJobOptions }),
    CommunitiesModule,
    ModerationModule,
  ],
  controllers: [NotificationsController, DutyController],
  providers: [
    Mailer,
    Pusher,
    NotificationsRepository,
    DeliveryRepository,
    EscalationRepository,
    DutyRepository,
    Top3MessagesRepository,
    NotificationsService,
    NotificationSender,
    NotificationMaker,
    NotificationSendProcessor,
    EscalationLadder,
    EscalationProcessor,
    DutyService,
    Top3MessagesService,
  ],
  exports: [NotificationsService, DutyService],
})
export class NotificationsModule {}
