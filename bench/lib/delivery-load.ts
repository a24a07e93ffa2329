/**
 * The post-to-delivery load of bench/delivery.ts, shared with bench/cluster.ts: the plan of posts,
 * a recorder of deliveries (latency, duplicates, order per socket), a system under measurement
 * driven in open-loop blocks, and the gateway / bare-server senders.
 */
import { IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { PostReleasedEvent } from '@p2p/contract';
import type { Socket } from 'socket.io-client';
import { drive, prng } from './clients';
import { CpuReport, cpuMeter } from './cpu';
import { nowMs } from './env';
import { round, summarize } from './stats';
import { SeededCommunity, postJson } from './seed';

/** The load's shape; both systems of a comparison get the same. */
export interface LoadParams {
  communities: number;
  members: number;
  /** Measured posts per system. */
  posts: number;
  /** Posts per second, open loop. */
  rate: number;
  warmup: number;
}

export const THREADS_EACH = 2;
/** One post in this many starts a thread; the rest reply. */
export const THREAD_EVERY = 10;
/** How long to wait for a block's stragglers after its last answer. */
const DRAIN_MS = 15_000;
/** monitorEventLoopDelay's sampling interval, which it includes in every sample. */
const LOOP_RESOLUTION_MS = 5;

export interface PlannedPost {
  community: number;
  author: number;
  kind: 'thread' | 'reply';
  thread: number;
  body: string;
}

/** Collects deliveries: for each (socket, message) the latency; duplicates and order per socket. */
export class Recorder {
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

export type Send = (p: PlannedPost, i: number) => Promise<{ status: number; key?: string; ms: number }>;

/** One system under measurement and what its blocks add up to. */
export class System {
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
    readonly load: LoadParams,
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
    const stats = await drive(n, this.load.rate, (i) => this.fire(plan[from + i], from + i, keys));
    this.maxScheduleLagMs = Math.max(this.maxScheduleLagMs, stats.maxScheduleLagMs);
    this.heldBack += stats.heldBack;
    const until = Date.now() + DRAIN_MS;
    while (Date.now() < until && this.rec.count(keys) < keys.size * this.load.members) await sleep(50);
    this.activeMs += Math.max(this.rec.lastAt, t0) - t0;
    loop.disable();
    const ms = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
    this.loop.push({ p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) });
    this.cpu.push(meter.stop());
  }

  result() {
    const latencies = this.rec.of(this.accepted);
    const expected = this.accepted.size * this.load.members;
    return {
      sent: this.load.posts,
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
export function combine(reports: CpuReport[]): CpuReport {
  const seconds = reports.reduce((a, r) => a + r.seconds, 0);
  const avg = (f: (r: CpuReport) => number) => round(reports.reduce((a, r) => a + f(r) * r.seconds, 0) / seconds, 0);
  const names = [...new Set(reports.flatMap((r) => Object.keys(r.processes)))];
  return {
    seconds: round(seconds, 1),
    machineBusyPct: avg((r) => r.machineBusyPct),
    processes: Object.fromEntries(names.map((k) => [k, avg((r) => r.processes[k] ?? 0)])),
  };
}

export function plan(load: LoadParams): PlannedPost[] {
  const rnd = prng(20251120);
  return Array.from({ length: load.warmup + load.posts }, (_, i) => ({
    community: i % load.communities,
    author: Math.floor(rnd() * load.members),
    kind: i % THREAD_EVERY === THREAD_EVERY - 1 ? 'thread' : 'reply',
    thread: Math.floor(rnd() * THREADS_EACH),
    body: `Benchmark post ${i}. Thanks for sharing this, it helps to hear how the week went for you.`,
  }));
}

/** Posts a planned post to a gateway: a new thread or a reply; the key is the post's id. */
export function gatewaySender(
  urlFor: (p: PlannedPost, i: number) => string,
  communities: SeededCommunity[],
  threads: Map<string, string[]>,
): Send {
  return async (p, i) => {
    const url = urlFor(p, i);
    const c = communities[p.community];
    const author = c.members[p.author];
    const r =
      p.kind === 'thread'
        ? await postJson<{ post?: { id: string } }>(`${url}/api/boards/${c.boards.community}/threads`, author.token, {
            title: 'A new thread from the benchmark',
            body: p.body,
          })
        : await postJson<{ id?: string }>(`${url}/api/threads/${threads.get(c.id)![p.thread]}/posts`, author.token, {
            body: p.body,
          });
    const body = r.body as { post?: { id: string }; id?: string };
    return { status: r.status, key: r.status === 202 ? (body.post?.id ?? body.id) : undefined, ms: r.ms };
  };
}

/** Sends a copy of a real post.released event (same size) to the bare server's /emit. */
export function bareSender(url: string, template: () => PostReleasedEvent | undefined): Send {
  return async (p, i) => {
    const t = template();
    if (!t) throw new Error('no post.released event to copy yet');
    const payload: PostReleasedEvent = {
      ...t,
      seq: i + 1,
      at: '',
      data: { ...t.data, post: { ...t.data.post, body: p.body, seq: i + 1 } },
    };
    const t0 = nowMs();
    const res = await fetch(`${url}/emit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ room: `c${p.community}`, event: 'post.released', payload }),
    });
    await res.arrayBuffer();
    return { status: res.status, key: res.status === 204 ? String(i + 1) : undefined, ms: nowMs() - t0 };
  };
}
