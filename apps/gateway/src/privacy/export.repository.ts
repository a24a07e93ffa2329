import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MyDataView } from '@p2p/contract';
import { DataSource, EntityManager } from 'typeorm';
import { COMMUNITY, iso, readAll, rows } from './export-reads.sql';
import { readForTheCommunity } from './roles-export.repository';

type Sections = Omit<MyDataView, 'format' | 'exportedAt' | 'about' | 'logRecords' | 'entries'>;

/** A row of the posts table the member wrote, before "what happened" is said in words. */
export interface EntryRow {
  id: string;
  community: { id: string; name: string };
  board: { id: string; name: string; kind: string };
  thread: { id: string; name: string };
  isOpening: boolean;
  body: string;
  status: string;
  createdAt: string;
  editedAt: string | null;
  sharedAt: string | null;
  withdrawnAt: string | null;
  sentToTop3First: boolean;
  /** Set when the community's retention policy removed its words (the body says so). */
  wordsRemoved: 'erasure' | 'retention' | null;
}

/** A verbatim log record naming the member, with the actor's role (never another person's name). */
export interface LogRecordRow {
  community: { id: string; name: string };
  at: string;
  action: string;
  mine: boolean;
  actorRole: 'staff' | 'top3' | 'member' | 'nobody' | 'former';
  entryText: string | null;
  reason: string | null;
}

/**
 * The SQL of a subject-access export: everything held about one person, each section read with
 * their id in the query. Nothing here reads another person's ballot, plan, messages or settings.
 */
@Injectable()
export class ExportRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Reads everything in one transaction at one moment (REPEATABLE READ), on one connection: the
   * export is consistent, and a long history does not take the pool's other connections.
   */
  read<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('REPEATABLE READ', work);
  }

  async profile(em: EntityManager, userId: string): Promise<MyDataView['profile'] | undefined> {
    const [p] = await rows<MyDataView['profile']>(
      em,
      `SELECT id, username, display_name AS "displayName", is_operator AS "isOperator", ${iso('created_at')} AS "createdAt"
         FROM users WHERE id = $1`,
      userId,
    );
    return p;
  }

  entries(em: EntityManager, userId: string): Promise<EntryRow[]> {
    return rows<EntryRow>(
      em,
      `SELECT p.id, ${COMMUNITY} AS community,
              json_build_object('id', b.id, 'name', b.name, 'kind', b.kind) AS board,
              json_build_object('id', t.id, 'name', t.title) AS thread,
              p.is_opening AS "isOpening", p.body, p.status, ${iso('p.created_at')} AS "createdAt",
              ${iso('p.edited_at')} AS "editedAt", ${iso('p.released_at')} AS "sharedAt",
              ${iso('p.withdrawn_at')} AS "withdrawnAt", p.for_top3 AS "sentToTop3First",
              p.words_removed AS "wordsRemoved"
         FROM posts p JOIN communities c ON c.id = p.community_id JOIN boards b ON b.id = p.board_id
         JOIN threads t ON t.id = p.thread_id
        WHERE p.author_id = $1 ORDER BY p.created_at, p.id`,
      userId,
    );
  }

  /**
   * Records where the member acted, about an entry of theirs, or naming them as the one it is
   * about (a suspension, a return, leaving, a duty shift). Another actor is given by role
   * only (a member could not read the log, so it names nobody else to them), and the words of an
   * entry that is not theirs (one they flagged, or acted on as Top 3) stay out: they are the
   * other person's.
   */
  logRecords(em: EntityManager, userId: string): Promise<LogRecordRow[]> {
    return rows<LogRecordRow>(
      em,
      `SELECT ${COMMUNITY} AS community, ${iso('l.at')} AS at, l.action, l.actor_id = $1 AS mine,
              CASE WHEN l.actor_id IS NULL THEN 'nobody'
                   WHEN m.user_id IS NULL THEN 'former'
                   WHEN m.role = 'staff' THEN 'staff' WHEN m.is_top3 THEN 'top3' ELSE 'member' END AS "actorRole",
              CASE WHEN l.post_id IS NULL OR ep.author_id = $1 THEN t.words::jsonb->>'entryText' END AS "entryText",
              t.words::jsonb->>'reason' AS reason
         FROM moderation_log l JOIN communities c ON c.id = l.community_id
         LEFT JOIN moderation_log_texts t ON t.log_id = l.id
         LEFT JOIN memberships m ON m.community_id = l.community_id AND m.user_id = l.actor_id
         LEFT JOIN posts ep ON ep.id = l.post_id
        WHERE l.actor_id = $1 OR l.post_id IN (SELECT id FROM posts WHERE author_id = $1) OR t.words::jsonb->'details'->>'userId' = $1::text
        ORDER BY l.at, l.id`,
      userId,
    );
  }

  async sections(em: EntityManager, userId: string): Promise<Sections | undefined> {
    const profile = await this.profile(em, userId);
    if (!profile) return undefined;
    const read = await readAll({
      signIns: () =>
        rows<MyDataView['signIns'][number]>(
          em,
          `SELECT ${iso('created_at')} AS "createdAt", ${iso('last_seen_at')} AS "lastSeenAt",
                ${iso('expires_at')} AS "expiresAt", ${iso('revoked_at')} AS "endedAt", user_agent AS device
           FROM sessions WHERE user_id = $1 ORDER BY created_at`,
          userId,
        ),
      memberships: () =>
        rows<MyDataView['memberships'][number]>(
          em,
          `SELECT ${COMMUNITY} AS community, m.role, m.status, m.is_top3 AS "isTop3", ${iso('m.joined_at')} AS "joinedAt",
                ${iso('m.suspended_until')} AS "suspendedUntil"
           FROM memberships m JOIN communities c ON c.id = m.community_id WHERE m.user_id = $1 ORDER BY c.name`,
          userId,
        ),
      threadsStarted: () =>
        rows<MyDataView['threadsStarted'][number]>(
          em,
          `SELECT t.id, ${COMMUNITY} AS community, json_build_object('id', b.id, 'name', b.name) AS board,
                t.title, ${iso('t.created_at')} AS "createdAt"
           FROM threads t JOIN communities c ON c.id = t.community_id JOIN boards b ON b.id = t.board_id
          WHERE t.author_id = $1 ORDER BY t.created_at`,
          userId,
        ),
      flagsRaised: () =>
        rows<MyDataView['flagsRaised'][number]>(
          em,
          `SELECT post_id AS "postId", reason, note, ${iso('created_at')} AS at, ${iso('resolved_at')} AS "resolvedAt"
           FROM flags WHERE flagger_id = $1 ORDER BY created_at`,
          userId,
        ),
      reactionsLeft: () =>
        rows<MyDataView['reactionsLeft'][number]>(
          em,
          `SELECT post_id AS "postId", kind, ${iso('created_at')} AS at FROM post_reactions WHERE member_id = $1 ORDER BY created_at`,
          userId,
        ),
      threadsRead: () =>
        rows<MyDataView['threadsRead'][number]>(
          em,
          `SELECT thread_id AS "threadId", ${iso('read_at')} AS "readAt" FROM thread_reads WHERE user_id = $1 ORDER BY read_at`,
          userId,
        ),
      // The people in a direct conversation are the ones the member talked with: they saw them there.
      privateBoardsAndConversations: () =>
        rows<MyDataView['privateBoardsAndConversations'][number]>(
          em,
          `SELECT json_build_object('id', b.id, 'name', b.name, 'kind', b.kind) AS board, ${COMMUNITY} AS community,
                CASE WHEN b.kind = 'direct' THEN
                  coalesce((SELECT json_agg(u.display_name ORDER BY u.display_name) FROM board_participants o
                              JOIN users u ON u.id = o.user_id WHERE o.board_id = b.id AND o.user_id <> $1), '[]')
                ELSE '[]' END AS with
           FROM board_participants bp JOIN boards b ON b.id = bp.board_id JOIN communities c ON c.id = b.community_id
          WHERE bp.user_id = $1 ORDER BY b.created_at`,
          userId,
        ),
      conversationsMonitored: () =>
        rows<MyDataView['conversationsMonitored'][number]>(
          em,
          `SELECT json_build_object('id', b.id, 'name', b.name) AS board, ${COMMUNITY} AS community, ${iso('cm.joined_at')} AS "joinedAt"
           FROM chat_monitors cm JOIN boards b ON b.id = cm.board_id JOIN communities c ON c.id = b.community_id
          WHERE cm.user_id = $1 ORDER BY cm.joined_at`,
          userId,
        ),
      attendance: () =>
        rows<MyDataView['attendance'][number]>(
          em,
          `SELECT ${COMMUNITY} AS community, s.title AS session, ${iso('s.starts_at')} AS "startsAt", a.mark,
                ${iso('a.recorded_at')} AS "recordedAt"
           FROM attendance a JOIN community_sessions s ON s.id = a.session_id JOIN communities c ON c.id = a.community_id
          WHERE a.user_id = $1 ORDER BY s.starts_at`,
          userId,
        ),
      suspensions: () =>
        rows<MyDataView['suspensions'][number]>(
          em,
          `SELECT ${COMMUNITY} AS community, ${iso('s.starts_at')} AS "startsAt", ${iso('s.ends_at')} AS "endsAt",
                ${iso('s.ended_at')} AS "endedAt", s.ended_reason AS "endedReason"
           FROM suspensions s JOIN communities c ON c.id = s.community_id WHERE s.user_id = $1 ORDER BY s.starts_at`,
          userId,
        ),
      // Who voted, never how: election_ballots has no column that could say whose a ballot is.
      votedIn: () =>
        rows<MyDataView['elections']['votedIn'][number]>(
          em,
          `SELECT e.id AS "electionId", ${COMMUNITY} AS community, ${iso('e.opened_at')} AS "openedAt"
           FROM election_voters v JOIN elections e ON e.id = v.election_id JOIN communities c ON c.id = e.community_id
          WHERE v.user_id = $1 ORDER BY e.opened_at`,
          userId,
        ),
      nominations: () =>
        rows<MyDataView['elections']['nominations'][number]>(
          em,
          `SELECT n.election_id AS "electionId", ${COMMUNITY} AS community, n.accepted_at IS NOT NULL AS accepted,
                n.nominated_by = $1 AS "selfNominated", ${iso('n.created_at')} AS at
           FROM election_nominations n JOIN elections e ON e.id = n.election_id JOIN communities c ON c.id = e.community_id
          WHERE n.candidate_id = $1 ORDER BY n.created_at`,
          userId,
        ),
      notifications: () =>
        rows<MyDataView['notifications'][number]>(
          em,
          `SELECT n.kind, ${COMMUNITY} AS community, ${iso('n.created_at')} AS "createdAt", ${iso('n.read_at')} AS "readAt"
           FROM notifications n JOIN communities c ON c.id = n.community_id WHERE n.user_id = $1 ORDER BY n.created_at`,
          userId,
        ),
      settings: () =>
        rows<NonNullable<MyDataView['notificationSettings']>>(
          em,
          `SELECT email, email_on AS "emailOn", quiet_from::text AS "quietFrom", quiet_until::text AS "quietUntil",
                time_zone AS "timeZone"
           FROM notification_settings WHERE user_id = $1`,
          userId,
        ),
      messagesSent: () =>
        rows<MyDataView['messagesSent'][number]>(
          em,
          `SELECT s.channel,
                CASE WHEN s.channel = 'push' THEN substring(s.address FROM '^https?://([^/]+)') ELSE s.address END AS address,
                s.status, ${iso('s.sent_at')} AS "sentAt"
           FROM notification_sends s JOIN notifications n ON n.id = s.notification_id
          WHERE n.user_id = $1 ORDER BY s.due_at`,
          userId,
        ),
      // The push service's host only: the rest of the address and the keys are the device's secret.
      pushDevices: () =>
        rows<MyDataView['pushDevices'][number]>(
          em,
          `SELECT ${iso('created_at')} AS "createdAt", substring(endpoint FROM '^https?://([^/]+)') AS service
           FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at`,
          userId,
        ),
      plan: () =>
        rows<NonNullable<MyDataView['crisisPlan']>>(
          em,
          `SELECT who_to_call AS "whoToCall", what_helps AS "whatHelps", where_to_go AS "whereToGo",
                show_top3_when_held AS "showTop3WhenHeld"
           FROM crisis_plans WHERE user_id = $1`,
          userId,
        ),
      hardDays: () =>
        rows<NonNullable<MyDataView['hardDays']>>(
          em,
          `SELECT muted_words AS "mutedWords", ${iso('break_until')} AS "breakUntil"
           FROM member_preferences WHERE user_id = $1`,
          userId,
        ),
      drafts: () =>
        rows<MyDataView['drafts'][number]>(
          em,
          `SELECT place, title, body, ${iso('updated_at')} AS "updatedAt"
           FROM drafts WHERE user_id = $1 ORDER BY updated_at, place`,
          userId,
        ),
      messagesFromTheTop3: () =>
        rows<MyDataView['messagesFromTheTop3'][number]>(
          em,
          `SELECT ${COMMUNITY} AS community, m.post_id AS "postId", m.body, ${iso('m.created_at')} AS at
           FROM top3_messages m JOIN communities c ON c.id = m.community_id WHERE m.to_user_id = $1 ORDER BY m.created_at`,
          userId,
        ),
      streamEventsForYou: () =>
        rows<MyDataView['streamEventsForYou'][number]>(
          em,
          `SELECT ${COMMUNITY} AS community, e.type, ${iso('e.created_at')} AS at
           FROM community_events e JOIN communities c ON c.id = e.community_id WHERE e.user_id = $1 ORDER BY e.created_at`,
          userId,
        ),
      operatorRequests: () =>
        rows<MyDataView['operatorRequests'][number]>(
          em,
          `SELECT action, reference, ${iso('at')} AS at FROM operator_actions WHERE subject_user_id = $1 ORDER BY at`,
          userId,
        ),
    });
    const { votedIn, nominations, settings, plan, hardDays, ...rest } = read;
    return {
      profile,
      ...rest,
      elections: { votedIn, nominations },
      notificationSettings: settings[0] ?? null,
      crisisPlan: plan[0] ?? null,
      hardDays: hardDays[0] ?? null,
      forTheCommunity: await readForTheCommunity(em, userId),
    };
  }

  /** The operator made this person's export on a documented request: kept in the operator's own log. */
  async recordOperatorExport(em: EntityManager, userId: string, reference: string): Promise<void> {
    await em.query(
      `INSERT INTO operator_actions (action, subject_user_id, reference) VALUES ('subject-access-export', $1, $2)`,
      [userId, reference],
    );
  }
}
