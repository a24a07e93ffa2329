import { ChatMessageEvent, CommunityEvent, PostReleasedEvent } from '@p2p/contract';
import { DataSource, EntityManager } from 'typeorm';
import { StoredEvent } from '../platform/realtime/event-log';
import type { StoredMeaning } from '@p2p/guidelines';
import { POST_COLUMNS, POST_FROM, PostRow, ThreadRow, toPostView, toThreadView } from './post-views';

/** What publishing needs to know about a post and its thread, read before the sequence is taken. */
export type PublishRow = PostRow & { board_kind: string } & {
  [K in keyof ThreadRow as `thread_${K & string}`]: ThreadRow[K];
};

/**
 * The post, its board's kind and its thread, in one read (a chat room's running thread has no
 * opening post), with any `extra` columns first. Thread columns are prefixed `thread_`, so the
 * row is both a PostRow and a thread.
 */
export const publishSelect = (extra = ''): string => `SELECT ${extra}${POST_COLUMNS}, b.kind AS board_kind,
  t.board_id AS thread_board_id, t.community_id AS thread_community_id, t.title AS thread_title,
  t.author_id AS thread_author_id, tu.display_name AS thread_author_name, t.created_at AS thread_created_at,
  t.last_post_at AS thread_last_post_at, t.last_post_seq AS thread_last_post_seq, t.post_count AS thread_post_count,
  op.status AS thread_opening_status
  FROM ${POST_FROM} JOIN boards b ON b.id = p.board_id
  JOIN threads t ON t.id = p.thread_id JOIN users tu ON tu.id = t.author_id
  LEFT JOIN posts op ON op.thread_id = t.id AND op.is_opening`;

/** How long is left by the database's clock, read with the post. */
export const WAIT_MS = `ceil(extract(epoch FROM (p.release_at - clock_timestamp())) * 1000)::int AS wait_ms, `;

/** A post read ahead of its release: what publishing needs, how long is left, and what the gate checks. */
export type AheadRow = PublishRow & {
  wait_ms: number;
  row_version: string;
  guidelines_version: number | null;
  /** The sentence model's reading, taken when the post was written or last edited. */
  meaning: StoredMeaning | null;
};

/** Reads a post ahead of its release, without a lock or a transaction (see publishIfUnchanged). */
export async function readAhead(db: DataSource, postId: string): Promise<AheadRow | undefined> {
  const [row] = await db.query<AheadRow[]>(
    `${publishSelect(
      `${WAIT_MS}p.xmin::text AS row_version, p.meaning,
         (SELECT max(version) FROM guideline_versions WHERE community_id = p.community_id) AS guidelines_version, `,
    )} WHERE p.id = $1`,
    [postId],
  );
  return row;
}

/** Locks a post for its release, with how long is left by the database's clock. */
export async function lockForRelease(
  em: EntityManager,
  postId: string,
): Promise<(PublishRow & { wait_ms: number }) | undefined> {
  const [row] = await em.query<(PublishRow & { wait_ms: number })[]>(
    `${publishSelect(WAIT_MS)} WHERE p.id = $1 FOR UPDATE OF p`,
    [postId],
  );
  return row;
}

/** Posts whose thinking space is over by the database's clock, longest waiting first (at most 500). */
export function dueForRelease(db: DataSource): Promise<{ id: string }[]> {
  return db.query<{ id: string }[]>(
    `SELECT id FROM posts WHERE status = 'pending' AND release_at <= clock_timestamp() ORDER BY release_at LIMIT 500`,
  );
}

/** Every waiting post, in pages by id (after `after`), with when it is due. */
export function waitingPage(
  db: DataSource,
  after: string | null,
  limit: number,
): Promise<{ id: string; release_at: Date }[]> {
  return db.query<{ id: string; release_at: Date }[]>(
    `SELECT id, release_at FROM posts WHERE status = 'pending' AND ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`,
    [after, limit],
  );
}

export async function readForPublish(em: EntityManager, postId: string): Promise<PublishRow> {
  const [row] = await em.query<PublishRow[]>(`${publishSelect()} WHERE p.id = $1`, [postId]);
  return row;
}

/**
 * One statement takes the community's next sequence number, publishes the post, bumps its thread
 * and records the event. The community row's lock (which keeps events in commit order) is held
 * from this statement to the commit only: everything else was read and rendered before it.
 * The payload was built beforehand; the values only known now are written into it here, and the
 * same values are returned so the live event is byte-for-byte the stored one.
 *
 * With `gate`, the statement first checks (and locks) the post as it was when the payload was
 * built: still pending, its row unchanged since (any edit, hold or withdrawal changes its xmin),
 * its time come by the database's clock, its thread's title and opening post as read, and the
 * community's guidelines still at the version it was checked against. If anything differs it
 * changes nothing and returns no row; no sequence number is taken.
 */
function publishStatement(gate: boolean): string {
  return `
WITH ${
    gate
      ? `g AS (
  SELECT p.id FROM posts p JOIN threads t ON t.id = p.thread_id
    LEFT JOIN posts op ON op.thread_id = t.id AND op.is_opening
   WHERE p.id = $2 AND p.status = 'pending' AND p.xmin = $9::text::xid AND p.release_at <= clock_timestamp()
     AND t.title = $10 AND op.status IS NOT DISTINCT FROM $11
     AND (SELECT max(version) FROM guideline_versions WHERE community_id = $1) IS NOT DISTINCT FROM $12::int
     FOR UPDATE OF p
), `
      : ''
  }s AS (
  UPDATE communities SET last_event_seq = last_event_seq + 1 WHERE id = $1${gate ? ' AND EXISTS (SELECT 1 FROM g)' : ''}
  RETURNING last_event_seq AS seq, clock_timestamp() AS at
), v AS (
  SELECT seq, at, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at_iso FROM s
), p AS (
  UPDATE posts SET status = 'published', released_at = v.at, event_seq = v.seq, review_since = NULL
    FROM v WHERE posts.id = $2 RETURNING posts.id
), t AS (
  UPDATE threads SET last_post_seq = v.seq, last_post_at = v.at, post_count = post_count + 1
    FROM v WHERE threads.id = $3 RETURNING threads.post_count
), e AS (
  INSERT INTO community_events (community_id, seq, type, board_id, user_id, post_id, audience, payload, created_at)
  SELECT $1, v.seq, $4, $5, NULL, $2, 'readers',
         jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set($6::jsonb,
           '{seq}', to_jsonb(v.seq)),
           '{at}', to_jsonb(v.at_iso)),
           $7::text[], to_jsonb(v.seq)),
           $8::text[], to_jsonb(v.at_iso)),
           '{data,thread,lastPostAt}', CASE WHEN $4 = 'post.released' THEN to_jsonb(v.at_iso) ELSE 'null'::jsonb END, $4 = 'post.released'),
           '{data,thread,postCount}', COALESCE((SELECT to_jsonb(t.post_count) FROM t), 'null'::jsonb), $4 = 'post.released'),
         v.at
    FROM v
  RETURNING 1
)
SELECT v.seq, v.at_iso, (SELECT t.post_count FROM t) AS post_count, (SELECT count(*) FROM p)::int AS published
  FROM v, e`;
}
const PUBLISH_STATEMENT = publishStatement(false);
/** Exported for the fault tests' trace, which tells this one-statement transaction apart. */
export const GATED_PUBLISH_STATEMENT = publishStatement(true);

/** A post's event, rendered ahead of its sequence number and time. */
export interface PreparedPublish {
  row: PublishRow;
  type: 'chat.message' | 'post.released';
  template: CommunityEvent;
  /** The statement's parameters $1..$8. */
  params: unknown[];
}

export function preparePublish(row: PublishRow): PreparedPublish {
  const chat = row.board_kind === 'chat' || row.board_kind === 'direct';
  const view = { ...toPostView(row), status: 'published' as const, notice: null };
  const type = chat ? 'chat.message' : 'post.released';
  const data: ChatMessageEvent['data'] | PostReleasedEvent['data'] = chat
    ? { roomId: row.board_id, message: view }
    : { post: view, thread: toThreadView(threadOf(row)) };
  const postKey = chat ? 'message' : 'post';
  const template: CommunityEvent = { type, communityId: row.community_id, seq: 0, at: '', data };
  const params = [
    row.community_id,
    row.id,
    row.thread_id,
    type,
    row.board_id,
    template,
    ['data', postKey, 'seq'],
    ['data', postKey, 'releasedAt'],
  ];
  return { row, type, template, params };
}

interface Published {
  seq: string;
  at_iso: string;
  post_count: number | null;
  published: number;
}

/** The stored event, from the template and what the statement returned. */
function storedEvent({ row, type, template }: PreparedPublish, done: Published): StoredEvent {
  const seq = Number(done.seq);
  let data: CommunityEvent['data'];
  if (type === 'chat.message') {
    const { message } = template.data as ChatMessageEvent['data'];
    data = { roomId: row.board_id, message: { ...message, seq, releasedAt: done.at_iso } };
  } else {
    const { post, thread } = template.data as PostReleasedEvent['data'];
    data = {
      post: { ...post, seq, releasedAt: done.at_iso },
      thread: { ...thread, lastPostAt: done.at_iso, postCount: done.post_count ?? 0 },
    };
  }
  return {
    communityId: row.community_id,
    seq,
    type,
    boardId: row.board_id,
    userId: null,
    audience: 'readers',
    payload: { ...template, seq, at: done.at_iso, data },
  };
}

/**
 * Makes a locked post visible to its board, once: sequence number, post, thread and the
 * `post.released` (or, in chat rooms, `chat.message`) event, in the caller's transaction. The
 * caller has checked the post may be published (its time has come, or a Top 3 member approved it).
 */
export async function publishLockedPost(
  em: EntityManager,
  post: { id: string },
  preloaded?: PublishRow,
): Promise<StoredEvent> {
  const prepared = preparePublish(preloaded ?? (await readForPublish(em, post.id)));
  const [done] = await em.query<Published[]>(PUBLISH_STATEMENT, prepared.params);
  return storedEvent(prepared, done);
}

/** What the payload was built from, for publishIfUnchanged to check. */
export interface PublishGate {
  /** The post row's xmin when it was read. */
  rowVersion: string;
  /** The community's newest guidelines version when the text was checked (null: none stored). */
  guidelinesVersion: number | null;
}

/**
 * The release fast path: one statement, in a transaction of its own, publishes the post if
 * nothing it was rendered from has changed and its time has come. Returns null (and changes
 * nothing) otherwise; the caller then takes the careful path.
 */
export async function publishIfUnchanged(
  db: DataSource,
  prepared: PreparedPublish,
  gate: PublishGate,
): Promise<StoredEvent | null> {
  const { row } = prepared;
  const [done] = await db.query<Published[]>(GATED_PUBLISH_STATEMENT, [
    ...prepared.params,
    gate.rowVersion,
    row.thread_title,
    row.thread_opening_status,
    gate.guidelinesVersion,
  ]);
  return done ? storedEvent(prepared, done) : null;
}

/** The thread as it will be once this post is out (an opening post publishes its thread too). */
function threadOf(row: PublishRow): ThreadRow {
  return {
    id: row.thread_id,
    board_id: row.thread_board_id,
    community_id: row.thread_community_id,
    title: row.thread_title,
    author_id: row.thread_author_id,
    author_name: row.thread_author_name,
    created_at: row.thread_created_at,
    last_post_at: row.thread_last_post_at,
    last_post_seq: row.thread_last_post_seq,
    post_count: row.thread_post_count,
    opening_status: row.is_opening ? 'published' : row.thread_opening_status,
  };
}
