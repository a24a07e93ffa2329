import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member's own crisis plan: who to call, what helps, where to go. Theirs alone; never visible
 * to staff; shown to the Top 3 only with a post of theirs that is held, and only if they said so.
 */
export class CrisisPlans1765500000000 implements MigrationInterface {
  name = 'CrisisPlans1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE crisis_plans (
        user_id          uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        who_to_call      text NOT NULL DEFAULT '' CHECK (char_length(who_to_call) <= 2000),
        what_helps       text NOT NULL DEFAULT '' CHECK (char_length(what_helps) <= 2000),
        where_to_go      text NOT NULL DEFAULT '' CHECK (char_length(where_to_go) <= 2000),
        show_top3_when_held boolean NOT NULL DEFAULT false,
        updated_at       timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE crisis_plans`);
  }
}
