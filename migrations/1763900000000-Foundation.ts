import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts, sessions, communities (tenants) and memberships, boards and info pages.
 * Hand-written: the schema is never synchronised from entities.
 */
export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username      text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
        display_name  text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 80),
        password_hash text NOT NULL,
        is_operator   boolean NOT NULL DEFAULT false,
        created_at    timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX users_username_key ON users (username);

      CREATE TABLE sessions (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash   bytea NOT NULL UNIQUE,
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz NOT NULL,
        revoked_at   timestamptz,
        user_agent   text CHECK (char_length(user_agent) <= 300)
      );
      CREATE INDEX sessions_user_live_idx ON sessions (user_id) WHERE revoked_at IS NULL;
      CREATE INDEX sessions_expires_idx ON sessions (expires_at);

      CREATE TABLE communities (
        id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug                        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
        name                        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
        posting_delay_seconds       integer NOT NULL DEFAULT 300 CHECK (posting_delay_seconds BETWEEN 0 AND 86400),
        chat_delay_seconds          integer NOT NULL DEFAULT 10 CHECK (chat_delay_seconds BETWEEN 0 AND 600),
        flag_threshold              integer NOT NULL DEFAULT 2 CHECK (flag_threshold BETWEEN 1 AND 50),
        suspension_after_no_contact integer NOT NULL DEFAULT 3 CHECK (suspension_after_no_contact BETWEEN 1 AND 52),
        suspension_months           integer NOT NULL DEFAULT 3 CHECK (suspension_months BETWEEN 1 AND 24),
        crisis_contacts             jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(crisis_contacts) = 'array'),
        outreach_contact            text NOT NULL DEFAULT '' CHECK (char_length(outreach_contact) <= 500),
        created_at                  timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE memberships (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        community_id    uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role            text NOT NULL CHECK (role IN ('member', 'staff')),
        status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'left')),
        is_top3         boolean NOT NULL DEFAULT false,
        suspended_until timestamptz,
        joined_at       timestamptz NOT NULL DEFAULT now(),
        UNIQUE (community_id, user_id),
        CONSTRAINT top3_are_members CHECK (NOT is_top3 OR role = 'member'),
        CONSTRAINT suspension_has_end CHECK ((status = 'suspended') = (suspended_until IS NOT NULL))
      );
      CREATE INDEX memberships_user_idx ON memberships (user_id);

      CREATE TABLE boards (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        kind         text NOT NULL CHECK (kind IN ('community', 'private', 'info')),
        slug         text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
        name         text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 80),
        description  text NOT NULL DEFAULT '' CHECK (char_length(description) <= 500),
        top3_only    boolean NOT NULL DEFAULT false,
        created_at   timestamptz NOT NULL DEFAULT now(),
        UNIQUE (community_id, slug),
        UNIQUE (id, community_id),
        CONSTRAINT top3_boards_are_private CHECK (NOT top3_only OR kind = 'private')
      );

      CREATE TABLE board_participants (
        board_id uuid NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
        user_id  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        PRIMARY KEY (board_id, user_id)
      );

      CREATE TABLE info_pages (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        board_id   uuid NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
        slug       text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
        title      text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 120),
        body       text NOT NULL CHECK (char_length(body) <= 20000),
        position   integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        UNIQUE (board_id, slug)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE info_pages;
      DROP TABLE board_participants;
      DROP TABLE boards;
      DROP TABLE memberships;
      DROP TABLE communities;
      DROP TABLE sessions;
      DROP TABLE users;
    `);
  }
}
