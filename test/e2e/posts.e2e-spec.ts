import request from 'supertest';
import { DataSource } from 'typeorm';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import { Given, GivenUser } from '../support/given';
import { Posting } from '../support/posts';
import { TestApp, startApp, testDb } from '../support/app';
import { collectReleases, connect, until } from '../support/sockets';

describe('posting with a thinking space', () => {
  let t: TestApp;
  let db: DataSource;
  let given: Given;
  let posting: Posting;
  let c: ProvisionedCommunity;
  let author: GivenUser;
  let reader: GivenUser;

  beforeAll(async () => {
    t = await startApp({ POSTS_PER_HOUR: '1000' });
    db = await testDb();
    given = new Given(db);
    posting = new Posting(t.url, db);
    c = await given.community();
    author = await given.member(c);
    reader = await given.member(c);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const as = (who: GivenUser) => ({ type: 'bearer' as const, token: who.token });
  const get = (path: string, who: GivenUser) => request(t.url).get(path).auth(who.token, { type: 'bearer' });

  it('a new thread is accepted as pending, with its release time', async () => {
    await posting.setDelay(c.id, 300);
    const before = Date.now();
    const res = await posting.thread(author, c.boards.community, 'Sundays', 'Does anyone else find *Sundays* long?');
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      status: 'pending',
      thread: { title: 'Sundays', status: 'pending', boardId: c.boards.community },
      post: { status: 'pending', isOpening: true, html: '<p>Does anyone else find <em>Sundays</em> long?</p>' },
    });
    const releaseAt = new Date(res.body.releaseAt).getTime();
    expect(releaseAt).toBeGreaterThanOrEqual(before + 299_000);
    expect(releaseAt).toBeLessThanOrEqual(Date.now() + 301_000);
  });

  it('a pending post is invisible to every other member, over HTTP and sockets; its author sees it', async () => {
    await posting.setDelay(c.id, 300);
    const { socket } = await connect(t.url, { token: reader.token });
    const received = collectReleases(socket);
    const res = await posting.thread(author, c.boards.community, 'Not yet');
    const { thread, post } = res.body;

    const readerThreads = await get(`/api/boards/${c.boards.community}/threads`, reader).expect(200);
    expect(JSON.stringify(readerThreads.body)).not.toContain(thread.id);
    await get(`/api/threads/${thread.id}/posts`, reader).expect(404);
    await get(`/api/posts/${post.id}`, reader).expect(404);

    const authorThreads = await get(`/api/boards/${c.boards.community}/threads`, author).expect(200);
    expect(authorThreads.body.pending.map((x: { id: string }) => x.id)).toContain(thread.id);
    expect(authorThreads.body.items.map((x: { id: string }) => x.id)).not.toContain(thread.id);
    const own = await get(`/api/posts/${post.id}`, author).expect(200);
    expect(own.body).toMatchObject({ status: 'pending', releaseAt: post.releaseAt });

    await new Promise((r) => setTimeout(r, 300));
    expect(received.filter((e) => e.data.post.id === post.id)).toEqual([]);
    socket.close();
  });

  it('the author edits a pending post and its release time stays put', async () => {
    await posting.setDelay(c.id, 300);
    const { body } = await posting.thread(author, c.boards.community, 'Draft title', 'First words');
    const edited = await request(t.url)
      .patch(`/api/posts/${body.post.id}`)
      .auth(author.token, as(author))
      .send({ body: 'Better words', title: 'Better title' })
      .expect(200);
    expect(edited.body).toMatchObject({
      body: 'Better words',
      releaseAt: body.post.releaseAt,
      editedAt: expect.any(String),
    });
    const threads = await get(`/api/boards/${c.boards.community}/threads`, author).expect(200);
    expect(threads.body.pending.find((x: { id: string }) => x.id === body.thread.id).title).toBe('Better title');
  });

  it('nobody else can edit or withdraw it, and learns nothing of it', async () => {
    await posting.setDelay(c.id, 300);
    const { body } = await posting.thread(author, c.boards.community);
    await request(t.url)
      .patch(`/api/posts/${body.post.id}`)
      .auth(reader.token, as(reader))
      .send({ body: 'mine now' })
      .expect(404);
    await request(t.url).delete(`/api/posts/${body.post.id}`).auth(reader.token, as(reader)).expect(404);
  });

  it('a withdrawn post never appears', async () => {
    await posting.setDelay(c.id, 1);
    const { socket } = await connect(t.url, { token: reader.token });
    const received = collectReleases(socket);
    const { body } = await posting.thread(author, c.boards.community, 'Changed my mind');
    const res = await request(t.url).delete(`/api/posts/${body.post.id}`).auth(author.token, as(author)).expect(200);
    expect(res.body.status).toBe('withdrawn');
    await new Promise((r) => setTimeout(r, 1800));
    const { body: again } = await posting.thread(author, c.boards.community, 'Marker');
    await posting.waitForStatus(again.post.id, 'published');
    await until(() => received.some((e) => e.data.post.id === again.post.id));
    expect(received.map((e) => e.data.post.id)).not.toContain(body.post.id);
    const threads = await get(`/api/boards/${c.boards.community}/threads`, reader).expect(200);
    expect(JSON.stringify(threads.body)).not.toContain(body.thread.id);
    const [row] = await db.query(`SELECT status, released_at FROM posts WHERE id = $1`, [body.post.id]);
    expect(row).toEqual({ status: 'withdrawn', released_at: null });
    socket.close();
  });

  it('a post that has been shared can no longer be edited or withdrawn', async () => {
    await posting.setDelay(c.id, 0);
    const { postId } = await posting.publishedThread(author, c.boards.community);
    const res = await request(t.url)
      .patch(`/api/posts/${postId}`)
      .auth(author.token, as(author))
      .send({ body: 'x' })
      .expect(409);
    expect(res.body.message).toMatch(/already been shared/);
    await request(t.url).delete(`/api/posts/${postId}`).auth(author.token, as(author)).expect(409);
  });

  it('a released post is never released early, and reaches readers live with its sequence number', async () => {
    await posting.setDelay(c.id, 1);
    const { socket } = await connect(t.url, { token: reader.token });
    const received = collectReleases(socket);
    const { body } = await posting.thread(author, c.boards.community, 'On time');
    await until(() => received.some((e) => e.data.post.id === body.post.id));
    const event = received.find((e) => e.data.post.id === body.post.id)!;
    expect(event).toMatchObject({ type: 'post.released', communityId: c.id, seq: expect.any(Number) });
    expect(new Date(event.data.post.releasedAt!).getTime()).toBeGreaterThanOrEqual(
      new Date(body.post.releaseAt).getTime(),
    );
    expect(event.data.post.seq).toBe(event.seq);
    socket.close();
  });

  it('the same Idempotency-Key gives the same reply, never a second one', async () => {
    await posting.setDelay(c.id, 300);
    await posting.setDelay(c.id, 0);
    const { threadId } = await posting.publishedThread(author, c.boards.community);
    await posting.setDelay(c.id, 300);
    const key = `k-${Date.now()}`;
    const [a, b] = await Promise.all([
      posting.reply(author, threadId, 'once', key),
      posting.reply(author, threadId, 'once', key),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body.id).toBe(b.body.id);
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM posts WHERE idempotency_key = $1`, [key]);
    expect(count).toBe(1);
  });

  it('threads and posts page by keyset, with nothing skipped or repeated', async () => {
    await posting.setDelay(c.id, 0);
    const board = await given.privateBoard(c, 'Paging');
    await given.participant(board, author);
    const { threadId } = await posting.publishedThread(author, board, 'Long thread');
    const replies = [];
    for (let i = 0; i < 7; i++) replies.push((await posting.reply(author, threadId, `reply ${i}`)).body.id as string);
    for (const id of replies) await posting.waitForStatus(id, 'published');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await get(
        `/api/threads/${threadId}/posts?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        author,
      ).expect(200);
      seen.push(...res.body.items.map((p: { body: string }) => p.body));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Hello all', ...replies.map((_, i) => `reply ${i}`)]);
  });

  it('posting too much in a short while gets a kind 429', async () => {
    const limited = await startApp({ POSTS_PER_HOUR: '2' });
    try {
      await posting.setDelay(c.id, 300);
      const p = new Posting(limited.url, db);
      await p.thread(author, c.boards.community).then((r) => expect(r.status).toBe(202));
      await p.thread(author, c.boards.community).then((r) => expect(r.status).toBe(202));
      const res = await p.thread(author, c.boards.community);
      expect(res.status).toBe(429);
      expect(res.body.message).toMatch(/Take a breather/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('staff cannot post to the community board, and nobody can start threads on the info board', async () => {
    const staff = await given.staff(c);
    expect((await posting.thread(staff, c.boards.community)).status).toBe(404);
    const res = await posting.thread(author, c.boards.info);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/pages rather than threads/);
  });

  describe('bad input', () => {
    it.each([
      [{ title: '', body: 'x' }, /title/],
      [{ title: 'x', body: '   ' }, /body should not be blank/],
      [{ title: 'x', body: 'x', pinned: true }, /pinned is not a field we accept/],
      [{ title: 'x', body: 'x'.repeat(20_001) }, /body/],
      [{ title: ['x'], body: 'x' }, /title/],
    ])('%j is a 400 that says why', async (payload, why) => {
      const res = await request(t.url)
        .post(`/api/boards/${c.boards.community}/threads`)
        .auth(author.token, as(author))
        .send(payload)
        .expect(400);
      expect(res.body.message).toMatch(why);
    });

    it('a bad Idempotency-Key is a 400', async () => {
      await request(t.url)
        .post(`/api/boards/${c.boards.community}/threads`)
        .auth(author.token, as(author))
        .set('Idempotency-Key', 'x'.repeat(300))
        .send({ title: 'x', body: 'y' })
        .expect(400);
    });

    it('an edit with nothing in it is a 400', async () => {
      await posting.setDelay(c.id, 300);
      const { body } = await posting.thread(author, c.boards.community);
      await request(t.url).patch(`/api/posts/${body.post.id}`).auth(author.token, as(author)).send({}).expect(400);
    });
  });
});
