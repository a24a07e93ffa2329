/**
 * "Something new for me" as SQL, one rule for a thread's row and a board's count: others have
 * posted on the board since the reader last opened the thread (or they never have).
 *
 * `thread` is the alias of a `threads` row, `read` of the reader's `thread_reads` row (left
 * joined), `userParam` the placeholder holding the reader's user id.
 */
export function newForReader(thread: string, read: string, userParam: string): string {
  return `EXISTS (SELECT 1 FROM posts np
           WHERE np.thread_id = ${thread}.id AND np.event_seq > coalesce(${read}.read_seq, 0)
             AND np.status = 'published' AND np.author_id <> ${userParam})`;
}

/** How far back a board's count of threads with something new looks, and where it stops counting. */
export const NEW_THREADS_WINDOW = '30 days';
export const NEW_THREADS_CAP = 99;

/** The number of threads on a board (alias `board`) with something new for the reader, recent ones only, capped. */
export function newThreadsOn(board: string, userParam: string): string {
  return `(SELECT count(*)::int FROM (
            SELECT 1 FROM threads nt LEFT JOIN thread_reads ntr ON ntr.thread_id = nt.id AND ntr.user_id = ${userParam}
             WHERE nt.board_id = ${board}.id AND nt.last_post_seq IS NOT NULL
               AND nt.last_post_at > now() - interval '${NEW_THREADS_WINDOW}'
               AND ${newForReader('nt', 'ntr', userParam)}
             LIMIT ${NEW_THREADS_CAP + 1}) counted)`;
}
