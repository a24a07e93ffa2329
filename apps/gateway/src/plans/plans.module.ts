import { Module } from '@nestjs/common';
import { CrisisPlanController } from './crisis-plan.controller';
import { CrisisPlanService } from './crisis-plan.service';

/** Each member's own crisis plan. */
@Module({ controllers: [CrisisPlanController], providers: [CrisisPlanService] })
export class PlansModule {}
