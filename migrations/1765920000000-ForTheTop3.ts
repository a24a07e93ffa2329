import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Send it to the Top 3": a member stopped by the posting limit (or who would simply rather) sends
 * a post to the Top 3 first. It waits on the review list like a held post; the flag says it waits
 * because its author asked, not because the guidelines held it.
 */
export class ForTheTop31765920000000 implements MigrationInterface {
  name = 'ForTheTop31765920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE posts ADD COLUMN for_top3 boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE posts DROP COLUMN for_top3`);
  }
}
