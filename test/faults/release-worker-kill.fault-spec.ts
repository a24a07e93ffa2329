import { Logger } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppConfig, loadConfig } from '../../apps/gateway/src/platform/config/config';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import { Given, GivenUser } from '../support/given';
import { compileForChildren } from './support/compile';
import { PrivatePostgres, PrivateRedis, killOnExit, privateDir } from './support/private-services';
import { ReleaseGraph, releaseGraph } from './support/release-graph';
import { KillSite, whereItDied } from './support/trace';

/**
 * Issue 8, fault 2: a release worker dies by SIGKILL in the middle of releasing, 200 times.
 *
 * Each round starts support/release-worker.ts (the gateway's own ReleaseService and
 * ReleaseProcessor on a private PostgreSQL and Redis) and kills it a random moment after one of
 * its first releases (see round()). Its trace file says where it was. Two lanes run side by side, so killed workers also race live ones for the same posts. Then
 * a clean worker and the reconciler finish what is left, and the database is asked whether
 * anything was lost or done twice.
 */
/** The issue asks for 200; FAULT_KILL_ROUNDS changes it for a quicker or a longer run. */
const ROUNDS = Number(process.env.FAULT_KILL_ROUNDS || 200);
const LANES = 2;
/** The kill comes this long, at most, after the moment a round aims at (see round()). */
const AIM_MS = 30;
/** Words the default guidelines hold for a Top 3 member (the e2e tests use the same). */
const HOLD_TEXT = "I've decided I'm going to end it tonight after everyone's asleep. I've got everything ready.";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('a release worker killed with SIGKILL in the middle of releasing', () => {
  let dir: Awaited<ReturnType<typeof privateDir>>;
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let config: AppConfig;
  let env: Record<string, string>;
  let graph: ReleaseGraph;
  let c: ProvisionedCommunity;
  let author: GivenUser;
  let threads: string[];
  let workerScript: string;
  const children = new Set<ChildProcess>();

  beforeAll(async () => {
    Logger.overrideLogger(false); // the reconciler's notes, from this test's own ReleaseService
    dir = await privateDir();
    pg = await PrivatePostgres.start(dir.dir);
    redis = await PrivateRedis.start(dir.dir);
    const databaseUrl = await pg.createDatabase('p2p_faults');
    const compiled = compileForChildren(path.join(dir.dir, 'build'));
    workerScript = compiled.script('test/faults/support/release-worker.ts');
    env = {
      PATH: process.env.PATH ?? '',
      ...compiled.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'faults',
      RELEASE_RECONCILE_MS: '250',
    };
    config = loadConfig({ ...env, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    graph = await releaseGraph(config);
    const given = new Given(graph.db);
    c = await given.community();
    author = await given.member(c);
    threads = [];
    for (let i = 0; i < 4; i++) {
      const [t] = await graph.db.query<{ id: string }[]>(
        `INSERT INTO threads (board_id, community_id, author_id, title) VALUES ($1, $2, $3, $4) RETURNING id`,
        [c.boards.community, c.id, author.id, `Thread ${i + 1}`],
      );
      threads.push(t.id);
      await addPosts([{ threadId: t.id, body: 'Hello all', inMs: -1, opening: true }]);
    }
    // Replies come to threads that are already on the board, as the API requires.
    await graph.releases.reconcile();
  }, 120_000);

  afterAll(async () => {
    children.forEach((child) => child.kill('SIGKILL'));
    await graph?.close().catch(() => undefined);
    await redis?.stop();
    await pg?.stop();
    await dir?.cleanup();
  });

  /** Inserts pending posts; those not yet due get their release job, as PostsService does. */
  async function addPosts(posts: { threadId: string; body: string; inMs: number; opening?: boolean }[]) {
    const rows = await graph.db.query<{ id: string; release_at: Date }[]>(
      `INSERT INTO posts (thread_id, board_id, community_id, author_id, is_opening, body, release_at)
       SELECT t, $1, $2, $3, o, b, clock_timestamp() + make_interval(secs => ms / 1000.0)
         FROM unnest($4::uuid[], $5::boolean[], $6::text[], $7::int[]) AS x(t, o, b, ms)
       RETURNING id, release_at`,
      [
        c.boards.community,
        c.id,
        author.id,
        posts.map((p) => p.threadId),
        posts.map((p) => p.opening ?? false),
        posts.map((p) => p.body),
        posts.map((p) => p.inMs),
      ],
    );
    for (const r of rows) if (r.release_at.getTime() > Date.now()) await graph.releases.schedule(r.id, r.release_at);
  }

  let made = 0;
  /** How long each worker took from spawn to its first release transaction. */
  const startMs: number[] = [];
  /** Work for one round: posts already due (the reconciler's) and posts due soon (the queue's). */
  function batch() {
    return Array.from({ length: 8 }, (_, i) => {
      made++;
      return {
        threadId: threads[made % threads.length],
        body: made % 9 === 0 ? HOLD_TEXT : `Reply number ${made}`,
        inMs: i < 5 ? -1 : 100 + Math.floor(Math.random() * 800),
      };
    });
  }

  /**
   * One round: start a worker and kill it a random few ms after its k-th release committed (k from
   * 0 to 4; 0 is its first release transaction beginning), so kills fall in first and later
   * releases, just after a COMMIT (before the queue job is marked done) and in between.
   */
  async function round(lane: number, n: number): Promise<KillSite> {
    await addPosts(batch());
    const t0 = Date.now();
    const traceFile = path.join(dir.dir, `trace-${lane}-${n}`);
    const child = spawn(process.execPath, [workerScript], {
      env: { ...env, TRACE_FILE: traceFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    const forget = killOnExit(child);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const k = Math.floor(Math.random() * 5);
    let commits = 0;
    let lastWord = Date.now();
    let began: () => void = () => undefined;
    let aimed: () => void = () => undefined;
    const releasing = new Promise<void>((resolve) => (began = resolve));
    const target = new Promise<void>((resolve) => (aimed = resolve));
    child.stdout?.on('data', (d: Buffer) => {
      const text = d.toString();
      lastWord = Date.now();
      if (text.includes('releasing')) began();
      commits += text.split('committed').length - 1;
      if (commits >= k && text.includes(k === 0 ? 'releasing' : 'committed')) aimed();
    });
    /** Resolves once the worker has said nothing for a second: it has run out of work. */
    const quiet = async () => {
      while (Date.now() - lastWord < 1_000) await sleep(100, undefined, { ref: false });
    };
    // The other lane's worker may take all the work first: then more comes, each second, until this one releases.
    let outcome: 'releasing' | 'exited' | 'silent' = 'silent';
    for (let waited = 0; outcome === 'silent' && waited < 120_000; waited += 1_000) {
      if (waited > 0) await addPosts(batch());
      outcome = await Promise.race([
        releasing.then(() => 'releasing' as const),
        exited.then(() => 'exited' as const),
        sleep(1_000, undefined, { ref: false }).then(() => 'silent' as const),
      ]);
    }
    if (outcome !== 'releasing') {
      child.kill('SIGKILL');
      throw new Error(`the worker ${outcome} before it released anything: ${stderr}`);
    }
    startMs.push(Date.now() - t0);
    // A worker that runs out of work before its k-th commit is killed where it stands.
    await Promise.race([target, quiet(), sleep(5_000, undefined, { ref: false })]);
    await sleep(Math.random() * AIM_MS);
    child.kill('SIGKILL');
    await exited;
    children.delete(child);
    forget();
    const site = whereItDied(fs.readFileSync(traceFile, 'utf8'));
    fs.rmSync(traceFile);
    return site;
  }

  it('leaves no post released twice, none lost, and no log record or notice written twice', async () => {
    const sites: Record<KillSite, number> = { 'in-transaction': 0, 'at-commit': 0, outside: 0 };
    const lane = async (l: number) => {
      for (let n = l; n < ROUNDS; n += LANES) sites[await round(l, n)]++;
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: LANES }, (_, l) => lane(l)));
    const killPhaseMs = Date.now() - started;

    // What a restarted worker and the reconciler make of what the killed ones left behind.
    const [{ released_by_killed }] = await graph.db.query<{ released_by_killed: string }[]>(
      `SELECT count(*) AS released_by_killed FROM posts WHERE status <> 'pending'`,
    );
    const clean = await releaseGraph(config, {
      worker: { concurrency: config.releaseConcurrency, lockDuration: 1000, stalledInterval: 500 },
    });
    try {
      // Given up on only when nothing moves for a minute: on a loaded machine the backlog of a
      // long kill phase takes a while, and a time limit on the whole would fail a slow machine.
      let until = Date.now() + 60_000;
      let fewest = Infinity;
      for (;;) {
        await clean.releases.reconcile();
        const [left] = await graph.db.query<{ pending: string }[]>(
          `SELECT count(*) AS pending FROM posts WHERE status = 'pending'`,
        );
        const jobs = await clean.queue.getJobCounts('active', 'wait', 'delayed', 'prioritized');
        if (Number(left.pending) === 0 && Object.values(jobs).every((j) => j === 0)) break;
        if (Number(left.pending) < fewest) {
          fewest = Number(left.pending);
          until = Date.now() + 60_000;
        }
        if (Date.now() > until) throw new Error(`still pending: ${left.pending}, jobs: ${JSON.stringify(jobs)}`);
        await sleep(250);
      }
    } finally {
      await clean.close();
    }

    const posts = await graph.db.query<
      { status: string; n: string; releases: string; holds: string; held_notices: string; review_events: string }[]
    >(
      `SELECT p.status, count(*) AS n,
              sum((SELECT count(*) FROM community_events e WHERE e.post_id = p.id AND e.type = 'post.released')) AS releases,
              sum((SELECT count(*) FROM moderation_log l WHERE l.post_id = p.id AND l.action = 'hold')) AS holds,
              sum((SELECT count(*) FROM community_events e WHERE e.post_id = p.id AND e.type = 'post.held')) AS held_notices,
              sum((SELECT count(*) FROM community_events e WHERE e.post_id = p.id AND e.type = 'review.changed')) AS review_events
         FROM posts p WHERE p.community_id = $1 GROUP BY p.status ORDER BY p.status`,
      [c.id],
    );
    const total = 4 + made;
    const published = posts.find((p) => p.status === 'published');
    const held = posts.find((p) => p.status === 'held');
    // Nothing lost: every post left its thinking space, published or held for the Top 3.
    expect(posts.map((p) => p.status)).toEqual(['held', 'published']);
    expect(Number(published!.n) + Number(held!.n)).toBe(total);
    expect(Number(held!.n)).toBe(Math.floor(made / 9));
    // Nothing twice: one release event per published post; one log record, one notice to the
    // author and one review-queue event per held post, and none of those for the others.
    expect(published).toMatchObject({ releases: published!.n, holds: '0', held_notices: '0', review_events: '0' });
    expect(held).toMatchObject({ releases: '0', holds: held!.n, held_notices: held!.n, review_events: held!.n });

    const [mismatch] = await graph.db.query<{ threads: string; posts: string }[]>(
      `SELECT (SELECT count(*) FROM threads t WHERE t.community_id = $1 AND t.post_count <>
                (SELECT count(*) FROM posts p WHERE p.thread_id = t.id AND p.status = 'published')) AS threads,
              (SELECT count(*) FROM posts p JOIN community_events e ON e.community_id = p.community_id AND e.seq = p.event_seq
                WHERE p.community_id = $1 AND p.status = 'published' AND (e.post_id <> p.id OR e.type <> 'post.released')) AS posts`,
      [c.id],
    );
    // A thread counts each reply once; each published post points at its own release event.
    expect(mismatch).toEqual({ threads: '0', posts: '0' });
    const [seqs] = await graph.db.query<{ last: string; events: string; max: string; early: string }[]>(
      `SELECT c.last_event_seq AS last, (SELECT count(*) FROM community_events WHERE community_id = c.id) AS events,
              (SELECT max(seq) FROM community_events WHERE community_id = c.id) AS max,
              (SELECT count(*) FROM posts WHERE community_id = c.id AND released_at < release_at) AS early
         FROM communities c WHERE c.id = $1`,
      [c.id],
    );
    // Sequence numbers taken by killed transactions went back with them: no gaps, no repeats.
    expect(seqs).toEqual({ last: seqs.events, events: seqs.events, max: seqs.events, early: '0' });
    expect(await graph.log.verify(c.id, 'open')).toMatchObject({ ok: true });

    process.stdout.write(
      `[faults] release worker killed ${ROUNDS} times in ${(killPhaseMs / 1000).toFixed(1)} s: ` +
        `${sites['in-transaction']} inside a release transaction, ${sites['at-commit']} while its COMMIT or one-statement release was in flight, ` +
        `${sites.outside} between transactions (a worker took ${median(startMs)} ms, median, to start releasing); ` +
        `${released_by_killed} of ${total} posts released or held by the ` +
        `killed workers, the rest by a clean worker afterwards\n`,
    );
    // The test is about kills that land mid-release (inside a release transaction, or with its
    // COMMIT unanswered): most of them must (measured: see docs/faults.md).
    expect(sites['in-transaction'] + sites['at-commit']).toBeGreaterThanOrEqual(ROUNDS / 2);
  }, 1_800_000);
});
