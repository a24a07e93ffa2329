import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { StoredEvent } from '../platform/realtime/event-log';
import { PostReleaseJobs, Queues } from '../platform/queues/queues';
import { textForGuidelines } from '../entries/post-views';
import {
  AheadRow,
  PublishRow,
  dueForRelease,
  lockForRelease,
  preparePublish,
  publishIfUnchanged,
  publishLockedPost,
  readAhead,
  waitingPage,
} from '../entries/release.repository';
import { needsCheckIn } from '@p2p/guidelines';
import { GuidelinesService } from '../guidelines/guidelines.service';
import { MeaningOf, keptMeaning } from '../guidelines/meaning.service';
import { CheckInsService } from '../moderation/check-ins.service';
import { ReviewService } from '../moderation/review.service';
import { FanoutService } from '../platform/realtime/fanout.service';

/**
 * BullMQ's delayed jobs are only as punctual as Redis' timer (hz 10 means up to 100 ms late), so
 * a release job is due this much early and the worker waits out the rest on its own clock, then
 * asks the database, whose clock decides: a post is never released before its time.
 */
export const RELEASE_LEAD_MS = 250;
/** Longer waits go back to the queue rather than hold a worker slot. */
const MAX_INLINE_WAIT_MS = 2_000;
/** Pending posts put back into the queue per round trip when the jobs may have been lost. */
const RESYNC_BATCH = 1000;

/** What the guidelines read of a post about to be released. */
const guidelinesText = (row: PublishRow): string =>
  textForGuidelines(row.is_opening ? row.thread_title : null, row.body);

export type ReleaseOutcome =
  | { kind: 'released'; event: StoredEvent; checkIn?: StoredEvent }
  | { kind: 'held'; events: StoredEvent[] }
  | { kind: 'not-yet'; waitMs: number }
  | { kind: 'nothing-to-do' };

@Injectable()
export class ReleaseService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReleaseService.name);
  private reconciler?: NodeJS.Timeout;
  private reconciling = false;
  /** True until this process has put every pending post's job back into the queue. */
  private needsResync = true;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(Queues.postRelease) private readonly queue: Queue,
    private readonly fanout: FanoutService,
    private readonly guidelines: GuidelinesService,
    private readonly review: ReviewService,
    private readonly checkIns: CheckInsService,
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
      // Redis is away: the post is safe in PostgreSQL and the reconciler will queue or release it.
      this.needsResync = true;
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
  async release(postId: string, read?: MeaningOf): Promise<ReleaseOutcome> {
    // The sentence model reads the text before the row is locked: a model that is behind must not
    // hold the post's lock (the author's edit, another worker) while it catches up. Used below only
    // if the text is still the same.
    let known = read;
    if (!known) {
      const ahead = await readAhead(this.db, postId);
      if (ahead && ahead.status === 'pending' && ahead.wait_ms <= 0) known = await this.meaningOf(ahead);
    }
    const outcome = await this.db.transaction(async (em): Promise<ReleaseOutcome> => {
      // One read: the post (locked), its board and thread, and how long is left by the database's clock.
      const row = await lockForRelease(em, postId);
      if (!row || row.status !== 'pending') return { kind: 'nothing-to-do' };
      if (row.wait_ms > 0) return { kind: 'not-yet', waitMs: row.wait_ms };

      // The guidelines read it again: they may have changed while it waited.
      const check = await this.guidelines.read(
        guidelinesText(row),
        await this.guidelines.current(row.community_id, em),
        known,
      );
      if (check.outcome === 'hold')
        return { kind: 'held', events: await this.review.holdLockedPost(em, row, check.findings) };

      const event = await publishLockedPost(em, row, row);
      // Hard thoughts: published like any post, and quietly put in front of the Top 3, in the
      // same transaction, so a check-in is never lost between the two.
      if (!needsCheckIn(check)) return { kind: 'released', event };
      return { kind: 'released', event, checkIn: await this.checkIns.open(em, row, check.findings) };
    });
    if (outcome.kind === 'released') {
      this.fanout.deliver(outcome.event);
      if (outcome.checkIn) this.fanout.deliver(outcome.checkIn);
    }
    if (outcome.kind === 'held') outcome.events.forEach((e) => this.fanout.deliver(e));
    return outcome;
  }

  /**
   * Releases at the exact moment if it is near; otherwise says how long is left.
   *
   * The work is done before the moment, not at it: one read without a lock or a transaction
   * (post, board, thread, how long is left by the database's clock), the guidelines' check and
   * the event's rendering; then a sleep on this process' clock to the deadline, and one statement
   * that publishes the post only if nothing it was rendered from has changed and the database's
   * clock agrees its time has come (posts/publish.ts, publishIfUnchanged). Anything else (an
   * edit meanwhile, a hold, a guidelines change, a race) goes the careful way: release().
   */
  async releaseWhenDue(postId: string): Promise<ReleaseOutcome> {
    for (;;) {
      const row = await readAhead(this.db, postId);
      if (!row || row.status !== 'pending') return { kind: 'nothing-to-do' };
      if (row.wait_ms > MAX_INLINE_WAIT_MS) return { kind: 'not-yet', waitMs: row.wait_ms };
      const { passes, read } = await this.passesGuidelines(row);
      const prepared = passes ? preparePublish(row) : null;
      if (row.wait_ms > 0) await sleep(row.wait_ms);
      if (prepared) {
        const event = await publishIfUnchanged(this.db, prepared, {
          rowVersion: row.row_version,
          guidelinesVersion: row.guidelines_version,
        });
        if (event) {
          this.fanout.deliver(event);
          return { kind: 'released', event };
        }
      }
      const outcome = await this.release(postId, read);
      if (outcome.kind !== 'not-yet') return outcome;
    }
  }

  /**
   * Whether the guidelines (at the version read with the post) let it out as it is: neither held
   * nor to be checked in (a check-in is written with the post, the careful way).
   */
  private async passesGuidelines(row: AheadRow): Promise<{ passes: boolean; read: MeaningOf }> {
    const set = await this.guidelines.storedVersion(row.community_id, row.guidelines_version);
    const read = await this.meaningOf(row);
    const check = await this.guidelines.read(read.text, set, read);
    return { passes: check.outcome !== 'hold' && !needsCheckIn(check), read };
  }

  /** The model's reading kept with the post while its text is unchanged; otherwise read now. */
  private async meaningOf(row: AheadRow): Promise<MeaningOf> {
    const text = guidelinesText(row);
    return keptMeaning(text, row.meaning) ?? this.guidelines.meaningOf(text);
  }

  /**
   * PostgreSQL is the source of truth: release what is due (a lost Redis, a dead worker). The jobs
   * of what is still coming are put back only when they may have been lost: at start, after this
   * process failed to schedule one, or when Redis no longer holds the marker set at the last
   * resync (a flush or a restart without persistence). Re-adding thousands of jobs every round
   * would stall the event loop and make every release late.
   */
  async reconcile(): Promise<{ released: number; scheduled: number }> {
    if (this.reconciling) return { released: 0, scheduled: 0 };
    this.reconciling = true;
    try {
      let released = 0;
      const due = await dueForRelease(this.db);
      for (const { id } of due) {
        // One post that cannot be released (bad data, a lost connection) must not keep the rest waiting.
        const outcome = await this.release(id).catch((err: unknown) => {
          this.logger.warn({ err, postId: id }, 'reconciler could not release a post; will try again');
          return null;
        });
        if (outcome?.kind === 'released') released++;
      }
      const scheduled = (await this.jobsMayBeLost()) ? await this.resync() : 0;
      if (released > 0) this.logger.log({ released }, 'reconciler released posts that were due');
      return { released, scheduled };
    } catch (err) {
      this.logger.warn({ err }, 'release reconciler pass failed; will try again');
      return { released: 0, scheduled: 0 };
    } finally {
      this.reconciling = false;
    }
  }

  /** Inside the queue's own keys, so whatever loses the jobs loses the marker too. */
  private get markerKey(): string {
    return `${this.queue.qualifiedName}:p2p-resynced`;
  }

  private async jobsMayBeLost(): Promise<boolean> {
    if (this.needsResync) return true;
    const redis = await this.queue.client;
    return (await redis.get(this.markerKey)) === null;
  }

  /** Puts every pending post's job back (a no-op for jobs still there), in batches. */
  private async resync(): Promise<number> {
    this.needsResync = false;
    try {
      const redis = await this.queue.client;
      await redis.set(this.markerKey, new Date().toISOString());
      let scheduled = 0;
      let after: string | null = null;
      for (;;) {
        const batch = await waitingPage(this.db, after, RESYNC_BATCH);
        if (batch.length === 0) return scheduled;
        await this.queue.addBulk(
          batch.map((c) => ({
            name: PostReleaseJobs.release,
            data: { postId: c.id },
            opts: { jobId: c.id, delay: Math.max(0, c.release_at.getTime() - Date.now() - RELEASE_LEAD_MS) },
          })),
        );
        scheduled += batch.length;
        after = batch[batch.length - 1].id;
        await new Promise((r) => setImmediate(r));
      }
    } catch (err) {
      this.needsResync = true;
      throw err;
    }
  }
}
