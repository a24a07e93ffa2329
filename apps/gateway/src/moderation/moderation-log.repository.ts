import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LogRecordView } from '@p2p/contract';
import {
  ChainVerifier,
  LogAction,
  LogChain,
  LogContent,
  SeqRange,
  StoredLogRecord,
  TextsRemoved,
  VerifyResult,
  LOG_HOUSEKEEPING,
  chainHash,
  decodeWords,
  encodeWords,
  wordsDigest,
  toRanges,
} from '@p2p/moderation';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { Page, decodeCursor, toPage } from '../platform/http/pagination';
import { streamChain } from './log-copy.sql';

export interface NewLogRecord {
  communityId: string;
  actorId: string | null;
  action: LogAction;
  boardId?: string | null;
  postId?: string | null;
  /** The entry's exact words at this moment. */
  entryText?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
  forMeeting?: boolean;
  /** Another record of the log this one is about: kept in the chain, so it outlives the words. */
  refersTo?: string;
  /** On an erasure or retention record only: the records of its chain whose words it removed. */
  removes?: SeqRange[];
}

/** Where a record is: its community, chain, id and sequence number (for removing its words). */
export interface LogRecordRef {
  community_id: string;
  chain: LogChain;
  id: string;
  seq: string;
}

/** A moderation_log row with its words and its actor's name, as LOG_SELECT returns it. */
export interface LogRow {
  id: string;
  community_id: string;
  chain: LogChain;
  seq: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  board_id: string | null;
  post_id: string | null;
  refers_to: string | null;
  for_meeting: boolean;
  texts_digest: Buffer;
  removes: SeqRange[] | null;
  prev_hash: Buffer | null;
  hash: Buffer;
  salt: Buffer | null;
  /** The words as stored and hashed (their canonical encoding); null once removed. */
  words: string | null;
  removed: TextsRemoved | null;
  /** False when the record has no words row at all (never so, unless someone deleted it). */
  has_texts: boolean;
}

/** A record, its words and the actor's name today (an erased member's is "a former member"). */
export const LOG_SELECT = `
  SELECT l.*, u.display_name AS actor_name, t.salt, t.words, t.removed,
         t.log_id IS NOT NULL AS has_texts
    FROM moderation_log l
    LEFT JOIN moderation_log_texts t ON t.log_id = l.id
    LEFT JOIN users u ON u.id = l.actor_id`;

export const toLogView = (r: LogRow): LogRecordView => {
  const { entryText, reason, details } = decodeWords(r.words);
  return {
    id: r.id,
    chain: r.chain,
    seq: Number(r.seq),
    at: r.at.toISOString(),
    actor: r.actor_id ? { id: r.actor_id, displayName: r.actor_name ?? '' } : null,
    action: r.action,
    boardId: r.board_id,
    postId: r.post_id,
    entryText,
    reason,
    details,
    forMeeting: r.for_meeting,
    wordsRemoved: r.removed,
  };
};

/** A row as the chain verifier reads it: its content, its words, and the hashes it was stored with. */
export const toStoredRecord = (r: LogRow): StoredLogRecord => ({
  content: {
    communityId: r.community_id,
    chain: r.chain,
    seq: Number(r.seq),
    at: r.at.toISOString(),
    actorId: r.actor_id,
    action: r.action,
    boardId: r.board_id,
    postId: r.post_id,
    refersTo: r.refers_to,
    forMeeting: r.for_meeting,
    textsDigest: r.texts_digest.toString('hex'),
    removes: r.removes,
  },
  prevHash: r.prev_hash,
  hash: r.hash,
  texts: !r.has_texts
    ? undefined
    : r.removed
      ? { removed: r.removed }
      : { salt: r.salt ?? Buffer.alloc(0), words: r.words ?? '' },
});

/**
 * The verbatim log: append-only (a trigger refuses UPDATE and DELETE) and hash-chained per
 * community and chain. Appending locks the chain's head row, so two appends cannot fork it.
 */
@Injectable()
export class ModerationLog {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Appends within the caller's transaction, so an action and its record commit together. */
  async append(em: EntityManager, rec: NewLogRecord): Promise<LogRecordView> {
    const [board] = rec.boardId
      ? await em.query<{ kind: string }[]>(`SELECT kind FROM boards WHERE id = $1`, [rec.boardId])
      : [];
    const chain: LogChain = board?.kind === 'private' ? 'private' : 'open';
    const id = await this.appendTo(em, rec.communityId, chain, rec);
    const [row] = await em.query<LogRow[]>(`${LOG_SELECT} WHERE l.id = $1`, [id]);
    return toLogView(row);
  }

  /**
   * Appends to one chain: locks its head, writes the record and its words (with a fresh salt),
   * and moves the head on. Returns the new record's id.
   */
  async appendTo(em: EntityManager, communityId: string, chain: LogChain, rec: Omit<NewLogRecord, 'communityId'>) {
    await em.query(`INSERT INTO moderation_log_heads (community_id, chain) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      communityId,
      chain,
    ]);
    const [head] = await em.query<{ seq: string; hash: Buffer | null }[]>(
      `SELECT seq, hash FROM moderation_log_heads WHERE community_id = $1 AND chain = $2 FOR UPDATE`,
      [communityId, chain],
    );
    const words = encodeWords({
      entryText: rec.entryText ?? null,
      reason: rec.reason ?? null,
      details: rec.details ?? {},
    });
    const salt = randomBytes(16);
    const content: LogContent = {
      communityId,
      chain,
      seq: Number(head.seq) + 1,
      at: new Date().toISOString(),
      actorId: rec.actorId,
      action: rec.action,
      boardId: rec.boardId ?? null,
      postId: rec.postId ?? null,
      refersTo: rec.refersTo ?? null,
      forMeeting: rec.forMeeting ?? false,
      textsDigest: wordsDigest(salt, words).toString('hex'),
      removes: rec.removes ?? null,
    };
    const hash = chainHash(head.hash, content);
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO moderation_log (community_id, chain, seq, at, actor_id, action, board_id, post_id, refers_to,
                                   for_meeting, texts_digest, removes, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        communityId,
        chain,
        content.seq,
        content.at,
        content.actorId,
        content.action,
        content.boardId,
        content.postId,
        content.refersTo,
        content.forMeeting,
        Buffer.from(content.textsDigest, 'hex'),
        content.removes ? JSON.stringify(content.removes) : null,
        head.hash,
        hash,
      ],
    );
    await em.query(`INSERT INTO moderation_log_texts (log_id, salt, words) VALUES ($1, $2, $3)`, [row.id, salt, words]);
    await em.query(`UPDATE moderation_log_heads SET seq = $3, hash = $4 WHERE community_id = $1 AND chain = $2`, [
      communityId,
      chain,
      content.seq,
      hash,
    ]);
    return row.id;
  }

  /**
   * Removes the words of these records (their digests stay in the chain) and appends, to each
   * chain they are in, an erasure or retention record naming them, so the log still verifies and
   * a removal nobody recorded would not. Records that only say what the log did keep their words.
   * Returns how many records lost their words.
   */
  async removeWords(em: EntityManager, why: TextsRemoved, records: LogRecordRef[]): Promise<number> {
    const byChain = new Map<string, { communityId: string; chain: LogChain; ids: string[] }>();
    for (const r of records) {
      const key = `${r.community_id}/${r.chain}`;
      const group = byChain.get(key) ?? { communityId: r.community_id, chain: r.chain, ids: [] };
      group.ids.push(r.id);
      byChain.set(key, group);
    }
    let cleared = 0;
    for (const { communityId, chain, ids } of byChain.values()) {
      const [done] = await em.query<[{ seq: string }[], number]>(
        `UPDATE moderation_log_texts t
            SET salt = NULL, words = NULL, removed = $2, removed_at = now()
           FROM moderation_log l
          WHERE l.id = t.log_id AND t.log_id = ANY($1::uuid[]) AND t.removed IS NULL
            AND l.action <> ALL($3::text[])
         RETURNING l.seq`,
        [ids, why, LOG_HOUSEKEEPING],
      );
      if (done.length === 0) continue;
      cleared += done.length;
      await this.appendTo(em, communityId, chain, {
        actorId: null,
        action: why,
        reason:
          why === 'erasure'
            ? `The words of ${done.length} record(s) were removed at a member's request.`
            : `The words of ${done.length} record(s) were removed under the retention policy.`,
        details: { records: done.length },
        removes: toRanges(done.map((d) => Number(d.seq))),
      });
    }
    return cleared;
  }

  /** Locks the heads of these communities' chains, so nothing is appended to them meanwhile. */
  async lockChains(em: EntityManager, communityIds: string[]): Promise<void> {
    await em.query(
      `SELECT 1 FROM moderation_log_heads WHERE community_id = ANY($1::uuid[]) ORDER BY community_id, chain FOR UPDATE`,
      [communityIds],
    );
  }

  /**
   * The records whose words are about this person: about an entry they wrote, naming them as
   * the one it is about (a pause, a return, a shift), or a flag they raised (its note is theirs).
   */
  aboutPerson(em: EntityManager, userId: string, postIds: string[]): Promise<LogRecordRef[]> {
    return em.query(
      `SELECT l.community_id, l.chain, l.id, l.seq
         FROM moderation_log l JOIN moderation_log_texts t ON t.log_id = l.id
        WHERE t.removed IS NULL
          AND (l.post_id = ANY($2::uuid[]) OR t.words::jsonb->'details'->>'userId' = $1::text
               OR (l.actor_id = $1::uuid AND l.action = 'flag'))
        ORDER BY l.community_id, l.chain, l.seq`,
      [userId, postIds],
    );
  }

  /** The records of a community written before `before` whose words are still held (at most `limit`). */
  olderThan(em: EntityManager, communityId: string, before: Date, limit: number): Promise<LogRecordRef[]> {
    return em.query(
      `SELECT l.community_id, l.chain, l.id, l.seq
         FROM moderation_log l JOIN moderation_log_texts t ON t.log_id = l.id
        WHERE l.community_id = $1 AND l.at < $2 AND t.removed IS NULL AND l.action <> ALL($3::text[])
        ORDER BY l.at, l.chain, l.seq LIMIT $4`,
      [communityId, before, LOG_HOUSEKEEPING, limit],
    );
  }

  /** One record of the community's log, from these chains only. */
  async record(
    logId: string,
    communityId: string,
    chains: LogChain[],
  ): Promise<
    { board_id: string | null; post_id: string | null; entry_text: string | null; action: string } | undefined
  > {
    const [target] = await this.db.query<
      { board_id: string | null; post_id: string | null; entry_text: string | null; action: string }[]
    >(
      `SELECT l.board_id, l.post_id, t.words::jsonb->>'entryText' AS entry_text, l.action
         FROM moderation_log l LEFT JOIN moderation_log_texts t ON t.log_id = l.id
        WHERE l.id = $1 AND l.community_id = $2 AND l.chain = ANY($3::text[])`,
      [logId, communityId, chains],
    );
    return target;
  }

  /** Newest first. `chains` is decided by the caller's role: staff never get 'private'. */
  async list(communityId: string, chains: LogChain[], limit = 50, cursor?: string): Promise<Page<LogRecordView>> {
    const after = decodeCursor(cursor, 2);
    const rows = await this.db.query<LogRow[]>(
      `${LOG_SELECT}
        WHERE l.community_id = $1 AND l.chain = ANY($2::text[])
          AND ($3::timestamptz IS NULL OR (l.at, l.id) < ($3::timestamptz, $4::uuid))
        ORDER BY l.at DESC, l.id DESC LIMIT $5`,
      [communityId, chains, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const page = toPage(rows, limit, (r) => [r.at.toISOString(), r.id]);
    return { items: page.items.map(toLogView), nextCursor: page.nextCursor };
  }

  /**
   * Recomputes a chain from its first record, streamed from one COPY (one snapshot, flat memory).
   * The head is read first: the chain must reach it, so records cut from the end are found, and
   * records appended meanwhile are not read.
   */
  async verify(
    communityId: string,
    chain: LogChain,
    checkpoint?: { entries: number; head: string },
  ): Promise<VerifyResult> {
    const verifier = new ChainVerifier(checkpoint);
    const [head] = await this.db.query<{ seq: string }[]>(
      `SELECT seq FROM moderation_log_heads WHERE community_id = $1 AND chain = $2`,
      [communityId, chain],
    );
    const upTo = Number(head?.seq ?? 0);
    const runner = this.db.createQueryRunner('slave');
    try {
      const client = (await runner.connect()) as PoolClient;
      await streamChain(client, communityId, chain, upTo, verifier);
    } finally {
      await runner.release();
    }
    const result = verifier.result();
    if (result.ok && upTo > result.entries) {
      return {
        ...result,
        ok: false,
        firstBrokenAt: result.entries + 1,
        problem: `record ${result.entries + 1} is missing`,
      };
    }
    return result;
  }
}
