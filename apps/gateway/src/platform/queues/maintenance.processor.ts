import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { MaintenanceJobs, Queues } from './queues';

const HOUR = 3_600_000;

/** Housekeeping that must happen on some node, once: today, forgetting long-dead sessions. */
const workerErrors = new Logger('QueueWorker');

@Processor(Queues.maintenance)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    @InjectQueue(Queues.maintenance) private readonly queue: Queue,
    @InjectDataSource() private readonly db: DataSource,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // One scheduler id for every node: upserting it again changes nothing. Not awaited, so a
    // Redis that is away at boot delays housekeeping, not the board.
    void this.queue
      .upsertJobScheduler(MaintenanceJobs.purgeSessions, { every: HOUR }, { name: MaintenanceJobs.purgeSessions })
      .catch((err: unknown) => this.logger.warn({ err }, 'could not schedule session purge; will retry at next start'));
  }

  /** A worker error (Redis gone, a job's keys flushed) is logged; without a listener it would throw. */
  @OnWorkerEvent('error')
  onWorkerError(err: Error): void {
    workerErrors.warn({ err }, 'queue worker error; it carries on');
  }

  async process(job: Job): Promise<{ purged: number }> {
    if (job.name !== MaintenanceJobs.purgeSessions) return { purged: 0 };
    return { purged: await purgeDeadSessions(this.db) };
  }
}

/** Sessions that ended (expired or revoked) more than 30 days ago have nothing left to tell. */
export async function purgeDeadSessions(db: DataSource): Promise<number> {
  const result = await db.query(
    `DELETE FROM sessions
      WHERE expires_at < now() - interval '30 days'
         OR revoked_at < now() - interval '30 days'`,
  );
  return (result as [unknown, number])[1] ?? 0;
}
