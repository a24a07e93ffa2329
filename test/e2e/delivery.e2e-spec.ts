import Redis from 'ioredis';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import { Given, GivenUser } from '../support/given';
import { Posting } from '../support/posts';
import { TestApp, startApp, testDb, testEnv } from '../support/app';
import { spawnGateway } from '../support/process';
import { ReleaseService } from '../../apps/gateway/src/posts/release.service';
import { ClientSocket, collectReleases, connect, until } from '../support/sockets';

jest.setTimeout(60_000);

describe('live delivery: to every reader, only to readers, exactly once', () => {
  let env: Record<string, string>;
  let t: TestApp;
  let db: DataSource;
  let given: Given;
  let posting: Posting;
  let c: ProvisionedCommunity;
  let author: GivenUser;
  const open: ClientSocket[] = [];

  beforeAll(async () => {
    env = testEnv({ POSTS_PER_HOUR: '10000', RELEASE_RECONCILE_MS: '300', REALTIME_POLL_MS: '300' });
    t = await startApp(env);
    db = await testDb();
    given = new Given(db);
    posting = new Posting(t.url, db);
    c = await given.community();
    author = await given.member(c);
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const listen = async (who: GivenUser, url = t.url, cursor?: Record<string, number>) => {
    const { socket, error } = await connect(url, { token: who.token, cursor });
    if (error) throw error;
    open.push(socket);
    return { socket, received: collectReleases(socket) };
  };

  it('reaches every connected reader of its board, and nobody else', async () => {
    await posting.setDelay(c.id, 0);
    const other = await given.community();
    const readers = [await given.member(c), await given.top3(c), author];
    const outsiders = [await given.staff(c), await given.member(other), await given.staff(other)];
    const smallGroup = await given.privateBoard(c);
    await given.participant(smallGroup, author);
    const notInGroup = readers[0];

    const inbox = new Map<GivenUser, string[]>();
    for (const who of [...readers, ...outsiders]) {
      const { received } = await listen(who);
      inbox.set(who, received as unknown as string[]);
    }
    const open1 = await posting.publishedThread(author, c.boards.community, 'For everyone');
    const closed = await posting.publishedThread(author, smallGroup, 'For the small group');
    const marker = await posting.publishedThread(author, c.boards.community, 'Marker');

    const ids = (who: GivenUser) =>
      (inbox.get(who) as unknown as { data: { post: { id: string } } }[]).map((e) => e.data.post.id);
    for (const who of readers) await until(() => ids(who).includes(marker.postId));
    for (const who of readers) expect(ids(who)).toContain(open1.postId);
    expect(ids(author)).toContain(closed.postId);
    expect(ids(notInGroup)).not.toContain(closed.postId);
    for (const who of outsiders) expect(ids(who)).toEqual([]);
  });

  it('a socket that misses 50 posts and comes back with its cursor gets exactly those 50, in order', async () => {
    await posting.setDelay(c.id, 0);
    const reader = await given.member(c);
    const first = await listen(reader);
    const { threadId } = await posting.publishedThread(author, c.boards.community, 'Catching up');
    await until(() => first.received.length > 0);
    const cursor = first.received[first.received.length - 1].seq;
    first.socket.close();

    const missed: string[] = [];
    for (let i = 0; i < 50; i++) missed.push((await posting.reply(author, threadId, `missed ${i}`)).body.id as string);
    for (const id of missed) await posting.waitForStatus(id, 'published');

    const back = await listen(reader, t.url, { [c.id]: cursor });
    await until(() => back.received.length >= 50);
    await new Promise((r) => setTimeout(r, 500));
    expect(back.received.map((e) => e.data.post.id)).toEqual(missed);
    const seqs = back.received.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);

    // And live posts carry on after the catch-up, once each.
    const live = await posting.reply(author, threadId, 'live again');
    await until(() => back.received.some((e) => e.data.post.id === live.body.id));
    expect(back.received.filter((e) => e.data.post.id === live.body.id)).toHaveLength(1);
  });

  it('catch-up leaves out boards the member can no longer read', async () => {
    await posting.setDelay(c.id, 0);
    const reader = await given.member(c);
    const group = await given.privateBoard(c);
    await given.participant(group, author);
    await given.participant(group, reader);
    const first = await listen(reader);
    const { threadId } = await posting.publishedThread(author, group, 'Small group');
    await until(() => first.received.length > 0);
    const cursor = first.received[first.received.length - 1].seq;
    first.socket.close();

    const whileAway = (await posting.reply(author, threadId, 'said while away')).body.id as string;
    await posting.waitForStatus(whileAway, 'published');
    await db.query(`DELETE FROM board_participants WHERE board_id = $1 AND user_id = $2`, [group, reader.id]);
    const visible = await posting.publishedThread(author, c.boards.community, 'Still visible');

    const back = await listen(reader, t.url, { [c.id]: cursor });
    await until(() => back.received.some((e) => e.data.post.id === visible.postId));
    expect(back.received.map((e) => e.data.post.id)).toEqual([visible.postId]);
  });

  it('Redis flushed while 100 posts wait: all 100 are released, none twice, none early', async () => {
    await posting.setDelay(c.id, 2);
    const reader = await given.member(c);
    const { received } = await listen(reader);
    const { body } = await posting.thread(author, c.boards.community, 'Before the flush');
    await posting.waitForStatus(body.post.id, 'published');
    await posting.setDelay(c.id, 2);
    const ids: string[] = [];
    for (let i = 0; i < 100; i++)
      ids.push((await posting.reply(author, body.thread.id, `waiting ${i}`)).body.id as string);

    const redis = new Redis(env.REDIS_URL);
    const keys = await redis.keys(`${env.REDIS_PREFIX}:bull:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.unlink(...keys);
    await redis.quit();

    await posting.waitFor(async () => {
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM posts WHERE id = ANY($1) AND status = 'published'`,
        [ids],
      );
      return n === 100;
    });
    const rows = await db.query<{ early: boolean; events: number }[]>(
      `SELECT p.released_at < p.release_at AS early,
              (SELECT count(*)::int FROM community_events e WHERE e.post_id = p.id) AS events
         FROM posts p WHERE p.id = ANY($1)`,
      [ids],
    );
    expect(rows.filter((r) => r.early)).toEqual([]);
    expect(rows.filter((r) => r.events !== 1)).toEqual([]);
    await until(() => ids.every((id) => received.some((e) => e.data.post.id === id)));
    await new Promise((r) => setTimeout(r, 500));
    const delivered = received.map((e) => e.data.post.id).filter((id) => ids.includes(id));
    expect(delivered).toHaveLength(100);
    expect(new Set(delivered).size).toBe(100);
  });

  it('the reconciler puts jobs back only when Redis lost them', async () => {
    await posting.setDelay(c.id, 3600);
    const { body } = await posting.thread(author, c.boards.community, 'An hour from now');
    const releases = t.app.get(ReleaseService);
    await releases.reconcile();
    // Nothing was lost since the last pass: nothing is re-added.
    expect((await releases.reconcile()).scheduled).toBe(0);

    const redis = new Redis(env.REDIS_URL);
    const keys = await redis.keys(`${env.REDIS_PREFIX}:bull:post-release:*`);
    await redis.unlink(...keys);
    const pending = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM posts WHERE status = 'pending'`);
    expect((await releases.reconcile()).scheduled).toBe(pending[0].n);
    expect(await redis.exists(`${env.REDIS_PREFIX}:bull:post-release:${body.post.id}`)).toBe(1);
    await redis.quit();
    await request(t.url)
      .delete(`/api/posts/${body.post.id}`)
      .set('Authorization', `Bearer ${author.token}`)
      .expect(200);
  });

  it('one post the reconciler cannot release does not keep the others waiting', async () => {
    // A community whose stored guidelines cannot be read (written behind the API's back).
    const broken = await given.community();
    const brokenAuthor = await given.member(broken);
    await db.query(
      `INSERT INTO guideline_versions (community_id, version, rules, created_by) VALUES ($1, 2, '[{"id": "no-category"}]', $2)`,
      [broken.id, brokenAuthor.id],
    );
    // Two posts already due that no queue job knows of: only the reconciler will find them,
    // the broken one first.
    const due = async (community: ProvisionedCommunity, who: GivenUser, secondsAgo: number) => {
      const [row] = await db.query<{ id: string }[]>(
        `WITH t AS (INSERT INTO threads (board_id, community_id, author_id, title) VALUES ($1, $2, $3, 'Due') RETURNING id)
         INSERT INTO posts (thread_id, board_id, community_id, author_id, is_opening, body, release_at)
         SELECT t.id, $1, $2, $3, true, 'Due a while ago', clock_timestamp() - make_interval(secs => $4) FROM t
         RETURNING id`,
        [community.boards.community, community.id, who.id, secondsAgo],
      );
      return row.id;
    };
    const stuck = await due(broken, brokenAuthor, 60);
    const fine = await due(c, author, 30);

    await posting.waitForStatus(fine, 'published');
    const [left] = await db.query<{ status: string }[]>(`SELECT status FROM posts WHERE id = $1`, [stuck]);
    expect(left.status).toBe('pending');
    await db.query(`DELETE FROM posts WHERE id = $1`, [stuck]);
  });

  it('two gateway processes: a post released through one reaches sockets on the other', async () => {
    await posting.setDelay(c.id, 0);
    const second = await spawnGateway(env);
    try {
      const reader = await given.member(c);
      const onSecond = await listen(reader, second.url);
      const onFirst = await listen(await given.member(c), t.url);
      const { postId } = await posting.publishedThread(author, c.boards.community, 'Across processes');
      await until(() => onSecond.received.some((e) => e.data.post.id === postId));
      await until(() => onFirst.received.some((e) => e.data.post.id === postId));
      await new Promise((r) => setTimeout(r, 300));
      expect(onSecond.received.filter((e) => e.data.post.id === postId)).toHaveLength(1);
      expect(onFirst.received.filter((e) => e.data.post.id === postId)).toHaveLength(1);

      // And the other way: created through the second process, read on the first.
      const { body } = await request(second.url)
        .post(`/api/boards/${c.boards.community}/threads`)
        .auth(author.token, { type: 'bearer' })
        .send({ title: 'From the other side', body: 'hello' })
        .expect(202);
      await until(() => onFirst.received.some((e) => e.data.post.id === body.post.id));
    } finally {
      await second.stop();
    }
  });

  describe('socket input', () => {
    it('a malformed cursor is refused with a sentence', async () => {
      for (const cursor of ['yesterday', [1, 2], { 'not-a-uuid': 1 }, { [c.id]: -1 }, { [c.id]: 'ten' }]) {
        const { error } = await connect(t.url, { token: author.token, cursor });
        expect([cursor, error?.data?.code]).toEqual([cursor, 'bad-handshake']);
      }
    });

    it('an unknown event gets an error ack, and the socket keeps working', async () => {
      const { socket } = await listen(author);
      const reply: unknown = await (socket as unknown as Socket)
        .timeout(2000)
        .emitWithAck('post.create', { body: 'x' });
      expect(reply).toEqual({
        ok: false,
        error: { statusCode: 404, message: 'There is no event called "post.create".' },
      });
      expect(socket.connected).toBe(true);
    });

    it('an oversize frame closes only the socket that sent it; the server keeps serving', async () => {
      const { socket } = await listen(author);
      const bystander = await listen(await given.member(c));
      const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      (socket as unknown as Socket).emit('chat.send', { body: 'x'.repeat(200_000) });
      expect(await closed).toBe('transport close');
      expect(bystander.socket.connected).toBe(true);
      await request(t.url).get('/api/health').expect(200);
    });
  });
});
