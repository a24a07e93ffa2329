import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { GovernanceJobs, Queues } from '../platform/queues/queues';
import { AccessService } from './access.service';
import { ElectionsService } from './elections.service';
import { SuspensionsService } from './suspensions.service';

/** The governance sweep (suspensions, returns, grants that ended), as one repeatable job for every node. */
const workerErrors = new Logger('QueueWorker');

@Processor(Queues.governance)
export class SweepProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(SweepProcessor.name);

  constructor(
    @InjectQueue(Queues.governance) private readonly queue: Queue,
    private readonly suspensions: SuspensionsService,
    private readonly access: AccessService,
    private readonly elections: ElectionsService,
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

  /** A worker error (Redis gone, a job's keys flushed) is logged; without a listener it would throw. */
  @OnWorkerEvent('error')
  onWorkerError(err: Error): void {
    workerErrors.warn({ err }, 'queue worker error; it carries on');
  }

  async process(job: Job): Promise<Record<string, number>> {
    const now = new Date();
    if (job.name === GovernanceJobs.countElection) return { electionsCounted: await this.elections.countDue(now) };
    if (job.name !== GovernanceJobs.sweep) return {};
    return {
      ...(await this.suspensions.sweepAll(now)),
      grantsEnded: await this.access.expireDue(now),
      // A count whose job Redis lost still happens, within a minute.
      electionsCounted: await this.elections.countDue(now),
    };
  }
}
