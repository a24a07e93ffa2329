/**
 * Opt-in diagnostics for the gateway under test (BENCH_TRACE=1): preloaded into the gateway
 * process with `-r`, it times, from outside the app's code, where a release and a delivery spend
 * their time. It wraps pg's Client#query and socket.io's BroadcastOperator#emit and recognises
 * the release's statements by their SQL (posts/publish.ts, posts/release.service.ts): the fast
 * path's read ahead and one gated statement, and the careful path's transaction. The numbers
 * are written to BENCH_TRACE_FILE on SIGWINCH (Nest's shutdown hooks take SIGUSR2). Instrumented runs are slightly slower: the
 * headline numbers come from runs without it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Client } from 'pg';

const now = (): number => performance.timeOrigin + performance.now();
const samples: Record<string, number[]> = {};
const add = (k: string, v: number): void => void (samples[k] ??= []).push(v);
/** communityId:seq -> when the release's COMMIT was answered. */
const committed = new Map<string, number>();
/** postId -> when the worker should look again (answer of a "not yet" + its wait). */
const wakeAt = new Map<string, number>();
/** postId -> when it is due by the read ahead (its answer + the wait it gave). */
const dueAt = new Map<string, number>();
const noop = (): void => undefined;
/** The first query of a kind, as sent (bench/page-depth.ts replays the thread-page query). */
const captured: Record<string, { text: string; params: unknown[] }> = {};

interface Traced {
  benchDueAt?: number;
  benchSeqKey?: string;
  benchSeqAt?: number;
}
interface Rows {
  rows?: Record<string, unknown>[];
}

export const TRACE_KEYS = {
  ahead: 'release (fast): read ahead (post, thread, wait, versions)',
  late: 'release (fast): due (read ahead + wait) -> gated statement sent',
  gated: 'release (fast): gated statement (lock waits, seq, 4 writes, commit)',
  refused: 'release (fast): gated statements that changed nothing (count, not ms)',
  select: 'release: SELECT ... FOR UPDATE (post row)',
  wake: 'release: "not yet" answered + wait -> next look sent (empty COMMIT, timer, BEGIN)',
  before: 'release: due post locked -> seq requested (re-reads, guideline check)',
  seq: 'release: take seq (UPDATE communities; waits for the community row lock)',
  rest: 'release: seq taken -> COMMIT sent (3 more writes, 2 reads, rendering)',
  commit: 'release: COMMIT',
  dispatch: 'deliver: COMMIT answered -> emit',
  total: 'deliver: at -> emit (server side in all)',
  emit: 'deliver: emit call (encode, write to the sockets)',
  bulkSize: 'queue: jobs per addBulk (count, not ms)',
} as const;

const query = Client.prototype.query as unknown as (this: Client, ...args: unknown[]) => unknown;
(Client.prototype as unknown as { query: unknown }).query = function (this: Client & Traced, ...args: unknown[]) {
  const first = args[0] as string | { text?: string } | undefined;
  const text = typeof first === 'string' ? first : (first?.text ?? '');
  const params = Array.isArray(args[1]) ? (args[1] as unknown[]) : [];
  if (!captured.threadPage && /ORDER BY p\.event_seq\s+LIMIT/.test(text)) captured.threadPage = { text, params };
  const t0 = now();
  const ret = query.apply(this, args);
  if (!(ret instanceof Promise)) return ret;
  const done = ret as Promise<Rows>;
  if (text.includes('AS row_version') && !text.includes('FOR UPDATE')) {
    const postId = String(params[0]);
    done.then((r) => {
      const t = now();
      add(TRACE_KEYS.ahead, t - t0);
      const row = r.rows?.[0];
      if (row && row.status === 'pending') dueAt.set(postId, t + Math.max(0, Number(row.wait_ms)));
    }, noop);
  } else if (text.includes('FOR UPDATE OF p\n), s AS')) {
    const postId = String(params[1]);
    const due = dueAt.get(postId);
    if (due !== undefined) add(TRACE_KEYS.late, t0 - due);
    dueAt.delete(postId);
    done.then((r) => {
      const t = now();
      add(TRACE_KEYS.gated, t - t0);
      const row = r.rows?.[0];
      if (row) committed.set(`${String(params[0])}:${String(row.seq)}`, t);
      else add(TRACE_KEYS.refused, 1);
    }, noop);
  } else if (text.includes('WHERE p.id = $1 FOR UPDATE OF p')) {
    const postId = String(params[0]);
    const wake = wakeAt.get(postId);
    if (wake !== undefined) {
      add(TRACE_KEYS.wake, t0 - wake);
      wakeAt.delete(postId);
    }
    done.then((r) => {
      add(TRACE_KEYS.select, now() - t0);
      const row = r.rows?.[0];
      if (row && row.status === 'pending' && Number(row.wait_ms) > 0) wakeAt.set(postId, now() + Number(row.wait_ms));
      else if (row && row.status === 'pending') this.benchDueAt = now();
    }, noop);
  } else if (text.includes('SET last_event_seq = last_event_seq + 1') && !text.includes('EXISTS (SELECT 1 FROM g)')) {
    if (this.benchDueAt !== undefined) add(TRACE_KEYS.before, t0 - this.benchDueAt);
    this.benchDueAt = undefined;
    done.then((r) => {
      const t = now();
      add(TRACE_KEYS.seq, t - t0);
      this.benchSeqKey = `${String(params[0])}:${String(r.rows?.[0]?.seq)}`;
      this.benchSeqAt = t;
    }, noop);
  } else if (text === 'COMMIT' && this.benchSeqKey) {
    const key = this.benchSeqKey;
    add(TRACE_KEYS.rest, t0 - this.benchSeqAt!);
    this.benchSeqKey = undefined;
    done.then(() => {
      const t = now();
      add(TRACE_KEYS.commit, t - t0);
      committed.set(key, t);
    }, noop);
  } else if (text === 'ROLLBACK') {
    this.benchSeqKey = undefined;
    this.benchDueAt = undefined;
  }
  return ret;
};

// socket.io's package exports map hides its internals; the absolute path reaches the same module.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BroadcastOperator } = require(
  path.join(path.dirname(require.resolve('socket.io')), 'broadcast-operator.js'),
) as {
  BroadcastOperator: { prototype: { emit: (this: unknown, ev: string, ...args: unknown[]) => boolean } };
};
const emit = BroadcastOperator.prototype.emit;
BroadcastOperator.prototype.emit = function (this: unknown, ev: string, ...args: unknown[]): boolean {
  if (ev !== 'post.released') return emit.call(this, ev, ...args);
  const t = now();
  const p = args[0] as { communityId: string; seq: number; at: string };
  const key = `${p.communityId}:${p.seq}`;
  const c = committed.get(key);
  if (c !== undefined) {
    add(TRACE_KEYS.dispatch, t - c);
    committed.delete(key);
  }
  add(TRACE_KEYS.total, t - Date.parse(p.at));
  const result = emit.call(this, ev, ...args);
  add(TRACE_KEYS.emit, now() - t);
  return result;
};

// BullMQ's Queue#addBulk: the release reconciler re-adds every coming post's job on each pass.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Queue } = require('bullmq') as {
  Queue: { prototype: { addBulk: (this: unknown, jobs: unknown[]) => Promise<unknown> } };
};
const addBulk = Queue.prototype.addBulk;
Queue.prototype.addBulk = function (this: unknown, jobs: unknown[]): Promise<unknown> {
  const t0 = now();
  const result = addBulk.call(this, jobs);
  add('queue: addBulk call, synchronous part', now() - t0);
  void result.then(() => {
    add('queue: addBulk until answered', now() - t0);
    add(TRACE_KEYS.bulkSize, jobs.length);
  }, noop);
  return result;
};

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();

process.on('SIGWINCH', () => {
  const file = process.env.BENCH_TRACE_FILE;
  if (!file) return;
  writeFileSync(
    file,
    JSON.stringify({
      samples,
      captured,
      eventLoopDelayMs: {
        p50: loop.percentile(50) / 1e6,
        p99: loop.percentile(99) / 1e6,
        max: loop.max / 1e6,
      },
    }),
  );
});
