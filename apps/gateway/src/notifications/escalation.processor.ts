import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { Queues } from '../platform/queues/queues';
import { EscalationLadder } from './escalation-ladder';
import { LadderStep } from './escalation.repository';

const workerErrors = new Logger('QueueWorker');

/** Runs the ladder's steps at their time; a step not yet due, or to be tried again, waits in the queue. */
@Processor(Queues.escalation, { concurrency: 4 })
export class EscalationProcessor extends WorkerHost {
  constructor(private readonly ladder: EscalationLadder) {
    super();
  }

  /** A worker error (Redis gone, a job's keys flushed) is logged; without a listener it would throw. */
  @OnWorkerEvent('error')
  onWorkerError(err: Error): void {
    workerErrors.warn({ err }, 'queue worker error; it carries on');
  }

  async process(job: Job<{ postId: string; step: LadderStep }>, token?: string): Promise<string> {
    const outcome = await this.ladder.run(job.data.postId, job.data.step);
    if (outcome.kind === 'not-yet' || outcome.kind === 'retry') {
      await job.moveToDelayed(Date.now() + outcome.waitMs, token);
      throw new DelayedError();
    }
    return outcome.kind === 'done' ? outcome.outcome : outcome.kind;
  }
}
