import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CommunitiesModule } from '../communities/communities.module';
import { DraftsModule } from '../drafts/drafts.module';
import { EntriesModule } from '../entries/entries.module';
import { GuidelinesModule } from '../guidelines/guidelines.module';
import { ModerationModule } from '../moderation/moderation.module';
import { Queues, defaultJobOptions } from '../platform/queues/queues';
import { AskingLimiter, PostingLimiter } from './posting-limiter';
import { PostsController } from './posts.controller';
import { PostsService } from './posts.service';
import { ReadingService } from './reading.service';
import { ReactionsService } from './reactions.service';
import { ReleaseProcessor } from './release.processor';
import { ReleaseService } from './release.service';
import { WaitingForReplyService } from './waiting-for-reply.service';

@Module({
  imports: [
    CommunitiesModule,
    DraftsModule,
    EntriesModule,
    GuidelinesModule,
    ModerationModule,
    BullModule.registerQueue({
      name: Queues.postRelease,
      defaultJobOptions: { ...defaultJobOptions, removeOnComplete: true },
    }),
  ],
  controllers: [PostsController],
  providers: [
    PostsService,
    ReadingService,
    ReactionsService,
    ReleaseService,
    ReleaseProcessor,
    PostingLimiter,
    AskingLimiter,
    WaitingForReplyService,
  ],
  exports: [ReleaseService, PostsService],
})
export class PostsModule {}
