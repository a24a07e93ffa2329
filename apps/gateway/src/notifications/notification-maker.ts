import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { readableBoard } from '../boards/board-access.sql';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { UNANSWERED } from '../entries/unanswered.sql';
import { FanoutService } from '../platform/realtime/fanout.service';
import { EscalationLadder, PlannedStep } from './escalation-ladder';
import { NotificationSender } from './notification-sender';
import { NotificationsService } from './notifications.service';

/** Events read from the log per transaction. */
const PAGE = 200;

interface LoggedEvent {
  seq: string;
  type: string;
  post_id: string | null;
  payload: { data: Record<string, unknown> };
}

/** Active Top 3 members of the community ($1), but never the post's ($2) own author. */
const TOP3_BUT_AUTHOR = `
  FROM memberships m JOIN posts p ON p.id = $2
 WHERE m.community_id = $1 AND m.is_top3 AND m.status = 'active' AND m.user_id <> p.author_id`;

/** A hold that needs someone soon: someone may be about to harm themselves or another. */
const URGENT_HOLD = `coalesce(p.guideline_findings @> '[{"category": "imminent-harm-self"}]'
                           OR p.guideline_findings @> '[{"category": "imminent-harm-others"}]', false)`;

/**
 * Makes notifications from the community event log, so that every change that someone should
 * hear about (a hold, a check-in, a reply…) is told to the right people once, even across
 * crashes: the events are written in the same transaction as the change, each community's log is
 * read in order from a cursor kept in PostgreSQL, and each notification is keyed by the event
 * that made it. Only one node reads a community's log at a time (the cursor row is locked).
 *
 * It reads when this node publishes an event, and on a timer for events written on other nodes.
 */
@Injectable()
export class NotificationMaker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationMaker.name);
  private timer?: NodeJS.Timeout;
  private unansweredTimer?: NodeJS.Timeout;
  private readonly reading = new Set<string>();
  private readonly again = new Set<string>();
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly fanout: FanoutService,
    private readonly notifications: NotificationsService,
    private readonly sender: NotificationSender,
    private readonly ladder: EscalationLadder,
  ) {}

  onApplicationBootstrap(): void {
    this.fanout.onDelivered((event) => this.nudge(event.communityId));
    this.timer = setInterval(() => void this.sweep(), this.config.realtimePollMs);
    this.timer.unref();
    this.unansweredTimer = setInterval(() => void this.unansweredSweep(), this.config.notifySweepMs);
    this.unansweredTimer.unref();
    void this.sweep();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.unansweredTimer) clearInterval(this.unansweredTimer);
  }

  /**
   * Tells the author of a thread nobody else has answered, once, that it is on the "waiting for a
   * reply" list. Keyed by the thread, so each author hears of each thread at most once.
   */
  async unansweredSweep(): Promise<number> {
    try {
      const page = await this.db.transaction(async (em) => {
        const rows = await em.query<{ id: string }[]>(
          `INSERT INTO notifications (user_id, community_id, kind, urgent, post_id, thread_id, source)
           SELECT t.author_id, t.community_id, 'unanswered', false, op.id, t.id, 'unanswered:' || t.id
             FROM threads t JOIN posts op ON op.thread_id = t.id AND op.is_opening
             JOIN boards b ON b.id = t.board_id JOIN communities c ON c.id = t.community_id
            WHERE ${UNANSWERED} AND ${readableBoard('b', 't.author_id')}
           ON CONFLICT (user_id, source) DO NOTHING RETURNING id`,
        );
        const made = rows.map((r) => r.id);
        return { made, sends: made.length > 0 ? await this.sender.plan(em, made) : [] };
      });
      if (page.made.length > 0) await this.notifications.announce(page.made);
      page.sends.forEach((s) => void this.sender.queue(s));
      return page.made.length;
    } catch (err) {
      this.logger.warn({ err }, 'could not look for unanswered threads; will try again');
      return 0;
    }
  }

  /** Reads every community whose log has events not yet read for notifications. */
  async sweep(): Promise<void> {
    try {
      const behind = await this.db.query<{ id: string }[]>(
        `SELECT c.id FROM communities c LEFT JOIN notification_cursors n ON n.community_id = c.id
          WHERE c.last_event_seq > coalesce(n.seq, 0)`,
      );
      behind.forEach(({ id }) => this.nudge(id));
    } catch (err) {
      this.logger.warn({ err }, 'could not look for new events to notify about; will try again');
    }
  }

  /** Reads a community's log soon; one reader per community on this node. */
  nudge(communityId: string): void {
    if (this.stopped) return;
    if (this.reading.has(communityId)) {
      this.again.add(communityId);
      return;
    }
    this.reading.add(communityId);
    this.readLog(communityId)
      .catch((err: unknown) => this.logger.error({ err, communityId }, 'could not make notifications; will try again'))
      .finally(() => {
        this.reading.delete(communityId);
        if (this.again.delete(communityId)) this.nudge(communityId);
      });
  }

  /** Reads the community's log from its cursor to the end, a page per transaction. */
  async readLog(communityId: string): Promise<void> {
    for (;;) {
      const page = await this.db.transaction(async (em) => {
        await em.query(`INSERT INTO notification_cursors (community_id) VALUES ($1) ON CONFLICT DO NOTHING`, [
          communityId,
        ]);
        const [cursor] = await em.query<{ seq: string }[]>(
          `SELECT seq FROM notification_cursors WHERE community_id = $1 FOR UPDATE SKIP LOCKED`,
          [communityId],
        );
        if (!cursor) return null; // another node is reading it now
        const events = await em.query<LoggedEvent[]>(
          `SELECT seq, type, post_id, payload FROM community_events
            WHERE community_id = $1 AND seq > $2 ORDER BY seq LIMIT ${PAGE}`,
          [communityId, cursor.seq],
        );
        const made: string[] = [];
        const steps: PlannedStep[] = [];
        for (const e of events) made.push(...(await this.fromEvent(em, communityId, e, steps)));
        if (events.length > 0) {
          await em.query(`UPDATE notification_cursors SET seq = $2 WHERE community_id = $1`, [
            communityId,
            events[events.length - 1].seq,
          ]);
        }
        const sends = made.length > 0 ? await this.sender.plan(em, made) : [];
        return { made, sends, steps, more: events.length === PAGE };
      });
      if (!page) return;
      if (page.made.length > 0) await this.notifications.announce(page.made);
      page.sends.forEach((s) => void this.sender.queue(s));
      page.steps.forEach((s) => void this.ladder.queue(s));
      if (!page.more) return;
    }
  }

  /** The notifications one event makes, by who should hear of it; their ids. */
  private async fromEvent(
    em: EntityManager,
    communityId: string,
    e: LoggedEvent,
    steps: PlannedStep[],
  ): Promise<string[]> {
    const source = `event:${communityId}:${e.seq}`;
    const data = e.payload.data;
    const insert = async (select: string, params: unknown[]): Promise<string[]> => {
      const rows = await em.query<{ id: string }[]>(
        `INSERT INTO notifications (user_id, community_id, kind, urgent, post_id, thread_id, election_id, source)
         ${select}
         ON CONFLICT (user_id, source) DO NOTHING RETURNING id`,
        params,
      );
      return rows.map((r) => r.id);
    };
    switch (e.type) {
      case 'post.held': {
        const made = await insert(
          `SELECT m.user_id, $1, 'held', ${URGENT_HOLD}, p.id, p.thread_id, NULL::uuid, $3 ${TOP3_BUT_AUTHOR}`,
          [communityId, e.post_id, source],
        );
        // Imminent risk: if nobody takes it in time, the ladder tells more people.
        const [hold] = await em.query<{ urgent: boolean }[]>(
          `SELECT ${URGENT_HOLD} AS urgent FROM posts p WHERE p.id = $1`,
          [e.post_id],
        );
        if (hold?.urgent) steps.push(...(await this.ladder.plan(em, e.post_id!)));
        return made;
      }
      case 'review.changed':
        if (data.why === 'hidden') {
          return insert(`SELECT m.user_id, $1, 'hidden', false, p.id, p.thread_id, NULL::uuid, $3 ${TOP3_BUT_AUTHOR}`, [
            communityId,
            data.postId,
            source,
          ]);
        }
        if (data.why === 'reviewed') {
          // The author of a post the guidelines held, once a Top 3 member has decided.
          return insert(
            `SELECT p.author_id, $1, 'reviewed', false, p.id, p.thread_id, NULL::uuid, $3
               FROM posts p JOIN memberships m ON m.community_id = $1 AND m.user_id = p.author_id AND m.status = 'active'
              WHERE p.id = $2 AND p.guideline_findings IS NOT NULL AND p.status IN ('published', 'removed')`,
            [communityId, data.postId, source],
          );
        }
        return [];
      case 'check-in.changed':
        if (data.open !== true) return [];
        return insert(`SELECT m.user_id, $1, 'check-in', false, p.id, p.thread_id, NULL::uuid, $3 ${TOP3_BUT_AUTHOR}`, [
          communityId,
          data.postId,
          source,
        ]);
      case 'significant-event.acknowledged':
        return insert(
          `SELECT m.user_id, $1, 'significant-event-read', false, NULL::uuid, NULL::uuid, NULL::uuid, $2
             FROM memberships m WHERE m.community_id = $1 AND m.is_top3 AND m.status = 'active'`,
          [communityId, source],
        );
      case 'post.released':
        // The thread's author hears of a reply by someone else, if they may still read the board.
        return insert(
          `SELECT t.author_id, $1, 'reply', false, p.id, p.thread_id, NULL::uuid, $3
             FROM posts p JOIN threads t ON t.id = p.thread_id JOIN boards b ON b.id = p.board_id
            WHERE p.id = $2 AND NOT p.is_opening AND t.author_id <> p.author_id AND ${readableBoard('b', 't.author_id')}`,
          [communityId, e.post_id, source],
        );
      case 'election.opened':
        return insert(
          `SELECT m.user_id, $1, 'election', false, NULL::uuid, NULL::uuid, $2::uuid, $3
             FROM memberships m WHERE m.community_id = $1 AND m.role = 'member' AND m.status = 'active'`,
          [communityId, data.electionId, source],
        );
      default:
        return [];
    }
  }
}
