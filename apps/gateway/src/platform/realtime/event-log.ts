import { CommunityEvent, StreamEventName } from '@p2p/contract';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The community event log: every event that live delivery sends is first written here, with the
 * next sequence number of its community, in the same transaction as the change it reports.
 * Taking the number locks the community's row until commit, so events commit in sequence order:
 * a reader that sees number n can trust that 1..n-1 are already readable.
 */
export interface StoredEvent {
  communityId: string;
  seq: number;
  type: StreamEventName;
  /** Only readers of this board receive it. */
  boardId: string | null;
  /** Only this user receives it. */
  userId: string | null;
  /** Board readers (or everyone in the community), or only the Top 3, or only staff. */
  audience: EventAudience;
  payload: CommunityEvent;
}

export type EventAudience = 'readers' | 'top3' | 'staff';

export interface NewEvent<D> {
  communityId: string;
  type: StreamEventName;
  boardId?: string | null;
  userId?: string | null;
  postId?: string | null;
  audience?: EventAudience;
  data: D;
}

/** Takes the community's next sequence number; holds its row lock until the transaction ends. */
export async function nextSeq(em: EntityManager, communityId: string): Promise<{ seq: number; at: Date }> {
  // TypeORM answers an UPDATE with [rows, count].
  const [[row]] = await em.query<[{ seq: string; at: Date }[], number]>(
    `UPDATE communities SET last_event_seq = last_event_seq + 1 WHERE id = $1
     RETURNING last_event_seq AS seq, clock_timestamp() AS at`,
    [communityId],
  );
  return { seq: Number(row.seq), at: row.at };
}

/** Writes an event under a number taken with nextSeq() in the same transaction. */
export async function recordEvent<D>(
  em: EntityManager,
  taken: { seq: number; at: Date },
  e: NewEvent<D>,
): Promise<StoredEvent> {
  const payload: CommunityEvent = {
    type: e.type,
    communityId: e.communityId,
    seq: taken.seq,
    at: taken.at.toISOString(),
    data: e.data,
  };
  await em.query(
    `INSERT INTO community_events (community_id, seq, type, board_id, user_id, post_id, audience, payload, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      e.communityId,
      taken.seq,
      e.type,
      e.boardId ?? null,
      e.userId ?? null,
      e.postId ?? null,
      e.audience ?? 'readers',
      payload,
      taken.at,
    ],
  );
  return {
    communityId: e.communityId,
    seq: taken.seq,
    type: e.type,
    boardId: e.boardId ?? null,
    userId: e.userId ?? null,
    audience: e.audience ?? 'readers',
    payload,
  };
}

/** Events of one community after `afterSeq` (and up to `upToSeq`), oldest first. */
export async function eventsAfter(
  db: DataSource | EntityManager,
  communityId: string,
  afterSeq: number,
  upToSeq: number | null,
  limit: number,
): Promise<StoredEvent[]> {
  const rows = await db.query<
    {
      community_id: string;
      seq: string;
      type: StreamEventName;
      board_id: string | null;
      user_id: string | null;
      audience: EventAudience;
      payload: CommunityEvent;
    }[]
  >(
    `SELECT community_id, seq, type, board_id, user_id, audience, payload FROM community_events
      WHERE community_id = $1 AND seq > $2 AND ($3::bigint IS NULL OR seq <= $3)
      ORDER BY seq LIMIT $4`,
    [communityId, afterSeq, upToSeq, limit],
  );
  return rows.map((r) => ({
    communityId: r.community_id,
    seq: Number(r.seq),
    type: r.type,
    boardId: r.board_id,
    userId: r.user_id,
    audience: r.audience,
    payload: r.payload,
  }));
}

export async function lastSeqs(db: DataSource, communityIds: string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ id: string; last_event_seq: string }[]>(
    `SELECT id, last_event_seq FROM communities WHERE id = ANY($1::uuid[])`,
    [communityIds],
  );
  return new Map(rows.map((r) => [r.id, Number(r.last_event_seq)]));
}
