import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { FanoutService } from '../platform/realtime/fanout.service';
import { EscalationLadder } from './escalation-ladder';
import { PlannedStep } from './escalation.repository';
import { NotificationSender } from './notification-sender';
import { EVENTS_PER_PAGE, LoggedEvent, NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

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
    private readonly repo: NotificationsRepository,
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
        const made = await this.repo.tellUnansweredAuthors(em);
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
      const behind = await this.repo.communitiesBehind();
      behind.forEach((id) => this.nudge(id));
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
        const cursor = await this.repo.lockCursor(em, communityId);
        if (cursor === undefined) return null; // another node is reading it now
        const events = await this.repo.eventsAfter(em, communityId, cursor);
        const made: string[] = [];
        const steps: PlannedStep[] = [];
        for (const e of events) made.push(...(await this.fromEvent(em, communityId, e, steps)));
        if (events.length > 0) {
          await this.repo.advanceCursor(em, communityId, events[events.length - 1].seq);
        }
        const sends = made.length > 0 ? await this.sender.plan(em, made) : [];
        return { made, sends, steps, more: events.length === EVENTS_PER_PAGE };
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
    switch (e.type) {
      case 'post.held': {
        const made = await this.repo.tellTop3Held(em, communityId, e.post_id, source);
        // Imminent risk: if nobody takes it in time, the ladder tells more people.
        if (await this.repo.isUrgentHold(em, e.post_id)) steps.push(...(await this.ladder.plan(em, e.post_id!)));
        return made;
      }
      case 'review.changed':
        if (data.why === 'hidden') return this.repo.tellTop3Hidden(em, communityId, data.postId, source);
        // The author of a post the guidelines held, once a Top 3 member has decided.
        if (data.why === 'reviewed') return this.repo.tellAuthorReviewed(em, communityId, data.postId, source);
        return [];
      case 'check-in.changed':
        if (data.open !== true) return [];
        return this.repo.tellTop3CheckIn(em, communityId, data.postId, source);
      case 'significant-event.acknowledged':
        return this.repo.tellTop3SignificantEventRead(em, communityId, source);
      case 'post.released':
        // The thread's author hears of a reply by someone else, if they may still read the board.
        return this.repo.tellThreadAuthorOfReply(em, communityId, e.post_id, source);
      case 'election.opened':
        return this.repo.tellMembersOfElection(em, communityId, data.electionId, source);
      default:
        return [];
    }
  }
}
