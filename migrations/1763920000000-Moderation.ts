import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Community guidelines (versioned), flags, the Top 3's review of held and hidden entries, the
 * verbatim log (append-only, hash-chained), meetings and significant-event reports.
 */
export class Moderation1763920000000 implements MigrationInterface {
  name = 'Moderation1763920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Events for a role rather than for a board's readers: the Top 3's queue, staff notices.
      ALTER TABLE community_events ADD COLUMN audience text NOT NULL DEFAULT 'readers'
        CHECK (audience IN ('readers', 'top3', 'staff'));

      -- A community without a row here uses the default guidelines (version 1).
      CREATE TABLE guideline_versions (
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        version      integer NOT NULL CHECK (version >= 1),
        rules        jsonb NOT NULL CHECK (jsonb_typeof(rules) = 'array'),
        created_at   timestamptz NOT NULL DEFAULT now(),
        created_by   uuid REFERENCES users (id) ON DELETE SET NULL,
        PRIMARY KEY (community_id, version)
      );

      -- Held: the guidelines asked for a Top 3 member to look first. Hidden: flagged by enough
      -- members. Removed: deleted by a Top 3 member (the log keeps the words).
      ALTER TABLE posts DROP CONSTRAINT posts_status_check;
      ALTER TABLE posts ADD CONSTRAINT posts_status_check
        CHECK (status IN ('pending', 'published', 'withdrawn', 'held', 'hidden', 'removed'));
      ALTER TABLE posts DROP CONSTRAINT published_has_time;
      ALTER TABLE posts ADD CONSTRAINT published_has_time
        CHECK (status <> 'published' OR (released_at IS NOT NULL AND event_seq IS NOT NULL));
      ALTER TABLE posts
        ADD COLUMN guideline_findings jsonb,
        ADD COLUMN guidelines_acknowledged boolean NOT NULL DEFAULT false,
        ADD COLUMN review_since timestamptz,
        ADD COLUMN moderated_at timestamptz;
      CREATE INDEX posts_review_idx ON posts (community_id, review_since) WHERE review_since IS NOT NULL;

      CREATE TABLE flags (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        post_id      uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        flagger_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        reason       text NOT NULL CHECK (reason IN ('imminent-harm-self', 'imminent-harm-others', 'self-harm-account',
                                                     'contact-details', 'abuse', 'something-else')),
        note         text CHECK (char_length(note) <= 1000),
        created_at   timestamptz NOT NULL DEFAULT now(),
        resolved_at  timestamptz,
        UNIQUE (post_id, flagger_id),
        CONSTRAINT something_else_has_note CHECK (reason <> 'something-else' OR char_length(coalesce(note, '')) > 0)
      );
      CREATE INDEX flags_open_idx ON flags (post_id) WHERE resolved_at IS NULL;

      -- The verbatim log. Two chains per community: records about private boards, and all the
      -- others, so that staff can verify everything they may read without learning anything
      -- (not even a count) about private boards.
      CREATE TABLE moderation_log (
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        chain        text NOT NULL CHECK (chain IN ('open', 'private')),
        seq          bigint NOT NULL CHECK (seq >= 1),
        id           uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
        at           timestamptz NOT NULL,
        actor_id     uuid REFERENCES users (id),
        actor_name   text,
        action       text NOT NULL,
        board_id     uuid,
        post_id      uuid,
        entry_text   text,
        reason       text,
        details      jsonb NOT NULL DEFAULT '{}',
        for_meeting  boolean NOT NULL DEFAULT false,
        prev_hash    bytea,
        hash         bytea NOT NULL,
        PRIMARY KEY (community_id, chain, seq)
      );
      CREATE INDEX moderation_log_post_idx ON moderation_log (post_id) WHERE post_id IS NOT NULL;
      CREATE INDEX moderation_log_meeting_idx ON moderation_log (community_id, at) WHERE for_meeting;

      CREATE FUNCTION moderation_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the moderation log is append-only: % is not allowed', TG_OP;
      END $$;
      CREATE TRIGGER moderation_log_append_only BEFORE UPDATE OR DELETE ON moderation_log
        FOR EACH ROW EXECUTE FUNCTION moderation_log_append_only();
      CREATE TRIGGER moderation_log_no_truncate BEFORE TRUNCATE ON moderation_log
        FOR EACH STATEMENT EXECUTE FUNCTION moderation_log_append_only();

      -- Where each chain stands; its row lock serialises appends so the chain cannot fork.
      CREATE TABLE moderation_log_heads (
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        chain        text NOT NULL CHECK (chain IN ('open', 'private')),
        seq          bigint NOT NULL DEFAULT 0,
        hash         bytea,
        PRIMARY KEY (community_id, chain)
      );

      CREATE TABLE significant_events (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        community_id    uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        reported_by     uuid NOT NULL REFERENCES users (id),
        summary         text NOT NULL CHECK (char_length(summary) BETWEEN 1 AND 5000),
        post_ids        uuid[] NOT NULL DEFAULT '{}',
        created_at      timestamptz NOT NULL DEFAULT now(),
        acknowledged_by uuid REFERENCES users (id),
        acknowledged_at timestamptz
      );
      CREATE INDEX significant_events_community_idx ON significant_events (community_id, created_at DESC);

      CREATE TABLE meetings (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        title        text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        opened_by    uuid NOT NULL REFERENCES users (id),
        opened_at    timestamptz NOT NULL DEFAULT now(),
        -- The pack covers log records after this point (the previous meeting's opening).
        covers_from  timestamptz
      );
      CREATE INDEX meetings_community_idx ON meetings (community_id, opened_at DESC);

      CREATE TABLE meeting_items (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id  uuid NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
        log_id      uuid NOT NULL REFERENCES moderation_log (id),
        chain       text NOT NULL CHECK (chain IN ('open', 'private')),
        position    integer NOT NULL,
        outcome     text CHECK (char_length(outcome) <= 5000),
        outcome_by  uuid REFERENCES users (id),
        outcome_at  timestamptz,
        UNIQUE (meeting_id, log_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE meeting_items;
      DROP TABLE meetings;
      DROP TABLE significant_events;
      DROP TABLE moderation_log_heads;
      DROP TABLE moderation_log;
      DROP FUNCTION moderation_log_append_only();
      DROP TABLE flags;
      DROP INDEX posts_review_idx;
      ALTER TABLE posts DROP COLUMN guideline_findings, DROP COLUMN guidelines_acknowledged,
        DROP COLUMN review_since, DROP COLUMN moderated_at;
      ALTER TABLE posts DROP CONSTRAINT published_has_time;
      ALTER TABLE posts ADD CONSTRAINT published_has_time
        CHECK ((status = 'published') = (released_at IS NOT NULL AND event_seq IS NOT NULL));
      ALTER TABLE posts DROP CONSTRAINT posts_status_check;
      ALTER TABLE posts ADD CONSTRAINT posts_status_check CHECK (status IN ('pending', 'published', 'withdrawn'));
      DROP TABLE guideline_versions;
      ALTER TABLE community_events DROP COLUMN audience;
    `);
  }
}
