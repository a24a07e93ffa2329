/**
 * Post-to-delivery latency with three gateway processes (as `npm run cluster` runs them), against
 * one gateway process and against a bare socket.io server, with the load of bench/delivery.ts:
 * 50 communities x 20 members = 1,000 sockets, posts at 25/s, open loop.
 *
 * Phases, one after the other on the same database and Redis prefix (each gateway is stopped
 * before the next phase starts, so no other process takes its release jobs):
 * 1. one gateway: all 1,000 sockets and all posts on it;
 * 2. three gateways, direct: member i's socket goes straight to gateway i mod 3 (its own port),
 *    so every community has members on all three and each delivery crosses the Redis adapter;
 *    post i is sent to gateway i mod 3;
 * 3. three gateways through the front proxy (scripts/front-proxy.ts in its own process, as
 *    `npm run cluster` serves them): sockets and posts all go to the proxy's one address, which
 *    spreads new websockets and API requests round-robin.
 * The bare server (bench/bare-server.ts) and its own 1,000 clients stay up throughout; within
 * each phase the gateway(s) and the bare server are driven in alternating blocks, so each phase
 * has its own baseline taken under the same conditions.
 *
 * Run: SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register bench/cluster.ts
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PostReleasedEvent } from '@p2p/contract';
import type { Socket } from 'socket.io-client';
import { closeAll, connectAll, drive } from './lib/clients';
import { LoadParams, System, THREADS_EACH, THREAD_EVERY, bareSender, gatewaySender, plan } from './lib/delivery-load';
import { disturbance, formatCpu } from './lib/cpu';
import { envInt, nowMs, say } from './lib/env';
import { Child, awaitQuiet, startGateway, startHelper } from './lib/gateway';
import { runBench } from './lib/harness';
import { machineInfo } from './lib/machine';
import { fmt, table, writeResults } from './lib/stats';
import { publishedThreads, seedCommunities } from './lib/seed';

const COMMUNITIES = envInt('BENCH_COMMUNITIES', 50, 1, 200);
const MEMBERS = envInt('BENCH_MEMBERS', 20, 1, 100);
const POSTS = envInt('BENCH_POSTS', 1000, 1, 20_000);
const RATE = envInt('BENCH_RATE', 25, 1, 1000);
const WARMUP = envInt('BENCH_WARMUP_POSTS', 100, 0, 5000);
const BLOCK = envInt('BENCH_BLOCK_POSTS', 200, 1, 20_000);
const LOAD: LoadParams = { communities: COMMUNITIES, members: MEMBERS, posts: POSTS, rate: RATE, warmup: WARMUP };

const PHASES = [
  { name: 'one gateway', gateways: 1, proxy: false },
  { name: 'three gateways, direct', gateways: 3, proxy: false },
  { name: 'three gateways, front proxy', gateways: 3, proxy: true },
] as const;
/** BENCH_PHASES=1,2 runs only those. */
const CHOSEN = (process.env.BENCH_PHASES ?? '1,2,3').split(',').map((s) => PHASES[Number(s) - 1]);
if (CHOSEN.some((p) => !p)) throw new Error('BENCH_PHASES lists phases 1, 2 and 3, e.g. "1,2".');

runBench('cluster', 1800, async (run) => {
  const machine = await machineInfo(run);
  const perPhase = WARMUP + POSTS;
  const all = plan({ ...LOAD, warmup: 0, posts: CHOSEN.length * perPhase });
  const communities = await seedCommunities(run, {
    communities: COMMUNITIES,
    membersEach: MEMBERS,
    postingDelaySeconds: 0,
  });
  const members = communities.flatMap((c) => c.members);

  // The bare server and its 1,000 clients, up throughout; deliveries go to the phase's baseline.
  const bare = await startHelper<{ url: string }>(run, 'bench/bare-server.ts');
  say(`bare socket.io server up at ${bare.url} (pid ${bare.pid})`);
  let base: System | undefined;
  const bareSockets = await connectAll(
    bare.url,
    Array.from({ length: COMMUNITIES * MEMBERS }, (_, i) => ({ room: `c${Math.floor(i / MEMBERS)}` })),
    (socket, i) =>
      socket.on('post.released', (e: PostReleasedEvent) =>
        base?.rec.record(i, String(e.seq), e.seq, e.at, () => JSON.stringify(e).length),
      ),
  );
  run.onCleanup('close the bare server sockets', () => closeAll(bareSockets));

  let template: PostReleasedEvent | undefined;
  let threads: Map<string, string[]> | undefined;
  type Result = ReturnType<System['result']>;
  const results: { phase: string; quietBefore: unknown; ours: Result; baseline: Result; gatewayLog: string[] }[] = [];
  for (const [k, phase] of CHOSEN.entries()) {
    const posts = all.slice(k * perPhase, (k + 1) * perPhase);
    say(`\n## phase: ${phase.name}`);
    const gateways: Child[] = [];
    for (let g = 0; g < phase.gateways; g++) gateways.push(await startGateway(run));
    threads ??= await publishedThreads(gateways[0].url, run.db, communities, THREADS_EACH);
    const front = phase.proxy
      ? await startHelper<{ url: string }>(run, 'bench/front.ts', {
          BENCH_UPSTREAMS: gateways.map((g) => new URL(g.url).port).join(','),
        })
      : undefined;
    if (front) say(`front proxy up at ${front.url} (pid ${front.pid})`);
    const pids: Record<string, number> = Object.fromEntries(
      gateways.map((g, i) => [gateways.length === 1 ? 'gateway' : `gateway ${i + 1}`, g.pid]),
    );
    if (front) pids['front proxy'] = front.pid;

    const ours = new System(phase.name, pids, LOAD);
    const n = front ? 1 : gateways.length;
    const urlOf = (i: number) => front?.url ?? gateways[i % n].url;
    const t0 = nowMs();
    const sockets: Socket[] = [];
    for (let g = 0; g < n; g++) {
      const mine = members.map((m, i) => ({ m, i })).filter(({ i }) => i % n === g);
      sockets.push(
        ...(await connectAll(
          urlOf(g),
          mine.map(({ m }) => ({ token: m.token })),
          (socket, j) =>
            socket.on('post.released', (e: PostReleasedEvent) => {
              ours.rec.record(mine[j].i, e.data.post.id, e.seq, e.at, () => JSON.stringify(e).length);
              template ??= e;
            }),
        )),
      );
    }
    ours.sockets = sockets;
    run.onCleanup(`close the sockets of ${phase.name}`, () => closeAll(sockets));
    say(
      `${sockets.length} sockets connected (${front ? 'through the front proxy' : `spread over ${n} gateway ports`}) in ${((nowMs() - t0) / 1000).toFixed(1)} s`,
    );
    ours.send = gatewaySender((_, i) => urlOf(i), communities, threads);
    base = new System(`bare socket.io (during ${phase.name})`, { 'bare server': bare.pid }, LOAD);
    base.send = bareSender(bare.url, () => template);

    say(`warm-up: ${WARMUP} posts at ${RATE}/s to each system (not measured) ...`);
    await drive(WARMUP, RATE, (i) => ours.fire(posts[i], i));
    await sleep(1000);
    if (!template) throw new Error('no post.released event was received during the warm-up');
    await drive(WARMUP, RATE, (i) => base!.fire(posts[i], i));
    await sleep(1000);

    const quiet = await awaitQuiet();
    say(`measuring: ${POSTS} posts at ${RATE}/s per system, in alternating blocks of ${BLOCK} ...`);
    for (let from = 0, b = 0; from < POSTS; from += BLOCK, b++) {
      const count = Math.min(BLOCK, POSTS - from);
      for (const sys of b % 2 === 0 ? [ours, base] : [base, ours]) {
        await sys.block(posts, WARMUP + from, count);
        await sleep(500);
      }
      say(`  block ${b + 1}: ${from + count}/${POSTS}`);
    }
    closeAll(sockets);
    const logs = gateways.flatMap((g) => g.logLines());
    await front?.stop();
    for (const g of gateways) await g.stop();

    const o = ours.result();
    const r = base.result();
    for (const [label, res] of [
      [phase.name, o],
      [base.label, r],
    ] as const) {
      const l = res.latencyMs;
      say(
        `${label}: ${res.deliveries}/${res.expectedDeliveries} deliveries, p50 ${fmt(l.p50)} ms, p99 ${fmt(l.p99)} ms, max ${fmt(l.max)} ms; ` +
          `missing ${res.missing}, duplicates ${res.duplicates}, out of order ${res.outOfOrder}`,
      );
      say(`${label}: ${formatCpu(res.cpu)}`);
      const d = disturbance(res.cpu);
      if (d) say(`${label}: ${d}`);
    }
    if (logs.length > 0) say(`gateways logged ${logs.length} warn/error lines; first: ${logs[0]}`);
    results.push({ phase: phase.name, quietBefore: quiet, ours: o, baseline: r, gatewayLog: logs.slice(0, 50) });
  }
  closeAll(bareSockets);
  await bare.stop();

  const row = (name: string, r: Result) => [
    name,
    `${r.deliveries}/${r.expectedDeliveries}`,
    fmt(r.latencyMs.p50),
    fmt(r.latencyMs.p90),
    fmt(r.latencyMs.p99),
    fmt(r.latencyMs.max),
    fmt(r.deliveriesPerSecond, 0),
    `${fmt(r.httpMs.p50)} / ${fmt(r.httpMs.p99)}`,
    String(r.cpu.processes['everything else'] ?? ''),
  ];
  say('');
  say(
    `Delivery latency, ${COMMUNITIES} communities x ${MEMBERS} members = ${COMMUNITIES * MEMBERS} sockets, ${POSTS} posts at ${RATE}/s per system (every ${THREAD_EVERY}th a new thread):`,
  );
  say(
    table(
      [
        '',
        'deliveries',
        'p50 ms',
        'p90 ms',
        'p99 ms',
        'max ms',
        'deliveries/s',
        'send p50 / p99 ms',
        'other work % core',
      ],
      results.flatMap((x) => [row(x.phase, x.ours), row(`bare socket.io (same phase)`, x.baseline)]),
    ),
  );
  for (const x of results) {
    say(`${x.phase}: p99 / bare p99 in the same phase = ${fmt(x.ours.latencyMs.p99 / x.baseline.latencyMs.p99, 2)}`);
  }
  writeResults(run, {
    machine,
    params: { ...LOAD, block: BLOCK, threadEvery: THREAD_EVERY, phases: CHOSEN.map((p) => p.name) },
    phases: results,
  });
});
