import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { Queues, RetentionJobs } from '../platform/queues/queues';
import { KeepingService, RetentionDone } from './keeping.service';

const HOUR = 3_600_000;
const workerErrors = new Logger('QueueWorker');

/**
 * The community's retention policy, applied every hour by one repeatable job for every node. If
 * Redis is away the job waits, and things are kept a little longer: never the other way round.
 */
@Processor(Queues.retention)
export class RetentionProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(RetentionProcessor.name);

  constructor(
    @InjectQueue(Queues.retention) private readonly queue: Queue,
    private readonly keeping: KeepingService,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    void this.queue
      .upsertJobScheduler(RetentionJobs.apply, { every: HOUR }, { name: RetentionJobs.apply })
      .catch((err: unknown) => this.logger.warn({ err }, 'could not schedule retention; will retry at next start'));
  }

  /** A worker error (Redis gone, a job's keys flushed) is logged; without a listener it would throw. */
  @OnWorkerEvent('error')
  onWorkerError(err: Error): void {
    workerErrors.warn({ err }, 'queue worker error; it carries on');
  }

  async process(job: Job): Promise<RetentionDone | Record<string, never>> {
    if (job.name !== RetentionJobs.apply) return {};
    return this.keeping.applyAll(new Date());
  }
}
