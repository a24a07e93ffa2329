/**
 * Release lateness of delayed posts with 1,000 in flight, against plain BullMQ delayed jobs with
 * the same due times.
 *
 * Ours: 10 communities with posting delays of BASE, BASE+1, ... BASE+9 seconds; 1,000 replies
 * are created over HTTP as fast as the gateway takes them, so all are pending at once and their
 * release times spread over ~10 s (plus the time creating them took). After all are released,
 * lateness = released_at - release_at, both written by the database clock (posts table). Never
 * early: the count below 0 must be 0.
 *
 * Baseline: a BullMQ Queue and Worker (same Redis, own prefix, same concurrency) in this process,
 * with 1,000 delayed jobs due at the same offsets as the round's posts; lateness = processing
 * start - the job's due time (its timestamp + delay).
 *
 * BENCH_ROUNDS rounds (default 2) of ours-then-baseline on the same gateway, so that the spread
 * between rounds shows how steady the numbers are on a shared machine.
 *
 * Run: SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register bench/release-lateness.ts
 */
import { Job, Queue, Worker } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import type * as RedisModule from '../apps/gateway/src/platform/redis/redis';
import { prng } from './lib/clients';
import { CpuReport, cpuMeter, disturbance, formatCpu } from './lib/cpu';
import { REDIS_URL, envInt, nowMs, say } from './lib/env';
import { TraceSummary, awaitQuiet, formatTrace, startGateway } from './lib/gateway';
import { BenchRun, runBench } from './lib/harness';
import { machineInfo } from './lib/machine';
import { Summary, fmt, pool, summarize, table, writeResults } from './lib/stats';
import { SeededCommunity, postJson, publishedThreads, seedCommunities } from './lib/seed';

const COMMUNITIES = envInt('BENCH_COMMUNITIES', 10, 1, 100);
const MEMBERS = envInt('BENCH_MEMBERS', 10, 1, 100);
const POSTS = envInt('BENCH_POSTS', 1000, 1, 10_000);
/** The first community's posting delay; community i waits BASE + i seconds. */
const BASE_DELAY_S = envInt('BENCH_BASE_DELAY_S', 15, 1, 600);
const CONCURRENCY = envInt('BENCH_RELEASE_CONCURRENCY', 200, 1, 1000);
const CREATE_PARALLEL = envInt('BENCH_CREATE_PARALLEL', 16, 1, 256);
const ROUNDS = envInt('BENCH_ROUNDS', 2, 1, 10);

interface Lateness {
  count: number;
  early: number;
  lateMs: Summary;
  /** Most releases (or job starts) in any one second. */
  peakPerSecond: number;
  cpu: CpuReport;
  quietBefore: { waitedSeconds: number; quiet: boolean };
}

interface OursRound extends Lateness {
  createSeconds: number;
  /** Posts still pending when the last one had been created. */
  peakInFlight: number;
  spreadSeconds: number;
  createHttpMs: Summary;
}

function peakPerSecond(timesMs: number[]): number {
  const buckets = new Map<number, number>();
  for (const t of timesMs) buckets.set(Math.floor(t / 1000), (buckets.get(Math.floor(t / 1000)) ?? 0) + 1);
  return Math.max(0, ...buckets.values());
}

function report(label: string, r: Lateness): void {
  const l = r.lateMs;
  say(
    `${label}: ${r.count} done; lateness p50 ${fmt(l.p50, 2)} ms, p99 ${fmt(l.p99, 2)} ms, max ${fmt(l.max, 2)} ms; early ${r.early}; peak ${r.peakPerSecond}/s`,
  );
  say(`${label}: ${formatCpu(r.cpu)}`);
  const disturbed = disturbance(r.cpu);
  if (disturbed) say(`${label}: ${disturbed}`);
}

/** One round on the gateway: 1,000 replies in flight, then their lateness from the posts table. */
async function oursRound(
  run: BenchRun,
  url: string,
  gatewayPid: number,
  communities: SeededCommunity[],
  threads: Map<string, string[]>,
  round: number,
): Promise<{ result: OursRound; late: number[]; offsetsMs: number[] }> {
  const rnd = prng(7 + round);
  const plan = Array.from({ length: POSTS }, (_, i) => ({
    community: communities[i % COMMUNITIES],
    author: Math.floor(rnd() * MEMBERS),
  }));
  const quiet = await awaitQuiet();
  say(
    `round ${round}: creating ${POSTS} replies over HTTP (${CREATE_PARALLEL} at a time), delays ${BASE_DELAY_S}..${BASE_DELAY_S + COMMUNITIES - 1} s ...`,
  );
  const t0 = nowMs();
  const http: number[] = [];
  const ids = await pool(plan, CREATE_PARALLEL, async (p, i) => {
    const r = await postJson<{ id: string }>(
      `${url}/api/threads/${threads.get(p.community.id)![0]}/posts`,
      p.community.members[p.author].token,
      { body: `Reply ${i} of round ${round} from the release benchmark: waiting out the thinking space.` },
    );
    if (r.status !== 202) throw new Error(`reply not accepted: ${r.status} ${JSON.stringify(r.body)}`);
    http.push(r.ms);
    return r.body.id;
  });
  const createSeconds = (nowMs() - t0) / 1000;
  const pendingNow = async () =>
    (
      await run.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM posts WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
        [ids],
      )
    )[0].n;
  const peakInFlight = await pendingNow();
  say(
    `created in ${createSeconds.toFixed(1)} s; ${peakInFlight} of ${POSTS} pending (in flight) once all were created`,
  );

  const cpu = cpuMeter({ gateway: gatewayPid });
  const until = Date.now() + (BASE_DELAY_S + COMMUNITIES + 60) * 1000;
  for (;;) {
    const n = await pendingNow();
    if (n === 0) break;
    if (Date.now() > until) throw new Error(`${n} posts still pending long after their release time`);
    await sleep(250);
  }
  const cpuReport = cpu.stop();
  const rows = await run.db.query<{ late_ms: number; offset_ms: number; released_ms: number; status: string }[]>(
    `SELECT status,
            extract(epoch FROM (released_at - release_at)) * 1000 AS late_ms,
            extract(epoch FROM (release_at - min(created_at) OVER ())) * 1000 AS offset_ms,
            extract(epoch FROM released_at) * 1000 AS released_ms
       FROM posts WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const late = rows.map((r) => Number(r.late_ms));
  const offsetsMs = rows.map((r) => Number(r.offset_ms));
  const result: OursRound = {
    count: rows.filter((r) => r.status === 'published').length,
    early: late.filter((x) => x < 0).length,
    lateMs: summarize(late),
    peakPerSecond: peakPerSecond(rows.map((r) => Number(r.released_ms))),
    cpu: cpuReport,
    quietBefore: quiet,
    createSeconds,
    peakInFlight,
    spreadSeconds: (Math.max(...offsetsMs) - Math.min(...offsetsMs)) / 1000,
    createHttpMs: summarize(http),
  };
  report(`round ${round}, gateway`, result);
  return { result, late, offsetsMs };
}

/** Plain BullMQ: the same due offsets as delayed jobs; lateness is processing start - due time. */
class BullBaseline {
  private readonly queue: Queue;
  private readonly worker: Worker;
  private late: number[] = [];
  private started: number[] = [];

  constructor(run: BenchRun) {
    const { redisOptions } = run.app<typeof RedisModule>('apps/gateway/src/platform/redis/redis');
    const connection = { ...redisOptions(REDIS_URL), maxRetriesPerRequest: null };
    const prefix = `${run.redisPrefix}:baseline`;
    const name = 'lateness-baseline';
    this.queue = new Queue(name, { connection, prefix });
    this.worker = new Worker(
      name,
      async (job: Job) => {
        const t = nowMs();
        this.late.push(t - (job.timestamp + (job.opts.delay ?? 0)));
        this.started.push(t);
      },
      { connection, prefix, concurrency: CONCURRENCY },
    );
    run.onCleanup('close the BullMQ baseline', () => this.close());
  }

  async round(round: number, offsetsMs: number[]): Promise<{ result: Lateness; late: number[] }> {
    await this.worker.waitUntilReady();
    this.late = [];
    this.started = [];
    const quiet = await awaitQuiet();
    const t0 = nowMs() + 1000;
    const jobs = offsetsMs.map((offset, i) => ({
      name: 'due',
      data: { i },
      opts: { delay: Math.max(0, Math.round(t0 + offset - Date.now())), removeOnComplete: true },
    }));
    for (let i = 0; i < jobs.length; i += 100) await this.queue.addBulk(jobs.slice(i, i + 100));
    say(`round ${round}: ${jobs.length} delayed BullMQ jobs added (concurrency ${CONCURRENCY}); waiting ...`);
    const cpu = cpuMeter({});
    const until = Date.now() + (Math.max(...offsetsMs) + 60_000);
    while (this.late.length < jobs.length) {
      if (Date.now() > until) throw new Error(`only ${this.late.length} of ${jobs.length} baseline jobs ran`);
      await sleep(100);
    }
    const result: Lateness = {
      count: this.late.length,
      early: this.late.filter((x) => x < 0).length,
      lateMs: summarize(this.late),
      peakPerSecond: peakPerSecond(this.started),
      cpu: cpu.stop(),
      quietBefore: quiet,
    };
    report(`round ${round}, BullMQ`, result);
    return { result, late: this.late };
  }

  async close(): Promise<void> {
    await this.worker.close().catch(() => undefined);
    await this.queue.obliterate({ force: true }).catch(() => undefined);
    await this.queue.close().catch(() => undefined);
  }
}

runBench('release-lateness', 900, async (run) => {
  const machine = await machineInfo(run);
  const communities = await seedCommunities(run, {
    communities: COMMUNITIES,
    membersEach: MEMBERS,
    postingDelaySeconds: 0,
  });
  const gateway = await startGateway(run, { RELEASE_CONCURRENCY: String(CONCURRENCY) });
  const threads = await publishedThreads(gateway.url, run.db, communities, 1);
  for (const [i, c] of communities.entries()) {
    await run.db.query(`UPDATE communities SET posting_delay_seconds = $2 WHERE id = $1`, [c.id, BASE_DELAY_S + i]);
  }
  const bull = new BullBaseline(run);

  const rounds: { ours: OursRound; baseline: Lateness }[] = [];
  const allOurs: number[] = [];
  const allBase: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const o = await oursRound(run, gateway.url, gateway.pid, communities, threads, round);
    const b = await bull.round(round, o.offsetsMs);
    rounds.push({ ours: o.result, baseline: b.result });
    allOurs.push(...o.late);
    allBase.push(...b.late);
  }
  const trace: TraceSummary | null = await gateway.trace();
  if (trace) say(formatTrace(trace));
  const gatewayLog = gateway.logLines();
  await gateway.stop();
  await bull.close();

  const pooled = { ours: summarize(allOurs), baseline: summarize(allBase) };
  const early = { ours: allOurs.filter((x) => x < 0).length, baseline: allBase.filter((x) => x < 0).length };
  const row = (name: string, n: number, l: Summary, e: number, extra: string) => [
    name,
    n,
    fmt(l.p50, 2),
    fmt(l.p90, 2),
    fmt(l.p99, 2),
    fmt(l.max, 2),
    e,
    extra,
  ];
  say('');
  say(
    `Release lateness, ${POSTS} posts in flight per round, ${ROUNDS} rounds, release concurrency ${CONCURRENCY}, Redis hz ${machine.redisHz}:`,
  );
  say(
    table(
      ['', 'n', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'early', 'other work (% of a core)'],
      [
        ...rounds.flatMap((r, i) => [
          row(
            `round ${i + 1}: gateway (posts table)`,
            r.ours.count,
            r.ours.lateMs,
            r.ours.early,
            String(r.ours.cpu.processes['everything else']),
          ),
          row(
            `round ${i + 1}: plain BullMQ delayed jobs`,
            r.baseline.count,
            r.baseline.lateMs,
            r.baseline.early,
            String(r.baseline.cpu.processes['everything else']),
          ),
        ]),
        row('all rounds: gateway', allOurs.length, pooled.ours, early.ours, ''),
        row('all rounds: plain BullMQ', allBase.length, pooled.baseline, early.baseline, ''),
      ],
    ),
  );
  say(
    rounds
      .map(
        (r, i) =>
          `round ${i + 1}: ${r.ours.peakInFlight} in flight at once, created in ${fmt(r.ours.createSeconds)} s, releases spread over ${fmt(r.ours.spreadSeconds)} s, peak ${r.ours.peakPerSecond} releases/s`,
      )
      .join('\n'),
  );
  const met = pooled.ours.p99 < 15 && early.ours === 0;
  say(
    `goal p99 < 15 ms and never early: ${met ? 'met' : 'NOT met'} (all rounds: p99 ${fmt(pooled.ours.p99, 2)} ms, early ${early.ours})`,
  );
  if (gatewayLog.length > 0) say(`gateway logged ${gatewayLog.length} warn/error lines; first: ${gatewayLog[0]}`);
  writeResults(run, {
    machine,
    params: {
      communities: COMMUNITIES,
      members: MEMBERS,
      posts: POSTS,
      rounds: ROUNDS,
      baseDelaySeconds: BASE_DELAY_S,
      releaseConcurrency: CONCURRENCY,
      createParallel: CREATE_PARALLEL,
    },
    rounds,
    pooled,
    early,
    goalMet: met,
    trace,
    gatewayLog: gatewayLog.slice(0, 50),
  });
});
