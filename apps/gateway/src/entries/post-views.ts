import { ENTRY_WORDS_REMOVED, PostView, ThreadView, previewOf } from '@p2p/contract';
import { renderPost } from '../platform/markdown';
import { newForReader } from '../boards/thread-reads.sql';

/** The columns and mappers that turn post and thread rows into what clients see. */
export const POST_COLUMNS = `p.id, p.thread_id, p.board_id, p.community_id, p.author_id, pu.display_name AS author_name,
  p.is_opening, p.body, p.status, p.created_at, p.release_at, p.released_at, p.edited_at, p.event_seq, p.words_removed`;
export const POST_FROM = `posts p JOIN users pu ON pu.id = p.author_id`;

export interface PostRow {
  id: string;
  thread_id: string;
  board_id: string;
  community_id: string;
  author_id: string;
  author_name: string;
  is_opening: boolean;
  body: string;
  status: PostView['status'];
  created_at: Date;
  release_at: Date;
  released_at: Date | null;
  edited_at: Date | null;
  event_seq: string | null;
  words_removed: 'erasure' | 'retention' | null;
}

/** What the guidelines read of a post: its body, after the thread's title for an opening post. */
export function textForGuidelines(title: string | null | undefined, body: string): string {
  return [title, body].filter(Boolean).join('\n\n');
}

/** Quiet words shown in place of an entry others may not read. */
export const NOTICES: Partial<Record<PostView['status'], string>> = {
  hidden: 'This post is waiting for a Top 3 member to look at it.',
  removed: 'This post was taken down by a Top 3 member.',
};

/** What a reader sees: a hidden or removed post keeps its place, but not its words. */
export function toReaderView(r: PostRow): PostView {
  const view = toPostView(r);
  const notice = NOTICES[view.status];
  return notice ? { ...view, body: '', html: '', notice } : view;
}

export function toPostView(r: PostRow): PostView {
  const gone = r.words_removed ? ENTRY_WORDS_REMOVED[r.words_removed] : null;
  return {
    id: r.id,
    threadId: r.thread_id,
    boardId: r.board_id,
    communityId: r.community_id,
    author: { id: r.author_id, displayName: r.author_name },
    isOpening: r.is_opening,
    body: gone ? '' : r.body,
    html: gone ? '' : renderPost(r.body),
    status: r.status,
    notice: gone,
    createdAt: r.created_at.toISOString(),
    releaseAt: r.release_at.toISOString(),
    releasedAt: r.released_at?.toISOString() ?? null,
    editedAt: r.edited_at?.toISOString() ?? null,
    seq: r.event_seq === null ? null : Number(r.event_seq),
  };
}

export const THREAD_COLUMNS = `t.id, t.board_id, t.community_id, t.title, t.author_id, tu.display_name AS author_name,
  t.created_at, t.last_post_at, t.last_post_seq, t.post_count, op.status AS opening_status`;
export const THREAD_FROM = `threads t JOIN users tu ON tu.id = t.author_id
  JOIN posts op ON op.thread_id = t.id AND op.is_opening`;

export interface ThreadRow {
  id: string;
  board_id: string;
  community_id: string;
  title: string;
  author_id: string;
  author_name: string;
  created_at: Date;
  last_post_at: Date | null;
  last_post_seq: string | null;
  post_count: number;
  opening_status: ThreadView['status'];
}

/**
 * For a board's list, per reader ($2): the latest post on the board (its first words, for the
 * preview) and whether others have posted since the reader last opened the thread.
 */
export const THREAD_LIST_COLUMNS = `${THREAD_COLUMNS}, left(lp.body, 1000) AS preview_body,
  ${newForReader('t', 'tr', '$2')} AS unread`;
export const THREAD_LIST_FROM = `${THREAD_FROM}
  LEFT JOIN LATERAL (SELECT body FROM posts lp WHERE lp.thread_id = t.id AND lp.event_seq IS NOT NULL
                        AND lp.status = 'published' ORDER BY lp.event_seq DESC LIMIT 1) lp ON true
  LEFT JOIN thread_reads tr ON tr.thread_id = t.id AND tr.user_id = $2`;

export function toThreadListView(r: ThreadRow & { preview_body: string | null; unread: boolean }): ThreadView {
  return { ...toThreadView(r), preview: r.preview_body ? previewOf(r.preview_body) : '', unread: r.unread };
}

export function toThreadView(r: ThreadRow): ThreadView {
  return {
    id: r.id,
    boardId: r.board_id,
    communityId: r.community_id,
    // A thread whose opening post is hidden or taken down keeps its place but not its title.
    title: NOTICES[r.opening_status] ?? r.title,
    author: { id: r.author_id, displayName: r.author_name },
    createdAt: r.created_at.toISOString(),
    lastPostAt: r.last_post_at?.toISOString() ?? null,
    postCount: r.post_count,
    status: r.opening_status,
  };
}
