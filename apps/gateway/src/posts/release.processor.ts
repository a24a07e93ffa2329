import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Queues } from '../queues/queues';
import { RELEASE_LEAD_MS, ReleaseService } from './release.service';

/** Runs release jobs. Most of a job's life is a short, exact wait, so many run at once. */
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

  async process(job: Job<{ postId: string }>, token?: string): Promise<string> {
    const outcome = await this.releases.releaseWhenDue(job.data.postId);
    if (outcome.kind === 'not-yet') {
      await job.moveToDelayed(Date.now() + outcome.waitMs - RELEASE_LEAD_MS, token);
      throw new DelayedError();
    }
    return outcome.kind;
  }
}
