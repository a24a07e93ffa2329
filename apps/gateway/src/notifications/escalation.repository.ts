import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { onBreak } from '../hard-days/on-break.sql';
import { DataSource, EntityManager } from 'typeorm';

export type LadderStep = 'every-top3' | 'on-call';

/** A step planned in the hold's transaction, to be queued once that commits. */
export interface PlannedStep {
  postId: string;
  step: LadderStep;
  dueAt: Date;
}

export type StepResult = 'sent' | 'not-needed' | 'no-contact' | 'failed';

/** A step not done, locked, with its hold and its community's ladder. */
export interface DueStep {
  step: LadderStep;
  attempts: number;
  wait_ms: number;
  post_id: string;
  status: string;
  taken_by: string | null;
  review_since: Date | null;
  board_id: string;
  community_id: string;
  community_name: string;
  on_call_email: string | null;
  time_zone: string;
  escalate_after_minutes: number;
  on_call_after_minutes: number;
}

/** A post and its community's on-call contact, for alerting them by hand. */
export interface OnCallRow {
  community_id: string;
  board_id: string;
  review_since: Date | null;
  name: string;
  on_call_email: string | null;
  time_zone: string;
}

/** A community's ladder: when the Top 3 are told again, when on call is alerted, and whom. */
export interface LadderSettingsRow {
  escalate_after_minutes: number;
  on_call_after_minutes: number;
  on_call_email: string | null;
  time_zone: string;
}

/**
 * The SQL of the escalation ladder of an imminent-risk hold: its steps (one row each, planned
 * once and done once under a row lock), and each community's ladder settings and on-call contact.
 * Methods that take an EntityManager run inside the caller's transaction.
 */
@Injectable()
export class EscalationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The hold's two steps, due from when it began waiting by its community's minutes; once (none the second time). */
  async planLadder(em: EntityManager, postId: string): Promise<PlannedStep[]> {
    const rows = await em.query<{ post_id: string; step: LadderStep; due_at: Date }[]>(
      `INSERT INTO escalations (post_id, step, due_at)
       SELECT p.id, s.step, coalesce(p.review_since, clock_timestamp()) + make_interval(mins =>
                CASE s.step WHEN 'every-top3' THEN c.escalate_after_minutes ELSE c.on_call_after_minutes END)
         FROM posts p JOIN communities c ON c.id = p.community_id
        CROSS JOIN (VALUES ('every-top3'), ('on-call')) AS s (step)
        WHERE p.id = $1
       ON CONFLICT DO NOTHING
       RETURNING post_id, step, due_at`,
      [postId],
    );
    return rows.map((r) => ({ postId: r.post_id, step: r.step, dueAt: r.due_at }));
  }

  /** Steps due by now and not done, soonest first (500 at most). */
  async dueSteps(): Promise<PlannedStep[]> {
    const due = await this.db.query<{ post_id: string; step: LadderStep; due_at: Date }[]>(
      `SELECT post_id, step, due_at FROM escalations WHERE done_at IS NULL AND due_at <= clock_timestamp()
          ORDER BY due_at LIMIT 500`,
    );
    return due.map((d) => ({ postId: d.post_id, step: d.step, dueAt: d.due_at }));
  }

  /**
   * The step, locked for this transaction, if it is not done (its wait_ms may say not yet).
   * Nothing if it is done, or another worker holds it (SKIP LOCKED).
   */
  async lockUndoneStep(em: EntityManager, postId: string, step: LadderStep): Promise<DueStep | undefined> {
    const [row] = await em.query<DueStep[]>(
      `SELECT e.step, e.attempts,
                greatest(0, ceil(extract(epoch FROM (e.due_at - clock_timestamp())) * 1000))::int AS wait_ms,
                p.id AS post_id, p.status,
                -- Someone on a break is not looking: their "I'm looking at this" does not stop the ladder.
                CASE WHEN ${onBreak('p.taken_by')}
                     THEN NULL ELSE p.taken_by END AS taken_by,
                p.review_since, p.board_id, p.community_id,
                c.name AS community_name, c.on_call_email, c.time_zone, c.escalate_after_minutes, c.on_call_after_minutes
           FROM escalations e JOIN posts p ON p.id = e.post_id JOIN communities c ON c.id = p.community_id
          WHERE e.post_id = $1 AND e.step = $2 AND e.done_at IS NULL
          FOR UPDATE OF e SKIP LOCKED`,
      [postId, step],
    );
    return row;
  }

  async markDone(
    em: EntityManager,
    postId: string,
    step: LadderStep,
    result: StepResult,
    attempts: number,
  ): Promise<void> {
    await em.query(
      `UPDATE escalations SET done_at = clock_timestamp(), outcome = $3, attempts = $4 WHERE post_id = $1 AND step = $2`,
      [postId, step, result, attempts],
    );
  }

  /** A try that failed: counted, with why, and due again after waitMs. */
  async markTried(
    em: EntityManager,
    postId: string,
    step: LadderStep,
    t: { attempts: number; error: string; waitMs: number },
  ): Promise<void> {
    await em.query(
      `UPDATE escalations SET attempts = $3, error = $4, due_at = clock_timestamp() + make_interval(secs => $5)
            WHERE post_id = $1 AND step = $2`,
      [postId, step, t.attempts, t.error, t.waitMs / 1000],
    );
  }

  /** The post and its community's on-call contact, if the caller belongs to the community. */
  async onCallFor(postId: string, userId: string): Promise<OnCallRow | undefined> {
    const [row] = await this.db.query<OnCallRow[]>(
      `SELECT p.community_id, p.board_id, p.review_since, c.name, c.on_call_email, c.time_zone
         FROM posts p JOIN communities c ON c.id = p.community_id
        WHERE p.id = $1 AND EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = p.community_id AND m.user_id = $2)`,
      [postId, userId],
    );
    return row;
  }

  async settings(communityId: string): Promise<LadderSettingsRow> {
    const [c] = await this.db.query<LadderSettingsRow[]>(
      `SELECT escalate_after_minutes, on_call_after_minutes, on_call_email, time_zone FROM communities WHERE id = $1`,
      [communityId],
    );
    return c;
  }

  async saveSettings(
    em: EntityManager,
    communityId: string,
    s: { escalateAfterMinutes: number; onCallAfterMinutes: number; onCallEmail: string | null; timeZone: string },
  ): Promise<void> {
    await em.query(
      `UPDATE communities SET escalate_after_minutes = $2, on_call_after_minutes = $3, on_call_email = $4, time_zone = $5
          WHERE id = $1`,
      [communityId, s.escalateAfterMinutes, s.onCallAfterMinutes, s.onCallEmail, s.timeZone],
    );
  }
}
