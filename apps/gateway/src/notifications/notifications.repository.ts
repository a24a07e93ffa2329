import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotificationKind } from '@p2p/contract';
import { DataSource, EntityManager } from 'typeorm';
import { readableBoard } from '../boards/board-access.sql';
import { UNANSWERED } from '../entries/unanswered.sql';

// created_key: the full-precision time as text, for the page cursor (a JS Date keeps milliseconds only).
const NOTIFICATION_SELECT = `SELECT n.id, n.kind, n.urgent, n.community_id, c.name AS community_name, n.post_id,
       n.thread_id, n.election_id, n.created_at, n.created_at::text AS created_key, n.read_at, n.user_id
  FROM notifications n JOIN communities c ON c.id = n.community_id`;

export interface NotificationRow {
  id: string;
  user_id: string;
  kind: NotificationKind;
  urgent: boolean;
  community_id: string;
  community_name: string;
  post_id: string | null;
  thread_id: string | null;
  election_id: string | null;
  created_at: Date;
  created_key: string;
  read_at: Date | null;
}

export interface SettingsRow {
  email: string | null;
  email_on: boolean;
  quiet_from: string | null;
  quiet_until: string | null;
  time_zone: string;
}

/** An event of a community's log, as read for notifications. */
export interface LoggedEvent {
  seq: string;
  type: string;
  post_id: string | null;
  payload: { data: Record<string, unknown> };
}

/** Events read from the log per transaction. */
export const EVENTS_PER_PAGE = 200;

/** Active Top 3 members of the community ($1), but never the post's ($2) own author. */
const TOP3_BUT_AUTHOR = `
  FROM memberships m JOIN posts p ON p.id = $2
 WHERE m.community_id = $1 AND m.is_top3 AND m.status = 'active' AND m.user_id <> p.author_id`;

/** A hold that needs someone soon: someone may be about to harm themselves or another. */
const URGENT_HOLD = `coalesce(p.guideline_findings @> '[{"category": "imminent-harm-self"}]'
                           OR p.guideline_findings @> '[{"category": "imminent-harm-others"}]', false)`;

/**
 * The SQL of notifications: a person's own rows and how they want to be told, and the making of
 * rows, each keyed by what made it (user_id, source) so that it is made once however often it is
 * tried; with the cursor that reads each community's event log for them. Whom a notification is
 * for is part of each query. Methods that take an EntityManager run inside the caller's
 * transaction.
 */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A person's notifications, newest first, after the cursor if given; `take` rows at most. */
  page(userId: string, take: number, after: (string | number)[] | null): Promise<NotificationRow[]> {
    return this.db.query<NotificationRow[]>(
      `${NOTIFICATION_SELECT}
        WHERE n.user_id = $1 ${after ? 'AND (n.created_at, n.id) < ($3::timestamptz, $4::uuid)' : ''}
        ORDER BY n.created_at DESC, n.id DESC LIMIT $2`,
      after ? [userId, take, after[0], after[1]] : [userId, take],
    );
  }

  /** Marks the person's own unread notifications read: these ids, or all of them when ids is null. */
  async markRead(userId: string, ids: string[] | null): Promise<void> {
    await this.db.query(
      `UPDATE notifications SET read_at = clock_timestamp()
        WHERE user_id = $1 AND read_at IS NULL ${ids === null ? '' : 'AND id = ANY($2::uuid[])'}`,
      ids === null ? [userId] : [userId, ids],
    );
  }

  async unreadCount(userId: string): Promise<number> {
    const [{ n }] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return n;
  }

  byIds(ids: string[]): Promise<NotificationRow[]> {
    return this.db.query<NotificationRow[]>(`${NOTIFICATION_SELECT} WHERE n.id = ANY($1::uuid[])`, [ids]);
  }

  /** How the person wants to be told; nothing if they never said. */
  async settings(userId: string): Promise<SettingsRow | undefined> {
    const [row] = await this.db.query<SettingsRow[]>(
      `SELECT email, email_on, quiet_from::text, quiet_until::text, time_zone FROM notification_settings WHERE user_id = $1`,
      [userId],
    );
    return row;
  }

  async saveSettings(
    userId: string,
    s: {
      email: string | null;
      emailOn: boolean;
      quietFrom: string | null;
      quietUntil: string | null;
      timeZone: string;
    },
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO notification_settings (user_id, email, email_on, quiet_from, quiet_until, time_zone, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (user_id) DO UPDATE SET email = $2, email_on = $3, quiet_from = $4, quiet_until = $5,
                                           time_zone = $6, updated_at = now()`,
      [userId, s.email, s.emailOn, s.quietFrom, s.quietUntil, s.timeZone],
    );
  }

  /** Communities whose log has events not yet read for notifications. */
  async communitiesBehind(): Promise<string[]> {
    const behind = await this.db.query<{ id: string }[]>(
      `SELECT c.id FROM communities c LEFT JOIN notification_cursors n ON n.community_id = c.id
        WHERE c.last_event_seq > coalesce(n.seq, 0)`,
    );
    return behind.map((b) => b.id);
  }

  /**
   * Locks the community's log cursor (made at 0 the first time) and gives where it is; nothing
   * if another node holds it (SKIP LOCKED), so that one node reads a community's log at a time.
   */
  async lockCursor(em: EntityManager, communityId: string): Promise<string | undefined> {
    await em.query(`INSERT INTO notification_cursors (community_id) VALUES ($1) ON CONFLICT DO NOTHING`, [communityId]);
    const [cursor] = await em.query<{ seq: string }[]>(
      `SELECT seq FROM notification_cursors WHERE community_id = $1 FOR UPDATE SKIP LOCKED`,
      [communityId],
    );
    return cursor?.seq;
  }

  /** The next page (EVENTS_PER_PAGE) of the community's log after seq, in order. */
  eventsAfter(em: EntityManager, communityId: string, seq: string): Promise<LoggedEvent[]> {
    return em.query<LoggedEvent[]>(
      `SELECT seq, type, post_id, payload FROM community_events
        WHERE community_id = $1 AND seq > $2 ORDER BY seq LIMIT ${EVENTS_PER_PAGE}`,
      [communityId, seq],
    );
  }

  async advanceCursor(em: EntityManager, communityId: string, seq: string): Promise<void> {
    await em.query(`UPDATE notification_cursors SET seq = $2 WHERE community_id = $1`, [communityId, seq]);
  }

  /**
   * Tells the author of each thread nobody else has answered (and whose board they may still
   * read) that it is on the "waiting for a reply" list; keyed by the thread, so once each. The ids made.
   */
  async tellUnansweredAuthors(em: EntityManager): Promise<string[]> {
    const rows = await em.query<{ id: string }[]>(
      `INSERT INTO notifications (user_id, community_id, kind, urgent, post_id, thread_id, source)
       SELECT t.author_id, t.community_id, 'unanswered', false, op.id, t.id, 'unanswered:' || t.id
         FROM threads t JOIN posts op ON op.thread_id = t.id AND op.is_opening
         JOIN boards b ON b.id = t.board_id JOIN communities c ON c.id = t.community_id
        WHERE ${UNANSWERED} AND ${readableBoard('b', 't.author_id')}
       ON CONFLICT (user_id, source) DO NOTHING RETURNING id`,
    );
    return rows.map((r) => r.id);
  }

  /** The Top 3 (but the author) hear a post was held; urgent if it may be imminent harm. */
  tellTop3Held(em: EntityManager, communityId: string, postId: string | null, source: string): Promise<string[]> {
    return this.insertFrom(
      em,
      `SELECT m.user_id, $1, 'held', ${URGENT_HOLD}, p.id, p.thread_id, NULL::uuid, $3 ${TOP3_BUT_AUTHOR}`,
      [communityId, postId, source],
    );
  }

  /** Whether the post is a hold that may be imminent harm (the ladder's business). */
  async isUrgentHold(em: EntityManager, postId: string | null): Promise<boolean> {
    const [hold] = await em.query<{ urgent: boolean }[]>(
      `SELECT ${URGENT_HOLD} AS urgent FROM posts p WHERE p.id = $1`,
      [postId],
    );
    return hold?.urgent === true;
  }

  /** The Top 3 (but the author) hear a post was hidden. */
  tellTop3Hidden(em: EntityManager, communityId: string, postId: unknown, source: string): Promise<string[]> {
    return this.insertFrom(
      em,
      `SELECT m.user_id, $1, 'hidden', false, p.id, p.thread_id, NULL::uuid, $3 ${TOP3_BUT_AUTHOR}`,
      [communityId, postId, source],
    );
  }

  /** The author of a post the guidelines held, once a Top 3 member has decided, if still an active member. */
  tellAuthorReviewed(em: EntityManager, communityId: string, postId: unknown, source: string): Promise<string[]> {
    return this.insertFrom(
      em,
      `SELECT p.author_id, $1, 'reviewed', false, p.id, p.thread_id, NULL::uuid, $3
               FROM posts p JOIN memberships m ON m.community_id = $1 AND m.user_id = p.author_id AND m.status = 'active'
              WHERE p.id = $2 AND p.guideline_findings IS NOT NULL AND p.status IN ('published', 'removed')`,
      [communityId, postId, source],
    );
  }

  /** The Top 3 (but the author) hear of a check-in opened. */
  tellTop3CheckIn(em: EntityManager, communityId: string, postId: unknown, source: string): Promise<string[]> {
    return this.insertFrom(
      em,
      `SELECT m.user_id, $1, 'check-in', false, p.id, p.thread_id, NULL::uuid, $3 ${TOP3_BUT_AUTHOR}`,
      [communityId, postId, source],
    );
  }

  /** Every active Top 3 member hears a significant event was read. */
  tellTop3SignificantEventRead(em: EntityManager, communityId: string, source: string): Promise<string[]> {
    return this.insertFrom(
      em,
      `SELECT m.user_id, $1, 'significant-event-read', false, NULL::uuid, NULL::uuid, NULL::uuid, $2
             FROM memberships m WHERE m.community_id = $1 AND m.is_top3 AND m.status = 'active'`,
      [communityId, source],
    );
  }

  /** The thread's author hears of a reply by someone else, if they may still read the board. */
  tellThreadAuthorOfReply(
    em: EntityManager,
    communityId: string,
    postId: string | null,
    source: string,
  ): Promise<string[]> {
    return this.insertFrom(
      em,
      `SELECT t.author_id, $1, 'reply', false, p.id, p.thread_id, NULL::uuid, $3
             FROM posts p JOIN threads t ON t.id = p.thread_id JOIN boards b ON b.id = p.board_id
            WHERE p.id = $2 AND NOT p.is_opening AND t.author_id <> p.author_id AND ${readableBoard('b', 't.author_id')}`,
      [communityId, postId, source],
    );
  }

  /** Every active member hears an election opened. */
  tellMembersOfElection(
    em: EntityManager,
    communityId: string,
    electionId: unknown,
    source: string,
  ): Promise<string[]> {
    return this.insertFrom(
      em,
      `SELECT m.user_id, $1, 'election', false, NULL::uuid, NULL::uuid, $2::uuid, $3
             FROM memberships m WHERE m.community_id = $1 AND m.role = 'member' AND m.status = 'active'`,
      [communityId, electionId, source],
    );
  }

  /** The ladder's first step: every active Top 3 member (but the author) told again, urgently, of a hold still waiting. */
  async tellTop3HoldWaiting(em: EntityManager, postId: string, source: string): Promise<string[]> {
    const ids = await em.query<{ id: string }[]>(
      `INSERT INTO notifications (user_id, community_id, kind, urgent, post_id, thread_id, source)
           SELECT m.user_id, p.community_id, 'held-waiting', true, p.id, p.thread_id, $2
             FROM memberships m JOIN posts p ON p.id = $1
            WHERE m.community_id = p.community_id AND m.is_top3 AND m.status = 'active' AND m.user_id <> p.author_id
           ON CONFLICT (user_id, source) DO NOTHING RETURNING id`,
      [postId, source],
    );
    return ids.map((r) => r.id);
  }

  /** The author hears the Top 3 sent them a message; its id. */
  async tellOfTop3Message(
    em: EntityManager,
    n: { userId: string; communityId: string; postId: string; source: string },
  ): Promise<string> {
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO notifications (user_id, community_id, kind, urgent, post_id, source)
         VALUES ($1, $2, 'top3-message', false, $3, $4) RETURNING id`,
      [n.userId, n.communityId, n.postId, n.source],
    );
    return row.id;
  }

  /** Notifications for those the select finds, once per (user_id, source); the ids made. */
  private async insertFrom(em: EntityManager, select: string, params: unknown[]): Promise<string[]> {
    const rows = await em.query<{ id: string }[]>(
      `INSERT INTO notifications (user_id, community_id, kind, urgent, post_id, thread_id, election_id, source)
         ${select}
         ON CONFLICT (user_id, source) DO NOTHING RETURNING id`,
      params,
    );
    return rows.map((r) => r.id);
  }
}
