import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CommunitiesModule } from '../communities/communities.module';
import { EntriesModule } from '../entries/entries.module';
import { ModerationModule } from '../moderation/moderation.module';
import { Queues, defaultJobOptions } from '../platform/queues/queues';
import { ErasureRepository } from './erasure.repository';
import { ErasureService } from './erasure.service';
import { ExportRepository } from './export.repository';
import { ExportService } from './export.service';
import { KeepingController } from './keeping.controller';
import { KeepingRepository } from './keeping.repository';
import { KeepingService } from './keeping.service';
import { RetentionProcessor } from './retention.processor';
import { ErasureController, PrivacyController } from './privacy.controller';

/** Members' rights over their data: subject access, erasure, and how long things are kept. */
@Module({
  imports: [
    AuthModule,
    CommunitiesModule,
    EntriesModule,
    ModerationModule,
    BullModule.registerQueue({ name: Queues.retention, defaultJobOptions }),
  ],
  controllers: [PrivacyController, ErasureController, KeepingController],
  providers: [
    ExportService,
    ExportRepository,
    ErasureService,
    ErasureRepository,
    KeepingService,
    KeepingRepository,
    RetentionProcessor,
  ],
  exports: [ExportService],
})
export class PrivacyModule {}
