import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leaving and being forgotten, and how long things are kept.
 *
 * - `users.erased_at`: an erased account stays as a tombstone ("a former member"), so the entries,
 *   votes and log records that point at it keep their place; nothing personal is left on it.
 * - `posts.words_removed`, `threads.words_removed`: an entry whose words were removed, at its
 *   writer's request or under the retention policy; its body holds the quiet words shown instead.
 * - `communities.erased_entries`: what happens to a leaver's shared entries: a quiet placeholder,
 *   or the words stay, from "a former member". Entries nobody else could read go either way.
 * - `communities.keep_*_days`: how long post texts, chat messages and the log's words are kept
 *   (null: for as long as the community exists, the default).
 */
export class Erasure1766400000000 implements MigrationInterface {
  name = 'Erasure1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users ADD COLUMN erased_at timestamptz;
      ALTER TABLE posts ADD COLUMN words_removed text CHECK (words_removed IN ('erasure', 'retention'));
      ALTER TABLE threads ADD COLUMN words_removed text CHECK (words_removed IN ('erasure', 'retention'));
      ALTER TABLE communities
        ADD COLUMN erased_entries text NOT NULL DEFAULT 'placeholder'
          CHECK (erased_entries IN ('placeholder', 'former-member')),
        ADD COLUMN keep_posts_days integer CHECK (keep_posts_days BETWEEN 30 AND 36500),
        ADD COLUMN keep_chat_days integer CHECK (keep_chat_days BETWEEN 7 AND 36500),
        ADD COLUMN keep_log_days integer CHECK (keep_log_days BETWEEN 90 AND 36500);
      ALTER TABLE operator_actions DROP CONSTRAINT operator_actions_action_check;
      ALTER TABLE operator_actions ADD CONSTRAINT operator_actions_action_check
        CHECK (action IN ('subject-access-export', 'erasure'));
      -- What erasure and retention look for.
      CREATE INDEX posts_author_idx ON posts (author_id);
      CREATE INDEX flags_flagger_idx ON flags (flagger_id);
      CREATE INDEX posts_kept_idx ON posts (community_id, created_at) WHERE words_removed IS NULL;
      CREATE INDEX community_events_post_idx ON community_events (post_id) WHERE post_id IS NOT NULL;
      CREATE INDEX community_events_user_idx ON community_events (user_id) WHERE user_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX community_events_user_idx;
      DROP INDEX community_events_post_idx;
      DROP INDEX posts_kept_idx;
      DROP INDEX posts_author_idx;
      DROP INDEX flags_flagger_idx;
      ALTER TABLE operator_actions DROP CONSTRAINT operator_actions_action_check;
      ALTER TABLE operator_actions ADD CONSTRAINT operator_actions_action_check CHECK (action IN ('subject-access-export'));
      ALTER TABLE communities DROP COLUMN keep_log_days, DROP COLUMN keep_chat_days, DROP COLUMN keep_posts_days,
        DROP COLUMN erased_entries;
      ALTER TABLE threads DROP COLUMN words_removed;
      ALTER TABLE posts DROP COLUMN words_removed;
      ALTER TABLE users DROP COLUMN erased_at;
    `);
  }
}
