import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LogRecordView } from '@p2p/contract';
import {
  ChainVerifier,
  LogAction,
  LogChain,
  LogContent,
  StoredLogRecord,
  VerifyResult,
  chainHash,
} from '@p2p/moderation';
import { DataSource, EntityManager } from 'typeorm';
import { Page, decodeCursor, toPage } from '../platform/http/pagination';

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
}

/** A moderation_log row as PostgreSQL returns it (SELECT *). */
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
  entry_text: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  for_meeting: boolean;
  prev_hash: Buffer | null;
  hash: Buffer;
}

export const toLogView = (r: LogRow): LogRecordView => ({
  id: r.id,
  chain: r.chain,
  seq: Number(r.seq),
  at: r.at.toISOString(),
  actor: r.actor_id ? { id: r.actor_id, displayName: r.actor_name ?? '' } : null,
  action: r.action,
  boardId: r.board_id,
  postId: r.post_id,
  entryText: r.entry_text,
  reason: r.reason,
  details: r.details,
  forMeeting: r.for_meeting,
});

const contentOf = (r: LogRow): LogContent => ({
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
});

/** A row as the chain verifier reads it: its content, and the hashes it was stored with. */
export const toStoredRecord = (r: LogRow): StoredLogRecord => ({
  content: contentOf(r),
  prevHash: r.prev_hash,
  hash: r.hash,
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
    await em.query(`INSERT INTO moderation_log_heads (community_id, chain) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      rec.communityId,
      chain,
    ]);
    const [head] = await em.query<{ seq: string; hash: Buffer | null }[]>(
      `SELECT seq, hash FROM moderation_log_heads WHERE community_id = $1 AND chain = $2 FOR UPDATE`,
      [rec.communityId, chain],
    );
    const [actor] = rec.actorId
      ? await em.query<{ display_name: string }[]>(`SELECT display_name FROM users WHERE id = $1`, [rec.actorId])
      : [];
    const content: LogContent = {
      communityId: rec.communityId,
      chain,
      seq: Number(head.seq) + 1,
      at: new Date().toISOString(),
      actorId: rec.actorId,
      actorName: actor?.display_name ?? null,
      action: rec.action,
      boardId: rec.boardId ?? null,
      postId: rec.postId ?? null,
      entryText: rec.entryText ?? null,
      reason: rec.reason ?? null,
      details: rec.details ?? {},
      forMeeting: rec.forMeeting ?? false,
    };
    const hash = chainHash(head.hash, content);
    const [row] = await em.query<LogRow[]>(
      `INSERT INTO moderation_log (community_id, chain, seq, at, actor_id, actor_name, action, board_id, post_id,
                                   entry_text, reason, details, for_meeting, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *`,
      [
        content.communityId,
        chain,
        content.seq,
        content.at,
        content.actorId,
        content.actorName,
        content.action,
        content.boardId,
        content.postId,
        content.entryText,
        content.reason,
        content.details,
        content.forMeeting,
        head.hash,
        hash,
      ],
    );
    await em.query(`UPDATE moderation_log_heads SET seq = $3, hash = $4 WHERE community_id = $1 AND chain = $2`, [
      rec.communityId,
      chain,
      content.seq,
      hash,
    ]);
    return toLogView(row);
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
      `SELECT board_id, post_id, entry_text, action FROM moderation_log WHERE id = $1 AND community_id = $2 AND chain = ANY($3::text[])`,
      [logId, communityId, chains],
    );
    return target;
  }

  /** Newest first. `chains` is decided by the caller's role: staff never get 'private'. */
  async list(communityId: string, chains: LogChain[], limit = 50, cursor?: string): Promise<Page<LogRecordView>> {
    const after = decodeCursor(cursor, 2);
    const rows = await this.db.query<LogRow[]>(
      `SELECT * FROM moderation_log
        WHERE community_id = $1 AND chain = ANY($2::text[])
          AND ($3::timestamptz IS NULL OR (at, id) < ($3::timestamptz, $4::uuid))
        ORDER BY at DESC, id DESC LIMIT $5`,
      [communityId, chains, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const page = toPage(rows, limit, (r) => [r.at.toISOString(), r.id]);
    return { items: page.items.map(toLogView), nextCursor: page.nextCursor };
  }

  /** Recomputes a chain from its first record, a page at a time. */
  async verify(
    communityId: string,
    chain: LogChain,
    checkpoint?: { entries: number; head: string },
  ): Promise<VerifyResult> {
    const verifier = new ChainVerifier(checkpoint);
    let after = 0;
    for (;;) {
      const rows = await this.db.query<LogRow[]>(
        `SELECT * FROM moderation_log WHERE community_id = $1 AND chain = $2 AND seq > $3 ORDER BY seq LIMIT 5000`,
        [communityId, chain, after],
      );
      for (const r of rows) verifier.add(toStoredRecord(r));
      if (rows.length < 5000) break;
      after = Number(rows[rows.length - 1].seq);
    }
    const result = verifier.result();
    // Records cut from the end leave no gap to notice; the head row remembers how long the chain was.
    const [head] = await this.db.query<{ seq: string }[]>(
      `SELECT seq FROM moderation_log_heads WHERE community_id = $1 AND chain = $2`,
      [communityId, chain],
    );
    if (result.ok && head && Number(head.seq) > result.entries) {
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
