import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Controls for hard days, one row per member who used them: the words they muted (entries that
 * mention one are folded for them alone, in their own client) and the end of a break they are
 * taking (no board, and no email or push, until then; the in-app notifications still wait for them).
 */
export class HardDays1766200000000 implements MigrationInterface {
  name = 'HardDays1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE member_preferences (
        user_id     uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        muted_words text[] NOT NULL DEFAULT '{}' CHECK (cardinality(muted_words) <= 50),
        break_until timestamptz,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    // A send planned before a break began (waiting for quiet hours to end) is skipped, not sent.
    await q.query(`ALTER TABLE notification_sends DROP CONSTRAINT notification_sends_status_check`);
    await q.query(`
      ALTER TABLE notification_sends ADD CONSTRAINT notification_sends_status_check
        CHECK (status IN ('due', 'sent', 'failed', 'skipped'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE notification_sends SET status = 'failed' WHERE status = 'skipped'`);
    await q.query(`ALTER TABLE notification_sends DROP CONSTRAINT notification_sends_status_check`);
    await q.query(`
      ALTER TABLE notification_sends ADD CONSTRAINT notification_sends_status_check
        CHECK (status IN ('due', 'sent', 'failed'))`);
    await q.query(`DROP TABLE member_preferences`);
  }
}
