import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CommunitiesModule } from '../communities/communities.module';
import { Queues, defaultJobOptions } from '../queues/queues';
import { PostingLimiter } from './posting-limiter';
import { PostsController } from './posts.controller';
import { PostsService } from './posts.service';
import { ReleaseProcessor } from './release.processor';
import { ReleaseService } from './release.service';

@Module({
  imports: [
    CommunitiesModule,
    BullModule.registerQueue({
      name: Queues.postRelease,
      defaultJobOptions: { ...defaultJobOptions, removeOnComplete: true },
    }),
  ],
  controllers: [PostsController],
  providers: [PostsService, ReleaseService, ReleaseProcessor, PostingLimiter],
  exports: [ReleaseService],
})
export class PostsModule {}
