import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { BoardsModule } from '../boards/boards.module';
import { CommunitiesModule } from '../communities/communities.module';
import { AccessRepository } from './access.repository';
import { AccessService } from './access.service';
import { ModerationModule } from '../moderation/moderation.module';
import { Queues, defaultJobOptions } from '../platform/queues/queues';
import { AttendanceRepository } from './attendance.repository';
import { AttendanceService } from './attendance.service';
import { ElectionsController } from './elections.controller';
import { ElectionsRepository } from './elections.repository';
import { ElectionsService } from './elections.service';
import { GovernanceController } from './governance.controller';
import { SuspensionsRepository } from './suspensions.repository';
import { SuspensionsService } from './suspensions.service';
import { SweepProcessor } from './sweep.processor';

@Module({
  imports: [
    CommunitiesModule,
    ModerationModule,
    BoardsModule,
    BullModule.registerQueue({ name: Queues.governance, defaultJobOptions }),
  ],
  controllers: [GovernanceController, ElectionsController],
  providers: [
    AttendanceService,
    AttendanceRepository,
    SuspensionsService,
    SuspensionsRepository,
    AccessService,
    AccessRepository,
    ElectionsService,
    ElectionsRepository,
    SweepProcessor,
  ],
  exports: [SuspensionsService],
})
export class GovernanceModule {}
