/**
 * The board-reading rule as SQL, so that authorization happens in the query itself: a row from a
 * board the reader may not see is never loaded, counted or named. Mirrors canReadBoard() in
 * libs/moderation; test/boards/board-access.spec.ts checks the two agree.
 *
 * `board` is the alias of a `boards` row; `userParam` the placeholder holding the reader's user id.
 */
export function readableBoard(board: string, userParam: string): string {
  return `EXISTS (
    SELECT 1 FROM memberships ra
     WHERE ra.community_id = ${board}.community_id
       AND ra.user_id = ${userParam}
       AND ra.status = 'active'
       AND (
         ${board}.kind = 'info'
         OR (ra.role = 'staff' AND ${board}.kind IN ('community', 'chat') AND EXISTS (
              SELECT 1 FROM access_requests rg
               WHERE rg.board_id = ${board}.id AND rg.staff_id = ${userParam}
                 AND rg.status = 'granted' AND rg.expires_at > now()))
         OR (ra.role = 'member' AND (
              ${board}.kind IN ('community', 'chat')
              OR (${board}.kind = 'private' AND CASE WHEN ${board}.top3_only THEN ra.is_top3
                    ELSE EXISTS (SELECT 1 FROM board_participants rp WHERE rp.board_id = ${board}.id AND rp.user_id = ${userParam})
                  END)
              OR (${board}.kind = 'direct' AND (
                    EXISTS (SELECT 1 FROM board_participants rp WHERE rp.board_id = ${board}.id AND rp.user_id = ${userParam})
                    OR (ra.is_top3 AND EXISTS (SELECT 1 FROM chat_monitors rm WHERE rm.board_id = ${board}.id AND rm.user_id = ${userParam}))))))
       ))`;
}

/** True when the reader is staff of the board's community: their read is by grant and is logged. */
export function readerIsStaff(board: string, userParam: string): string {
  return `EXISTS (SELECT 1 FROM memberships rs WHERE rs.community_id = ${board}.community_id
                   AND rs.user_id = ${userParam} AND rs.role = 'staff')`;
}
