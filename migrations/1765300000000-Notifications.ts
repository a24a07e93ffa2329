import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications: what a person is told, in the app and, if they choose, by email, so that a held
 * post is seen even when nobody has the board open.
 *
 * They are made from the community event log (events written in the same transaction as the
 * change they report): a per-community cursor says how far the log has been read, and each
 * notification is keyed by its source, so reading the log again after a crash makes nothing twice.
 * A notification holds no post text and no member's name, only where to look; the app shows the
 * rest after sign-in, by the usual rules. Each email is a row sent by a job and marked sent, so
 * a lost queue loses nothing: a sweep sends what is still due.
 */
export class Notifications1765300000000 implements MigrationInterface {
  name = 'Notifications1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_settings (
        user_id     uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        email       text CHECK (char_length(email) <= 254 AND email ~ '^[^@\\s]+@[^@\\s]+$'),
        email_on    boolean NOT NULL DEFAULT false,
        -- Quiet hours in the person's own time zone; both or neither.
        quiet_from  time,
        quiet_until time,
        time_zone   text NOT NULL DEFAULT 'Europe/London' CHECK (char_length(time_zone) <= 64),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CHECK ((quiet_from IS NULL) = (quiet_until IS NULL)),
        CHECK (NOT email_on OR email IS NOT NULL)
      );

      CREATE TABLE notifications (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        kind         text NOT NULL CHECK (kind IN ('held', 'hidden', 'check-in', 'significant-event-read',
                                                   'reply', 'reviewed', 'election')),
        urgent       boolean NOT NULL DEFAULT false,
        -- Where to look, never what was written.
        post_id      uuid REFERENCES posts (id) ON DELETE CASCADE,
        thread_id    uuid REFERENCES threads (id) ON DELETE CASCADE,
        election_id  uuid REFERENCES elections (id) ON DELETE CASCADE,
        -- What made it (an event of the log), so that it is made once.
        source       text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
        read_at      timestamptz
      );
      CREATE UNIQUE INDEX notifications_once_idx ON notifications (user_id, source);
      CREATE INDEX notifications_list_idx ON notifications (user_id, created_at DESC, id DESC);
      CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

      -- How far each community's event log has been read for notifications.
      CREATE TABLE notification_cursors (
        community_id uuid PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
        seq          bigint NOT NULL DEFAULT 0
      );

      CREATE TABLE notification_sends (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
        channel         text NOT NULL CHECK (channel IN ('email')),
        address         text NOT NULL,
        status          text NOT NULL DEFAULT 'due' CHECK (status IN ('due', 'sent', 'failed')),
        -- Not before this (the end of the person's quiet hours).
        due_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
        attempts        int NOT NULL DEFAULT 0,
        sent_at         timestamptz,
        error           text,
        UNIQUE (notification_id, channel)
      );
      -- What happened before notifications existed is not news: each community starts from now.
      INSERT INTO notification_cursors (community_id, seq) SELECT id, last_event_seq FROM communities;

      CREATE INDEX notification_sends_due_idx ON notification_sends (due_at) WHERE status = 'due';

      -- When something made at \`at\` may be sent: then, or at the end of the quiet hours it falls in.
      CREATE FUNCTION notification_due(at timestamptz, tz text, q_from time, q_until time) RETURNS timestamptz
      LANGUAGE sql STABLE AS $$
        SELECT CASE
          WHEN q_from IS NULL OR q_from = q_until THEN at
          WHEN CASE WHEN q_from < q_until THEN l::time >= q_from AND l::time < q_until
                    ELSE l::time >= q_from OR l::time < q_until END
            THEN (CASE WHEN l::date + q_until > l THEN l::date + q_until ELSE l::date + 1 + q_until END) AT TIME ZONE tz
          ELSE at
        END
        FROM (SELECT at AT TIME ZONE tz AS l) local
      $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION notification_due(timestamptz, text, time, time);
      DROP TABLE notification_sends;
      DROP TABLE notification_cursors;
      DROP TABLE notifications;
      DROP TABLE notification_settings;
    `);
  }
}
