import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { StoredEvent } from '../events/event-log';
import { PostReleaseJobs, Queues } from '../queues/queues';
import { publishLockedPost } from './publish';
import { POST_COLUMNS, POST_FROM, PostRow } from './post-views';
import { checkText } from '@p2p/moderation';
import { GuidelinesService } from '../guidelines/guidelines.service';
import { ReviewService } from '../moderation/review.service';
import { DeliveryService } from '../realtime/delivery.service';

/**
 * BullMQ's delayed jobs are only as punctual as Redis' timer (hz 10 means up to 100 ms late), so
 * a release job is due this much early and the worker waits out the rest on its own clock, then
 * asks the database, whose clock decides: a post is never released before its time.
 */
export const RELEASE_LEAD_MS = 250;
/** Longer waits go back to the queue rather than hold a worker slot. */
const MAX_INLINE_WAIT_MS = 2_000;

export type ReleaseOutcome =
  | { kind: 'released'; event: StoredEvent }
  | { kind: 'held'; events: StoredEvent[] }
  | { kind: 'not-yet'; waitMs: number }
  | { kind: 'nothing-to-do' };

@Injectable()
export class ReleaseService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReleaseService.name);
  private reconciler?: NodeJS.Timeout;
  private reconciling = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(Queues.postRelease) private readonly queue: Queue,
    private readonly delivery: DeliveryService,
    private readonly guidelines: GuidelinesService,
    private readonly review: ReviewService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.reconcile();
    this.reconciler = setInterval(() => void this.reconcile(), this.config.releaseReconcileMs);
    this.reconciler.unref();
  }

  onApplicationShutdown(): void {
    if (this.reconciler) clearInterval(this.reconciler);
  }

  /** The durable schedule: a delayed job keyed by the post id, so scheduling twice is a no-op. */
  async schedule(postId: string, releaseAt: Date): Promise<void> {
    const delay = Math.max(0, releaseAt.getTime() - Date.now() - RELEASE_LEAD_MS);
    try {
      await this.queue.add(PostReleaseJobs.release, { postId }, { jobId: postId, delay });
    } catch (err) {
      // Redis is away: the post is safe in PostgreSQL and the reconciler will release it.
      this.logger.warn({ err, postId }, 'could not schedule a release; the reconciler will');
    }
  }

  async unschedule(postId: string): Promise<void> {
    await this.queue.remove(postId).catch(() => undefined);
  }

  /**
   * Publishes a post whose time has come, once. The row lock and the status check make a second
   * attempt (a retried job, a racing worker, the reconciler) find nothing to do.
   */
  async release(postId: string): Promise<ReleaseOutcome> {
    const outcome = await this.db.transaction(async (em): Promise<ReleaseOutcome> => {
      const [p] = await em.query<
        { status: string; community_id: string; board_id: string; thread_id: string; wait_ms: number }[]
      >(
        `SELECT status, community_id, board_id, thread_id,
                ceil(extract(epoch FROM (release_at - clock_timestamp())) * 1000)::int AS wait_ms
           FROM posts WHERE id = $1 FOR UPDATE`,
        [postId],
      );
      if (!p || p.status !== 'pending') return { kind: 'nothing-to-do' };
      if (p.wait_ms > 0) return { kind: 'not-yet', waitMs: p.wait_ms };

      // The guidelines read it again: they may have changed while it waited.
      const [post] = await em.query<(PostRow & { title: string })[]>(
        `SELECT ${POST_COLUMNS}, t.title FROM ${POST_FROM} JOIN threads t ON t.id = p.thread_id WHERE p.id = $1`,
        [postId],
      );
      const text = post.is_opening ? `${post.title}\n\n${post.body}` : post.body;
      const check = checkText(text, await this.guidelines.current(p.community_id, em));
      if (check.outcome === 'hold')
        return { kind: 'held', events: await this.review.holdLockedPost(em, post, check.findings) };

      const event = await publishLockedPost(em, { id: postId, ...p });
      return { kind: 'released', event };
    });
    if (outcome.kind === 'released') this.delivery.publish(outcome.event);
    if (outcome.kind === 'held') outcome.events.forEach((e) => this.delivery.publish(e));
    return outcome;
  }

  /** Releases at the exact moment if it is near; otherwise says how long is left. */
  async releaseWhenDue(postId: string): Promise<ReleaseOutcome> {
    for (;;) {
      const outcome = await this.release(postId);
      if (outcome.kind !== 'not-yet' || outcome.waitMs > MAX_INLINE_WAIT_MS) return outcome;
      await sleep(outcome.waitMs);
    }
  }

  /**
   * PostgreSQL is the source of truth: release what is due (a lost Redis, a dead worker), and put
   * the jobs for what is coming back in the queue (jobs already there are left as they are).
   */
  async reconcile(): Promise<{ released: number; scheduled: number }> {
    if (this.reconciling) return { released: 0, scheduled: 0 };
    this.reconciling = true;
    try {
      let released = 0;
      const due = await this.db.query<{ id: string }[]>(
        `SELECT id FROM posts WHERE status = 'pending' AND release_at <= clock_timestamp() ORDER BY release_at LIMIT 500`,
      );
      for (const { id } of due) {
        if ((await this.release(id)).kind === 'released') released++;
      }
      const coming = await this.db.query<{ id: string; release_at: Date }[]>(
        `SELECT id, release_at FROM posts
          WHERE status = 'pending' AND release_at > clock_timestamp() AND release_at < clock_timestamp() + interval '1 hour'
          ORDER BY release_at LIMIT 5000`,
      );
      let scheduled = 0;
      if (coming.length > 0) {
        await this.queue
          .addBulk(
            coming.map((c) => ({
              name: PostReleaseJobs.release,
              data: { postId: c.id },
              opts: { jobId: c.id, delay: Math.max(0, c.release_at.getTime() - Date.now() - RELEASE_LEAD_MS) },
            })),
          )
          .then(() => (scheduled = coming.length))
          .catch(() => undefined);
      }
      if (released > 0) this.logger.log({ released }, 'reconciler released posts that were due');
      return { released, scheduled };
    } catch (err) {
      this.logger.warn({ err }, 'release reconciler pass failed; will try again');
      return { released: 0, scheduled: 0 };
    } finally {
      this.reconciling = false;
    }
  }
}
