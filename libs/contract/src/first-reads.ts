/** How many threads a board page asks for at first, and how many posts a thread page. */
export const BOARD_THREADS_PAGE = 50;
export const THREAD_POSTS_PAGE = 100;

const ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const COMMUNITY = new RegExp(`^/c/(${ID})(?:/|$)`, 'i');
const BOARD = new RegExp(`^/c/${ID}/boards/(${ID})/?$`, 'i');
const THREAD = new RegExp(`^/c/${ID}/threads/(${ID})/?$`, 'i');

/**
 * The API reads the web client makes first on a page, by the page's path, exactly as it asks for
 * them. The gateway names them in the page's `Link: rel=preload` header, so a phone on a slow line
 * fetches them while the script is still on its way, instead of one after another once it runs.
 * Nothing here grants anything: each read still answers only what the session may see.
 */
export function firstReads(pagePath: string): string[] {
  const reads = ['/api/me'];
  const community = COMMUNITY.exec(pagePath);
  if (community) reads.push(`/api/communities/${community[1]}`);
  const board = BOARD.exec(pagePath);
  if (board) reads.push(`/api/boards/${board[1]}`, `/api/boards/${board[1]}/threads?limit=${BOARD_THREADS_PAGE}`);
  const thread = THREAD.exec(pagePath);
  if (thread) reads.push(`/api/threads/${thread[1]}/posts?limit=${THREAD_POSTS_PAGE}`);
  return reads;
}
