import { Module } from '@nestjs/common';
import { CommunitiesController, MeController } from './communities.controller';
import { CommunitiesService } from './communities.service';

@Module({
  controllers: [MeController, CommunitiesController],
  providers: [CommunitiesService],
  exports: [CommunitiesService],
})
export class CommunitiesModule {}
