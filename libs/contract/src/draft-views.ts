/**
 * What the HTTP API returns about a member's drafts: words still being written, kept on the
 * server so they survive a dropped connection or a change of device. Only their writer reads them.
 */

/** Where a draft will go: `board:<id>` (a new thread), `thread:<id>` (a reply), `room:<id>` (chat). */
export const DRAFT_PLACE = /^(board|thread|room):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * One draft (GET/PUT /me/drafts/:place). When there is none, GET answers this same shape with an
 * empty body and `updatedAt: null`, so a composer can always read it the same way.
 */
export interface DraftView {
  place: string;
  /** Only for a new thread. */
  title: string | null;
  body: string;
  /** When it was last saved; null when there is no draft here. */
  updatedAt: string | null;
}
