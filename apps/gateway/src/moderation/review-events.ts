import { AuthorView, PostRemovedEvent, PostUpdatedEvent, PostView, ReviewChangedEvent } from '@p2p/contract';
import { EntityManager } from 'typeorm';
import { NOTICES, PostRow, toPostView } from '../entries/post-views';
import { StoredEvent, nextSeq, recordEvent } from '../platform/realtime/event-log';

/** The events the Top 3's review writes, each in the caller's transaction with the change it reports. */

/** post.updated: a post shown again (shared after review, or restored), for the board's readers. */
export async function updatedEvent(em: EntityManager, row: PostRow): Promise<StoredEvent> {
  const data: PostUpdatedEvent['data'] = { post: toPostView(row) };
  return recordEvent(em, await nextSeq(em, row.community_id), {
    communityId: row.community_id,
    type: 'post.updated',
    boardId: row.board_id,
    postId: row.id,
    data,
  });
}

/** post.removed: a post hidden after flags or taken down; readers see its notice in its place. */
export async function removedEvent(
  em: EntityManager,
  post: PostRow,
  status: 'hidden' | 'removed',
): Promise<StoredEvent> {
  const data: PostRemovedEvent['data'] = {
    postId: post.id,
    threadId: post.thread_id,
    boardId: post.board_id,
    status,
    notice: NOTICES[status]!,
  };
  return recordEvent(em, await nextSeq(em, post.community_id), {
    communityId: post.community_id,
    type: 'post.removed',
    boardId: post.board_id,
    postId: post.id,
    data,
  });
}

/** review.changed: the Top 3's review list changed. */
export async function reviewEvent(
  em: EntityManager,
  post: PostRow,
  status: PostView['status'] | null,
  inQueue: boolean,
  why: ReviewChangedEvent['data']['why'],
  takenBy?: AuthorView,
): Promise<StoredEvent> {
  const data: ReviewChangedEvent['data'] = {
    postId: post.id,
    status: status ?? post.status,
    inQueue,
    why,
    ...(takenBy ? { takenBy } : {}),
  };
  return recordEvent(em, await nextSeq(em, post.community_id), {
    communityId: post.community_id,
    type: 'review.changed',
    audience: 'top3',
    postId: post.id,
    data,
  });
}
