import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nobody left unanswered: after a community's unanswered_after_hours (default 12), an opening post
 * nobody else has replied to is on a "waiting for a reply" list, and its author is told, once.
 */
export class WaitingForReply1765700000000 implements MigrationInterface {
  name = 'WaitingForReply1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE communities
        ADD COLUMN unanswered_after_hours integer NOT NULL DEFAULT 12 CHECK (unanswered_after_hours BETWEEN 1 AND 168);
      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
      ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
        'held', 'held-waiting', 'hidden', 'check-in', 'significant-event-read', 'reply', 'reviewed', 'election',
        'unanswered'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM notifications WHERE kind = 'unanswered';
      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
      ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
        'held', 'held-waiting', 'hidden', 'check-in', 'significant-event-read', 'reply', 'reviewed', 'election'));
      ALTER TABLE communities DROP COLUMN unanswered_after_hours;
    `);
  }
}
