/**
 * Page fetch time at depth: one thread with 1,000,000 published posts, pages of 50 fetched at
 * depths 0, 10k, 100k, 500k and 990k.
 *
 * Ours: GET /api/threads/:tid/posts?limit=50&cursor=... over HTTP to the gateway (keyset: the
 * cursor is the last event_seq seen; see common/pagination.ts). To show the database's share,
 * the very SQL the gateway sends for that page (captured once from a short-lived gateway with the
 * bench/lib/gateway-trace.ts preload, then replayed with each depth) is also timed directly.
 * Baseline: the same page by plain OFFSET over the thread's page index
 * (WHERE thread_id AND status = 'published' AND event_seq IS NOT NULL ORDER BY event_seq OFFSET n
 * LIMIT 50), same columns. For reference, the keyset page on that same index (... AND event_seq > n).
 * Both predicates imply the page index's, whether it is partial on status = 'published' (before
 * migration 1763970000000) or on event_seq IS NOT NULL (after).
 *
 * Posts are inserted with generate_series, published, with increasing event_seq, and the thread
 * and community counters are set past them, as the migrations' constraints require.
 *
 * Run: SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register bench/page-depth.ts
 */
import { Client } from 'pg';
import type * as Pagination from '../apps/gateway/src/platform/http/pagination';
import type * as PostViews from '../apps/gateway/src/entries/post-views';
import { cpuMeter, disturbance, formatCpu } from './lib/cpu';
import { envInt, nowMs, say } from './lib/env';
import { awaitQuiet, startGateway } from './lib/gateway';
import { runBench } from './lib/harness';
import { machineInfo } from './lib/machine';
import { Summary, fmt, summarize, table, writeResults } from './lib/stats';
import { seedCommunities } from './lib/seed';

const POSTS = envInt('BENCH_POSTS', 1_000_000, 1000, 10_000_000);
const REPS = envInt('BENCH_REPS', 20, 1, 1000);
const LIMIT = 50;
/** A depth is repeated at most this long per method (OFFSET is the slow side). */
const BUDGET_MS = envInt('BENCH_BUDGET_MS', 30_000, 1000);
/** Depths for 1M posts, scaled to BENCH_POSTS, each leaving at least a full page after it. */
const DEPTHS = [0, 10_000, 100_000, 500_000, 990_000].map((d) =>
  Math.min(Math.round((d * POSTS) / 1_000_000), POSTS - LIMIT),
);
const CHUNK = 100_000;
/** Posts in the small thread beside the big one. */
const SMALL_THREAD = 60;
/** The cursor used once to capture the gateway's page query; recognisable among its parameters. */
const PROBE_DEPTH = 777;

type Timing = Summary & { first: number };

interface DepthResult {
  depth: number;
  http: Timing;
  gatewaySql: Timing;
  indexedKeysetSql: Timing;
  offsetSql: Timing;
}

/** One first call (reported as `first`), then up to `reps` timed calls within `budgetMs`. */
async function time(call: () => Promise<number>, expectFirstSeq: number): Promise<Timing> {
  const check = (seq: number) => {
    if (seq !== expectFirstSeq) throw new Error(`page started at seq ${seq}, expected ${expectFirstSeq}`);
  };
  let t = nowMs();
  check(await call());
  const first = nowMs() - t;
  const times: number[] = [];
  const until = nowMs() + BUDGET_MS;
  for (let i = 0; i < REPS && (i === 0 || nowMs() < until); i++) {
    t = nowMs();
    check(await call());
    times.push(nowMs() - t);
  }
  return { ...summarize(times), first };
}

runBench('page-depth', 900, async (run) => {
  const machine = await machineInfo(run);
  const { encodeCursor } = run.app<typeof Pagination>('apps/gateway/src/platform/http/pagination');
  const { POST_COLUMNS, POST_FROM } = run.app<typeof PostViews>('apps/gateway/src/entries/post-views');
  const indexedKeysetSql = `SELECT ${POST_COLUMNS} FROM ${POST_FROM}
  WHERE p.thread_id = $1 AND p.status = 'published' AND p.event_seq IS NOT NULL AND p.event_seq > $2
  ORDER BY p.event_seq LIMIT $3`;
  const offsetSql = `SELECT ${POST_COLUMNS} FROM ${POST_FROM}
  WHERE p.thread_id = $1 AND p.status = 'published' AND p.event_seq IS NOT NULL
  ORDER BY p.event_seq OFFSET $2 LIMIT $3`;

  const [community] = await seedCommunities(run, { communities: 1, membersEach: 20, postingDelaySeconds: 300 });
  const reader = community.members[5];
  const authors = community.members.map((m) => m.id);
  const pg = new Client({ connectionString: run.databaseUrl });
  await pg.connect();
  run.onCleanup('close the SQL client', () => pg.end());

  const [{ id: threadId }] = (
    await pg.query<{ id: string }>(
      `INSERT INTO threads (board_id, community_id, author_id, title) VALUES ($1, $2, $3, 'One very long thread') RETURNING id`,
      [community.boards.community, community.id, authors[0]],
    )
  ).rows;
  say(`inserting ${POSTS} published posts into one thread (generate_series, ${CHUNK} a statement) ...`);
  const t0 = nowMs();
  const base = Date.now() - POSTS * 1000 - 86_400_000;
  for (let from = 1; from <= POSTS; from += CHUNK) {
    const to = Math.min(POSTS, from + CHUNK - 1);
    await pg.query(
      `INSERT INTO posts (thread_id, board_id, community_id, author_id, is_opening, body, status,
                          created_at, release_at, released_at, event_seq)
       SELECT $1, $2, $3, ($4::uuid[])[1 + (n % $5)], n = 1,
              'Post ' || n || '. It has been a hard week, but the group on Tuesday helped. '
                || 'Thinking of everyone who could not make it; hope to see you *next time*.',
              'published',
              to_timestamp($6 / 1000.0) + n * interval '1 second',
              to_timestamp($6 / 1000.0) + n * interval '1 second' + interval '300 seconds',
              to_timestamp($6 / 1000.0) + n * interval '1 second' + interval '300.002 seconds',
              n
         FROM generate_series($7::bigint, $8::bigint) AS n`,
      [threadId, community.boards.community, community.id, authors, authors.length, base, from, to],
    );
    say(`  ${to} (${((nowMs() - t0) / 1000).toFixed(0)} s)`);
  }
  await pg.query(
    `UPDATE threads SET last_post_seq = $2::bigint, post_count = $2::int,
            last_post_at = (SELECT released_at FROM posts WHERE thread_id = $1 AND event_seq = $2::bigint)
      WHERE id = $1`,
    [threadId, POSTS],
  );
  // A small thread beside the big one: its first page shows whether a page costs what the thread
  // holds or what the whole posts table holds.
  const [{ id: smallThreadId }] = (
    await pg.query<{ id: string }>(
      `INSERT INTO threads (board_id, community_id, author_id, title) VALUES ($1, $2, $3, 'A short thread') RETURNING id`,
      [community.boards.community, community.id, authors[1]],
    )
  ).rows;
  await pg.query(
    `INSERT INTO posts (thread_id, board_id, community_id, author_id, is_opening, body, status,
                        created_at, release_at, released_at, event_seq)
     SELECT $1, $2, $3, $4, n = 1, 'A short reply ' || n, 'published', now() - interval '1 hour',
            now() - interval '55 minutes', now() - interval '55 minutes', $5::bigint + n
       FROM generate_series(1, ${SMALL_THREAD}) AS n`,
    [smallThreadId, community.boards.community, community.id, authors[1], POSTS],
  );
  await pg.query(
    `UPDATE threads SET last_post_seq = $2::bigint, post_count = ${SMALL_THREAD}, last_post_at = now() - interval '55 minutes'
      WHERE id = $1`,
    [smallThreadId, POSTS + SMALL_THREAD],
  );
  await pg.query(`UPDATE communities SET last_event_seq = $2 WHERE id = $1`, [community.id, POSTS + SMALL_THREAD]);
  const insertSeconds = (nowMs() - t0) / 1000;
  const tv = nowMs();
  await pg.query(`VACUUM (ANALYZE) posts`);
  const vacuumSeconds = (nowMs() - tv) / 1000;
  const [sizes] = (
    await pg.query<{ table: string; page_idx: string }>(
      `SELECT pg_size_pretty(pg_total_relation_size('posts')) AS table,
              pg_size_pretty(pg_relation_size('posts_thread_page_idx')) AS page_idx`,
    )
  ).rows;
  say(
    `inserted in ${insertSeconds.toFixed(0)} s, VACUUM ANALYZE ${vacuumSeconds.toFixed(0)} s; posts ${sizes.table} with indexes, posts_thread_page_idx ${sizes.page_idx}`,
  );

  const pageUrl = (url: string, depth: number, thread = threadId) =>
    `${url}/api/threads/${thread}/posts?limit=${LIMIT}${depth === 0 ? '' : `&cursor=${encodeCursor([depth])}`}`;
  const fetchPage = async (url: string, depth: number, thread = threadId) => {
    const res = await fetch(pageUrl(url, depth, thread), { headers: { authorization: `Bearer ${reader.token}` } });
    const body = (await res.json()) as { items?: { seq: number }[] };
    if (res.status !== 200 || body.items?.length !== LIMIT) throw new Error(`bad page: ${res.status}`);
    return body.items[0].seq;
  };

  // The gateway's own page query, captured once from a gateway with the trace preload.
  const probe = await startGateway(run, {}, { trace: true });
  await fetchPage(probe.url, PROBE_DEPTH);
  const captured = (await probe.trace())?.captured.threadPage;
  await probe.stop();
  if (!captured) throw new Error("could not capture the gateway's thread-page query");
  const gatewayParams = (depth: number) =>
    captured.params.map((p) => (Number(p) === PROBE_DEPTH ? (depth === 0 ? null : depth) : p));
  say(`the gateway's page query:\n${captured.text.trim()}\nparameters: ${JSON.stringify(captured.params)}`);

  const gateway = await startGateway(run);
  const quiet = await awaitQuiet();
  const cpu = cpuMeter({ gateway: gateway.pid });
  const results: DepthResult[] = [];
  const firstSeq = async (sql: string, params: unknown[]) =>
    Number((await pg.query<{ event_seq: string }>(sql, params)).rows[0].event_seq);
  for (const depth of DEPTHS) {
    const expect = depth + 1;
    const r: DepthResult = {
      depth,
      http: await time(() => fetchPage(gateway.url, depth), expect),
      gatewaySql: await time(() => firstSeq(captured.text, gatewayParams(depth)), expect),
      indexedKeysetSql: await time(() => firstSeq(indexedKeysetSql, [threadId, depth, LIMIT + 1]), expect),
      offsetSql: await time(() => firstSeq(offsetSql, [threadId, depth, LIMIT]), expect),
    };
    results.push(r);
    say(
      `depth ${depth}: HTTP ${fmt(r.http.p50, 2)} ms, gateway SQL ${fmt(r.gatewaySql.p50, 2)} ms, ` +
        `keyset on the index ${fmt(r.indexedKeysetSql.p50, 2)} ms, OFFSET ${fmt(r.offsetSql.p50, 2)} ms (n=${r.offsetSql.n})`,
    );
  }
  const smallThread = await time(() => fetchPage(gateway.url, 0, smallThreadId), POSTS + 1);
  say(`first page of a ${SMALL_THREAD}-post thread in the same table: HTTP ${fmt(smallThread.p50, 2)} ms`);
  const cpuReport = cpu.stop();

  const deepest = DEPTHS[DEPTHS.length - 1];
  const explain = async (sql: string, params: unknown[]) =>
    (await pg.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows
      .map((row) => row['QUERY PLAN'])
      .join('\n');
  const plans = {
    gateway: await explain(captured.text, gatewayParams(deepest)),
    indexedKeyset: await explain(indexedKeysetSql, [threadId, deepest, LIMIT + 1]),
    offset: await explain(offsetSql, [threadId, deepest, LIMIT]),
  };
  const gatewayLog = gateway.logLines();
  await gateway.stop();

  say('');
  say(`Page of ${LIMIT} at depth, one thread of ${POSTS} published posts, median of up to ${REPS} (first call apart):`);
  say(
    table(
      [
        'depth',
        'HTTP (gateway) p50 ms',
        'HTTP p90 ms',
        "gateway's SQL p50 ms",
        'keyset on index p50 ms',
        'OFFSET (baseline) p50 ms',
        'HTTP first ms',
      ],
      results.map((r) => [
        r.depth,
        fmt(r.http.p50, 2),
        fmt(r.http.p90, 2),
        fmt(r.gatewaySql.p50, 2),
        fmt(r.indexedKeysetSql.p50, 2),
        `${fmt(r.offsetSql.p50, 2)} (n=${r.offsetSql.n})`,
        fmt(r.http.first, 1),
      ]),
    ),
  );
  const flat = results[results.length - 1].http.p50 / results[0].http.p50;
  say(`HTTP p50 at depth ${deepest} / depth 0: ${fmt(flat, 2)}`);
  say(
    `first page of a ${SMALL_THREAD}-post thread beside it: HTTP p50 ${fmt(smallThread.p50, 2)} ms, p90 ${fmt(smallThread.p90, 2)} ms`,
  );
  say(formatCpu(cpuReport));
  const disturbed = disturbance(cpuReport);
  if (disturbed) say(disturbed);
  say(`\nEXPLAIN ANALYZE, the gateway's page query at depth ${deepest}:\n${plans.gateway}`);
  say(`\nEXPLAIN ANALYZE, keyset on posts_thread_page_idx at depth ${deepest}:\n${plans.indexedKeyset}`);
  say(`\nEXPLAIN ANALYZE, OFFSET at depth ${deepest}:\n${plans.offset}`);
  if (gatewayLog.length > 0) say(`gateway logged ${gatewayLog.length} warn/error lines; first: ${gatewayLog[0]}`);
  writeResults(run, {
    machine,
    params: { posts: POSTS, reps: REPS, limit: LIMIT, depths: DEPTHS },
    seeding: { insertSeconds, vacuumSeconds, sizes },
    gatewayQuery: captured,
    results,
    smallThread: { posts: SMALL_THREAD, http: smallThread },
    deepOverShallowHttp: flat,
    cpu: cpuReport,
    quietBefore: quiet,
    plans,
    gatewayLog: gatewayLog.slice(0, 50),
  });
});
