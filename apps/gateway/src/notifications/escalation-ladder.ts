import { InjectQueue } from '@nestjs/bullmq';
import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  ServiceUnavailableException,
} from '@nestjs/common';
import { OnCallView } from '@p2p/contract';
import { Permission } from '@p2p/moderation';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { CommunitiesService } from '../communities/communities.service';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { ModerationLog } from '../moderation/moderation-log.repository';
import { EscalationJobs, Queues } from '../platform/queues/queues';
import { PlannedSend } from './delivery.repository';
import { EscalationRepository, LadderStep, PlannedStep, StepResult } from './escalation.repository';
import { Mailer } from './mailer';
import { NotificationSender, requeue } from './notification-sender';
import { onCallEmail } from './notification-words';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

export type StepOutcome =
  | { kind: 'done'; outcome: StepResult }
  | { kind: 'not-yet'; waitMs: number }
  | { kind: 'retry'; waitMs: number }
  | { kind: 'nothing-to-do' };

/** Tries to reach the on-call contact before the step is given up as failed (and logged). */
const MOST_ATTEMPTS = 8;

/**
 * The escalation ladder of an imminent-risk hold. If no Top 3 member has taken it ("I'm looking
 * at this") or decided it within the community's escalate_after_minutes, every Top 3 member is
 * told again by every channel, whatever their settings; within on_call_after_minutes, the
 * community's on-call contact gets a content-free alert. Each step is a row planned with the
 * hold's notifications, done once in a transaction that locks it, and logged. A BullMQ delayed job
 * keyed by the row runs it at its time; a sweep runs any whose job Redis lost.
 */
@Injectable()
export class EscalationLadder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EscalationLadder.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly escalations: EscalationRepository,
    private readonly repo: NotificationsRepository,
    @InjectQueue(Queues.escalation) private readonly jobs: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mailer: Mailer,
    private readonly log: ModerationLog,
    private readonly notifications: NotificationsService,
    private readonly sender: NotificationSender,
    private readonly communities: CommunitiesService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.notifySweepMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** In the transaction that tells the Top 3 of an imminent-risk hold: its ladder, once. */
  async plan(em: EntityManager, postId: string): Promise<PlannedStep[]> {
    return this.escalations.planLadder(em, postId);
  }

  /** Puts a step's job in the queue; a second time for the same step is a no-op. */
  async queue(step: PlannedStep): Promise<void> {
    try {
      await this.jobs.add(
        EscalationJobs.step,
        { postId: step.postId, step: step.step },
        {
          jobId: `${step.postId}-${step.step}`,
          delay: Math.max(0, step.dueAt.getTime() - Date.now()),
          removeOnComplete: true,
          removeOnFail: true,
        },
      );
    } catch (err) {
      this.logger.warn({ err, postId: step.postId }, 'could not queue a ladder step; the sweep will');
    }
  }

  /** Queues again every step that is due in PostgreSQL but may have lost its job. */
  async sweep(): Promise<number> {
    try {
      const due = await this.escalations.dueSteps();
      for (const d of due) await requeue(this.jobs, `${d.postId}-${d.step}`, () => this.queue(d));
      return due.length;
    } catch (err) {
      this.logger.warn({ err }, 'could not look for ladder steps due; will try again');
      return 0;
    }
  }

  /**
   * "Tell the on-call contact", by a Top 3 member from the review list, for an entry still
   * waiting: the same content-free alert as the ladder's, now, logged with who asked. Said plainly
   * if it cannot be sent, so that they can phone instead.
   */
  async alertOnCall(auth: AuthContext, postId: string): Promise<OnCallView> {
    const row = await this.escalations.onCallFor(postId, auth.userId);
    if (!row) throw new NotFoundException('We could not find that post.');
    await this.communities.authorize(auth, row.community_id, Permission.ReviewEntries);
    if (!row.review_since) throw new ConflictException('This entry is not waiting for review any more.');
    if (!row.on_call_email) {
      throw new ConflictException('No on-call contact is set for this community. The Duty page is where to add one.');
    }
    if (!this.mailer.available) {
      throw new ConflictException(
        'This board has no email set up, so the on-call contact cannot be alerted from here. Please phone them.',
      );
    }
    const email = onCallEmail(row.name, row.review_since, row.time_zone);
    try {
      await this.mailer.send(
        row.on_call_email,
        email.subject,
        email.text,
        `<${postId}-on-call-${Date.now()}@p2p-board>`,
      );
    } catch {
      throw new ServiceUnavailableException(
        'The on-call contact could not be emailed just now. Please phone them, and try again.',
      );
    }
    await this.db.transaction((em) =>
      this.log.append(em, {
        communityId: row.community_id,
        actorId: auth.userId,
        action: 'escalate',
        boardId: row.board_id,
        postId,
        reason: 'A Top 3 member alerted the on-call contact',
        details: { step: 'on-call', by: 'hand', waitingSince: row.review_since },
      }),
    );
    return { sentTo: row.on_call_email };
  }

  /** Runs one step if it is due and not done: once, whoever else tries at the same moment. */
  async run(postId: string, step: LadderStep): Promise<StepOutcome> {
    let told: { ids: string[]; sends: PlannedSend[] } = { ids: [], sends: [] };
    const outcome = await this.db.transaction(async (em): Promise<StepOutcome> => {
      const row = await this.escalations.lockUndoneStep(em, postId, step);
      if (!row) return { kind: 'nothing-to-do' };
      if (row.wait_ms > 0) return { kind: 'not-yet', waitMs: row.wait_ms };
      const finish = async (result: StepResult, attempts = row.attempts) => {
        await this.escalations.markDone(em, postId, step, result, attempts);
        return { kind: 'done', outcome: result } as const;
      };
      // Someone is looking, or it has been decided: nothing to escalate.
      if (row.status !== 'held' || row.taken_by !== null) return finish('not-needed');

      const logStep = (reason: string, details: Record<string, unknown> = {}) =>
        this.log.append(em, {
          communityId: row.community_id,
          actorId: null,
          action: 'escalate',
          boardId: row.board_id,
          postId,
          reason,
          details: { step, waitingSince: row.review_since, ...details },
        });

      if (step === 'every-top3') {
        const ids = await this.repo.tellTop3HoldWaiting(em, postId, `ladder:${postId}:${step}`);
        told = { ids, sends: await this.sender.plan(em, ids) };
        await logStep(
          `Nobody had taken it after ${row.escalate_after_minutes} minutes: every Top 3 member told again, by every channel`,
          { told: ids.length, emails: told.sends.length },
        );
        return finish('sent');
      }

      if (!row.on_call_email) {
        await logStep(`Waited ${row.on_call_after_minutes} minutes, but no on-call contact is set to alert`);
        return finish('no-contact');
      }
      if (!this.mailer.available) {
        this.logger.error(
          { postId },
          'an urgent review is waiting, but this board has no email to alert the on-call contact',
        );
        await logStep(
          `Waited ${row.on_call_after_minutes} minutes, but this board has no email set up to alert the on-call contact`,
        );
        return finish('no-contact');
      }
      const email = onCallEmail(row.community_name, row.review_since ?? new Date(), row.time_zone);
      try {
        await this.mailer.send(row.on_call_email, email.subject, email.text, `<${postId}-on-call@p2p-board>`);
      } catch (err) {
        const attempts = row.attempts + 1;
        if (attempts >= MOST_ATTEMPTS) {
          this.logger.error({ err, postId }, 'gave up alerting the on-call contact');
          await logStep('The on-call contact could not be reached by email', { attempts });
          return finish('failed', attempts);
        }
        const waitMs = Math.min(300_000, 5_000 * 2 ** (attempts - 1));
        await this.escalations.markTried(em, postId, step, {
          attempts,
          error: String(err instanceof Error ? err.message : err).slice(0, 500),
          waitMs,
        });
        this.logger.warn({ err, postId, attempts }, 'could not alert the on-call contact; will try again');
        return { kind: 'retry', waitMs };
      }
      await logStep(`Nobody had taken it after ${row.on_call_after_minutes} minutes: the on-call contact was alerted`);
      return finish('sent', row.attempts + 1);
    });
    if (told.ids.length > 0) await this.notifications.announce(told.ids);
    told.sends.forEach((s) => void this.sender.queue(s));
    return outcome;
  }
}
