import { Module } from '@nestjs/common';
import { CommunitiesModule } from '../communities/communities.module';
import { ModerationModule } from '../moderation/moderation.module';
import { GuidelinesController } from './guidelines.controller';
import { GuidelinesService } from './guidelines.service';
import { MeaningService } from './meaning.service';
import { DryRunService } from './preview.service';

@Module({
  imports: [CommunitiesModule, ModerationModule],
  controllers: [GuidelinesController],
  providers: [GuidelinesService, MeaningService, DryRunService],
  exports: [GuidelinesService, MeaningService],
})
export class GuidelinesModule {}
