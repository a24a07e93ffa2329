import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a member is still writing, kept on the server while they write it: one draft per member
 * per place (a new thread on a board, a reply in a thread, a message in a chat room), so the
 * words survive a dropped connection or a change of device. Theirs alone: nobody else reads it.
 * Bounded like the post it will become (a title of 200, a body of 20000).
 */
export class Drafts1766100000000 implements MigrationInterface {
  name = 'Drafts1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE drafts (
        user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        place      text NOT NULL CHECK (place ~ '^(board|thread|room):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
        title      text CHECK (char_length(title) <= 200),
        body       text NOT NULL CHECK (char_length(body) <= 20000),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, place)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE drafts`);
  }
}
