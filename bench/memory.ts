/**
 * Memory per connected member: the gateway process's RSS and V8 heap with 0, 2,000 and 4,000
 * authenticated members connected (spread over communities, joined to their rooms, idle), against
 * a bare socket.io server (bench/bare-server.ts) holding the same number of sockets in the same
 * number of rooms.
 *
 * Each server process is started with bench/lib/memory-probe.ts preloaded: on a signal it runs a
 * full garbage collection and reports process.memoryUsage(). Before the baseline reading, 100
 * sockets connect and leave again, so that code paths loaded on first use are not counted as
 * per-socket memory. Each reading is taken after the sockets have been idle for BENCH_SETTLE_S.
 * The 4,000 clients (socket.io-client, websocket only) run in this process; the gateway and the
 * bare server are measured one after the other, never both holding sockets at once.
 *
 * Run: ulimit -n 20000; SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register bench/memory.ts
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Socket } from 'socket.io-client';
import { closeAll, connectAll } from './lib/clients';
import { HeapGroup, heapDiff } from './lib/heap-diff';
import { envInt, nowMs, say } from './lib/env';
import { Child, awaitQuiet, preloadScript, startGateway, startHelper } from './lib/gateway';
import { runBench } from './lib/harness';
import { machineInfo } from './lib/machine';
import { fmt, round, table, writeResults } from './lib/stats';
import { seedCommunities } from './lib/seed';

const COMMUNITIES = envInt('BENCH_COMMUNITIES', 200, 1, 1000);
const MEMBERS = envInt('BENCH_MEMBERS', 20, 1, 100);
const SOCKETS = COMMUNITIES * MEMBERS;
const STEPS = [0, Math.floor(SOCKETS / 2), SOCKETS];
const WARM = Math.min(100, SOCKETS);
const SETTLE_S = envInt('BENCH_SETTLE_S', 10, 0, 600);
/** BENCH_HEAP_DIFF=1: heap snapshots at the first and last reading, and what grew (slow; use fewer sockets). */
const HEAP_DIFF = process.env.BENCH_HEAP_DIFF === '1';

interface Reading {
  sockets: number;
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  gc: boolean;
  gcMs: number;
  snapshot?: string;
}

/** Open-file limit of this process (the clients' sockets), from /proc. */
function openFileLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  const soft = line?.split(/\s+/)[3];
  return soft === 'unlimited' ? Infinity : Number(soft);
}

/** Asks the process for a GC and its memory (bench/lib/memory-probe.ts). */
async function probe(child: Child, file: string, sockets: number): Promise<Reading> {
  rmSync(file, { force: true });
  child.child.kill('SIGWINCH');
  for (let i = 0; i < 1200 && !existsSync(file); i++) await sleep(100);
  await sleep(50);
  const m = JSON.parse(readFileSync(file, 'utf8')) as Omit<Reading, 'sockets'>;
  return { sockets, ...m };
}

const mib = (b: number) => b / 2 ** 20;

runBench('memory', 1200, async (run) => {
  const limit = openFileLimit();
  if (limit < SOCKETS + 1000) {
    throw new Error(
      `the open-file limit is ${limit}; run \`ulimit -n ${SOCKETS + 2000}\` first (npm run bench:memory does)`,
    );
  }
  const machine = await machineInfo(run);
  const communities = await seedCommunities(run, {
    communities: COMMUNITIES,
    membersEach: MEMBERS,
    postingDelaySeconds: 0,
  });
  const members = communities.flatMap((c) => c.members);
  const probePreload = preloadScript(run, 'bench/lib/memory-probe.ts');

  /** Connects in steps, reading memory at each; returns the readings. */
  const measure = async (
    label: string,
    child: Child,
    file: string,
    auths: Record<string, unknown>[],
  ): Promise<{ readings: Reading[]; connectSeconds: number[]; grew?: (HeapGroup & { bytesPerSocket: number })[] }> => {
    // Warm-up: some sockets come and go, so first-use code and caches are not counted per socket.
    const warm = await connectAll(child.url, auths.slice(0, WARM), () => undefined);
    closeAll(warm);
    await sleep(2000);
    await awaitQuiet(envInt('BENCH_QUIET_WAIT_S', 30, 0, 3600));
    const readings: Reading[] = [];
    const connectSeconds: number[] = [];
    let sockets: Socket[] = [];
    for (const step of STEPS) {
      if (step > sockets.length) {
        const t0 = nowMs();
        const more = await connectAll(child.url, auths.slice(sockets.length, step), () => undefined);
        connectSeconds.push(round((nowMs() - t0) / 1000, 1));
        sockets = [...sockets, ...more];
        run.onCleanup(`close ${label} sockets`, () => closeAll(more));
      }
      await sleep(SETTLE_S * 1000);
      const r = await probe(child, file, sockets.length);
      readings.push(r);
      say(
        `  ${label}, ${r.sockets} sockets: RSS ${fmt(mib(r.rss))} MiB, heap used ${fmt(mib(r.heapUsed))} MiB ` +
          `(heap total ${fmt(mib(r.heapTotal))}, external ${fmt(mib(r.external))}) after a GC of ${fmt(r.gcMs, 0)} ms`,
      );
    }
    closeAll(sockets);
    await sleep(1000);
    let grew: (HeapGroup & { bytesPerSocket: number })[] | undefined;
    const [first, last] = [readings[0], readings[readings.length - 1]];
    if (first.snapshot && last.snapshot) {
      grew = heapDiff(first.snapshot, last.snapshot, 15).map((g) => ({
        ...g,
        bytesPerSocket: Math.round(g.bytes / last.sockets),
      }));
      say(`  ${label}: what grew on the heap from 0 to ${last.sockets} sockets (self size; by constructor or type):`);
      say(
        table(
          ['', 'count', 'KiB', 'bytes/socket'],
          grew.map((g) => [g.name, g.count, fmt(g.bytes / 1024, 0), g.bytesPerSocket]),
        ),
      );
    }
    return { readings, connectSeconds, grew };
  };
  const snapshots = HEAP_DIFF ? mkdtempSync(path.join(os.tmpdir(), 'p2p-bench-heap-')) : undefined;
  if (snapshots) run.onCleanup('remove the heap snapshots', () => rmSync(snapshots, { recursive: true, force: true }));
  const snapshotEnv: Record<string, string> = snapshots ? { BENCH_HEAP_SNAPSHOTS: snapshots } : {};

  // The gateway, 4,000 members with sessions.
  const gatewayFile = path.join(os.tmpdir(), `p2p-bench-memory-${run.id}-gateway.json`);
  run.onCleanup('remove the gateway memory file', () => rmSync(gatewayFile, { force: true }));
  const gateway = await startGateway(
    run,
    { BENCH_MEMORY_FILE: gatewayFile, ...snapshotEnv },
    { trace: false, preload: [probePreload] },
  );
  const ours = await measure(
    'gateway',
    gateway,
    gatewayFile,
    members.map((m) => ({ token: m.token })),
  );
  const gatewayLog = gateway.logLines();
  await gateway.stop();

  // The bare server: the same number of sockets in the same number of rooms.
  const bareFile = path.join(os.tmpdir(), `p2p-bench-memory-${run.id}-bare.json`);
  run.onCleanup('remove the bare server memory file', () => rmSync(bareFile, { force: true }));
  const bare = await startHelper<{ url: string }>(
    run,
    'bench/bare-server.ts',
    { BENCH_MEMORY_FILE: bareFile, ...snapshotEnv },
    [probePreload],
  );
  const base = await measure(
    'bare socket.io',
    bare,
    bareFile,
    Array.from({ length: SOCKETS }, (_, i) => ({ room: `c${Math.floor(i / MEMBERS)}` })),
  );
  await bare.stop();

  const perSocket = (rs: Reading[], key: 'rss' | 'heapUsed' | 'external', from = 0) =>
    (rs[rs.length - 1][key] - rs[from][key]) / (rs[rs.length - 1].sockets - rs[from].sockets);
  const summary = (rs: Reading[]) => ({
    rssPerSocketBytes: Math.round(perSocket(rs, 'rss')),
    heapUsedPerSocketBytes: Math.round(perSocket(rs, 'heapUsed')),
    externalPerSocketBytes: Math.round(perSocket(rs, 'external')),
    /** From the middle step to the last: the cost of one more socket once many are there. */
    rssPerSocketSecondHalfBytes: Math.round(perSocket(rs, 'rss', 1)),
    heapUsedPerSocketSecondHalfBytes: Math.round(perSocket(rs, 'heapUsed', 1)),
  });
  const o = summary(ours.readings);
  const b = summary(base.readings);
  const kib = (x: number) => fmt(x / 1024, 1);
  const row = (name: string, rs: Reading[], s: typeof o) => [
    name,
    `${fmt(mib(rs[0].rss))} → ${fmt(mib(rs[rs.length - 1].rss))}`,
    `${fmt(mib(rs[0].heapUsed))} → ${fmt(mib(rs[rs.length - 1].heapUsed))}`,
    kib(s.rssPerSocketBytes),
    kib(s.heapUsedPerSocketBytes),
    kib(s.externalPerSocketBytes),
    `${kib(s.rssPerSocketSecondHalfBytes)} / ${kib(s.heapUsedPerSocketSecondHalfBytes)}`,
  ];
  say('');
  say(`Memory with ${SOCKETS} idle sockets (${COMMUNITIES} communities/rooms x ${MEMBERS}), after a full GC:`);
  say(
    table(
      [
        '',
        'RSS MiB (0 → all)',
        'heap used MiB',
        'RSS KiB/socket',
        'heap KiB/socket',
        'external KiB/socket',
        'second half RSS / heap KiB/socket',
      ],
      [row('gateway', ours.readings, o), row('bare socket.io', base.readings, b)],
    ),
  );
  say(
    `gateway / bare per socket: RSS ${fmt(o.rssPerSocketBytes / b.rssPerSocketBytes, 2)}x, heap ${fmt(o.heapUsedPerSocketBytes / b.heapUsedPerSocketBytes, 2)}x`,
  );
  if (gatewayLog.length > 0) say(`gateway logged ${gatewayLog.length} warn/error lines; first: ${gatewayLog[0]}`);
  writeResults(run, {
    machine,
    params: { communities: COMMUNITIES, members: MEMBERS, sockets: SOCKETS, steps: STEPS, settleSeconds: SETTLE_S },
    ours: { ...ours, perSocket: o },
    baseline: { ...base, perSocket: b },
    gatewayLog: gatewayLog.slice(0, 50),
  });
});
