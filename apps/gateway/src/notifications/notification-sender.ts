import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotificationKind, notificationPath } from '@p2p/contract';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { NotifyJobs, Queues } from '../platform/queues/queues';
import { DeliveryRepository, DueSend, PlannedSend } from './delivery.repository';
import { Mailer } from './mailer';
import { notificationEmail, notificationSentence } from './notification-words';
import { Pusher } from './pusher';

/** Tries before a send is given up as failed (about an hour and a half of trying). */
const MOST_ATTEMPTS = 8;

export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'not-yet'; waitMs: number }
  | { kind: 'retry'; waitMs: number }
  | { kind: 'failed' }
  | { kind: 'nothing-to-do' };

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
    private readonly delivery: DeliveryRepository,
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
    return this.delivery.planSends(em, notificationIds, this.mailer.available);
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
    const target = await this.delivery.pushTarget(em, row.address);
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
    await this.delivery.deviceGone(em, row.id, row.address);
    return true;
  }

  /** Queues again every send that is due but may have lost its job. */
  async sweep(): Promise<number> {
    try {
      const due = await this.delivery.dueSends();
      for (const d of due) await requeue(this.jobs, d.id, () => this.queue(d));
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
      const row = await this.delivery.lockDueSend(em, sendId);
      if (!row) return { kind: 'nothing-to-do' };
      if (row.wait_ms > 0) return { kind: 'not-yet', waitMs: row.wait_ms };
      if (row.on_break) {
        await this.delivery.markSkipped(em, row.id);
        return { kind: 'nothing-to-do' };
      }
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
        await this.delivery.markTried(em, row.id, {
          attempts,
          error: String(err instanceof Error ? err.message : err).slice(0, 500),
          status: failed ? 'failed' : 'due',
          waitMs,
        });
        if (failed) {
          this.logger.error({ err, sendId: row.id, urgent: row.urgent }, 'gave up sending a notification email');
          return { kind: 'failed' };
        }
        this.logger.warn({ err, sendId: row.id, attempts }, 'could not send a notification email; will try again');
        return { kind: 'retry', waitMs };
      }
      await this.delivery.markSent(em, row.id);
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
