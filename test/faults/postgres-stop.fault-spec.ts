import { ChildProcess } from 'node:child_process';
import { DataSource } from 'typeorm';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import { createDataSource } from '../../apps/gateway/src/platform/database/data-source';
import { Given, GivenUser } from '../support/given';
import { call, inParallel, until } from './support/http';
import { PrivatePostgres, PrivateRedis, privateDir, spawnPrivateGateway } from './support/private-services';

/**
 * Issue 8, fault 3: PostgreSQL stops at once (`pg_ctl stop -m immediate`) in the middle of 200
 * concurrent writes, and is started again. The gateway is a real OS process on a private
 * PostgreSQL and Redis; it is never restarted.
 */
const WRITES = 200;
/** The stop comes once this many writes have been answered. */
const STOP_AFTER = 60;
/** The functional deadline for serving again after PostgreSQL is back (an upper bound). */
const RECOVERY_DEADLINE_MS = 30_000;

/** What a person could be shown: no stack trace, no driver's or server's insides. */
const INSIDES = /\n\s+at |Error:|ECONN|QueryFailed|postgres|typeorm|terminat|SQL|stack/i;

describe('PostgreSQL stopped at once during concurrent writes, then started again', () => {
  let dir: Awaited<ReturnType<typeof privateDir>>;
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let databaseUrl: string;
  let gateway: { url: string; child: ChildProcess; stop(): Promise<void> };
  let forget: () => void;
  let c: ProvisionedCommunity;
  let authors: GivenUser[];
  let threadId: string;

  const withDb = async <T>(work: (db: DataSource) => Promise<T>): Promise<T> => {
    const db = await createDataSource(databaseUrl).initialize();
    try {
      return await work(db);
    } finally {
      await db.destroy();
    }
  };

  beforeAll(async () => {
    dir = await privateDir();
    pg = await PrivatePostgres.start(dir.dir);
    redis = await PrivateRedis.start(dir.dir);
    databaseUrl = await pg.createDatabase('p2p_faults');
    await withDb(async (db) => {
      const given = new Given(db);
      c = await given.community();
      authors = await Promise.all(Array.from({ length: 10 }, () => given.member(c)));
      // The thread is on the board already; the writes are replies waiting out their thinking space.
      const [t] = await db.query<{ id: string }[]>(
        `INSERT INTO threads (board_id, community_id, author_id, title, last_post_seq, last_post_at, post_count)
         VALUES ($1, $2, $3, 'Between sessions', 0, now(), 1) RETURNING id`,
        [c.boards.community, c.id, authors[0].id],
      );
      await db.query(
        `INSERT INTO posts (thread_id, board_id, community_id, author_id, is_opening, body, status, release_at, released_at, event_seq)
         VALUES ($1, $2, $3, $4, true, 'How is everyone doing?', 'published', now(), now(), 0)`,
        [t.id, c.boards.community, c.id, authors[0].id],
      );
      threadId = t.id;
    });
    ({ gateway, forget } = await spawnPrivateGateway(databaseUrl, redis.url));
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
    forget?.();
    await redis?.stop();
    await pg?.stop();
    await dir?.cleanup();
  });

  const write = (i: number) =>
    call(`${gateway.url}/api/threads/${threadId}/posts`, 'POST', authors[i % authors.length].token, {
      body: `Write ${i}: glad we talked on Tuesday.`,
    }).catch((err: Error) => ({ status: 0, body: null, text: String(err) }));

  it('keeps every write it acknowledged, answers 503 calmly while down, and serves again without a restart', async () => {
    let answered = 0;
    let stopping: Promise<void> = Promise.resolve();
    let stoppedAt = 0;
    const results = await inParallel(Array.from({ length: WRITES }), 50, async (_, i) => {
      const res = await write(i);
      if (++answered === STOP_AFTER) {
        stopping = pg.stopImmediately().then(() => void (stoppedAt = Date.now()));
      }
      return res;
    });
    await stopping;
    expect(stoppedAt).toBeGreaterThan(0);

    // Each answer was a success or a calm 503: never a 500, never the insides of an error.
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s !== 202 && s !== 503)).toEqual([]);
    for (const r of results.filter((x) => x.status === 503)) {
      expect(r.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable', message: expect.any(String) });
      expect(r.text).not.toMatch(INSIDES);
    }
    const refused = results.filter((r) => r.status === 503).length;

    // Still down: a new write and the health check both say so, calmly.
    const during = await write(WRITES);
    expect(during.status).toBe(503);
    expect(during.text).not.toMatch(INSIDES);
    const health = await call(`${gateway.url}/api/health`, 'GET', null);
    expect(health).toMatchObject({ status: 503, body: { status: 'unavailable', db: 'down', redis: 'ok' } });

    await pg.start();
    const startedAt = Date.now();
    let recoveredAt = 0;
    await until(
      'a write is accepted again',
      async () => {
        if ((await write(WRITES + 1)).status !== 202) return false;
        recoveredAt = Date.now();
        return true;
      },
      RECOVERY_DEADLINE_MS,
      250,
    );
    expect((await call(`${gateway.url}/api/health`, 'GET', null)).status).toBe(200);
    expect(gateway.child.exitCode).toBeNull(); // the same process, never restarted

    // Every acknowledged write is there, with its words.
    const acknowledged = results.flatMap((r) => (r.status === 202 ? [r.body!.id as string] : []));
    const stored = await withDb((db) =>
      db.query<{ id: string; body: string }[]>(`SELECT id, body FROM posts WHERE id = ANY($1::uuid[])`, [acknowledged]),
    );
    expect(stored.map((s) => s.id).sort()).toEqual([...acknowledged].sort());
    for (const r of results.filter((x) => x.status === 202)) {
      expect(stored.find((s) => s.id === r.body!.id)?.body).toBe(r.body!.body);
    }

    // A write answered 503 may still have been stored (its COMMIT arrived, the answer did not):
    // the client is told to try again, and an Idempotency-Key makes that safe. Counted, not judged.
    const [{ stored_anyway }] = await withDb((db) =>
      db.query<{ stored_anyway: string }[]>(
        `SELECT count(*) AS stored_anyway FROM posts WHERE thread_id = $1 AND NOT (id = ANY($2::uuid[]))
            AND body ~ '^Write [0-9]+:' AND body <> $3 AND body <> $4`,
        [
          threadId,
          acknowledged,
          `Write ${WRITES}: glad we talked on Tuesday.`,
          `Write ${WRITES + 1}: glad we talked on Tuesday.`,
        ],
      ),
    );

    process.stdout.write(
      `[faults] PostgreSQL stopped after ${STOP_AFTER} of ${WRITES} concurrent writes: ${acknowledged.length} acknowledged ` +
        `(all stored), ${refused} answered 503 (${stored_anyway} of them stored all the same); serving again ${((recoveredAt - startedAt) / 1000).toFixed(1)} s ` +
        `after PostgreSQL was back\n`,
    );
    // The test means something only if the stop caught writes in flight.
    expect(refused).toBeGreaterThan(0);
  }, 300_000);
});
