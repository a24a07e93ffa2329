import type { MyDataView } from '@p2p/contract';
import { EntityManager } from 'typeorm';
import { COMMUNITY, count, iso, readAll, rows } from './export-reads.sql';

/** What the member did in a role: as Top 3, staff, or the one who opened or recorded something. */
export async function readForTheCommunity(em: EntityManager, userId: string): Promise<MyDataView['forTheCommunity']> {
  const read = await readAll({
    messagesToAuthors: () =>
      rows<MyDataView['forTheCommunity']['messagesToAuthors'][number]>(
        em,
        `SELECT ${COMMUNITY} AS community, m.body, ${iso('m.created_at')} AS at
           FROM top3_messages m JOIN communities c ON c.id = m.community_id WHERE m.from_user_id = $1 ORDER BY m.created_at`,
        userId,
      ),
    dutyShifts: () =>
      rows<MyDataView['forTheCommunity']['dutyShifts'][number]>(
        em,
        `SELECT ${COMMUNITY} AS community, ${iso('d.starts_at')} AS "startsAt", ${iso('d.ends_at')} AS "endsAt"
           FROM duty_shifts d JOIN communities c ON c.id = d.community_id WHERE d.user_id = $1 ORDER BY d.starts_at`,
        userId,
      ),
    dutyShiftsAdded: () => count(em, `SELECT count(*)::int AS n FROM duty_shifts WHERE added_by = $1`, userId),
    accessRequests: () =>
      rows<MyDataView['forTheCommunity']['accessRequests'][number]>(
        em,
        `SELECT ${COMMUNITY} AS community, r.reason, r.status, ${iso('r.created_at')} AS at
           FROM access_requests r JOIN communities c ON c.id = r.community_id WHERE r.staff_id = $1 ORDER BY r.created_at`,
        userId,
      ),
    accessApprovals: () =>
      rows<MyDataView['forTheCommunity']['accessApprovals'][number]>(
        em,
        `SELECT request_id AS "requestId", ${iso('approved_at')} AS "approvedAt"
           FROM access_approvals WHERE top3_id = $1 ORDER BY approved_at`,
        userId,
      ),
    significantEventsReported: () =>
      rows<MyDataView['forTheCommunity']['significantEventsReported'][number]>(
        em,
        `SELECT ${COMMUNITY} AS community, s.summary, ${iso('s.created_at')} AS at
           FROM significant_events s JOIN communities c ON c.id = s.community_id WHERE s.reported_by = $1 ORDER BY s.created_at`,
        userId,
      ),
    significantEventsAcknowledged: () =>
      rows<MyDataView['forTheCommunity']['significantEventsAcknowledged'][number]>(
        em,
        `SELECT ${COMMUNITY} AS community, ${iso('s.acknowledged_at')} AS at
           FROM significant_events s JOIN communities c ON c.id = s.community_id
          WHERE s.acknowledged_by = $1 ORDER BY s.acknowledged_at`,
        userId,
      ),
    meetingsOpened: () =>
      rows<MyDataView['forTheCommunity']['meetingsOpened'][number]>(
        em,
        `SELECT ${COMMUNITY} AS community, m.title, ${iso('m.opened_at')} AS "openedAt"
           FROM meetings m JOIN communities c ON c.id = m.community_id WHERE m.opened_by = $1 ORDER BY m.opened_at`,
        userId,
      ),
    meetingOutcomesRecorded: () =>
      rows<MyDataView['forTheCommunity']['meetingOutcomesRecorded'][number]>(
        em,
        `SELECT outcome, ${iso('outcome_at')} AS at FROM meeting_items WHERE outcome_by = $1 ORDER BY outcome_at`,
        userId,
      ),
    checkInsDone: () =>
      rows<MyDataView['forTheCommunity']['checkInsDone'][number]>(
        em,
        `SELECT id AS "postId", ${iso('check_in_done_at')} AS at FROM posts WHERE check_in_done_by = $1 ORDER BY check_in_done_at`,
        userId,
      ),
    entriesTaken: () =>
      rows<MyDataView['forTheCommunity']['entriesTaken'][number]>(
        em,
        `SELECT id AS "postId", ${iso('taken_at')} AS at FROM posts WHERE taken_by = $1 ORDER BY taken_at`,
        userId,
      ),
    guidelinesVersionsSaved: () =>
      rows<MyDataView['forTheCommunity']['guidelinesVersionsSaved'][number]>(
        em,
        `SELECT ${COMMUNITY} AS community, g.version, ${iso('g.created_at')} AS at
           FROM guideline_versions g JOIN communities c ON c.id = g.community_id WHERE g.created_by = $1 ORDER BY g.created_at`,
        userId,
      ),
    infoPagesEdited: () =>
      rows<MyDataView['forTheCommunity']['infoPagesEdited'][number]>(
        em,
        `SELECT title, ${iso('updated_at')} AS at FROM info_pages WHERE updated_by = $1 ORDER BY updated_at`,
        userId,
      ),
    sessionsAdded: () =>
      rows<MyDataView['forTheCommunity']['sessionsAdded'][number]>(
        em,
        `SELECT ${COMMUNITY} AS community, s.title, ${iso('s.starts_at')} AS "startsAt"
           FROM community_sessions s JOIN communities c ON c.id = s.community_id WHERE s.created_by = $1 ORDER BY s.starts_at`,
        userId,
      ),
    electionsOpened: () =>
      rows<MyDataView['forTheCommunity']['electionsOpened'][number]>(
        em,
        `SELECT e.id AS "electionId", ${COMMUNITY} AS community, ${iso('e.opened_at')} AS "openedAt"
           FROM elections e JOIN communities c ON c.id = e.community_id WHERE e.opened_by = $1 ORDER BY e.opened_at`,
        userId,
      ),
    // The candidate's name, as the election page showed it to every member.
    nominationsMade: () =>
      rows<MyDataView['forTheCommunity']['nominationsMade'][number]>(
        em,
        `SELECT n.election_id AS "electionId", u.display_name AS candidate, ${iso('n.created_at')} AS at
           FROM election_nominations n JOIN users u ON u.id = n.candidate_id
          WHERE n.nominated_by = $1 AND n.candidate_id <> $1 ORDER BY n.created_at`,
        userId,
      ),
    attendanceRecorded: () => count(em, `SELECT count(*)::int AS n FROM attendance WHERE recorded_by = $1`, userId),
    suspensionsEnded: () => count(em, `SELECT count(*)::int AS n FROM suspensions WHERE ended_by = $1`, userId),
  });
  return read;
}
