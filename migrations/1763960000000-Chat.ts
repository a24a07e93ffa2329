import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live chat as boards with a single running thread: a community chat room (kind 'chat', read by
 * every active member, like the community board) and direct conversations (kind 'direct', the
 * two members plus the Top 3 members monitoring it). Messages are posts, so they pass the same
 * guidelines, the thinking space (the shorter chat delay), the Top 3 review, the verbatim log,
 * the event stream and catch-up.
 */
export class Chat1763960000000 implements MigrationInterface {
  name = 'Chat1763960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE boards DROP CONSTRAINT boards_kind_check;
      ALTER TABLE boards ADD CONSTRAINT boards_kind_check CHECK (kind IN ('community', 'private', 'info', 'chat', 'direct'));
      ALTER TABLE boards ADD COLUMN ended_at timestamptz, ADD COLUMN chat_thread_id uuid;
      ALTER TABLE communities ADD COLUMN direct_conversations boolean NOT NULL DEFAULT true;

      -- The Top 3 members monitoring a direct conversation now. It is open only while two are here.
      CREATE TABLE chat_monitors (
        board_id  uuid NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
        user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (board_id, user_id)
      );

      -- Staff may be granted a chat room as they may a community board; never a direct conversation.
      CREATE OR REPLACE FUNCTION access_requests_not_private() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT kind FROM boards WHERE id = NEW.board_id) NOT IN ('community', 'chat') THEN
          RAISE EXCEPTION 'staff access can only be granted to a community board or chat room';
        END IF;
        RETURN NEW;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION access_requests_not_private() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT kind FROM boards WHERE id = NEW.board_id) <> 'community' THEN
          RAISE EXCEPTION 'staff access can only be granted to a community board';
        END IF;
        RETURN NEW;
      END $$;
      DROP TABLE chat_monitors;
      ALTER TABLE communities DROP COLUMN direct_conversations;
      DELETE FROM boards WHERE kind IN ('chat', 'direct');
      ALTER TABLE boards DROP COLUMN ended_at, DROP COLUMN chat_thread_id;
      ALTER TABLE boards DROP CONSTRAINT boards_kind_check;
      ALTER TABLE boards ADD CONSTRAINT boards_kind_check CHECK (kind IN ('community', 'private', 'info'));
    `);
  }
}
