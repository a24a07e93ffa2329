import { Injectable } from '@nestjs/common';
import { FORMER_MEMBER } from '@p2p/contract';
import { EntityManager } from 'typeorm';
import { ERASURE_PLAN } from './erasure-plan';

/** Tables entries/ owns (posts, threads, reactions): it erases their rows itself. */
const ENTRIES_TABLES = new Set(['posts', 'threads', 'post_reactions']);

/** [table, column] of every column whose rows erasure deletes, from ERASURE_PLAN (names from code, never input). */
const OWN_ROWS = Object.entries(ERASURE_PLAN)
  .filter(([, plan]) => plan.step === 'delete')
  .map(([col]) => col.split('.') as [string, string])
  .filter(([table]) => !ENTRIES_TABLES.has(table));

/** A flag's note is the flagger's words; "something else" needs one, so it says where it went. */
const NOTE_REMOVED = '(removed when the member who wrote it left)';

/**
 * The SQL of erasing an account, outside the entries and the log (each has its own store): the
 * rows that are the person's own go, the rows kept for the community lose what was theirs, and
 * the account itself becomes a tombstone. ERASURE_PLAN says which is which for every column.
 * Every method runs inside the caller's transaction.
 */
@Injectable()
export class ErasureRepository {
  /** The account, locked for the erasure; undefined if there is none or it is already erased. */
  async lockAccount(
    em: EntityManager,
    userId: string,
  ): Promise<{ id: string; username: string; is_operator: boolean } | undefined> {
    const [row] = await em.query<{ id: string; username: string; is_operator: boolean }[]>(
      `SELECT id, username, is_operator FROM users WHERE id = $1 AND erased_at IS NULL FOR UPDATE`,
      [userId],
    );
    return row;
  }

  async userIdByUsername(em: EntityManager, username: string): Promise<string | undefined> {
    const [row] = await em.query<{ id: string }[]>(`SELECT id FROM users WHERE username = $1 AND erased_at IS NULL`, [
      username.toLowerCase(),
    ]);
    return row?.id;
  }

  /** Every community the person belongs to or wrote in. */
  async communitiesOf(em: EntityManager, userId: string): Promise<string[]> {
    const rows = await em.query<{ id: string }[]>(
      `SELECT community_id AS id FROM memberships WHERE user_id = $1
       UNION SELECT DISTINCT community_id FROM posts WHERE author_id = $1
       ORDER BY id`,
      [userId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The rows that are the person's own: every column ERASURE_PLAN marks `delete` (but those of the
   * entries' own tables, which entries/ erases), so the plan and what is done cannot drift apart.
   * Then the live events kept for catching up that name them.
   */
  async deleteOwn(em: EntityManager, userId: string): Promise<void> {
    for (const [table, column] of OWN_ROWS) await em.query(`DELETE FROM ${table} WHERE ${column} = $1`, [userId]);
    await em.query(`DELETE FROM community_events WHERE strpos(payload::text, $1::text) > 0`, [userId]);
  }

  /** The rows kept for the community, with what was the person's taken out of them. */
  async scrubKept(em: EntityManager, userId: string): Promise<void> {
    await em.query(
      `UPDATE memberships SET status = 'left', suspended_until = NULL, is_top3 = false WHERE user_id = $1`,
      [userId],
    );
    await em.query(
      `UPDATE flags SET note = CASE WHEN reason = 'something-else' THEN $2 END WHERE flagger_id = $1 AND note IS NOT NULL`,
      [userId, NOTE_REMOVED],
    );
    // An election still open no longer has them as a candidate; counted ones keep their result.
    await em.query(
      `DELETE FROM election_nominations n USING elections e
        WHERE e.id = n.election_id AND e.counted_at IS NULL AND n.candidate_id = $1`,
      [userId],
    );
    await em.query(`DELETE FROM duty_shifts WHERE user_id = $1 AND ends_at > now()`, [userId]);
  }

  /** The account becomes "a former member": no name, no password, no way in. */
  async tombstone(em: EntityManager, userId: string): Promise<void> {
    await em.query(
      `UPDATE users SET username = 'former-' || replace(id::text, '-', ''), display_name = $2,
                        password_hash = '!erased', is_operator = false, erased_at = now()
        WHERE id = $1`,
      [userId, FORMER_MEMBER],
    );
  }

  async recordOperatorErasure(em: EntityManager, userId: string, reference: string): Promise<void> {
    await em.query(`INSERT INTO operator_actions (action, subject_user_id, reference) VALUES ('erasure', $1, $2)`, [
      userId,
      reference,
    ]);
  }
}
