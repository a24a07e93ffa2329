import request from 'supertest';
import { DataSource } from 'typeorm';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import { Given, GivenUser } from '../support/given';
import { TestApp, startApp, testDb } from '../support/app';

describe('communities, strictly apart', () => {
  let t: TestApp;
  let db: DataSource;
  let given: Given;
  let a: ProvisionedCommunity;
  let b: ProvisionedCommunity;
  let memberA: GivenUser;
  let staffA: GivenUser;
  let top3B: GivenUser;

  beforeAll(async () => {
    t = await startApp();
    db = await testDb();
    given = new Given(db);
    a = await given.community('Community A');
    b = await given.community('Community B');
    memberA = await given.member(a);
    staffA = await given.staff(a);
    top3B = await given.top3(b);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const get = (path: string, who: GivenUser) => request(t.url).get(path).auth(who.token, { type: 'bearer' });

  it('a member of A cannot read anything of B, and learns nothing of it', async () => {
    const paths = [
      `/api/communities/${b.id}`,
      `/api/communities/${b.id}/boards`,
      `/api/communities/${b.id}/members`,
      `/api/boards/${b.boards.community}`,
      `/api/boards/${b.boards.info}`,
      `/api/boards/${b.boards.info}/pages`,
      `/api/boards/${b.boards.top3}`,
    ];
    for (const path of paths) {
      const res = await get(path, memberA);
      expect([path, res.status]).toEqual([path, 404]);
      expect(JSON.stringify(res.body)).not.toContain('Community B');
    }
  });

  it('B answers the same for a community that does not exist at all', async () => {
    const missing = await get(`/api/communities/00000000-0000-4000-8000-000000000000`, memberA);
    const other = await get(`/api/communities/${b.id}`, memberA);
    expect(other.status).toBe(missing.status);
    expect(other.body).toEqual(missing.body);
  });

  it('staff of A can neither read nor change B', async () => {
    await get(`/api/communities/${b.id}`, staffA).expect(404);
    await request(t.url)
      .patch(`/api/communities/${b.id}`)
      .auth(staffA.token, { type: 'bearer' })
      .send({ flagThreshold: 9 })
      .expect(404);
    await request(t.url)
      .post(`/api/communities/${b.id}/members`)
      .auth(staffA.token, { type: 'bearer' })
      .send({ username: memberA.username, role: 'member' })
      .expect(404);
  });

  it('each member sees only the boards of their own community that they may read', async () => {
    const boardsA = await get(`/api/communities/${a.id}/boards`, memberA).expect(200);
    expect(boardsA.body.items.map((x: { id: string }) => x.id).sort()).toEqual(
      [a.boards.community, a.boards.info].sort(),
    );
    const boardsB = await get(`/api/communities/${b.id}/boards`, top3B).expect(200);
    expect(boardsB.body.items.map((x: { id: string }) => x.id).sort()).toEqual(
      [b.boards.community, b.boards.top3, b.boards.info].sort(),
    );
  });

  it('staff see the info board but not the community board or the Top 3 board', async () => {
    const res = await get(`/api/communities/${a.id}/boards`, staffA).expect(200);
    expect(res.body.items.map((x: { kind: string }) => x.kind)).toEqual(['info']);
    await get(`/api/boards/${a.boards.community}`, staffA).expect(404);
    await get(`/api/boards/${a.boards.top3}`, staffA).expect(404);
  });

  it('every community starts with a crisis contacts page', async () => {
    const res = await get(`/api/boards/${a.boards.info}/pages`, memberA).expect(200);
    const help = res.body.items.find((p: { slug: string }) => p.slug === 'need-help-now');
    expect(help.body).toContain('116 123');
    expect(help.body).toContain('999');
  });

  it('a suspended member is told kindly that their place is paused', async () => {
    const s = await given.suspended(a);
    const res = await get(`/api/communities/${a.id}/boards`, s).expect(403);
    expect(res.body.message).toMatch(/paused/);
    const me = await get('/api/me', s).expect(200);
    expect(me.body.memberships[0]).toMatchObject({ status: 'suspended', suspendedUntil: expect.any(String) });
  });

  describe('operators run the service, not the communities', () => {
    it('an operator creates a community with its boards and safe defaults', async () => {
      const op = await given.operator();
      const res = await request(t.url)
        .post('/api/communities')
        .auth(op.token, { type: 'bearer' })
        .send({ slug: `new-${Date.now().toString(36)}`, name: 'New community', settings: { postingDelaySeconds: 0 } })
        .expect(201);
      expect(res.body).toMatchObject({
        postingDelaySeconds: 0,
        chatDelaySeconds: 10,
        flagThreshold: 2,
        suspensionAfterNoContact: 3,
        suspensionMonths: 3,
      });
      expect(res.body.crisisContacts.map((c: { name: string }) => c.name)).toContain('Samaritans');
    });

    it('a taken slug is a 409', async () => {
      const op = await given.operator();
      const [{ slug }] = await db.query(`SELECT slug FROM communities WHERE id = $1`, [a.id]);
      await request(t.url)
        .post('/api/communities')
        .auth(op.token, { type: 'bearer' })
        .send({ slug, name: 'Again' })
        .expect(409);
    });

    it('staff and members cannot create communities', async () => {
      for (const who of [staffA, memberA]) {
        await request(t.url)
          .post('/api/communities')
          .auth(who.token, { type: 'bearer' })
          .send({ slug: 'nope-x', name: 'Nope' })
          .expect(403);
      }
    });

    it('an operator adds the first staff but cannot read boards or admit members', async () => {
      const op = await given.operator();
      const newcomer = await given.user();
      await request(t.url)
        .post(`/api/communities/${b.id}/members`)
        .auth(op.token, { type: 'bearer' })
        .send({ username: newcomer.username, role: 'staff' })
        .expect(201);
      await request(t.url)
        .post(`/api/communities/${b.id}/members`)
        .auth(op.token, { type: 'bearer' })
        .send({ username: memberA.username, role: 'member' })
        .expect(403);
      await get(`/api/communities/${b.id}/boards`, op).expect(403);
      await get(`/api/boards/${b.boards.community}`, op).expect(404);
    });
  });

  describe('staff manage their own community', () => {
    it('staff change settings, within bounds', async () => {
      const res = await request(t.url)
        .patch(`/api/communities/${a.id}`)
        .auth(staffA.token, { type: 'bearer' })
        .send({ postingDelaySeconds: 120, crisisContacts: [{ name: 'Local crisis team', phone: '01900 000000' }] })
        .expect(200);
      expect(res.body).toMatchObject({
        postingDelaySeconds: 120,
        crisisContacts: [{ name: 'Local crisis team', phone: '01900 000000' }],
      });
    });

    it('refuses a crisis contact nobody could reach, and never shows one that was stored before', async () => {
      const refused = await request(t.url)
        .patch(`/api/communities/${a.id}`)
        .auth(staffA.token, { type: 'bearer' })
        .send({ crisisContacts: [{ name: 'Local crisis team', note: 'We will add the number soon.' }] })
        .expect(400);
      expect(JSON.stringify(refused.body)).toContain('each crisis contact needs a phone number or a web address');
      // A placeholder stored before this rule (the old default) is left out of what members see.
      await t.app.get(DataSource).query(`UPDATE communities SET crisis_contacts = $2::jsonb WHERE id = $1`, [
        a.id,
        JSON.stringify([
          { name: 'Samaritans', phone: '116 123' },
          { name: 'Local crisis team', note: 'Your community will add its local crisis team number here.' },
        ]),
      ]);
      const seen = await get(`/api/communities/${a.id}`, memberA).expect(200);
      expect(seen.body.crisisContacts).toEqual([{ name: 'Samaritans', phone: '116 123' }]);
    });

    it('members cannot change settings', async () => {
      await request(t.url)
        .patch(`/api/communities/${a.id}`)
        .auth(memberA.token, { type: 'bearer' })
        .send({ flagThreshold: 1 })
        .expect(403);
    });

    it('staff admit a new member with a first password, who can then sign in', async () => {
      const username = `new-${Date.now().toString(36)}`;
      const res = await request(t.url)
        .post(`/api/communities/${a.id}/members`)
        .auth(staffA.token, { type: 'bearer' })
        .send({ username, role: 'member', displayName: 'Newcomer', initialPassword: 'first-password-1' })
        .expect(201);
      expect(res.body).toMatchObject({ username, role: 'member', status: 'active', isTop3: false });
      await request(t.url).post('/api/auth/login').send({ username, password: 'first-password-1' }).expect(200);
      await request(t.url)
        .post(`/api/communities/${a.id}/members`)
        .auth(staffA.token, { type: 'bearer' })
        .send({ username, role: 'member' })
        .expect(409);
    });

    it('staff list members a page at a time', async () => {
      for (let i = 0; i < 3; i++) await given.member(a);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: request.Response = await get(
          `/api/communities/${a.id}/members?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          staffA,
        ).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((m: { username: string }) => m.username));
        cursor = res.body.nextCursor;
      } while (cursor);
      const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM memberships WHERE community_id = $1`, [
        a.id,
      ]);
      expect(seen).toHaveLength(count);
      expect([...seen].sort()).toEqual(seen);
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('members cannot list members', async () => {
      await get(`/api/communities/${a.id}/members`, memberA).expect(403);
    });
  });
});
