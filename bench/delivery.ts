/**
 * Post-to-delivery latency with 1,000 connected members across 50 communities, against a bare
 * socket.io server relaying the same messages at the same rate to the same number of clients.
 *
 * Ours: members post threads and replies over HTTP (posting delay 0) at a steady, open-loop rate.
 * Each post is released by the gateway's BullMQ worker and delivered as `post.released` to every
 * member of its community. Latency = client receive time - the event's `at` (the database's
 * clock_timestamp() when the release took its sequence number; same machine, same clock).
 *
 * Baseline: bench/bare-server.ts in a child process, with its own 1,000 clients in 50 rooms. The
 * driver POSTs each message (the same post.released payload, same size) to it at the same rate;
 * it stamps `at` and emits to the room. Latency = client receive time - `at`.
 *
 * Both systems stay up side by side and are driven in alternating blocks (ours, bare, bare, ours,
 * ...), so that anything else the machine does meanwhile falls on both alike.
 *
 * Run: SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register bench/delivery.ts
 */
import { IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { PostReleasedEvent } from '@p2p/contract';
import type { Socket } from 'socket.io-client';
import { closeAll, connectAll, drive, prng } from './lib/clients';
import {
  CpuReport,
  awaitQuiet,
  cpuMeter,
  disturbance,
  envInt,
  fmt,
  formatCpu,
  formatTrace,
  machineInfo,
  nowMs,
  round,
  runBench,
  say,
  startGateway,
  startHelper,
  summarize,
  table,
  writeResults,
} from './lib/harness';
import { postJson, publishedThreads, seedCommunities } from './lib/seed';

const COMMUNITIES = envInt('BENCH_COMMUNITIES', 50, 1, 200);
const MEMBERS = envInt('BENCH_MEMBERS', 20, 1, 100);
const POSTS = envInt('BENCH_POSTS', 2000, 1, 20_000);
const RATE = envInt('BENCH_RATE', 25, 1, 1000);
const WARMUP = envInt('BENCH_WARMUP_POSTS', 100, 0, 5000);
const BLOCK = envInt('BENCH_BLOCK_POSTS', 200, 1, 20_000);
const THREADS_EACH = 2;
/** One post in this many starts a thread; the rest reply. */
const THREAD_EVERY = 10;
/** How long to wait for a block's stragglers after its last answer. */
const DRAIN_MS = 15_000;
/** monitorEventLoopDelay's sampling interval, which it includes in every sample. */
const LOOP_RESOLUTION_MS = 5;

interface PlannedPost {
  community: number;
  author: number;
  kind: 'thread' | 'reply';
  thread: number;
  body: string;
}

/** Collects deliveries: for each (socket, message) the latency; duplicates and order per socket. */
class Recorder {
  readonly keys: string[] = [];
  readonly latency: number[] = [];
  readonly seen = new Set<string>();
  duplicates = 0;
  outOfOrder = 0;
  lastAt = 0;
  payloadBytes = 0;
  private readonly lastSeq = new Map<number, number>();

  record(socket: number, key: string, seq: number, at: string, size: () => number): void {
    const t = nowMs();
    const id = `${socket}/${key}`;
    if (this.seen.has(id)) {
      this.duplicates++;
      return;
    }
    this.seen.add(id);
    if (seq <= (this.lastSeq.get(socket) ?? -Infinity)) this.outOfOrder++;
    this.lastSeq.set(socket, seq);
    this.keys.push(key);
    this.latency.push(t - Date.parse(at));
    this.lastAt = t;
    if (this.payloadBytes === 0) this.payloadBytes = size();
  }

  /** Latencies of deliveries of `keys` only (the measured blocks, not the warm-up). */
  of(keys: Set<string>): number[] {
    return this.latency.filter((_, i) => keys.has(this.keys[i]));
  }

  count(keys: Set<string>): number {
    return this.keys.reduce((n, k) => n + (keys.has(k) ? 1 : 0), 0);
  }
}

type Send = (p: PlannedPost, i: number) => Promise<{ status: number; key?: string; ms: number }>;

/** One system under measurement and what its blocks add up to. */
class System {
  readonly rec = new Recorder();
  readonly accepted = new Set<string>();
  readonly failed: Record<string, number> = {};
  readonly http: number[] = [];
  readonly cpu: CpuReport[] = [];
  /** This process's event-loop delay per block (beyond the sampling interval), ms. */
  readonly loop: { p50: number; p99: number; max: number }[] = [];
  sockets: Socket[] = [];
  activeMs = 0;
  maxScheduleLagMs = 0;
  heldBack = 0;
  send!: Send;

  constructor(
    readonly label: string,
    readonly pids: Record<string, number>,
  ) {}

  async fire(p: PlannedPost, i: number, keys?: Set<string>): Promise<void> {
    try {
      const r = await this.send(p, i);
      if (!keys) return;
      this.http.push(r.ms);
      if (r.key) {
        this.accepted.add(r.key);
        keys.add(r.key);
      } else this.failed[String(r.status)] = (this.failed[String(r.status)] ?? 0) + 1;
    } catch (err) {
      if (!keys) return;
      const k = (err as Error).message.slice(0, 60);
      this.failed[k] = (this.failed[k] ?? 0) + 1;
    }
  }

  /** Drives posts [from, from + n) of the plan at RATE and waits for their deliveries. */
  async block(plan: PlannedPost[], from: number, n: number): Promise<void> {
    const keys = new Set<string>();
    const meter = cpuMeter(this.pids);
    // A histogram per block: one re-enabled after a pause would count the pause as a delay.
    const loop: IntervalHistogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    loop.enable();
    const t0 = nowMs();
    const stats = await drive(n, RATE, (i) => this.fire(plan[from + i], from + i, keys));
    this.maxScheduleLagMs = Math.max(this.maxScheduleLagMs, stats.maxScheduleLagMs);
    this.heldBack += stats.heldBack;
    const until = Date.now() + DRAIN_MS;
    while (Date.now() < until && this.rec.count(keys) < keys.size * MEMBERS) await sleep(50);
    this.activeMs += Math.max(this.rec.lastAt, t0) - t0;
    loop.disable();
    const ms = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
    this.loop.push({ p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) });
    this.cpu.push(meter.stop());
  }

  result() {
    const latencies = this.rec.of(this.accepted);
    const expected = this.accepted.size * MEMBERS;
    return {
      sent: POSTS,
      accepted: this.accepted.size,
      failed: this.failed,
      expectedDeliveries: expected,
      deliveries: latencies.length,
      missing: expected - latencies.length,
      duplicates: this.rec.duplicates,
      outOfOrder: this.rec.outOfOrder,
      latencyMs: summarize(latencies),
      deliveriesPerSecond: latencies.length / (this.activeMs / 1000),
      httpMs: summarize(this.http),
      maxScheduleLagMs: this.maxScheduleLagMs,
      heldBack: this.heldBack,
      payloadBytes: this.rec.payloadBytes,
      benchEventLoopDelayMs: {
        p50: summarize(this.loop.map((l) => l.p50)).p50,
        /** The worst block's p99. */
        p99: Math.max(...this.loop.map((l) => l.p99)),
        max: Math.max(...this.loop.map((l) => l.max)),
      },
      cpu: combine(this.cpu),
    };
  }
}

/** CPU reports of several blocks as one, weighted by their length. */
function combine(reports: CpuReport[]): CpuReport {
  const seconds = reports.reduce((a, r) => a + r.seconds, 0);
  const avg = (f: (r: CpuReport) => number) => round(reports.reduce((a, r) => a + f(r) * r.seconds, 0) / seconds, 0);
  const names = [...new Set(reports.flatMap((r) => Object.keys(r.processes)))];
  return {
    seconds: round(seconds, 1),
    machineBusyPct: avg((r) => r.machineBusyPct),
    processes: Object.fromEntries(names.map((k) => [k, avg((r) => r.processes[k] ?? 0)])),
  };
}

function plan(): PlannedPost[] {
  const rnd = prng(20251120);
  return Array.from({ length: WARMUP + POSTS }, (_, i) => ({
    community: i % COMMUNITIES,
    author: Math.floor(rnd() * MEMBERS),
    kind: i % THREAD_EVERY === THREAD_EVERY - 1 ? 'thread' : 'reply',
    thread: Math.floor(rnd() * THREADS_EACH),
    body: `Benchmark post ${i}. Thanks for sharing this, it helps to hear how the week went for you.`,
  }));
}

runBench('delivery', 900, async (run) => {
  const machine = await machineInfo(run);
  const posts = plan();

  // Ours: the gateway, 1,000 members with sessions, two published threads per community.
  const communities = await seedCommunities(run, {
    communities: COMMUNITIES,
    membersEach: MEMBERS,
    postingDelaySeconds: 0,
  });
  const gateway = await startGateway(run);
  const threads = await publishedThreads(gateway.url, run.db, communities, THREADS_EACH);
  const ours = new System('gateway', { gateway: gateway.pid });
  let template: PostReleasedEvent | undefined;
  const members = communities.flatMap((c) => c.members);
  let t0 = nowMs();
  ours.sockets = await connectAll(
    gateway.url,
    members.map((m) => ({ token: m.token })),
    (socket, i) =>
      socket.on('post.released', (e: PostReleasedEvent) => {
        ours.rec.record(i, e.data.post.id, e.seq, e.at, () => JSON.stringify(e).length);
        template ??= e;
      }),
  );
  say(
    `${ours.sockets.length} sockets connected to the gateway and caught up in ${((nowMs() - t0) / 1000).toFixed(1)} s`,
  );
  run.onCleanup('close the gateway sockets', () => closeAll(ours.sockets));
  ours.send = async (p) => {
    const c = communities[p.community];
    const author = c.members[p.author];
    const r =
      p.kind === 'thread'
        ? await postJson<{ post?: { id: string } }>(
            `${gateway.url}/api/boards/${c.boards.community}/threads`,
            author.token,
            { title: 'A new thread from the benchmark', body: p.body },
          )
        : await postJson<{ id?: string }>(
            `${gateway.url}/api/threads/${threads.get(c.id)![p.thread]}/posts`,
            author.token,
            { body: p.body },
          );
    const body = r.body as { post?: { id: string }; id?: string };
    return { status: r.status, key: r.status === 202 ? (body.post?.id ?? body.id) : undefined, ms: r.ms };
  };

  // Baseline: the bare server and its own 1,000 clients in 50 rooms.
  const bare = await startHelper<{ url: string }>(run, 'bench/bare-server.ts');
  say(`bare socket.io server up at ${bare.url} (pid ${bare.pid})`);
  const base = new System('bare socket.io', { 'bare server': bare.pid });
  t0 = nowMs();
  base.sockets = await connectAll(
    bare.url,
    Array.from({ length: COMMUNITIES * MEMBERS }, (_, i) => ({ room: `c${Math.floor(i / MEMBERS)}` })),
    (socket, i) =>
      socket.on('post.released', (e: PostReleasedEvent) =>
        base.rec.record(i, String(e.seq), e.seq, e.at, () => JSON.stringify(e).length),
      ),
  );
  say(`${base.sockets.length} sockets connected to the bare server in ${((nowMs() - t0) / 1000).toFixed(1)} s`);
  run.onCleanup('close the bare server sockets', () => closeAll(base.sockets));
  base.send = async (p, i) => {
    if (!template) throw new Error('no post.released event to copy yet');
    const payload: PostReleasedEvent = {
      ...template,
      seq: i + 1,
      at: '',
      data: { ...template.data, post: { ...template.data.post, body: p.body, seq: i + 1 } },
    };
    const t = nowMs();
    const res = await fetch(`${bare.url}/emit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ room: `c${p.community}`, event: 'post.released', payload }),
    });
    await res.arrayBuffer();
    return { status: res.status, key: res.status === 204 ? String(i + 1) : undefined, ms: nowMs() - t };
  };

  // Warm-up (not measured), ours first: the baseline copies its payload from a real event.
  say(`warm-up: ${WARMUP} posts at ${RATE}/s to each system (not measured) ...`);
  for (const sys of [ours, base]) {
    await drive(WARMUP, RATE, (i) => sys.fire(posts[i], i));
    await sleep(1000);
  }
  if (!template) throw new Error('no post.released event was received during the warm-up');

  const quiet = await awaitQuiet();
  say(
    `measuring: ${POSTS} posts at ${RATE}/s per system, in alternating blocks of ${BLOCK} (${COMMUNITIES * MEMBERS} sockets each) ...`,
  );
  for (let from = 0, b = 0; from < POSTS; from += BLOCK, b++) {
    const n = Math.min(BLOCK, POSTS - from);
    for (const sys of b % 2 === 0 ? [ours, base] : [base, ours]) {
      await sys.block(posts, WARMUP + from, n);
      await sleep(500);
    }
    say(`  block ${b + 1}: ${from + n}/${POSTS}`);
  }

  const trace = await gateway.trace();
  closeAll(ours.sockets);
  closeAll(base.sockets);
  const gatewayLog = gateway.logLines();
  await gateway.stop();
  await bare.stop();

  const o = ours.result();
  const b = base.result();
  for (const [sys, r] of [
    [ours, o],
    [base, b],
  ] as const) {
    const l = r.latencyMs;
    say(
      `${sys.label}: ${r.deliveries}/${r.expectedDeliveries} deliveries, latency p50 ${fmt(l.p50)} ms, p99 ${fmt(l.p99)} ms, max ${fmt(l.max)} ms; ` +
        `missing ${r.missing}, duplicates ${r.duplicates}, out of order ${r.outOfOrder}; payload ${r.payloadBytes} bytes; ` +
        `bench event-loop delay p99 ${fmt(r.benchEventLoopDelayMs.p99)} ms`,
    );
    say(`${sys.label}: ${formatCpu(r.cpu)}`);
    const disturbed = disturbance(r.cpu);
    if (disturbed) say(`${sys.label}: ${disturbed}`);
  }
  if (trace) say(formatTrace(trace));

  const ratio = o.latencyMs.p99 / b.latencyMs.p99;
  const row = (name: string, r: typeof o) => [
    name,
    `${r.deliveries}/${r.expectedDeliveries}`,
    fmt(r.latencyMs.p50),
    fmt(r.latencyMs.p90),
    fmt(r.latencyMs.p99),
    fmt(r.latencyMs.max),
    fmt(r.deliveriesPerSecond, 0),
    fmt(r.httpMs.p50),
    fmt(r.httpMs.p99),
  ];
  say('');
  say(
    `Delivery latency, ${COMMUNITIES} communities x ${MEMBERS} members = ${COMMUNITIES * MEMBERS} sockets per system, ${POSTS} posts at ${RATE}/s:`,
  );
  say(
    table(
      ['', 'deliveries', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'deliveries/s', 'send p50 ms', 'send p99 ms'],
      [row('gateway', o), row('bare socket.io', b)],
    ),
  );
  say(`p99 ratio gateway / bare: ${fmt(ratio, 2)} (goal <= 1.5: ${ratio <= 1.5 ? 'met' : 'NOT met'})`);
  if (gatewayLog.length > 0) say(`gateway logged ${gatewayLog.length} warn/error lines; first: ${gatewayLog[0]}`);
  writeResults(run, {
    machine,
    params: {
      communities: COMMUNITIES,
      members: MEMBERS,
      posts: POSTS,
      rate: RATE,
      warmup: WARMUP,
      block: BLOCK,
      threadEvery: THREAD_EVERY,
    },
    quietBefore: quiet,
    ours: o,
    baseline: b,
    p99Ratio: ratio,
    trace,
    gatewayLog: gatewayLog.slice(0, 50),
  });
});
