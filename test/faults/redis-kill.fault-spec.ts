import { ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import { createDataSource } from '../../apps/gateway/src/platform/database/data-source';
import { Given, GivenUser } from '../support/given';
import { call, inParallel, until } from './support/http';
import { PrivatePostgres, PrivateRedis, privateDir, spawnPrivateGateway } from './support/private-services';

/**
 * Issue 8, fault 1: Redis dies (SIGKILL, nothing saved) while 500 posts wait out their thinking
 * space and releases are under way, and comes back empty a few seconds later. The gateway is a
 * real OS process on a private PostgreSQL and Redis; it is never restarted.
 */
const POSTS = 500;
/** A tenth of the posts ask to be contacted outside the board; the guidelines then start holding that. */
const CONTACT = 'Text me on 07700 900123 if you want to talk outside of here.';
const DELAY_SECONDS = 10;
/** When this many have left their thinking space, Redis is killed. */
const KILL_AFTER = 200;

describe('Redis killed and started again empty while posts are being released', () => {
  let dir: Awaited<ReturnType<typeof privateDir>>;
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let db: DataSource;
  let gateway: { url: string; child: ChildProcess; stop(): Promise<void> };
  let forget: () => void;
  let c: ProvisionedCommunity;
  let authors: GivenUser[];
  let top3: GivenUser;
  let threadId: string;

  beforeAll(async () => {
    dir = await privateDir();
    pg = await PrivatePostgres.start(dir.dir);
    redis = await PrivateRedis.start(dir.dir);
    const databaseUrl = await pg.createDatabase('p2p_faults');
    db = await createDataSource(databaseUrl).initialize();
    const given = new Given(db);
    c = await given.community();
    authors = await Promise.all(Array.from({ length: 5 }, () => given.member(c)));
    top3 = await given.top3(c);
    ({ gateway, forget } = await spawnPrivateGateway(databaseUrl, redis.url));
    await db.query(`UPDATE communities SET posting_delay_seconds = 0 WHERE id = $1`, [c.id]);
    const thread = await call(`${gateway.url}/api/boards/${c.boards.community}/threads`, 'POST', authors[0].token, {
      title: 'Between sessions',
      body: 'How is everyone doing?',
    });
    expect(thread.status).toBe(202);
    threadId = (thread.body!.thread as { id: string }).id;
    await until(
      'the opening post is on the board',
      async () => (await db.query(`SELECT 1 FROM threads WHERE id = $1 AND post_count = 1`, [threadId])).length > 0,
      30_000,
    );
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
    forget?.();
    await db?.destroy();
    await redis?.stop();
    await pg?.stop();
    await dir?.cleanup();
  });

  const counts = async () => {
    const [row] = await db.query<{ pending: string; published: string; held: string }[]>(
      `SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
              count(*) FILTER (WHERE status = 'published') AS published,
              count(*) FILTER (WHERE status = 'held') AS held
         FROM posts WHERE thread_id = $1 AND NOT is_opening`,
      [threadId],
    );
    return { pending: Number(row.pending), published: Number(row.published), held: Number(row.held) };
  };

  it('loses no post, publishes none twice or early, and the same gateway process resumes', async () => {
    await db.query(`UPDATE communities SET posting_delay_seconds = $2 WHERE id = $1`, [c.id, DELAY_SECONDS]);
    // As a client would: a 503 (the gateway busy releasing on a loaded machine) is tried again,
    // with an Idempotency-Key so that a retry never makes a second post.
    let retries = 0;
    const reply = async (i: number, body: string, guidelinesAcknowledged?: boolean) => {
      for (let attempt = 1; ; attempt++) {
        const res = await fetch(`${gateway.url}/api/threads/${threadId}/posts`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${authors[i % authors.length].token}`,
            'content-type': 'application/json',
            'idempotency-key': `fault-${guidelinesAcknowledged ? 'asking' : 'reply'}-${i}`,
          },
          body: JSON.stringify({ body, guidelinesAcknowledged }),
        });
        if (res.status !== 503 || attempt === 10) return { status: res.status };
        retries++;
        await sleep(500);
      }
    };
    // First the posts that ask to be contacted outside the board (the guidelines warn; their
    // authors send them anyway). While they wait, the Top 3 change the guidelines to hold such
    // posts for review, so these are held at release, not published.
    const asking = await inParallel(Array.from({ length: POSTS / 10 }), 25, (_, i) => reply(i, CONTACT, true));
    const current = await call(`${gateway.url}/api/communities/${c.id}/guidelines`, 'GET', top3.token);
    const rules = (current.body!.rules as { id: string; action: string }[]).map((r) =>
      r.id === 'contact-details' ? { ...r, action: 'hold' } : r,
    );
    const change = await call(`${gateway.url}/api/communities/${c.id}/guidelines`, 'PUT', top3.token, { rules });
    expect(change.status).toBe(200);
    const [{ all_waiting }] = await db.query<{ all_waiting: boolean }[]>(
      `SELECT bool_and(status = 'pending') AS all_waiting FROM posts WHERE thread_id = $1 AND NOT is_opening`,
      [threadId],
    );
    expect(all_waiting).toBe(true);
    const others = await inParallel(Array.from({ length: POSTS - POSTS / 10 }), 25, (_, i) =>
      reply(i, `Reply ${i + 1}: thinking of you all this week.`),
    );
    expect([...asking, ...others].map((r) => r.status)).toEqual(Array.from({ length: POSTS }, () => 202));

    await until('releases are under way', async () => POSTS - (await counts()).pending >= KILL_AFTER, 120_000, 20);
    const peek = new Redis(redis.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    peek.on('error', () => undefined);
    const activeAtKill = await peek.llen('faults:bull:post-release:active');
    peek.disconnect();
    await redis.killHard();
    const atKill = await counts();
    const killedAt = Date.now();

    // While Redis is away the gateway says so, calmly, and keeps its data safe.
    await until(
      'health reports Redis down',
      async () => {
        const h = await call(`${gateway.url}/api/health`, 'GET', null);
        return h.status === 503 && h.body?.redis === 'down' && h.body?.db === 'ok';
      },
      30_000,
    );
    await sleep(2000);
    await redis.restart();
    const restartedAt = Date.now();

    await until('every post has left its thinking space', async () => (await counts()).pending === 0, 120_000, 200);
    const drainedAt = Date.now();
    await until(
      'health is ok again',
      async () => (await call(`${gateway.url}/api/health`, 'GET', null)).status === 200,
      60_000,
    );
    const healthyAt = Date.now();
    expect(gateway.child.exitCode).toBeNull(); // the same process, never restarted

    const end = await counts();
    expect(end).toEqual({ pending: 0, published: POSTS - POSTS / 10, held: POSTS / 10 });
    const [twice] = await db.query<{ releases: string; early: string; held_twice: string; notices: string }[]>(
      `SELECT (SELECT count(*) FROM posts p WHERE p.thread_id = $1 AND p.status = 'published' AND
                (SELECT count(*) FROM community_events e WHERE e.post_id = p.id AND e.type = 'post.released') <> 1) AS releases,
              (SELECT count(*) FROM posts p WHERE p.thread_id = $1 AND coalesce(p.released_at, p.review_since) < p.release_at) AS early,
              (SELECT count(*) FROM posts p WHERE p.thread_id = $1 AND p.status = 'held' AND
                (SELECT count(*) FROM moderation_log l WHERE l.post_id = p.id AND l.action = 'hold') <> 1) AS held_twice,
              (SELECT count(*) FROM posts p WHERE p.thread_id = $1 AND NOT p.is_opening AND
                (SELECT count(*) FROM community_events e WHERE e.post_id = p.id AND e.type IN ('post.held', 'review.changed'))
                  <> CASE p.status WHEN 'held' THEN 2 ELSE 0 END) AS notices`,
      [threadId],
    );
    // One release event per published post; one log record, one notice to the author and one
    // review-queue event per held post; nothing released before its time.
    expect(twice).toEqual({ releases: '0', early: '0', held_twice: '0', notices: '0' });
    const [thread] = await db.query<{ post_count: number }[]>(`SELECT post_count FROM threads WHERE id = $1`, [
      threadId,
    ]);
    expect(thread.post_count).toBe(1 + end.published);

    // The release worker itself is back: a new post is released by its queue job, not only by
    // the reconciler (the job's completion, with what it did, is in BullMQ's event stream).
    await db.query(`UPDATE communities SET posting_delay_seconds = 1 WHERE id = $1`, [c.id]);
    const fresh = await call(`${gateway.url}/api/threads/${threadId}/posts`, 'POST', authors[1].token, {
      body: 'Back again after the break.',
    });
    expect(fresh.status).toBe(202);
    const freshId = fresh.body!.id as string;
    const peekAgain = new Redis(redis.url);
    try {
      await until(
        'the new post is released by its job',
        async () => {
          const events = await peekAgain.xrange('faults:bull:post-release:events', '-', '+');
          return events.some(([, f]) => f.includes(freshId) && f.includes('completed') && f.includes('"released"'));
        },
        30_000,
      );
    } finally {
      peekAgain.disconnect();
    }

    process.stdout.write(
      `[faults] Redis killed with ${atKill.pending} of ${POSTS} posts still waiting and ${activeAtKill} release jobs ` +
        `running; down ${((restartedAt - killedAt) / 1000).toFixed(1)} s; after the restart every post was out in ` +
        `${((drainedAt - restartedAt) / 1000).toFixed(1)} s and health ok in ${((healthyAt - restartedAt) / 1000).toFixed(1)} s ` +
        `(${retries} post requests answered 503 while the gateway was busy, and sent again)\n`,
    );
    // The test means something only if the kill caught posts still waiting.
    expect(atKill.pending).toBeGreaterThan(0);
  }, 300_000);
});
