import { Module } from '@nestjs/common';
import { CrisisPlanController } from './crisis-plan.controller';
import { CrisisPlanRepository } from './crisis-plan.repository';
import { CrisisPlanService } from './crisis-plan.service';

/** Each member's own crisis plan. */
@Module({ controllers: [CrisisPlanController], providers: [CrisisPlanService, CrisisPlanRepository] })
export class PlansModule {}
