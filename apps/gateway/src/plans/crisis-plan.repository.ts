import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface PlanRow {
  who_to_call: string;
  what_helps: string;
  where_to_go: string;
  show_top3_when_held: boolean;
  updated_at: Date;
}

/**
 * The SQL of members' crisis plans, one per member, read and written by its owner only. (The
 * Top 3's sight of a plan beside a held post is part of the review list's query, in entries/.)
 */
@Injectable()
export class CrisisPlanRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The member's plan, if they have written one. */
  async ofUser(userId: string): Promise<PlanRow | undefined> {
    const [row] = await this.db.query<PlanRow[]>(
      `SELECT who_to_call, what_helps, where_to_go, show_top3_when_held, updated_at FROM crisis_plans WHERE user_id = $1`,
      [userId],
    );
    return row;
  }

  /** Writes the member's whole plan (made the first time), stamped now; the plan as saved. */
  async save(
    userId: string,
    plan: { whoToCall: string; whatHelps: string; whereToGo: string; showTop3WhenHeld: boolean },
  ): Promise<PlanRow> {
    const [row] = await this.db.query<PlanRow[]>(
      `INSERT INTO crisis_plans (user_id, who_to_call, what_helps, where_to_go, show_top3_when_held, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (user_id) DO UPDATE SET who_to_call = $2, what_helps = $3, where_to_go = $4,
                                           show_top3_when_held = $5, updated_at = now()
       RETURNING who_to_call, what_helps, where_to_go, show_top3_when_held, updated_at`,
      [userId, plan.whoToCall, plan.whatHelps, plan.whereToGo, plan.showTop3WhenHeld],
    );
    return row;
  }
}
