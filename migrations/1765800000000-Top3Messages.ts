import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Message the author": a private, supportive message from the Top 3 as a group to the author of
 * an entry they are reviewing. The member reads it with the crisis contacts beside it; the log
 * keeps that it was sent and by whom, not its words (staff read the open log).
 */
export class Top3Messages1765800000000 implements MigrationInterface {
  name = 'Top3Messages1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE top3_messages (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        post_id      uuid REFERENCES posts (id) ON DELETE SET NULL,
        to_user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        from_user_id uuid NOT NULL REFERENCES users (id),
        body         text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 2000),
        created_at   timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX top3_messages_to_idx ON top3_messages (to_user_id, created_at DESC);
      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
      ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
        'held', 'held-waiting', 'hidden', 'check-in', 'significant-event-read', 'reply', 'reviewed', 'election',
        'unanswered', 'top3-message'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM notifications WHERE kind = 'top3-message';
      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
      ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
        'held', 'held-waiting', 'hidden', 'check-in', 'significant-event-read', 'reply', 'reviewed', 'election',
        'unanswered'));
      DROP TABLE top3_messages;
    `);
  }
}
