/**
 * What erasing an account does with every column that names a person (a foreign key to users).
 * An integration test reads the schema and fails if a column is missing here, so a new table
 * cannot be forgotten by erasure any more than by the export.
 *
 * - `delete`: the rows are the person's own and go (settings, sessions, drafts, what was sent to them).
 * - `keep`: the row stays and points at the tombstone ("a former member"): it records something
 *   done for the community (a vote counted, a shift served, an outcome recorded) and holds none of
 *   the person's words, or its words are another person's.
 * - `words`: the row stays for the others it belongs to, and the person's words in it are removed.
 */
export type ErasureStep = 'delete' | 'keep' | 'words';

export const ERASURE_PLAN: Record<string, { step: ErasureStep; why: string }> = {
  'sessions.user_id': { step: 'delete', why: 'their sign-ins end' },
  'memberships.user_id': { step: 'keep', why: 'marked as left, and no longer Top 3' },
  'board_participants.user_id': { step: 'delete', why: 'they leave private boards and direct conversations' },
  'info_pages.updated_by': { step: 'keep', why: "the community's page, edited in a role" },
  'threads.author_id': { step: 'words', why: "the title goes (or stays, by the community's policy)" },
  'posts.author_id': { step: 'words', why: "the words go (or stay from a former member, by the community's policy)" },
  'posts.check_in_done_by': { step: 'keep', why: 'a Top 3 check-in done for someone else' },
  'posts.taken_by': { step: 'keep', why: 'a Top 3 member looking at someone else’s entry' },
  'community_events.user_id': { step: 'delete', why: 'live events sent to them alone' },
  'guideline_versions.created_by': { step: 'keep', why: "the community's guidelines, saved in a role" },
  'flags.flagger_id': { step: 'words', why: 'the flag still counts; their note goes' },
  'moderation_log.actor_id': { step: 'words', why: 'the chain stays; the words of records about them go' },
  'significant_events.reported_by': { step: 'keep', why: "a Top 3 report to staff: the community's record" },
  'significant_events.acknowledged_by': { step: 'keep', why: 'a staff acknowledgement' },
  'meetings.opened_by': { step: 'keep', why: "the community's meeting" },
  'meeting_items.outcome_by': { step: 'keep', why: "the meeting's decision, recorded in a role" },
  'community_sessions.created_by': { step: 'keep', why: "the community's session" },
  'attendance.user_id': { step: 'delete', why: 'their own attendance' },
  'attendance.recorded_by': { step: 'keep', why: 'attendance of others, recorded in a role' },
  'suspensions.user_id': { step: 'delete', why: 'their own pauses' },
  'suspensions.ended_by': { step: 'keep', why: 'a pause of someone else, ended in a role' },
  'access_requests.staff_id': { step: 'keep', why: 'a staff request the community answered' },
  'access_approvals.top3_id': { step: 'keep', why: 'a Top 3 approval of a staff request' },
  'elections.opened_by': { step: 'keep', why: "the community's election" },
  'election_nominations.candidate_id': {
    step: 'keep',
    why: 'counted elections keep their candidates; open ones drop them',
  },
  'election_nominations.nominated_by': { step: 'keep', why: 'a nomination of someone else' },
  'election_voters.user_id': { step: 'keep', why: 'that a vote was cast (never for whom), so counts stay true' },
  'chat_monitors.user_id': {
    step: 'delete',
    why: 'they stop monitoring: a conversation needs two monitors who are there',
  },
  'notification_settings.user_id': { step: 'delete', why: 'their settings and email address' },
  'notifications.user_id': { step: 'delete', why: 'what was sent to them (and its emails and pushes)' },
  'duty_shifts.user_id': { step: 'keep', why: 'shifts served stay on the rota; shifts still to come are removed' },
  'duty_shifts.added_by': { step: 'keep', why: 'shifts of others, added in a role' },
  'crisis_plans.user_id': { step: 'delete', why: 'their crisis plan' },
  'member_preferences.user_id': { step: 'delete', why: 'their muted words and breaks' },
  'push_subscriptions.user_id': { step: 'delete', why: 'their devices' },
  'top3_messages.to_user_id': { step: 'delete', why: 'messages to them from the Top 3' },
  'top3_messages.from_user_id': { step: 'keep', why: 'a message to someone else, sent in a role' },
  'post_reactions.member_id': { step: 'delete', why: 'their reactions' },
  'thread_reads.user_id': { step: 'delete', why: 'what they had read' },
  'operator_actions.subject_user_id': { step: 'keep', why: 'the operator’s record that a request was carried out' },
  'drafts.user_id': { step: 'delete', why: 'their unsent words' },
};
