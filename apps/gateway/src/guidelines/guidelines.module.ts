import { Module } from '@nestjs/common';
import { CommunitiesModule } from '../communities/communities.module';
import { EntriesModule } from '../entries/entries.module';
import { ModerationModule } from '../moderation/moderation.module';
import { GuidelinesController } from './guidelines.controller';
import { GuidelinesRepository } from './guidelines.repository';
import { GuidelinesService } from './guidelines.service';
import { MeaningService } from './meaning.service';
import { DryRunService } from './preview.service';

@Module({
  imports: [CommunitiesModule, EntriesModule, ModerationModule],
  controllers: [GuidelinesController],
  providers: [GuidelinesService, GuidelinesRepository, MeaningService, DryRunService],
  exports: [GuidelinesService, MeaningService],
})
export class GuidelinesModule {}
