import { Injectable } from '@nestjs/common';
import { ENTRY_WORDS_REMOVED, THREAD_TITLE_REMOVED } from '@p2p/contract';
import { EntityManager } from 'typeorm';
import { POST_COLUMNS, POST_FROM, PostRow } from './post-views';

/** Columns that hold or echo an entry's words, cleared with them (the guideline findings quote it). */
const CLEAR_WORDS = `meaning = NULL, guideline_findings = NULL, check_in_findings = NULL, idempotency_key = NULL`;

/** Board kinds whose entries are posts, and those whose entries are chat messages, for retention. */
export const POST_KINDS = ['community', 'private', 'info'];
export const CHAT_KINDS = ['chat', 'direct'];

/**
 * Removing the words of entries: when their writer's account is erased, and when the community's
 * retention policy says they have been kept long enough. The entry keeps its place (its thread,
 * its time, its replies); its body becomes the quiet words shown instead, and `words_removed`
 * says why. Entries waiting for their thinking space are withdrawn, never shared. The live events
 * kept for catching up that carry an entry go with its words.
 */
@Injectable()
export class WordsRemovalRepository {
  /**
   * An erased author's entries. Where the community keeps a leaver's shared entries from "a former
   * member", the shared ones keep their words; every other entry (waiting, held, hidden, taken
   * down, taken back) loses them, as does everything in a community that chose the placeholder.
   */
  async eraseAuthor(em: EntityManager, userId: string): Promise<{ removed: string[]; kept: number }> {
    await em.query(
      `UPDATE posts SET status = 'withdrawn', withdrawn_at = now() WHERE author_id = $1 AND status = 'pending'`,
      [userId],
    );
    const [removed] = await em.query<[{ id: string }[], number]>(
      `UPDATE posts p SET body = $2, words_removed = 'erasure', ${CLEAR_WORDS}
         FROM communities c
        WHERE c.id = p.community_id AND p.author_id = $1 AND p.words_removed IS NULL
          AND (c.erased_entries = 'placeholder' OR p.status <> 'published')
       RETURNING p.id`,
      [userId, ENTRY_WORDS_REMOVED.erasure],
    );
    await em.query(
      `UPDATE threads t SET title = $2, words_removed = 'erasure'
         FROM communities c, posts op
        WHERE c.id = t.community_id AND op.thread_id = t.id AND op.is_opening
          AND t.author_id = $1 AND t.words_removed IS NULL
          AND (c.erased_entries = 'placeholder' OR op.status <> 'published')`,
      [userId, THREAD_TITLE_REMOVED.erasure],
    );
    await em.query(`DELETE FROM post_reactions WHERE member_id = $1`, [userId]);
    // Every event of theirs, kept words or not: each carries the name they had.
    await em.query(`DELETE FROM community_events WHERE post_id IN (SELECT id FROM posts WHERE author_id = $1)`, [
      userId,
    ]);
    const [{ kept }] = await em.query<{ kept: number }[]>(
      `SELECT count(*)::int AS kept FROM posts WHERE author_id = $1 AND words_removed IS NULL AND status = 'published'`,
      [userId],
    );
    return { removed: removed.map((r) => r.id), kept };
  }

  /** An author's entries others can read, as they are now (to tell open pages what changed). */
  shownBy(em: EntityManager, userId: string): Promise<PostRow[]> {
    return em.query<PostRow[]>(
      `SELECT ${POST_COLUMNS} FROM ${POST_FROM} WHERE p.author_id = $1 AND p.status = 'published' ORDER BY p.event_seq`,
      [userId],
    );
  }

  /** Every entry an author wrote, whatever became of it (for the log records about them). */
  async entriesBy(em: EntityManager, userId: string): Promise<string[]> {
    const rows = await em.query<{ id: string }[]>(`SELECT id FROM posts WHERE author_id = $1`, [userId]);
    return rows.map((r) => r.id);
  }

  /**
   * The words of a community's entries written before `before`, on boards of these kinds. An
   * entry still waiting for a person (held, or hidden and not yet looked at) keeps its words until
   * someone has. A thread's title goes once its last entry is older than `before` and none of its
   * entries keeps words. At most `limit` entries a call; the next call carries on.
   */
  async expire(
    em: EntityManager,
    communityId: string,
    kinds: string[],
    before: Date,
    limit: number,
  ): Promise<string[]> {
    const [removed] = await em.query<[{ id: string }[], number]>(
      `UPDATE posts SET body = $4, words_removed = 'retention', ${CLEAR_WORDS}
        WHERE id IN (
          SELECT p.id FROM posts p JOIN boards b ON b.id = p.board_id
           WHERE p.community_id = $1 AND b.kind = ANY($2::text[])
             AND p.created_at < $3 AND p.words_removed IS NULL
             AND p.status NOT IN ('pending', 'held')
             AND NOT (p.review_since IS NOT NULL AND p.moderated_at IS NULL)
           ORDER BY p.created_at LIMIT $5)
       RETURNING id`,
      [communityId, kinds, before, ENTRY_WORDS_REMOVED.retention, limit],
    );
    await em.query(
      `UPDATE threads t SET title = $4, words_removed = 'retention'
         FROM boards b
        WHERE b.id = t.board_id AND b.kind = ANY($2::text[]) AND t.community_id = $1
          AND t.words_removed IS NULL AND coalesce(t.last_post_at, t.created_at) < $3
          AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.thread_id = t.id AND p.words_removed IS NULL)`,
      [communityId, kinds, before, THREAD_TITLE_REMOVED.retention],
    );
    const ids = removed.map((r) => r.id);
    if (ids.length > 0) await em.query(`DELETE FROM community_events WHERE post_id = ANY($1::uuid[])`, [ids]);
    return ids;
  }
}
