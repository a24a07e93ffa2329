import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap, Logger } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { Queues } from '../platform/queues/queues';
import { RELEASE_LEAD_MS, ReleaseService } from './release.service';

/** Runs release jobs. Most of a job's life is a short, exact wait, so many run at once. */
const workerErrors = new Logger('QueueWorker');

@Processor(Queues.postRelease)
export class ReleaseProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly releases: ReleaseService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.releaseConcurrency;
  }

  /** A worker error (Redis gone, a job's keys flushed) is logged; without a listener it would throw. */
  @OnWorkerEvent('error')
  onWorkerError(err: Error): void {
    workerErrors.warn({ err }, 'queue worker error; it carries on');
  }

  async process(job: Job<{ postId: string }>, token?: string): Promise<string> {
    const outcome = await this.releases.releaseWhenDue(job.data.postId);
    if (outcome.kind === 'not-yet') {
      await job.moveToDelayed(Date.now() + outcome.waitMs - RELEASE_LEAD_MS, token);
      throw new DelayedError();
    }
    return outcome.kind;
  }
}
