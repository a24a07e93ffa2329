import request from 'supertest';
import { DataSource } from 'typeorm';
import { AccessService } from '../../apps/gateway/src/governance/access.service';
import { Given, GivenUser } from '../support/given';
import { Posting } from '../support/posts';
import { TestApp, startApp, testDb } from '../support/app';

describe('staff read a board only when the community asks them in', () => {
  let t: TestApp;
  let db: DataSource;
  let given: Given;
  let posting: Posting;

  beforeAll(async () => {
    t = await startApp({ POSTS_PER_HOUR: '1000' });
    db = await testDb();
    given = new Given(db);
    posting = new Posting(t.url, db);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const send = (path: string, who: GivenUser, body: object = {}) =>
    request(t.url).post(path).auth(who.token, { type: 'bearer' }).send(body);
  const get = (path: string, who: GivenUser) => request(t.url).get(path).auth(who.token, { type: 'bearer' });

  it('a grant opens with two different Top 3 approvals, every read is logged, and it ends by itself', async () => {
    const c = await given.community();
    const staff = await given.staff(c);
    const [t1, t2] = [await given.top3(c), await given.top3(c)];
    const member = await given.member(c);
    await posting.setDelay(c.id, 0);
    const { threadId } = await posting.publishedThread(member, c.boards.community, 'A hard week');

    await get(`/api/boards/${c.boards.community}/threads`, staff).expect(404);
    const asked = await send(`/api/communities/${c.id}/access-requests`, staff, {
      boardId: c.boards.community,
      reason: 'The community asked us to help think about a hard week.',
      minutes: 60,
    }).expect(201);
    expect(asked.body).toMatchObject({ status: 'waiting', approvals: [] });

    await send(`/api/access-requests/${asked.body.id}/approve`, staff).expect(403);
    await send(`/api/access-requests/${asked.body.id}/approve`, member).expect(403);
    const once = await send(`/api/access-requests/${asked.body.id}/approve`, t1).expect(200);
    expect(once.body.status).toBe('waiting');
    await send(`/api/access-requests/${asked.body.id}/approve`, t1).expect(409);
    await get(`/api/boards/${c.boards.community}/threads`, staff).expect(404);

    const twice = await send(`/api/access-requests/${asked.body.id}/approve`, t2).expect(200);
    expect(twice.body).toMatchObject({ status: 'granted', expiresAt: expect.any(String) });
    expect(twice.body.approvals.map((a: { id: string }) => a.id)).toEqual([t1.id, t2.id]);

    const threads = await get(`/api/boards/${c.boards.community}/threads`, staff).expect(200);
    expect(threads.body.items.map((x: { id: string }) => x.id)).toContain(threadId);
    await get(`/api/threads/${threadId}/posts`, staff).expect(200);
    const log = await get(`/api/communities/${c.id}/log`, t1).expect(200);
    const reads = log.body.items.filter((r: { action: string }) => r.action === 'access-read');
    expect(reads.map((r: { details: { read: string } }) => r.details.read).sort()).toEqual(['posts', 'threads']);
    expect(reads.every((r: { actor: { id: string } }) => r.actor.id === staff.id)).toBe(true);

    // Time moves on past the window (in the database clock, not by waiting).
    await db.query(`UPDATE access_requests SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      asked.body.id,
    ]);
    await get(`/api/boards/${c.boards.community}/threads`, staff).expect(404);
    expect(await t.app.get(AccessService).expireDue(new Date())).toBeGreaterThanOrEqual(1);
    const after = await get(`/api/communities/${c.id}/access-requests`, staff).expect(200);
    expect(after.body.items[0].status).toBe('expired');
  });

  it('staff see, by name only, the community boards they may ask for; never a private one', async () => {
    const c = await given.community();
    const staff = await given.staff(c);
    const member = await given.member(c);
    const top3 = await given.top3(c);
    const group = await given.privateBoard(c, 'Quiet group');
    const askable = await get(`/api/communities/${c.id}/access-requests/boards`, staff).expect(200);
    expect(askable.body.items).toEqual([
      { id: c.boards.community, name: expect.any(String), description: expect.anything() },
    ]);
    expect(JSON.stringify(askable.body)).not.toContain(group);
    expect(JSON.stringify(askable.body)).not.toContain(c.boards.top3);
    await get(`/api/communities/${c.id}/access-requests/boards`, member).expect(403);
    await get(`/api/communities/${c.id}/access-requests/boards`, top3).expect(403);
  });

  it('private boards can never be granted, and asking names nothing', async () => {
    const c = await given.community();
    const staff = await given.staff(c);
    const group = await given.privateBoard(c);
    const nowhere = await send(`/api/communities/${c.id}/access-requests`, staff, {
      boardId: group,
      reason: 'x',
      minutes: 60,
    }).expect(404);
    const missing = await send(`/api/communities/${c.id}/access-requests`, staff, {
      boardId: '00000000-0000-4000-8000-000000000000',
      reason: 'x',
      minutes: 60,
    }).expect(404);
    expect(nowhere.body).toEqual(missing.body);
    await send(`/api/communities/${c.id}/access-requests`, staff, {
      boardId: c.boards.top3,
      reason: 'x',
      minutes: 60,
    }).expect(404);
    // Even written straight into the database, the grant is refused.
    await expect(
      db.query(
        `INSERT INTO access_requests (community_id, board_id, staff_id, reason, minutes) VALUES ($1, $2, $3, 'x', 60)`,
        [c.id, group, staff.id],
      ),
    ).rejects.toThrow(/community board/);
  });

  it('a staff member with a grant still sees nothing of private boards, anywhere', async () => {
    const c = await given.community();
    const staff = await given.staff(c);
    const [t1, t2] = [await given.top3(c), await given.top3(c)];
    const member = await given.member(c);
    await posting.setDelay(c.id, 0);
    const group = await given.privateBoard(c, 'Secret group');
    await given.participant(group, member);
    const secret = await posting.publishedThread(member, group, 'Secret title', 'Secret words');
    const asked = await send(`/api/communities/${c.id}/access-requests`, staff, {
      boardId: c.boards.community,
      reason: 'help',
      minutes: 60,
    });
    await send(`/api/access-requests/${asked.body.id}/approve`, t1).expect(200);
    await send(`/api/access-requests/${asked.body.id}/approve`, t2).expect(200);

    const boards = await get(`/api/communities/${c.id}/boards`, staff).expect(200);
    expect(boards.body.items.map((b: { kind: string }) => b.kind).sort()).toEqual(['community', 'info']);
    await get(`/api/boards/${group}`, staff).expect(404);
    await get(`/api/boards/${group}/threads`, staff).expect(404);
    await get(`/api/threads/${secret.threadId}/posts`, staff).expect(404);
    await get(`/api/posts/${secret.postId}`, staff).expect(404);
    for (const path of [
      `/api/communities/${c.id}/boards`,
      `/api/communities/${c.id}/log`,
      `/api/communities/${c.id}/access-requests`,
      `/api/communities/${c.id}/access-requests/boards`,
    ]) {
      const res = await get(path, staff).expect(200);
      expect([path, JSON.stringify(res.body)]).not.toEqual([path, expect.stringMatching(/Secret|/ + group)]);
      expect(JSON.stringify(res.body)).not.toContain(group);
      expect(JSON.stringify(res.body)).not.toMatch(/Secret/);
    }
  });
});
