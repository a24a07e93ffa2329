import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { Queues } from '../platform/queues/queues';
import { NotificationSender } from './notification-sender';

const workerErrors = new Logger('QueueWorker');

/** Runs notification emails: each job sends one, or waits for its time, or tries again later. */
@Processor(Queues.notify, { concurrency: 10 })
export class NotificationSendProcessor extends WorkerHost {
  constructor(private readonly sender: NotificationSender) {
    super();
  }

  /** A worker error (Redis gone, a job's keys flushed) is logged; without a listener it would throw. */
  @OnWorkerEvent('error')
  onWorkerError(err: Error): void {
    workerErrors.warn({ err }, 'queue worker error; it carries on');
  }

  async process(job: Job<{ sendId: string }>, token?: string): Promise<string> {
    const outcome = await this.sender.send(job.data.sendId);
    if (outcome.kind === 'not-yet' || outcome.kind === 'retry') {
      await job.moveToDelayed(Date.now() + outcome.waitMs, token);
      throw new DelayedError();
    }
    return outcome.kind;
  }
}
