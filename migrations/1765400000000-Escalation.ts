import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nobody at risk waits alone: the Top 3's rota (who is on duty when), taking a held entry ("I'm
 * looking at this"), and the escalation ladder for an imminent-risk hold nobody has taken: after
 * escalate_after_minutes to every Top 3 member by every channel, after on_call_after_minutes a
 * content-free alert to the on-call contact the community and its staff agreed. Each step is a
 * row, done once (a BullMQ delayed job keyed by the row does it; a sweep finds any whose job was
 * lost), so a restart neither loses a step nor repeats one.
 */
export class Escalation1765400000000 implements MigrationInterface {
  name = 'Escalation1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE communities
        ADD COLUMN escalate_after_minutes integer NOT NULL DEFAULT 10 CHECK (escalate_after_minutes BETWEEN 1 AND 1440),
        ADD COLUMN on_call_after_minutes integer NOT NULL DEFAULT 30 CHECK (on_call_after_minutes BETWEEN 2 AND 2880),
        ADD COLUMN on_call_email text CHECK (char_length(on_call_email) <= 254 AND on_call_email ~ '^[^@\\s]+@[^@\\s]+$'),
        ADD COLUMN time_zone text NOT NULL DEFAULT 'Europe/London' CHECK (char_length(time_zone) <= 64),
        ADD CONSTRAINT communities_ladder_order CHECK (on_call_after_minutes > escalate_after_minutes);

      ALTER TABLE posts
        ADD COLUMN taken_by uuid REFERENCES users (id),
        ADD COLUMN taken_at timestamptz,
        ADD CONSTRAINT posts_taken CHECK ((taken_by IS NULL) = (taken_at IS NULL));

      CREATE TABLE duty_shifts (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        starts_at    timestamptz NOT NULL,
        ends_at      timestamptz NOT NULL,
        added_by     uuid NOT NULL REFERENCES users (id),
        created_at   timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '7 days')
      );
      CREATE INDEX duty_shifts_when_idx ON duty_shifts (community_id, ends_at, starts_at);

      CREATE TABLE escalations (
        post_id   uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        step      text NOT NULL CHECK (step IN ('every-top3', 'on-call')),
        due_at    timestamptz NOT NULL,
        done_at   timestamptz,
        outcome   text CHECK (outcome IN ('sent', 'not-needed', 'no-contact', 'failed')),
        attempts  integer NOT NULL DEFAULT 0,
        error     text,
        PRIMARY KEY (post_id, step),
        CHECK ((done_at IS NULL) = (outcome IS NULL))
      );
      CREATE INDEX escalations_due_idx ON escalations (due_at) WHERE done_at IS NULL;

      -- A ladder step tells every Top 3 member by email whatever their settings say.
      ALTER TABLE notification_sends ADD COLUMN insistent boolean NOT NULL DEFAULT false;
      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
      ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
        'held', 'held-waiting', 'hidden', 'check-in', 'significant-event-read', 'reply', 'reviewed', 'election'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM notifications WHERE kind = 'held-waiting';
      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
      ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
        'held', 'hidden', 'check-in', 'significant-event-read', 'reply', 'reviewed', 'election'));
      ALTER TABLE notification_sends DROP COLUMN insistent;
      DROP TABLE escalations;
      DROP TABLE duty_shifts;
      ALTER TABLE posts DROP CONSTRAINT posts_taken, DROP COLUMN taken_at, DROP COLUMN taken_by;
      ALTER TABLE communities DROP CONSTRAINT communities_ladder_order,
        DROP COLUMN time_zone, DROP COLUMN on_call_email, DROP COLUMN on_call_after_minutes,
        DROP COLUMN escalate_after_minutes;
    `);
  }
}
