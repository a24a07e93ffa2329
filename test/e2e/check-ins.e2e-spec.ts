import type { CheckInChangedEvent, CheckInView } from '@p2p/contract';
import { DEFAULT_GUIDELINES } from '@p2p/guidelines';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import { Given, GivenUser } from '../support/given';
import { Posting } from '../support/posts';
import { TestApp, startApp, testDb } from '../support/app';
import { ClientSocket, collectReleases, connect, until } from '../support/sockets';

const THOUGHTS = 'Another awful day. Honestly I wish I was dead.';
const HARM = "I've decided I'm going to end it tonight after everyone's asleep. I've got everything ready.";
const EVERYDAY = 'Lovely walk by the river this morning, the heron was back.';

describe('check in: hard thoughts are published, and the Top 3 see them in a quiet list', () => {
  let t: TestApp;
  let db: DataSource;
  let given: Given;
  let posting: Posting;
  let c: ProvisionedCommunity;
  let author: GivenUser;
  let reader: GivenUser;
  let top3: GivenUser;
  let staff: GivenUser;
  let readerSocket: ClientSocket;
  let top3Socket: ClientSocket;
  const checkIns: CheckInChangedEvent[] = [];

  beforeAll(async () => {
    t = await startApp({ POSTS_PER_HOUR: '1000' });
    db = await testDb();
    given = new Given(db);
    posting = new Posting(t.url, db);
    c = await given.community();
    [author, reader, top3, staff] = await Promise.all([
      given.member(c),
      given.member(c),
      given.top3(c),
      given.staff(c),
    ]);
    await posting.setDelay(c.id, 1);
    ({ socket: readerSocket } = await connect(t.url, { token: reader.token }));
    ({ socket: top3Socket } = await connect(t.url, { token: top3.token }));
    top3Socket.on('check-in.changed', (e) => checkIns.push(e));
  });
  afterAll(async () => {
    readerSocket?.close();
    top3Socket?.close();
    await t.close();
    await db.destroy();
  });

  const list = (who: GivenUser, query = '') =>
    request(t.url).get(`/api/communities/${c.id}/check-ins${query}`).auth(who.token, { type: 'bearer' });
  const markDone = (who: GivenUser, postId: string) =>
    request(t.url).post(`/api/posts/${postId}/check-in`).auth(who.token, { type: 'bearer' });

  let postId: string;

  it('a post with hard thoughts is published to everyone, and reaches the Top 3 list live', async () => {
    const { postId: id } = await posting.publishedThread(author, c.boards.community, 'Rough one', THOUGHTS);
    postId = id;
    await until(() => collectReleases(readerSocket).some((e) => e.data.post.id === postId));
    await until(() => checkIns.some((e) => e.data.postId === postId && e.data.open));

    const open = await list(top3).expect(200);
    const item = (open.body.items as CheckInView[]).find((i) => i.post.id === postId);
    expect(item).toMatchObject({
      post: { id: postId, status: 'published', body: THOUGHTS, author: { id: author.id } },
      threadTitle: 'Rough one',
      done: null,
    });
    expect(item!.reasons.join(' ')).toMatch(/a wish to be dead: "I wish I was dead"/);

    // The author is told nothing different: the post is simply out.
    const own = await request(t.url).get(`/api/threads/${open.body.items[0].post.threadId}/posts`).auth(author.token, {
      type: 'bearer',
    });
    expect(own.body.items[0]).toMatchObject({ id: postId, status: 'published' });
  });

  it('a held post and an everyday post are not on the list', async () => {
    const held = await posting.thread(author, c.boards.community, 'Tonight', HARM);
    const everyday = await posting.publishedThread(author, c.boards.community, 'Walk', EVERYDAY);
    await posting.waitForStatus(held.body.post.id, 'held');
    const ids = ((await list(top3).expect(200)).body.items as CheckInView[]).map((i) => i.post.id);
    expect(ids).not.toContain(held.body.post.id);
    expect(ids).not.toContain(everyday.postId);
  });

  it('members and staff cannot read the list or mark a check-in, and learn nothing of it', async () => {
    await list(author).expect(403);
    await list(staff).expect(403);
    const byMember = await markDone(reader, postId).expect(404);
    const byStaff = await markDone(staff, postId).expect(404);
    const unknown = await markDone(top3, '00000000-0000-4000-8000-000000000000').expect(404);
    expect(byMember.body.message).toBe(unknown.body.message);
    expect(byStaff.body.message).toBe(unknown.body.message);
  });

  it('a Top 3 member checks in: it leaves the open list, once, for every Top 3 member live', async () => {
    const done = await markDone(top3, postId).expect(200);
    expect(done.body.done).toMatchObject({ by: { id: top3.id } });
    await until(() => checkIns.some((e) => e.data.postId === postId && !e.data.open));
    await markDone(top3, postId).expect(409);
    const open = (await list(top3).expect(200)).body.items as CheckInView[];
    expect(open.map((i) => i.post.id)).not.toContain(postId);
    const closed = (await list(top3, '?done=true').expect(200)).body.items as CheckInView[];
    expect(closed.find((i) => i.post.id === postId)?.done?.by.id).toBe(top3.id);
  });

  it('"I\'m looking at this" for a check-in: the others see it live, a second taker is told who, and it is logged', async () => {
    const { postId: id } = await posting.publishedThread(author, c.boards.community, 'Heavy day', THOUGHTS);
    await until(() => checkIns.some((e) => e.data.postId === id && e.data.open));
    const taken = await request(t.url)
      .post(`/api/posts/${id}/check-in/take`)
      .auth(top3.token, { type: 'bearer' })
      .expect(200);
    await until(() => checkIns.some((e) => e.data.postId === id && e.data.takenBy?.id === top3.id));
    const item = ((await list(top3).expect(200)).body.items as CheckInView[]).find((i) => i.post.id === id);
    expect(item?.taken).toEqual(taken.body);
    const second = await given.top3(c);
    const refused = await request(t.url)
      .post(`/api/posts/${id}/check-in/take`)
      .auth(second.token, { type: 'bearer' })
      .expect(409);
    expect(refused.body.message).toBe(`${taken.body.by.displayName} is already looking at this.`);
    await request(t.url).post(`/api/posts/${id}/check-in/take`).auth(reader.token, { type: 'bearer' }).expect(404);
  });

  it('the list pages with a cursor', async () => {
    for (let i = 0; i < 3; i++) await posting.publishedThread(author, c.boards.community, `Hard ${i}`, THOUGHTS);
    const first = await list(top3, '?limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await list(top3, `?limit=2&cursor=${first.body.nextCursor as string}`).expect(200);
    const ids = [...first.body.items, ...second.body.items].map((i: CheckInView) => i.post.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    await list(top3, '?cursor=nonsense').expect(400);
    const forged = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
    await list(top3, `?cursor=${forged(['not a time', '00000000-0000-4000-8000-000000000000'])}`).expect(400);
    await list(top3, `?cursor=${forged(['2026-12-07 01:00:00+00', 'not-a-uuid'])}`).expect(400);
  });

  it('a community whose Top 3 chose to hold hard thoughts has them held, not listed', async () => {
    const rules = DEFAULT_GUIDELINES.rules.map((r) => (r.id === 'self-harm-thoughts' ? { ...r, action: 'hold' } : r));
    await request(t.url)
      .put(`/api/communities/${c.id}/guidelines`)
      .auth(top3.token, { type: 'bearer' })
      .send({ rules })
      .expect(200);
    const res = await posting.thread(author, c.boards.community, 'Again', THOUGHTS);
    await posting.waitForStatus(res.body.post.id, 'held');
    const ids = ((await list(top3).expect(200)).body.items as CheckInView[]).map((i) => i.post.id);
    expect(ids).not.toContain(res.body.post.id);
  });

  it('guidelines saved before check-in existed keep holding wishes to be dead, as they did', async () => {
    const older = DEFAULT_GUIDELINES.rules.filter((r) => r.id !== 'self-harm-thoughts');
    const [{ version }] = await db.query<{ version: number }[]>(
      `SELECT coalesce(max(version), 1) + 1 AS version FROM guideline_versions WHERE community_id = $1`,
      [c.id],
    );
    await db.query(
      `INSERT INTO guideline_versions (community_id, version, rules, created_by) VALUES ($1, $2, $3, $4)`,
      [c.id, version, JSON.stringify(older), top3.id],
    );
    const read = await request(t.url)
      .get(`/api/communities/${c.id}/guidelines`)
      .auth(author.token, { type: 'bearer' })
      .expect(200);
    expect(read.body.rules.find((r: { id: string }) => r.id === 'self-harm-thoughts')).toMatchObject({
      action: 'hold',
    });
    const res = await posting.thread(author, c.boards.community, 'Old rules', THOUGHTS);
    await posting.waitForStatus(res.body.post.id, 'held');
  });
});
