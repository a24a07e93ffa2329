import request from 'supertest';
import { DataSource } from 'typeorm';
import { ElectionsService } from '../../apps/gateway/src/governance/elections.service';
import { Given, GivenUser } from '../support/given';
import { TestApp, startApp, testDb } from '../support/app';
import { connect, until } from '../support/sockets';
import type { ChatMonitorsEvent } from '@p2p/contract';

/** The lists the web client needs: elections, the people of a community, and direct conversations for the Top 3. */
describe('lists for the member screens', () => {
  let t: TestApp;
  let db: DataSource;
  let given: Given;

  beforeAll(async () => {
    t = await startApp();
    db = await testDb();
    given = new Given(db);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const get = (path: string, who: GivenUser) => request(t.url).get(path).auth(who.token, { type: 'bearer' });
  const send = (path: string, who: GivenUser, body: object = {}) =>
    request(t.url).post(path).auth(who.token, { type: 'bearer' }).send(body);
  const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

  it("elections: the open one and recently counted ones, newest first, with the caller's own view and the result once counted", async () => {
    const c = await given.community();
    const other = await given.community();
    const [staff, ann, bea, outsider, suspended] = await Promise.all([
      given.staff(c),
      given.member(c),
      given.member(c),
      given.member(other),
      given.suspended(c),
    ]);
    const old = await send(`/api/communities/${c.id}/elections`, staff, {
      kind: 'full',
      nominationsCloseAt: inMinutes(60),
      votingCloseAt: inMinutes(120),
    }).expect(201);
    await send(`/api/communities/${c.id}/elections/${old.body.id}/nominations`, ann, { candidateId: ann.id }).expect(
      201,
    );
    await db.query(
      `UPDATE elections SET nominations_close_at = now() - interval '1 second', opened_at = now() - interval '1 hour' WHERE id = $1`,
      [old.body.id],
    );
    await send(`/api/communities/${c.id}/elections/${old.body.id}/ballots`, bea, { candidateIds: [ann.id] }).expect(
      201,
    );
    await db.query(`UPDATE elections SET voting_close_at = now() - interval '1 second' WHERE id = $1`, [old.body.id]);
    await t.app.get(ElectionsService).count(old.body.id);

    // A long-ago counted election drops out of the list.
    const ancient = await send(`/api/communities/${c.id}/elections`, staff, {
      kind: 'full',
      nominationsCloseAt: inMinutes(60),
      votingCloseAt: inMinutes(120),
    }).expect(201);
    await db.query(
      `UPDATE elections SET nominations_close_at = now() - interval '200 days', voting_close_at = now() - interval '199 days',
              opened_at = now() - interval '201 days' WHERE id = $1`,
      [ancient.body.id],
    );
    await t.app.get(ElectionsService).count(ancient.body.id);
    await db.query(`UPDATE elections SET counted_at = now() - interval '199 days' WHERE id = $1`, [ancient.body.id]);

    const current = await send(`/api/communities/${c.id}/elections`, staff, {
      kind: 'full',
      nominationsCloseAt: inMinutes(60),
      votingCloseAt: inMinutes(120),
    }).expect(201);
    await send(`/api/communities/${c.id}/elections/${current.body.id}/nominations`, ann, {
      candidateId: bea.id,
    }).expect(201);

    const list = await get(`/api/communities/${c.id}/elections`, bea).expect(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([current.body.id, old.body.id]);
    const [now, before] = list.body.items;
    expect(now).toMatchObject({ phase: 'nominating', seats: 3, youHaveVoted: false, result: null });
    expect(now.candidates).toEqual([expect.objectContaining({ id: bea.id, accepted: false })]);
    expect(before).toMatchObject({ phase: 'counted', result: expect.objectContaining({ elected: [ann.id] }) });
    expect(before.result.rule).toMatch(/lot/);

    await get(`/api/communities/${c.id}/elections`, staff).expect(200);
    await get(`/api/communities/${c.id}/elections`, outsider).expect(404);
    await get(`/api/communities/${c.id}/elections`, suspended).expect(403);
    const empty = await get(`/api/communities/${other.id}/elections`, outsider).expect(200);
    expect(empty.body.items).toEqual([]);
  });

  it("people: the community's active members by name only, for members and staff", async () => {
    const c = await given.community();
    const other = await given.community();
    const [ann, top, staff, away, outsider] = await Promise.all([
      given.member(c),
      given.top3(c),
      given.staff(c),
      given.suspended(c),
      given.member(other),
    ]);
    const res = await get(`/api/communities/${c.id}/people`, ann).expect(200);
    const ids = res.body.items.map((p: { id: string }) => p.id).sort();
    expect(ids).toEqual([ann.id, top.id].sort());
    expect(res.body.items.find((p: { id: string }) => p.id === top.id)).toEqual({
      id: top.id,
      displayName: expect.any(String),
      isTop3: true,
    });
    expect(JSON.stringify(res.body)).not.toContain(staff.id);
    expect(JSON.stringify(res.body)).not.toContain(away.id);
    await get(`/api/communities/${c.id}/people`, staff).expect(200);
    await get(`/api/communities/${c.id}/people`, outsider).expect(404);
    await get(`/api/communities/${c.id}/people`, away).expect(403);
  });

  it('direct conversations: the Top 3 see requests not yet ended, with members and monitors; no one else does', async () => {
    const c = await given.community();
    const [ann, bea, top1, top2, staff] = await Promise.all([
      given.member(c),
      given.member(c),
      given.top3(c),
      given.top3(c),
      given.staff(c),
    ]);
    const first = await send(`/api/communities/${c.id}/chat/direct`, ann, { withUserId: bea.id }).expect(201);
    const second = await send(`/api/communities/${c.id}/chat/direct`, bea, { withUserId: ann.id }).expect(201);
    await request(t.url)
      .post(`/api/communities/${c.id}/chat/rooms/${first.body.id}/monitors`)
      .auth(top1.token, { type: 'bearer' })
      .expect(200);

    const list = await get(`/api/communities/${c.id}/chat/direct`, top2).expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([second.body.id, first.body.id]);
    expect(list.body.items[1]).toMatchObject({
      kind: 'direct',
      open: false,
      ended: false,
      monitors: [expect.objectContaining({ id: top1.id })],
    });
    expect(list.body.items[1].members.map((m: { id: string }) => m.id).sort()).toEqual([ann.id, bea.id].sort());

    await send(`/api/communities/${c.id}/chat/rooms/${first.body.id}/end`, top1).expect(200);
    const after = await get(`/api/communities/${c.id}/chat/direct`, top2).expect(200);
    expect(after.body.items.map((r: { id: string }) => r.id)).toEqual([second.body.id]);

    await get(`/api/communities/${c.id}/chat/direct`, ann).expect(403);
    await get(`/api/communities/${c.id}/chat/direct`, staff).expect(403);
  });

  it('a change of monitors reaches every Top 3 member live, not only those in the conversation', async () => {
    const c = await given.community();
    const [ann, bea, top1, top2] = await Promise.all([given.member(c), given.member(c), given.top3(c), given.top3(c)]);
    const room = await send(`/api/communities/${c.id}/chat/direct`, ann, { withUserId: bea.id }).expect(201);
    const sockets = await Promise.all([top2, bea].map((u) => connect(t.url, { token: u.token })));
    const heard = sockets.map(({ socket }) => {
      const got: ChatMonitorsEvent[] = [];
      socket.on('chat.monitors', (e) => got.push(e));
      return got;
    });
    try {
      await send(`/api/communities/${c.id}/chat/rooms/${room.body.id}/monitors`, top1).expect(200);
      const [top2Heard, beaHeard] = heard;
      await until(() => top2Heard.length > 0 && beaHeard.length > 0);
      expect(top2Heard[0].data).toMatchObject({ roomId: room.body.id, open: false, monitors: [{ id: top1.id }] });
      expect(beaHeard[0].data).toMatchObject({ roomId: room.body.id, open: false });
    } finally {
      sockets.forEach(({ socket }) => socket.close());
    }
  });
});
