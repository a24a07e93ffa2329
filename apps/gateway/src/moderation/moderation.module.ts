import { Module } from '@nestjs/common';
import { CommunitiesModule } from '../communities/communities.module';
import { EntriesModule } from '../entries/entries.module';
import { CheckInsService } from './check-ins.service';
import { ModerationLog } from './moderation-log.repository';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';
import { ReportsRepository } from './reports.repository';
import { ModerationController } from './moderation.controller';
import { ReportsService } from './reports.service';
import { FlagsService } from './flags.service';
import { ReviewService } from './review.service';

@Module({
  imports: [CommunitiesModule, EntriesModule],
  controllers: [ModerationController],
  providers: [
    ModerationLog,
    ReviewService,
    FlagsService,
    CheckInsService,
    ReportsService,
    ReportsRepository,
    MeetingsService,
    MeetingsRepository,
  ],
  exports: [ModerationLog, ReviewService, CheckInsService],
})
export class ModerationModule {}
