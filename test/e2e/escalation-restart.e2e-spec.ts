import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../apps/gateway/src/platform/database/data-source';
import { ownDatabase, testEnv } from '../support/app';
import { Given, GivenUser } from '../support/given';
import { Posting } from '../support/posts';
import { spawnGateway } from '../support/process';
import { TestSmtp } from '../support/smtp';
import { until } from '../support/sockets';

jest.setTimeout(120_000);

const HARM = "I've decided I'm going to end it tonight after everyone's asleep. I've got everything ready.";
const ON_CALL = 'on-call@example.org';

/**
 * The ladder across a gateway killed in the middle of it (SIGKILL: no goodbye), and across a
 * Redis that lost its jobs as well: the next gateway does the remaining step, once, and nothing
 * done before is done again. Real processes, a real SMTP server, real PostgreSQL and Redis.
 */
describe('the escalation ladder survives a killed gateway', () => {
  let db: DataSource;
  let own: Awaited<ReturnType<typeof ownDatabase>>;
  let smtp: TestSmtp;
  let env: Record<string, string>;
  let given: Given;
  const running: Awaited<ReturnType<typeof spawnGateway>>[] = [];

  beforeAll(async () => {
    own = await ownDatabase();
    db = await createDataSource(own.url).initialize();
    given = new Given(db);
    smtp = await new TestSmtp().start();
    env = testEnv({ DATABASE_URL: own.url, SMTP_URL: smtp.url, NOTIFY_SWEEP_MS: '200', LOG_LEVEL: 'warn' });
  });
  afterAll(async () => {
    await Promise.all(running.map((g) => g.stop()));
    await smtp.stop();
    await db.destroy();
    await own.drop();
  });

  const steps = (postId: string) =>
    db.query<{ step: string; outcome: string | null }[]>(
      `SELECT step, outcome FROM escalations WHERE post_id = $1 ORDER BY step`,
      [postId],
    );
  const bringForward = (postId: string, step: string) =>
    db.query(`UPDATE escalations SET due_at = now() WHERE post_id = $1 AND step = $2`, [postId, step]);
  const kill = async (g: Awaited<ReturnType<typeof spawnGateway>>) => {
    const exited = new Promise((resolve) => g.child.once('exit', resolve));
    g.child.kill('SIGKILL');
    await exited;
    running.splice(running.indexOf(g), 1);
  };

  async function ladderHalfDone(): Promise<{ postId: string; top: GivenUser; communityId: string }> {
    const first = await spawnGateway(env);
    running.push(first);
    const c = await given.community('Beckside');
    const [author, top] = await Promise.all([given.member(c), given.top3(c)]);
    await db.query(`UPDATE communities SET posting_delay_seconds = 1, on_call_email = $2 WHERE id = $1`, [
      c.id,
      ON_CALL,
    ]);
    await request(first.url)
      .put('/api/me/notification-settings')
      .auth(top.token, { type: 'bearer' })
      .send({ email: `${top.username}@example.org`, emailOn: true })
      .expect(200);
    const posting = new Posting(first.url, db);
    const res = await posting.thread(author, c.boards.community, 'Tonight', HARM);
    await posting.waitForStatus(res.body.post.id, 'held');
    const postId = res.body.post.id as string;
    await posting.waitFor(async () => (await steps(postId)).length === 2);

    // The first step, done by the first gateway: the hold's email, then the ladder's.
    await bringForward(postId, 'every-top3');
    await posting.waitFor(async () => (await steps(postId))[0].outcome === 'sent');
    await until(() => smtp.to(`${top.username}@example.org`).length === 2);
    // Killed between the ladder's steps, not inside a send: an email the SMTP server took a moment
    // before its row was marked sent would go again (docs/notifications.md says so), which is not
    // what this test is about.
    await posting.waitFor(async () => {
      const [{ n }] = await db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM notification_sends WHERE status <> 'sent'`,
      );
      return n === 0;
    });
    await kill(first);
    return { postId, top, communityId: c.id };
  }

  const mailsTo = (top: GivenUser) => smtp.to(`${top.username}@example.org`);

  it('killed between two steps: the next gateway sends the on-call alert once, and nothing twice', async () => {
    const before = smtp.to(ON_CALL).length;
    const { postId, top } = await ladderHalfDone();
    await bringForward(postId, 'on-call');
    // Nobody is running: the step waits in PostgreSQL (and its job in Redis).
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.to(ON_CALL).length).toBe(before);

    running.push(await spawnGateway(env));
    await until(() => smtp.to(ON_CALL).length === before + 1, 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.to(ON_CALL).length).toBe(before + 1);
    expect(mailsTo(top)).toHaveLength(2);
    expect((await steps(postId)).map((s) => s.outcome)).toEqual(['sent', 'sent']);
    await running.pop()!.stop();
  });

  it('killed, and Redis lost every job as well: PostgreSQL still knows the step is due', async () => {
    const before = smtp.to(ON_CALL).length;
    const { postId, top } = await ladderHalfDone();
    const redis = new Redis(env.REDIS_URL);
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${env.REDIS_PREFIX}*`, count: 500 }) as AsyncIterable<
      string[]
    >) {
      keys.push(...batch);
    }
    expect(keys.some((k) => k.includes(`${postId}-on-call`))).toBe(true);
    if (keys.length > 0) await redis.unlink(...keys);
    await redis.quit();
    await bringForward(postId, 'on-call');

    running.push(await spawnGateway(env));
    await until(() => smtp.to(ON_CALL).length === before + 1, 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.to(ON_CALL).length).toBe(before + 1);
    expect(mailsTo(top)).toHaveLength(2);
    expect((await steps(postId)).map((s) => s.outcome)).toEqual(['sent', 'sent']);
  });
});
