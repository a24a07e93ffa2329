import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotificationKind, notificationPath } from '@p2p/contract';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { NotifyJobs, Queues } from '../platform/queues/queues';
import { Mailer } from './mailer';
import { notificationEmail, notificationSentence } from './notification-words';
import { PushTarget, Pusher } from './pusher';

/** Tries before a send is given up as failed (about an hour and a half of trying). */
const MOST_ATTEMPTS = 8;

export interface PlannedSend {
  id: string;
  dueAt: Date;
}

export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'not-yet'; waitMs: number }
  | { kind: 'retry'; waitMs: number }
  | { kind: 'failed' }
  | { kind: 'nothing-to-do' };

interface DueSend {
  id: string;
  channel: 'email' | 'push';
  address: string;
  attempts: number;
  wait_ms: number;
  kind: NotificationKind;
  urgent: boolean;
  community_id: string;
  community_name: string;
  post_id: string | null;
  thread_id: string | null;
  election_id: string | null;
  /** How many of the person's notifications are unread: the app's badge. */
  unread: number;
}

/**
 * Notification emails: planned in the same transaction as their notification (one row each in
 * notification_sends, due now or at the end of the person's quiet hours), sent by a BullMQ job
 * keyed by the row, and marked sent. PostgreSQL is the truth: a sweep queues again any send still
 * due whose job Redis lost, and a row lock keeps two workers from sending the same one.
 */
@Injectable()
export class NotificationSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationSender.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(Queues.notify) private readonly jobs: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mailer: Mailer,
    private readonly pusher: Pusher,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.notifySweepMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * The emails and pushes these new notifications need, by each person's settings; inside their
   * transaction. Email where they gave an address and turned it on; a push to every device they
   * turned alerts on for; both wait for the end of their quiet hours. Insistent (now, whatever
   * the settings say, to any address given): an urgent hold for a Top 3 member on duty, and a
   * ladder step to every Top 3 member (docs/notifications.md).
   */
  async plan(em: EntityManager, notificationIds: string[]): Promise<PlannedSend[]> {
    const rows = await em.query<{ id: string; due_at: Date }[]>(
      `WITH n AS (
         SELECT n.id, n.user_id, s.email, coalesce(s.email_on, false) AS email_on, s.quiet_from, s.quiet_until,
                coalesce(s.time_zone, 'Europe/London') AS time_zone,
                n.urgent AND (n.kind = 'held-waiting' OR EXISTS (
                  SELECT 1 FROM duty_shifts d
                   WHERE d.community_id = n.community_id AND d.user_id = n.user_id
                     AND d.starts_at <= clock_timestamp() AND d.ends_at > clock_timestamp())) AS insistent
           FROM notifications n LEFT JOIN notification_settings s ON s.user_id = n.user_id
          WHERE n.id = ANY($1::uuid[])
       ), wanted AS (
         SELECT n.id, 'email' AS channel, n.email AS address, n.insistent, n.time_zone, n.quiet_from, n.quiet_until
           FROM n WHERE $2 AND n.email IS NOT NULL AND (n.email_on OR n.insistent)
         UNION ALL
         SELECT n.id, 'push', ps.endpoint, n.insistent, n.time_zone, n.quiet_from, n.quiet_until
           FROM n JOIN push_subscriptions ps ON ps.user_id = n.user_id
       )
       INSERT INTO notification_sends (notification_id, channel, address, due_at, insistent)
       SELECT id, channel, address,
              CASE WHEN insistent THEN clock_timestamp()
                   ELSE notification_due(clock_timestamp(), time_zone, quiet_from, quiet_until) END,
              insistent
         FROM wanted
       ON CONFLICT (notification_id, channel, address) DO NOTHING
       RETURNING id, due_at`,
      [notificationIds, this.mailer.available],
    );
    return rows.map((r) => ({ id: r.id, dueAt: r.due_at }));
  }

  /** Puts a send's job in the queue; a second time for the same send is a no-op. */
  async queue(send: PlannedSend): Promise<void> {
    try {
      await this.jobs.add(
        NotifyJobs.send,
        { sendId: send.id },
        {
          jobId: send.id,
          delay: Math.max(0, send.dueAt.getTime() - Date.now()),
          removeOnComplete: true,
          removeOnFail: true,
        },
      );
    } catch (err) {
      this.logger.warn({ err, sendId: send.id }, 'could not queue an email; the sweep will');
    }
  }

  /**
   * One push to one device. A push service that says the subscription is gone (the person
   * turned alerts off in the browser, or uninstalled it) ends it here too: true.
   */
  private async push(em: EntityManager, row: DueSend, path: string): Promise<boolean> {
    const [target] = await em.query<PushTarget[]>(
      `SELECT endpoint, p256dh, auth FROM push_subscriptions WHERE endpoint = $1`,
      [row.address],
    );
    const result = target
      ? await this.pusher.send(target, {
          title: 'P2P Board',
          body: notificationSentence(row.kind, row.urgent),
          url: path,
          tag: row.id,
          urgent: row.urgent,
          unread: row.unread,
        })
      : 'gone';
    if (result === 'sent') return false;
    await em.query(`DELETE FROM push_subscriptions WHERE endpoint = $1`, [row.address]);
    await em.query(`UPDATE notification_sends SET status = 'failed', error = $2 WHERE id = $1`, [
      row.id,
      'the device turned alerts off',
    ]);
    return true;
  }

  /** Queues again every send that is due but may have lost its job. */
  async sweep(): Promise<number> {
    try {
      const due = await this.db.query<{ id: string; due_at: Date }[]>(
        `SELECT id, due_at FROM notification_sends WHERE status = 'due' AND due_at <= clock_timestamp() ORDER BY due_at LIMIT 500`,
      );
      for (const d of due) await requeue(this.jobs, d.id, () => this.queue({ id: d.id, dueAt: d.due_at }));
      return due.length;
    } catch (err) {
      this.logger.warn({ err }, 'could not look for emails still to send; will try again');
      return 0;
    }
  }

  /**
   * Sends one email if it is still due, and marks it sent in the same transaction that locked it,
   * so that two workers never both send it. A failure is counted and tried again later.
   */
  async send(sendId: string): Promise<SendOutcome> {
    return this.db.transaction(async (em): Promise<SendOutcome> => {
      const [row] = await em.query<DueSend[]>(
        `SELECT s.id, s.channel, s.address, s.attempts,
                greatest(0, ceil(extract(epoch FROM (s.due_at - clock_timestamp())) * 1000))::int AS wait_ms,
                n.kind, n.urgent, n.community_id, c.name AS community_name, n.post_id, n.thread_id, n.election_id,
                (SELECT count(*)::int FROM notifications u WHERE u.user_id = n.user_id AND u.read_at IS NULL) AS unread
           FROM notification_sends s JOIN notifications n ON n.id = s.notification_id
           JOIN communities c ON c.id = n.community_id
          WHERE s.id = $1 AND s.status = 'due'
          FOR UPDATE OF s SKIP LOCKED`,
        [sendId],
      );
      if (!row) return { kind: 'nothing-to-do' };
      if (row.wait_ms > 0) return { kind: 'not-yet', waitMs: row.wait_ms };
      const link = {
        postId: row.post_id ?? undefined,
        threadId: pageOf(row.kind) ? undefined : (row.thread_id ?? undefined),
        electionId: row.election_id ?? undefined,
        page: pageOf(row.kind),
      };
      const path = notificationPath(row.community_id, link);
      try {
        if (row.channel === 'push') {
          const gone = await this.push(em, row, path);
          if (gone) return { kind: 'failed' };
        } else {
          const email = notificationEmail(
            { kind: row.kind, urgent: row.urgent, communityName: row.community_name },
            `${this.config.publicUrl}${path}`,
          );
          await this.mailer.send(row.address, email.subject, email.text, `<${row.id}@p2p-board>`);
        }
      } catch (err) {
        const attempts = row.attempts + 1;
        const failed = attempts >= MOST_ATTEMPTS;
        const waitMs = Math.min(600_000, 5_000 * 2 ** (attempts - 1));
        // The next try is when it is due again, so that the sweep does not hurry it.
        await em.query(
          `UPDATE notification_sends SET attempts = $2, error = $3, status = $4,
                  due_at = clock_timestamp() + make_interval(secs => $5) WHERE id = $1`,
          [
            row.id,
            attempts,
            String(err instanceof Error ? err.message : err).slice(0, 500),
            failed ? 'failed' : 'due',
            waitMs / 1000,
          ],
        );
        if (failed) {
          this.logger.error({ err, sendId: row.id, urgent: row.urgent }, 'gave up sending a notification email');
          return { kind: 'failed' };
        }
        this.logger.warn({ err, sendId: row.id, attempts }, 'could not send a notification email; will try again');
        return { kind: 'retry', waitMs };
      }
      await em.query(
        `UPDATE notification_sends SET status = 'sent', sent_at = clock_timestamp(), attempts = attempts + 1, error = NULL
          WHERE id = $1`,
        [row.id],
      );
      return { kind: 'sent' };
    });
  }
}

/** The page a notification of this kind opens, where it is not a thread. */
export function pageOf(kind: NotificationKind): 'review' | 'check-ins' | 'reports' | 'messages' | undefined {
  if (kind === 'top3-message') return 'messages';
  if (kind === 'held' || kind === 'held-waiting' || kind === 'hidden') return 'review';
  if (kind === 'check-in') return 'check-ins';
  if (kind === 'significant-event-read') return 'reports';
  return undefined;
}

/**
 * Makes sure a job that PostgreSQL says is due will run now: queued again if Redis lost it, or
 * brought forward if it still waits for a later time (the due time changed, or the clock
 * jumped). A job already running, or waiting to run, is left alone.
 */
export async function requeue(jobs: Queue, jobId: string, add: () => Promise<void>): Promise<void> {
  const job = await jobs.getJob(jobId);
  if (!job) return add();
  if (await job.isDelayed()) await job.promote().catch(() => undefined);
}
