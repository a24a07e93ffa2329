import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { GovernanceJobs, Queues } from '../queues/queues';
import { AccessService } from './access.service';
import { SuspensionsService } from './suspensions.service';

/** The governance sweep (suspensions, returns, grants that ended), as one repeatable job for every node. */
@Processor(Queues.governance)
export class SweepProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(SweepProcessor.name);

  constructor(
    @InjectQueue(Queues.governance) private readonly queue: Queue,
    private readonly suspensions: SuspensionsService,
    private readonly access: AccessService,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    void this.queue
      .upsertJobScheduler(GovernanceJobs.sweep, { every: 60_000 }, { name: GovernanceJobs.sweep })
      .catch((err: unknown) =>
        this.logger.warn({ err }, 'could not schedule the attendance sweep; will retry at next start'),
      );
  }

  async process(job: Job): Promise<{ suspended: number; returned: number; grantsEnded: number }> {
    if (job.name !== GovernanceJobs.sweep) return { suspended: 0, returned: 0, grantsEnded: 0 };
    const now = new Date();
    return { ...(await this.suspensions.sweepAll(now)), grantsEnded: await this.access.expireDue(now) };
  }
}
