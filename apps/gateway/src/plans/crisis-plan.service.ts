import { Injectable } from '@nestjs/common';
import { CrisisPlanView } from '@p2p/contract';
import { AuthContext } from '../platform/http/auth-context';
import { CrisisPlanDto } from './crisis-plan.dto';
import { CrisisPlanRepository, PlanRow } from './crisis-plan.repository';

export const toPlanView = (r: PlanRow | undefined): CrisisPlanView => ({
  whoToCall: r?.who_to_call ?? '',
  whatHelps: r?.what_helps ?? '',
  whereToGo: r?.where_to_go ?? '',
  showTop3WhenHeld: r?.show_top3_when_held ?? false,
  updatedAt: r?.updated_at.toISOString() ?? null,
});

/**
 * A member's own crisis plan. Only its owner reads or changes it here; the Top 3 see it only in
 * the review list, beside a held post of its owner, when the owner turned that on
 * (ReviewService.queue); staff never see it.
 */
@Injectable()
export class CrisisPlanService {
  constructor(private readonly plans: CrisisPlanRepository) {}

  async mine(auth: AuthContext): Promise<CrisisPlanView> {
    return toPlanView(await this.plans.ofUser(auth.userId));
  }

  async save(auth: AuthContext, input: CrisisPlanDto): Promise<CrisisPlanView> {
    const current = await this.mine(auth);
    const next = {
      whoToCall: input.whoToCall ?? current.whoToCall,
      whatHelps: input.whatHelps ?? current.whatHelps,
      whereToGo: input.whereToGo ?? current.whereToGo,
      showTop3WhenHeld: input.showTop3WhenHeld ?? current.showTop3WhenHeld,
    };
    return toPlanView(await this.plans.save(auth.userId, next));
  }
}
