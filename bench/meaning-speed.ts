/**
 * How fast the guidelines read with the sentence model, beside the rules alone in the same run:
 *
 * - throughput: board-length posts (the board-style posts' tuning split) handed to the gateway's
 *   MeaningService in waves of 32 per worker thread (one thread, then two), then checked with
 *   their readings: posts per second;
 * - added latency: one post at a time, the time MeaningService.read() adds before the rules
 *   (p50, p99), as a member submitting a post meets it.
 *
 * Three rounds; prints a Markdown table for BENCHMARKS.md with each round and the spread.
 *
 *   SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register bench/meaning-speed.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_GUIDELINES, MeaningReading, checkText } from '@p2p/guidelines';
import { loadConfig } from '../apps/gateway/src/platform/config/config';
import { MeaningService } from '../apps/gateway/src/guidelines/meaning.service';

const ROUNDS = 3;
const THROUGHPUT_POSTS = 200;
const LATENCY_POSTS = 100;

const texts = readFileSync(path.resolve(__dirname, '../libs/guidelines/test-data/board-posts.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { text: string; split: string })
  .filter((p) => p.split === 'tuning')
  .map((p) => p.text);

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function main(): Promise<void> {
  const config = loadConfig({
    DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
    REDIS_URL: 'redis://127.0.0.1:6379',
    LOG_LEVEL: 'silent',
  });
  const start = async (threads: number): Promise<MeaningService> => {
    const service = new MeaningService({ ...config, guidelinesModel: { ...config.guidelinesModel, threads } });
    service.onModuleInit();
    while (service.status.status === 'loading') await new Promise((r) => setTimeout(r, 50));
    if (service.status.status !== 'ready') throw new Error(`the model did not load: ${service.status.reason}`);
    return service;
  };
  const meaning = await start(1);
  const two = await start(2);

  /** Posts per second through a service, handed over in waves of one batch per worker thread. */
  const throughput = async (service: MeaningService, threads: number, batch: string[]): Promise<number> => {
    const t0 = performance.now();
    const readings: (MeaningReading | undefined)[] = [];
    const wave = 32 * threads;
    for (let i = 0; i < batch.length; i += wave) {
      readings.push(...(await Promise.all(batch.slice(i, i + wave).map((t) => service.read(t)))));
    }
    batch.forEach((t, i) => checkText(t, DEFAULT_GUIDELINES, { meaning: readings[i] }));
    if (readings.some((r) => r === undefined)) throw new Error('a reading failed');
    return batch.length / ((performance.now() - t0) / 1000);
  };

  const rows: string[] = [];
  const summary = {
    rules: [] as number[],
    model: [] as number[],
    model2: [] as number[],
    p50: [] as number[],
    p99: [] as number[],
  };
  for (let round = 1; round <= ROUNDS; round++) {
    const batch = texts.slice(0, THROUGHPUT_POSTS);
    const t0 = performance.now();
    for (const t of batch) checkText(t, DEFAULT_GUIDELINES);
    const rulesPerSecond = batch.length / ((performance.now() - t0) / 1000);

    // In waves of one batch per worker thread, so that the figure is the model's pace, not how
    // long a queue of hundreds waits (past MeaningService's limit the rules would read alone).
    const modelPerSecond = await throughput(meaning, 1, batch);
    const twoPerSecond = await throughput(two, 2, batch);

    const added: number[] = [];
    for (const t of texts.slice(THROUGHPUT_POSTS, THROUGHPUT_POSTS + LATENCY_POSTS)) {
      const s = performance.now();
      await meaning.read(t);
      added.push(performance.now() - s);
    }
    summary.rules.push(rulesPerSecond);
    summary.model.push(modelPerSecond);
    summary.model2.push(twoPerSecond);
    summary.p50.push(percentile(added, 50));
    summary.p99.push(percentile(added, 99));
    rows.push(
      `| ${round} | ${rulesPerSecond.toFixed(0)} | ${modelPerSecond.toFixed(0)} | ${twoPerSecond.toFixed(0)} | ${percentile(added, 50).toFixed(1)} | ${percentile(added, 99).toFixed(1)} |`,
    );
  }
  await Promise.all([meaning.onApplicationShutdown(), two.onApplicationShutdown()]);
  const spread = (xs: number[], digits = 0) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
  process.stdout.write(
    [
      '| round | rules alone, posts/s (baseline) | rules + model, 1 thread, posts/s | rules + model, 2 threads, posts/s | added latency p50, ms | added latency p99, ms |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
      `| spread | ${spread(summary.rules)} | ${spread(summary.model)} | ${spread(summary.model2)} | ${spread(summary.p50, 1)} | ${spread(summary.p99, 1)} |`,
      '',
      `${THROUGHPUT_POSTS} board-length posts per round for throughput (handed over in waves of 32 per worker thread, one batch each), ${LATENCY_POSTS} one at a time for latency (one thread, the gateway's default; GUIDELINES_MODEL_THREADS sets more). The gateway reads each post with the model once, when it is written or edited.`,
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
