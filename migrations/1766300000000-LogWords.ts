import { createHash, randomBytes } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The verbatim log's words move apart from its chain, so that a member's words can be erased (and
 * a community's retention policy applied) while every link still verifies.
 *
 * Each record keeps what happened (who by id, when, what, which board and entry, which record it is
 * about) in the chain, and
 * its words (the entry's text, the reason, the details, as canonical JSON: the exact bytes hashed)
 * in `moderation_log_texts` with a random salt. The chain covers SHA-256(salt, words). Removing words clears the row and keeps its digest;
 * an erasure or retention record in the chain names the records it cleared, so a removal nobody
 * recorded is still found. The actor's name is no longer copied into the log: it is read from
 * the account, which an erased member's says "a former member".
 *
 * Existing chains are checked with the old rule first, then re-hashed in the new form, and each
 * gets a closing 'reseal' record that carries the old head and count and what the old check
 * found, so a checkpoint taken before can still be compared by hand. The rules of both forms are
 * written out here, frozen: this migration must do the same thing whenever it runs.
 */
export class LogWords1766300000000 implements MigrationInterface {
  name = 'LogWords1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE moderation_log_texts (
        log_id     uuid PRIMARY KEY REFERENCES moderation_log (id),
        salt       bytea,
        -- The words exactly as hashed: the canonical JSON of {details, entryText, reason}.
        words      text,
        removed    text CHECK (removed IN ('erasure', 'retention')),
        removed_at timestamptz,
        CONSTRAINT words_or_removed CHECK (
          (removed IS NULL AND salt IS NOT NULL AND words IS NOT NULL)
          OR (removed IS NOT NULL AND removed_at IS NOT NULL AND salt IS NULL AND words IS NULL))
      );
      CREATE INDEX moderation_log_texts_user_idx ON moderation_log_texts (((words::jsonb)->'details'->>'userId'))
        WHERE words IS NOT NULL;

      -- Words may be removed (erasure, retention), never changed, put back or deleted.
      CREATE FUNCTION moderation_log_texts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF OLD.removed IS NULL AND NEW.removed IS NOT NULL AND NEW.log_id = OLD.log_id THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION 'the moderation log''s words can only be removed: % is not allowed', TG_OP;
      END $$;
      CREATE TRIGGER moderation_log_texts_guard BEFORE UPDATE OR DELETE ON moderation_log_texts
        FOR EACH ROW EXECUTE FUNCTION moderation_log_texts_guard();
      CREATE TRIGGER moderation_log_texts_no_truncate BEFORE TRUNCATE ON moderation_log_texts
        FOR EACH STATEMENT EXECUTE FUNCTION moderation_log_texts_guard();

      ALTER TABLE moderation_log ADD COLUMN texts_digest bytea, ADD COLUMN removes jsonb, ADD COLUMN refers_to uuid;
      ALTER TABLE moderation_log DISABLE TRIGGER moderation_log_append_only;
    `);
    const heads = (await q.query(
      `SELECT community_id, chain, seq, hash FROM moderation_log_heads WHERE seq > 0 ORDER BY community_id, chain`,
    )) as { community_id: string; chain: string; seq: string; hash: Buffer | null }[];
    for (const head of heads) await reseal(q, head);
    await q.query(`
      ALTER TABLE moderation_log ENABLE TRIGGER moderation_log_append_only;
      ALTER TABLE moderation_log DROP COLUMN actor_name, DROP COLUMN entry_text, DROP COLUMN reason,
        DROP COLUMN details, ALTER COLUMN texts_digest SET NOT NULL;
      CREATE INDEX moderation_log_actor_idx ON moderation_log (actor_id) WHERE actor_id IS NOT NULL;
    `);
  }

  /**
   * Back to the old form: the words (and the actor's name, from the account) return into the
   * records and every chain is re-hashed with the old rule. Words that were removed since cannot
   * be put back, so then it refuses: restore a backup taken before this migration instead.
   */
  async down(q: QueryRunner): Promise<void> {
    const [{ removed }] = (await q.query(
      `SELECT count(*)::int AS removed FROM moderation_log_texts WHERE removed IS NOT NULL`,
    )) as { removed: number }[];
    if (removed > 0) {
      throw new Error(
        `LogWords1766300000000 cannot be undone: the words of ${removed} record(s) were removed since, and the old ` +
          'form cannot hold a record without its words. Restore a backup taken before it ran.',
      );
    }
    await q.query(`
      DROP INDEX moderation_log_actor_idx;
      ALTER TABLE moderation_log DISABLE TRIGGER moderation_log_append_only;
      ALTER TABLE moderation_log ADD COLUMN actor_name text, ADD COLUMN entry_text text, ADD COLUMN reason text,
        ADD COLUMN details jsonb NOT NULL DEFAULT '{}';
      UPDATE moderation_log l
         SET entry_text = t.words::jsonb->>'entryText', reason = t.words::jsonb->>'reason',
             details = t.words::jsonb->'details'
        FROM moderation_log_texts t WHERE t.log_id = l.id;
      UPDATE moderation_log l SET actor_name = u.display_name FROM users u WHERE u.id = l.actor_id;
    `);
    const heads = (await q.query(
      `SELECT community_id, chain FROM moderation_log_heads WHERE seq > 0 ORDER BY community_id, chain`,
    )) as { community_id: string; chain: string }[];
    for (const head of heads) {
      let prev: Buffer | null = null;
      const rows = (await q.query(`SELECT * FROM moderation_log WHERE community_id = $1 AND chain = $2 ORDER BY seq`, [
        head.community_id,
        head.chain,
      ])) as OldRow[];
      for (const r of rows) {
        const hash = oldHash(prev, r);
        await q.query(`UPDATE moderation_log SET prev_hash = $2, hash = $3 WHERE id = $1`, [r.id, prev, hash]);
        prev = hash;
      }
      await q.query(`UPDATE moderation_log_heads SET hash = $3 WHERE community_id = $1 AND chain = $2`, [
        head.community_id,
        head.chain,
        prev,
      ]);
    }
    await q.query(`
      DROP TABLE moderation_log_texts;
      DROP FUNCTION moderation_log_texts_guard();
      ALTER TABLE moderation_log DROP COLUMN texts_digest, DROP COLUMN removes, DROP COLUMN refers_to;
      ALTER TABLE moderation_log ENABLE TRIGGER moderation_log_append_only;
    `);
  }
}

interface OldRow {
  id: string;
  community_id: string;
  chain: string;
  seq: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  board_id: string | null;
  post_id: string | null;
  entry_text: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  for_meeting: boolean;
  prev_hash: Buffer | null;
  hash: Buffer;
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

const sha256 = (...parts: (Buffer | string | null)[]) => {
  const h = createHash('sha256');
  for (const p of parts) if (p !== null) h.update(p);
  return h.digest();
};

/** The old form: the whole record, words and the actor's name included, in the chain. */
const oldHash = (prev: Buffer | null, r: OldRow) =>
  sha256(
    prev,
    canonical({
      communityId: r.community_id,
      chain: r.chain,
      seq: Number(r.seq),
      at: r.at.toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      boardId: r.board_id,
      postId: r.post_id,
      entryText: r.entry_text,
      reason: r.reason,
      details: r.details,
      forMeeting: r.for_meeting,
    }),
  );

/** A mark for the meeting points at the record it marks: kept in the chain, so it outlives the words. */
const refersTo = (r: { action: string; details: Record<string, unknown> }): string | null =>
  r.action === 'mark-for-meeting' && typeof r.details.logId === 'string' ? r.details.logId : null;

/** The new form, as libs/moderation's chainHash and textsDigest compute it today. */
function newRecord(
  prev: Buffer | null,
  r: Omit<OldRow, 'id' | 'actor_name' | 'prev_hash' | 'hash'>,
): { salt: Buffer; words: string; digest: Buffer; hash: Buffer } {
  const salt = randomBytes(16);
  const words = canonical({ entryText: r.entry_text, reason: r.reason, details: r.details });
  const digest = sha256(salt, words);
  const content = {
    communityId: r.community_id,
    chain: r.chain,
    seq: Number(r.seq),
    at: r.at.toISOString(),
    actorId: r.actor_id,
    action: r.action,
    boardId: r.board_id,
    postId: r.post_id,
    refersTo: refersTo(r),
    forMeeting: r.for_meeting,
    textsDigest: digest.toString('hex'),
    removes: null,
  };
  return { salt, words, digest, hash: sha256(prev, canonical(content)) };
}

async function reseal(
  q: QueryRunner,
  head: { community_id: string; chain: string; seq: string; hash: Buffer | null },
): Promise<void> {
  let oldPrev: Buffer | null = null;
  let newPrev: Buffer | null = null;
  let expected = 1;
  let problem: string | null = null;
  for (;;) {
    const rows = (await q.query(
      `SELECT * FROM moderation_log WHERE community_id = $1 AND chain = $2 AND seq >= $3 ORDER BY seq LIMIT 2000`,
      [head.community_id, head.chain, expected],
    )) as OldRow[];
    const ids: string[] = [];
    const salts: Buffer[] = [];
    const words: string[] = [];
    const digests: Buffer[] = [];
    const prevs: (Buffer | null)[] = [];
    const hashes: Buffer[] = [];
    const refs: (string | null)[] = [];
    for (const r of rows) {
      if (!problem) {
        const seq = Number(r.seq);
        if (seq !== expected) problem = `record ${expected} was missing`;
        else if (!(r.prev_hash === null ? oldPrev === null : oldPrev !== null && r.prev_hash.equals(oldPrev)))
          problem = `record ${seq} did not follow on from record ${seq - 1}`;
        else if (!oldHash(oldPrev, r).equals(r.hash)) problem = `record ${seq} had been altered`;
      }
      oldPrev = r.hash;
      const sealed = newRecord(newPrev, r);
      ids.push(r.id);
      salts.push(sealed.salt);
      words.push(sealed.words);
      digests.push(sealed.digest);
      prevs.push(newPrev);
      hashes.push(sealed.hash);
      refs.push(refersTo(r));
      newPrev = sealed.hash;
      expected = Number(r.seq) + 1;
    }
    if (rows.length > 0) {
      await q.query(
        `INSERT INTO moderation_log_texts (log_id, salt, words) SELECT * FROM unnest($1::uuid[], $2::bytea[], $3::text[])`,
        [ids, salts, words],
      );
      await q.query(
        `UPDATE moderation_log l SET texts_digest = v.digest, prev_hash = v.prev, hash = v.hash, refers_to = v.refers_to
           FROM unnest($1::uuid[], $2::bytea[], $3::bytea[], $4::bytea[], $5::uuid[]) AS v (id, digest, prev, hash, refers_to)
          WHERE l.id = v.id`,
        [ids, digests, prevs, hashes, refs],
      );
    }
    if (rows.length < 2000) break;
  }
  const entries = expected - 1;
  if (!problem && Number(head.seq) !== entries)
    problem = `the chain had ${entries} records where its head said ${head.seq}`;
  if (!problem && !(head.hash && oldPrev && head.hash.equals(oldPrev)))
    problem = 'the last record did not match the head';

  // The closing record: what the chain was, and what the check with the old rule found.
  const record = {
    community_id: head.community_id,
    chain: head.chain,
    seq: String(entries + 1),
    at: new Date(),
    actor_id: null,
    action: 'reseal',
    board_id: null,
    post_id: null,
    entry_text: null,
    reason: problem
      ? `Re-sealed so that words can be erased while the log still verifies. Before re-sealing, the check found: ${problem}.`
      : 'Re-sealed so that words can be erased while the log still verifies. Before re-sealing, the whole log checked.',
    details: {
      previousEntries: entries,
      previousHead: oldPrev?.toString('hex') ?? null,
      previousCheck: problem ?? 'whole',
    },
    for_meeting: true,
  };
  const sealed = newRecord(newPrev, record);
  const [row] = (await q.query(
    `INSERT INTO moderation_log (community_id, chain, seq, at, actor_id, action, board_id, post_id, for_meeting,
                                 texts_digest, prev_hash, hash)
     VALUES ($1, $2, $3, $4, NULL, 'reseal', NULL, NULL, true, $5, $6, $7) RETURNING id`,
    [record.community_id, record.chain, record.seq, record.at, sealed.digest, newPrev, sealed.hash],
  )) as { id: string }[];
  await q.query(`INSERT INTO moderation_log_texts (log_id, salt, words) VALUES ($1, $2, $3)`, [
    row.id,
    sealed.salt,
    sealed.words,
  ]);
  await q.query(`UPDATE moderation_log_heads SET seq = $3, hash = $4 WHERE community_id = $1 AND chain = $2`, [
    head.community_id,
    head.chain,
    record.seq,
    sealed.hash,
  ]);
}
