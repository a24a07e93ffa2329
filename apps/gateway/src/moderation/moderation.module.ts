import { Module } from '@nestjs/common';
import { CommunitiesModule } from '../communities/communities.module';
import { ModerationLog } from './log.service';
import { MeetingsService } from './meetings.service';
import { ModerationController } from './moderation.controller';
import { ReportsService } from './reports.service';
import { ReviewService } from './review.service';

@Module({
  imports: [CommunitiesModule],
  controllers: [ModerationController],
  providers: [ModerationLog, ReviewService, ReportsService, MeetingsService],
  exports: [ModerationLog, ReviewService],
})
export class ModerationModule {}
