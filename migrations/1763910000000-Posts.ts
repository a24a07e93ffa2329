import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Threads and posts with the thinking space, and the per-community event log that live delivery
 * and reconnect catch-up read from. Release is idempotent here, in the database: a post moves
 * from pending to published once, under a row lock, and its event takes the next sequence number
 * of its community in the same transaction.
 */
export class Posts1763910000000 implements MigrationInterface {
  name = 'Posts1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE communities ADD COLUMN last_event_seq bigint NOT NULL DEFAULT 0;

      CREATE TABLE threads (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        board_id     uuid NOT NULL,
        community_id uuid NOT NULL,
        author_id    uuid NOT NULL REFERENCES users (id),
        title        text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        created_at   timestamptz NOT NULL DEFAULT now(),
        -- Set when the opening post is published and bumped by each published reply: the event
        -- sequence number orders threads by activity and keys their pages exactly.
        last_post_seq bigint,
        last_post_at  timestamptz,
        post_count    integer NOT NULL DEFAULT 0,
        FOREIGN KEY (board_id, community_id) REFERENCES boards (id, community_id) ON DELETE CASCADE,
        UNIQUE (id, board_id, community_id)
      );
      CREATE INDEX threads_board_activity_idx ON threads (board_id, last_post_seq DESC) WHERE last_post_seq IS NOT NULL;
      CREATE INDEX threads_author_idx ON threads (author_id) WHERE last_post_seq IS NULL;

      CREATE TABLE posts (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        thread_id       uuid NOT NULL,
        board_id        uuid NOT NULL,
        community_id    uuid NOT NULL,
        author_id       uuid NOT NULL REFERENCES users (id),
        is_opening      boolean NOT NULL DEFAULT false,
        body            text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 20000),
        status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'withdrawn')),
        created_at      timestamptz NOT NULL DEFAULT now(),
        release_at      timestamptz NOT NULL,
        released_at     timestamptz,
        edited_at       timestamptz,
        withdrawn_at    timestamptz,
        event_seq       bigint,
        idempotency_key text CHECK (char_length(idempotency_key) BETWEEN 1 AND 200),
        FOREIGN KEY (thread_id, board_id, community_id) REFERENCES threads (id, board_id, community_id) ON DELETE CASCADE,
        UNIQUE (author_id, idempotency_key),
        CONSTRAINT published_has_time CHECK ((status = 'published') = (released_at IS NOT NULL AND event_seq IS NOT NULL)),
        CONSTRAINT never_early CHECK (released_at IS NULL OR released_at >= release_at)
      );
      CREATE INDEX posts_due_idx ON posts (release_at) WHERE status = 'pending';
      CREATE INDEX posts_thread_page_idx ON posts (thread_id, event_seq) WHERE status = 'published';
      CREATE INDEX posts_author_pending_idx ON posts (author_id) WHERE status = 'pending';
      CREATE UNIQUE INDEX posts_one_opening_idx ON posts (thread_id) WHERE is_opening;

      CREATE TABLE community_events (
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        seq          bigint NOT NULL,
        type         text NOT NULL,
        -- Who may receive it: readers of board_id, or one user (e.g. an author), or both unset for everyone.
        board_id     uuid REFERENCES boards (id) ON DELETE CASCADE,
        user_id      uuid REFERENCES users (id) ON DELETE CASCADE,
        post_id      uuid,
        payload      jsonb NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (community_id, seq)
      );
      -- One publication event per post, whatever races: the database says no to a second.
      CREATE UNIQUE INDEX community_events_one_release_idx ON community_events (post_id) WHERE type = 'post.released';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE community_events;
      DROP TABLE posts;
      DROP TABLE threads;
      ALTER TABLE communities DROP COLUMN last_event_seq;
    `);
  }
}
