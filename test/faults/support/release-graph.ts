import { Job, Queue, Worker } from 'bullmq';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../../../apps/gateway/src/platform/config/config';
import { CommunitiesRepository } from '../../../apps/gateway/src/communities/communities.repository';
import { CommunitiesService } from '../../../apps/gateway/src/communities/communities.service';
import { dataSourceOptions } from '../../../apps/gateway/src/platform/database/data-source';
import { GuidelinesService } from '../../../apps/gateway/src/guidelines/guidelines.service';
import { MeaningService } from '../../../apps/gateway/src/guidelines/meaning.service';
import { DryRunService } from '../../../apps/gateway/src/guidelines/preview.service';
import { ModerationLog } from '../../../apps/gateway/src/moderation/moderation-log.repository';
import { CheckInsService } from '../../../apps/gateway/src/moderation/check-ins.service';
import { ReviewService } from '../../../apps/gateway/src/moderation/review.service';
import { ReleaseProcessor } from '../../../apps/gateway/src/posts/release.processor';
import { ReleaseService } from '../../../apps/gateway/src/posts/release.service';
import { Queues, defaultJobOptions } from '../../../apps/gateway/src/platform/queues/queues';
import { GuidelinesRepository } from '../../../apps/gateway/src/guidelines/guidelines.repository';
import { PostsRepository } from '../../../apps/gateway/src/entries/posts.repository';
import { ReviewRepository } from '../../../apps/gateway/src/entries/review.repository';
import { FanoutService } from '../../../apps/gateway/src/platform/realtime/fanout.service';
import { createRedisClient, redisOptions } from '../../../apps/gateway/src/platform/redis/redis';

/**
 * The gateway's release path without the rest of the gateway: the same classes that PostsModule
 * wires (ReleaseService, ReleaseProcessor and what they need), built by hand so a process running
 * them starts in a fraction of the time a whole Nest application takes. The queue and worker are
 * configured as app.module.ts / posts.module.ts configure them.
 */
export interface ReleaseGraph {
  db: DataSource;
  queue: Queue;
  releases: ReleaseService;
  log: ModerationLog;
  /** A BullMQ worker running the real ReleaseProcessor (only when asked for). */
  worker?: Worker;
  close(): Promise<void>;
}

export async function releaseGraph(
  config: AppConfig,
  opts: {
    worker?: { concurrency: number; lockDuration: number; stalledInterval: number };
    /** Extra DataSource options, e.g. a logger that traces every statement. */
    dataSource?: Partial<DataSourceOptions>;
  } = {},
): Promise<ReleaseGraph> {
  const db = await new DataSource({
    ...dataSourceOptions(config.databaseUrl),
    ...opts.dataSource,
  } as DataSourceOptions).initialize();
  const connection = { ...redisOptions(config.redisUrl), maxRetriesPerRequest: null };
  const prefix = `${config.redisPrefix}:bull`;
  const queue = new Queue(Queues.postRelease, {
    connection,
    prefix,
    defaultJobOptions: { ...defaultJobOptions, removeOnComplete: true },
  });
  queue.on('error', () => undefined);
  const redis = createRedisClient(config.redisUrl, 'faults');
  redis.on('error', () => undefined);
  const fanout = new FanoutService(db, config);
  const reviewStore = new ReviewRepository(db);
  const communities = new CommunitiesService(db, new CommunitiesRepository(db));
  const log = new ModerationLog(db);
  // The fault tests read with the rules alone (GUIDELINES_MODEL off): a model per child is heavy.
  const meaning = new MeaningService({ ...config, guidelinesModel: { on: false, threads: 1 } });
  const guidelines = new GuidelinesService(
    db,
    communities,
    log,
    meaning,
    new DryRunService(new PostsRepository(db), meaning),
    new GuidelinesRepository(db),
  );
  const review = new ReviewService(db, communities, log, fanout, new PostsRepository(db), reviewStore);
  const checkIns = new CheckInsService(db, communities, fanout, log, reviewStore);
  const releases = new ReleaseService(db, queue, fanout, guidelines, review, checkIns, config);
  let worker: Worker | undefined;
  if (opts.worker) {
    const processor = new ReleaseProcessor(releases, config);
    worker = new Worker(
      Queues.postRelease,
      (job: Job<{ postId: string }>, token?: string) => processor.process(job, token),
      { connection, prefix, ...opts.worker },
    );
    worker.on('error', () => undefined);
  }
  return {
    db,
    queue,
    releases,
    log,
    worker,
    close: async () => {
      releases.onApplicationShutdown();
      fanout.onApplicationShutdown();
      await worker?.close();
      await queue.close();
      redis.disconnect();
      await db.destroy();
    },
  };
}
