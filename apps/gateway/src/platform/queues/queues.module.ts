import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { MaintenanceProcessor } from './maintenance.processor';
import { Queues, defaultJobOptions } from './queues';

@Module({
  imports: [BullModule.registerQueue({ name: Queues.maintenance, defaultJobOptions })],
  providers: [MaintenanceProcessor],
})
export class QueuesModule {}
