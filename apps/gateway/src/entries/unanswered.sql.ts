/**
 * An opening post nobody else has answered: published more than the community's
 * unanswered_after_hours ago (and less than two weeks), on a board for talking (not a chat room),
 * still shown, with no published reply by anyone but its author. `t` is a thread, `op` its
 * opening post, `c` its community, `b` its board.
 */
export const UNANSWERED = `b.kind IN ('community', 'private') AND op.status = 'published'
  AND op.released_at < now() - make_interval(hours => c.unanswered_after_hours)
  AND op.released_at > now() - interval '14 days'
  AND NOT EXISTS (SELECT 1 FROM posts r WHERE r.thread_id = t.id AND NOT r.is_opening
                   AND r.status = 'published' AND r.author_id <> t.author_id)`;
