import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supportive reactions ("I hear you", "Sending strength", "Thank you"): one row per member, post
 * and kind. Readers are shown counts only; the rows name the member so they can take one back
 * (and so a member's own data can be found for them).
 */
export class PostReactions1765900000000 implements MigrationInterface {
  name = 'PostReactions1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE post_reactions (
        post_id    uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        member_id  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind       text NOT NULL CHECK (kind IN ('hear-you', 'strength', 'thanks')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (post_id, member_id, kind)
      );
      CREATE INDEX post_reactions_member_idx ON post_reactions (member_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE post_reactions`);
  }
}
