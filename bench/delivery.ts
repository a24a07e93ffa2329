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
import { setTimeout as sleep } from 'node:timers/promises';
import { PostReleasedEvent } from '@p2p/contract';
import { closeAll, connectAll, drive } from './lib/clients';
import { LoadParams, System, THREADS_EACH, THREAD_EVERY, bareSender, gatewaySender, plan } from './lib/delivery-load';
import { disturbance, formatCpu } from './lib/cpu';
import { envInt, nowMs, say } from './lib/env';
import { awaitQuiet, formatTrace, startGateway, startHelper } from './lib/gateway';
import { runBench } from './lib/harness';
import { machineInfo } from './lib/machine';
import { fmt, table, writeResults } from './lib/stats';
import { publishedThreads, seedCommunities } from './lib/seed';

const COMMUNITIES = envInt('BENCH_COMMUNITIES', 50, 1, 200);
const MEMBERS = envInt('BENCH_MEMBERS', 20, 1, 100);
const POSTS = envInt('BENCH_POSTS', 2000, 1, 20_000);
const RATE = envInt('BENCH_RATE', 25, 1, 1000);
const WARMUP = envInt('BENCH_WARMUP_POSTS', 100, 0, 5000);
const BLOCK = envInt('BENCH_BLOCK_POSTS', 200, 1, 20_000);
/** Also measure the bare server storing each message in PostgreSQL before emitting (1 = yes). */
const DURABLE = envInt('BENCH_DURABLE_BASELINE', 1, 0, 1) === 1;
const LOAD: LoadParams = { communities: COMMUNITIES, members: MEMBERS, posts: POSTS, rate: RATE, warmup: WARMUP };

runBench('delivery', 900, async (run) => {
  const machine = await machineInfo(run);
  const posts = plan(LOAD);

  // Ours: the gateway, 1,000 members with sessions, two published threads per community.
  const communities = await seedCommunities(run, {
    communities: COMMUNITIES,
    membersEach: MEMBERS,
    postingDelaySeconds: 0,
  });
  const gateway = await startGateway(run);
  const threads = await publishedThreads(gateway.url, run.db, communities, THREADS_EACH);
  const ours = new System('gateway', { gateway: gateway.pid }, LOAD);
  let template: PostReleasedEvent | undefined;
  const members = communities.flatMap((c) => c.members);
  const t0 = nowMs();
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
  ours.send = gatewaySender(() => gateway.url, communities, threads);

  // Baselines: the bare server (and, unless BENCH_DURABLE_BASELINE=0, the same server storing each
  // message in PostgreSQL before it emits), each with its own 1,000 clients in 50 rooms.
  const startBare = async (label: string, env: Record<string, string>) => {
    const bare = await startHelper<{ url: string }>(run, 'bench/bare-server.ts', env);
    say(`${label} up at ${bare.url} (pid ${bare.pid})`);
    const sys = new System(label, { [label]: bare.pid }, LOAD);
    const t = nowMs();
    sys.sockets = await connectAll(
      bare.url,
      Array.from({ length: COMMUNITIES * MEMBERS }, (_, i) => ({ room: `c${Math.floor(i / MEMBERS)}` })),
      (socket, i) =>
        socket.on('post.released', (e: PostReleasedEvent) =>
          sys.rec.record(i, String(e.seq), e.seq, e.at, () => JSON.stringify(e).length),
        ),
    );
    say(`${sys.sockets.length} sockets connected to the ${label} in ${((nowMs() - t) / 1000).toFixed(1)} s`);
    run.onCleanup(`close the ${label} sockets`, () => closeAll(sys.sockets));
    sys.send = bareSender(bare.url, () => template);
    return { sys, server: bare };
  };
  const bare = await startBare('bare socket.io', {});
  const base = bare.sys;
  const durable = DURABLE ? await startBare('bare + commit', { BARE_DATABASE_URL: run.databaseUrl }) : null;
  const systems = [ours, base, ...(durable ? [durable.sys] : [])];

  // Warm-up (not measured), ours first: the baseline copies its payload from a real event.
  say(`warm-up: ${WARMUP} posts at ${RATE}/s to each system (not measured) ...`);
  for (const sys of systems) {
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
    // Each block in another order (ours, bare, durable; bare, durable, ours; ...).
    for (const sys of [...systems.slice(b % systems.length), ...systems.slice(0, b % systems.length)]) {
      await sys.block(posts, WARMUP + from, n);
      await sleep(500);
    }
    say(`  block ${b + 1}: ${from + n}/${POSTS}`);
  }

  const trace = await gateway.trace();
  for (const sys of systems) closeAll(sys.sockets);
  const gatewayLog = gateway.logLines();
  await gateway.stop();
  await bare.server.stop();
  await durable?.server.stop();

  const o = ours.result();
  const b = base.result();
  const d = durable?.sys.result();
  for (const [sys, r] of [
    [ours, o] as const,
    [base, b] as const,
    ...(durable && d ? [[durable.sys, d] as const] : []),
  ]) {
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
      [row('gateway', o), row('bare socket.io', b), ...(d ? [row('bare + commit (PostgreSQL)', d)] : [])],
    ),
  );
  say(`p99 ratio gateway / bare: ${fmt(ratio, 2)} (goal <= 1.5: ${ratio <= 1.5 ? 'met' : 'NOT met'})`);
  if (d)
    say(
      `p99 ratio gateway / bare + commit: ${fmt(o.latencyMs.p99 / d.latencyMs.p99, 2)} (for reference, not the goal)`,
    );
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
    durableBaseline: d ?? null,
    p99Ratio: ratio,
    trace,
    gatewayLog: gatewayLog.slice(0, 50),
  });
});
