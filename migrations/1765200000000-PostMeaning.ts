import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sentence model's reading of a waiting post, taken when it is written or edited, with a
 * digest of the text it read: the release uses it while the text is unchanged, so each post is
 * read by the model once, not again at the moment it is due. Null where the model did not read
 * it (off, unavailable, or behind): the release then reads it itself.
 */
export class PostMeaning1765200000000 implements MigrationInterface {
  name = 'PostMeaning1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE posts ADD COLUMN meaning jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE posts DROP COLUMN meaning`);
  }
}
