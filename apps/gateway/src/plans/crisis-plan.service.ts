import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CrisisPlanView } from '@p2p/contract';
import { DataSource } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { CrisisPlanDto } from './crisis-plan.dto';

interface PlanRow {
  who_to_call: string;
  what_helps: string;
  where_to_go: string;
  show_top3_when_held: boolean;
  updated_at: Date;
}

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
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async mine(auth: AuthContext): Promise<CrisisPlanView> {
    const [row] = await this.db.query<PlanRow[]>(
      `SELECT who_to_call, what_helps, where_to_go, show_top3_when_held, updated_at FROM crisis_plans WHERE user_id = $1`,
      [auth.userId],
    );
    return toPlanView(row);
  }

  async save(auth: AuthContext, input: CrisisPlanDto): Promise<CrisisPlanView> {
    const current = await this.mine(auth);
    const next = {
      whoToCall: input.whoToCall ?? current.whoToCall,
      whatHelps: input.whatHelps ?? current.whatHelps,
      whereToGo: input.whereToGo ?? current.whereToGo,
      showTop3WhenHeld: input.showTop3WhenHeld ?? current.showTop3WhenHeld,
    };
    const [row] = await this.db.query<PlanRow[]>(
      `INSERT INTO crisis_plans (user_id, who_to_call, what_helps, where_to_go, show_top3_when_held, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (user_id) DO UPDATE SET who_to_call = $2, what_helps = $3, where_to_go = $4,
                                           show_top3_when_held = $5, updated_at = now()
       RETURNING who_to_call, what_helps, where_to_go, show_top3_when_held, updated_at`,
      [auth.userId, next.whoToCall, next.whatHelps, next.whereToGo, next.showTop3WhenHeld],
    );
    return toPlanView(row);
  }
}
