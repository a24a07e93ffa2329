import { ChatMessageEvent, PostReleasedEvent } from '@p2p/contract';
import { EntityManager } from 'typeorm';
import { StoredEvent, nextSeq, recordEvent } from '../events/event-log';
import {
  POST_COLUMNS,
  POST_FROM,
  PostRow,
  THREAD_COLUMNS,
  THREAD_FROM,
  ThreadRow,
  toPostView,
  toThreadView,
} from './post-views';

/**
 * Makes a locked post visible to its board: it takes the community's next sequence number, bumps
 * its thread, and records `post.released`, all in the caller's transaction. The caller has
 * checked the post may be published (its time has come, or a Top 3 member approved it).
 */
export async function publishLockedPost(
  em: EntityManager,
  post: { id: string; community_id: string; board_id: string; thread_id: string },
): Promise<StoredEvent> {
  const taken = await nextSeq(em, post.community_id);
  await em.query(
    `UPDATE posts SET status = 'published', released_at = $2, event_seq = $3, review_since = NULL WHERE id = $1`,
    [post.id, taken.at, taken.seq],
  );
  await em.query(
    `UPDATE threads SET last_post_seq = $2, last_post_at = $3, post_count = post_count + 1 WHERE id = $1`,
    [post.thread_id, taken.seq, taken.at],
  );
  const [row] = await em.query<(PostRow & { board_kind: string })[]>(
    `SELECT ${POST_COLUMNS}, b.kind AS board_kind FROM ${POST_FROM} JOIN boards b ON b.id = p.board_id WHERE p.id = $1`,
    [post.id],
  );
  if (row.board_kind === 'chat' || row.board_kind === 'direct') {
    const message: ChatMessageEvent['data'] = { roomId: post.board_id, message: toPostView(row) };
    return recordEvent(em, taken, {
      communityId: post.community_id,
      type: 'chat.message',
      boardId: post.board_id,
      postId: post.id,
      data: message,
    });
  }
  const [thread] = await em.query<ThreadRow[]>(`SELECT ${THREAD_COLUMNS} FROM ${THREAD_FROM} WHERE t.id = $1`, [
    post.thread_id,
  ]);
  const data: PostReleasedEvent['data'] = { post: toPostView(row), thread: toThreadView(thread) };
  return recordEvent(em, taken, {
    communityId: post.community_id,
    type: 'post.released',
    boardId: post.board_id,
    postId: post.id,
    data,
  });
}
