import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Web Push: each browser or phone a person allowed to show alerts (its push subscription), the
 * board's VAPID keys (made once and shared by every gateway), and a push channel beside email.
 */
export class WebPush1765600000000 implements MigrationInterface {
  name = 'WebPush1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE push_subscriptions (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        endpoint   text NOT NULL UNIQUE CHECK (char_length(endpoint) <= 1000),
        p256dh     text NOT NULL CHECK (char_length(p256dh) <= 200),
        auth       text NOT NULL CHECK (char_length(auth) <= 100),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (user_id);

      -- One row: the board's VAPID key pair, made by the first gateway to start.
      CREATE TABLE vapid_keys (
        id          integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        public_key  text NOT NULL,
        private_key text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      );

      ALTER TABLE notification_sends DROP CONSTRAINT notification_sends_channel_check;
      ALTER TABLE notification_sends ADD CONSTRAINT notification_sends_channel_check CHECK (channel IN ('email', 'push'));
      ALTER TABLE notification_sends DROP CONSTRAINT notification_sends_notification_id_channel_key;
      ALTER TABLE notification_sends ADD CONSTRAINT notification_sends_once UNIQUE (notification_id, channel, address);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM notification_sends WHERE channel = 'push';
      ALTER TABLE notification_sends DROP CONSTRAINT notification_sends_once;
      ALTER TABLE notification_sends ADD CONSTRAINT notification_sends_notification_id_channel_key UNIQUE (notification_id, channel);
      ALTER TABLE notification_sends DROP CONSTRAINT notification_sends_channel_check;
      ALTER TABLE notification_sends ADD CONSTRAINT notification_sends_channel_check CHECK (channel IN ('email'));
      DROP TABLE vapid_keys;
      DROP TABLE push_subscriptions;
    `);
  }
}
