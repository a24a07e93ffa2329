import { ChatMessageEvent, CommunityEvent, PostReleasedEvent } from '@p2p/contract';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '../events/event-log';
import { POST_COLUMNS, POST_FROM, PostRow, THREAD_COLUMNS, ThreadRow, toPostView, toThreadView } from './post-views';

/** What publishing needs to know about a post and its thread, read before the sequence is taken. */
export type PublishRow = PostRow & { board_kind: string } & {
  [K in keyof ThreadRow as `thread_${K & string}`]: ThreadRow[K];
};

/** The post, its board's kind and its thread, in one read (the caller holds the post's row lock). Chat rooms' running threads have no opening post. */
export const PUBLISH_SELECT = `SELECT ${POST_COLUMNS}, b.kind AS board_kind,
  ${THREAD_COLUMNS.split(',')
    .map((c) => c.trim())
    .map(
      (c) => `${c.includes(' AS ') ? c.replace(/ AS (\w+)$/, ' AS thread_$1') : `${c} AS thread_${c.split('.')[1]}`}`,
    )
    .join(', ')}
  FROM ${POST_FROM} JOIN boards b ON b.id = p.board_id
  JOIN threads t ON t.id = p.thread_id JOIN users tu ON tu.id = t.author_id
  LEFT JOIN posts op ON op.thread_id = t.id AND op.is_opening`;

export async function readForPublish(em: EntityManager, postId: string): Promise<PublishRow> {
  const [row] = await em.query<PublishRow[]>(`${PUBLISH_SELECT} WHERE p.id = $1`, [postId]);
  return row;
}

/**
 * One statement takes the community's next sequence number, publishes the post, bumps its thread
 * and records the event. The community row's lock (which keeps events in commit order) is held
 * from this statement to the commit only: everything else was read and rendered before it.
 * The payload was built beforehand; the values only known now are written into it here, and the
 * same values are returned so the live event is byte-for-byte the stored one.
 */
const PUBLISH_STATEMENT = `
WITH s AS (
  UPDATE communities SET last_event_seq = last_event_seq + 1 WHERE id = $1
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
  const row = preloaded ?? (await readForPublish(em, post.id));
  const chat = row.board_kind === 'chat' || row.board_kind === 'direct';
  const view = { ...toPostView(row), status: 'published' as const, notice: null };
  const type = chat ? 'chat.message' : 'post.released';
  const data: ChatMessageEvent['data'] | PostReleasedEvent['data'] = chat
    ? { roomId: row.board_id, message: view }
    : { post: view, thread: toThreadView(threadOf(row)) };
  const postKey = chat ? 'message' : 'post';
  const template: CommunityEvent = { type, communityId: row.community_id, seq: 0, at: '', data };

  const [done] = await em.query<{ seq: string; at_iso: string; post_count: number | null; published: number }[]>(
    PUBLISH_STATEMENT,
    [
      row.community_id,
      row.id,
      row.thread_id,
      type,
      row.board_id,
      template,
      ['data', postKey, 'seq'],
      ['data', postKey, 'releasedAt'],
    ],
  );
  const seq = Number(done.seq);
  const published = { ...view, seq, releasedAt: done.at_iso };
  const payload: CommunityEvent = {
    ...template,
    seq,
    at: done.at_iso,
    data: chat
      ? { roomId: row.board_id, message: published }
      : {
          post: published,
          thread: {
            ...(data as PostReleasedEvent['data']).thread,
            lastPostAt: done.at_iso,
            postCount: done.post_count ?? 0,
          },
        },
  };
  return {
    communityId: row.community_id,
    seq,
    type,
    boardId: row.board_id,
    userId: null,
    audience: 'readers',
    payload,
  };
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
