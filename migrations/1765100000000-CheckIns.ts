import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Check-ins: a post published with hard thoughts in it (the guidelines' check-in action) is put
 * in front of the Top 3 in a quiet list, so someone can reach out. It is the post itself that is
 * listed, marked when it was published with what the guidelines found, and when a Top 3 member
 * has checked in (and who), so the list and the post can never disagree.
 */
export class CheckIns1765100000000 implements MigrationInterface {
  name = 'CheckIns1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE posts
        ADD COLUMN check_in_findings jsonb,
        ADD COLUMN check_in_done_at timestamptz,
        ADD COLUMN check_in_done_by uuid REFERENCES users (id),
        ADD CONSTRAINT posts_check_in_done CHECK (
          (check_in_done_at IS NULL) = (check_in_done_by IS NULL)
          AND (check_in_done_at IS NULL OR check_in_findings IS NOT NULL)
        );
      CREATE INDEX posts_check_in_idx ON posts (community_id, released_at, id) WHERE check_in_findings IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX posts_check_in_idx;
      ALTER TABLE posts DROP CONSTRAINT posts_check_in_done,
        DROP COLUMN check_in_done_by, DROP COLUMN check_in_done_at, DROP COLUMN check_in_findings;
    `);
  }
}
