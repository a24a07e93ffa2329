import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Given } from '../support/given';
import { TestApp, startApp, testDb } from '../support/app';
import { FIRST_WAIT_SECONDS } from '../../apps/gateway/src/auth/login-limiter';

describe('signing in and out', () => {
  let t: TestApp;
  let db: DataSource;
  let given: Given;

  beforeAll(async () => {
    t = await startApp({ LOGIN_ATTEMPTS_PER_ACCOUNT: '3' });
    db = await testDb();
    given = new Given(db);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  it('a member signs in with username and password and sees who they are', async () => {
    const c = await given.community();
    const m = await given.member(c);
    const login = await request(t.url)
      .post('/api/auth/login')
      .send({ username: m.username, password: m.password })
      .expect(200);
    expect(login.body).toMatchObject({ token: expect.any(String), user: { id: m.id, username: m.username } });
    expect(([] as string[]).concat(login.headers['set-cookie'] ?? []).join(';')).toMatch(
      /p2p_session=[^;]+;.*HttpOnly/i,
    );

    const me = await request(t.url).get('/api/me').auth(login.body.token, { type: 'bearer' }).expect(200);
    expect(me.body.memberships).toEqual([
      expect.objectContaining({
        communityId: c.id,
        role: 'member',
        status: 'active',
        isTop3: false,
        suspendedUntil: null,
      }),
    ]);
  });

  it('usernames are not case sensitive at sign-in', async () => {
    const u = await given.user();
    await request(t.url)
      .post('/api/auth/login')
      .send({ username: u.username.toUpperCase(), password: u.password })
      .expect(200);
  });

  it('a wrong password is a 401 with a sentence, the same as an unknown username', async () => {
    const u = await given.user();
    const wrong = await request(t.url)
      .post('/api/auth/login')
      .send({ username: u.username, password: 'not-the-password' })
      .expect(401);
    const unknown = await request(t.url)
      .post('/api/auth/login')
      .send({ username: 'nobody-here', password: 'whatever-1' })
      .expect(401);
    expect(wrong.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: expect.stringMatching(/don't match/),
    });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('repeated wrong passwords for one account from one address are slowed down with a kind 429, even with the right password', async () => {
    const u = await given.user();
    for (let i = 0; i < 3; i++) {
      await request(t.url)
        .post('/api/auth/login')
        .send({ username: u.username, password: 'wrong-password' })
        .expect(401);
    }
    const limited = await request(t.url)
      .post('/api/auth/login')
      .send({ username: u.username, password: u.password })
      .expect(429);
    expect(limited.body.message).toMatch(/Please wait \d+ minutes? and try again/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(FIRST_WAIT_SECONDS);
  });

  it('a success clears the count of earlier failures', async () => {
    const u = await given.user();
    for (let i = 0; i < 2; i++) {
      await request(t.url)
        .post('/api/auth/login')
        .send({ username: u.username, password: 'wrong-password' })
        .expect(401);
    }
    await request(t.url).post('/api/auth/login').send({ username: u.username, password: u.password }).expect(200);
    for (let i = 0; i < 2; i++) {
      await request(t.url)
        .post('/api/auth/login')
        .send({ username: u.username, password: 'wrong-password' })
        .expect(401);
    }
    await request(t.url).post('/api/auth/login').send({ username: u.username, password: u.password }).expect(200);
  });

  describe('behind a proxy that says who asked (TRUST_PROXY=true)', () => {
    let proxied: TestApp;
    let redis: Redis;
    beforeAll(async () => {
      proxied = await startApp({
        TRUST_PROXY: 'true',
        LOGIN_ATTEMPTS_PER_ACCOUNT: '3',
        LOGIN_ATTEMPTS_PER_ADDRESS: '6',
      });
      redis = new Redis(proxied.config.redisUrl);
    });
    afterAll(async () => {
      await proxied.close();
      redis.disconnect();
    });
    const signIn = (from: string, username: string, password: string) =>
      request(proxied.url).post('/api/auth/login').set('X-Forwarded-For', from).send({ username, password });

    it("someone guessing a member's password elsewhere never keeps the member out", async () => {
      const u = await given.user();
      for (let i = 0; i < 3; i++) await signIn('203.0.113.5', u.username, 'wrong-password').expect(401);
      await signIn('203.0.113.5', u.username, u.password).expect(429);
      await signIn('198.51.100.7', u.username, u.password).expect(200);
      // The guesser is still slowed down: the owner's success elsewhere clears only the owner's count.
      await signIn('203.0.113.5', u.username, u.password).expect(429);
    });

    it('each wrong password past the free ones doubles the wait, up to the window', async () => {
      const u = await given.user();
      const from = '203.0.113.9';
      for (let i = 0; i < 3; i++) await signIn(from, u.username, 'wrong-password').expect(401);
      const first = await signIn(from, u.username, 'wrong-password').expect(429);
      expect(Number(first.headers['retry-after'])).toBeLessThanOrEqual(FIRST_WAIT_SECONDS);
      expect(Number(first.headers['retry-after'])).toBeGreaterThan(FIRST_WAIT_SECONDS - 10);
      // Let the wait pass, as time would, and get it wrong once more.
      await redis.del(`${proxied.config.redisPrefix}:login:wait:${from}|${u.username}`);
      await signIn(from, u.username, 'wrong-password').expect(401);
      const second = await signIn(from, u.username, u.password).expect(429);
      expect(Number(second.headers['retry-after'])).toBeGreaterThan(FIRST_WAIT_SECONDS);
      expect(Number(second.headers['retry-after'])).toBeLessThanOrEqual(2 * FIRST_WAIT_SECONDS);
    });

    it('successful sign-ins from one shared address never count against it', async () => {
      const shared = '192.0.2.44';
      const people = await Promise.all(Array.from({ length: 4 }, () => given.user()));
      for (let round = 0; round < 3; round++) {
        for (const p of people) await signIn(shared, p.username, p.password).expect(200);
      }
    });

    it('one address failing at many accounts is limited, and only that address', async () => {
      const from = '203.0.113.77';
      for (let i = 0; i < 6; i++) await signIn(from, `guess-${i}`, 'guess-password').expect(401);
      const limited = await signIn(from, 'guess-7', 'guess-password').expect(429);
      expect(limited.body.message).toMatch(/Please wait/);
      const u = await given.user();
      await signIn(from, u.username, u.password).expect(429);
      await signIn('198.51.100.78', u.username, u.password).expect(200);
    });
  });

  it('without TRUST_PROXY a client cannot dodge the address limit by claiming another address', async () => {
    const limited = await startApp({ LOGIN_ATTEMPTS_PER_ADDRESS: '4' });
    try {
      for (let i = 0; i < 4; i++) {
        await request(limited.url)
          .post('/api/auth/login')
          .set('X-Forwarded-For', `203.0.113.${i + 1}`)
          .send({ username: `guess-${i}`, password: 'guess-password' })
          .expect(401);
      }
      await request(limited.url)
        .post('/api/auth/login')
        .set('X-Forwarded-For', '198.51.100.200')
        .send({ username: 'guess-5', password: 'guess-password' })
        .expect(429);
    } finally {
      await limited.close();
    }
  });

  it('signing out ends the session: its token no longer works', async () => {
    const u = await given.user();
    await request(t.url).post('/api/auth/logout').auth(u.token, { type: 'bearer' }).expect(204);
    const after = await request(t.url).get('/api/me').auth(u.token, { type: 'bearer' }).expect(401);
    expect(after.body.message).toMatch(/sign in/);
  });

  it('a member can see their sessions and end one on a lost phone', async () => {
    const u = await given.user();
    const other = await given.session(u.id);
    const list = await request(t.url).get('/api/auth/sessions').auth(u.token, { type: 'bearer' }).expect(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items.find((s: { current: boolean }) => s.current).id).toBe(u.sessionId);
    await request(t.url).delete(`/api/auth/sessions/${other.sessionId}`).auth(u.token, { type: 'bearer' }).expect(204);
    await request(t.url).get('/api/me').auth(other.token, { type: 'bearer' }).expect(401);
    await request(t.url).get('/api/me').auth(u.token, { type: 'bearer' }).expect(200);
  });

  it("nobody can end someone else's session", async () => {
    const a = await given.user();
    const b = await given.user();
    await request(t.url).delete(`/api/auth/sessions/${b.sessionId}`).auth(a.token, { type: 'bearer' }).expect(404);
    await request(t.url).get('/api/me').auth(b.token, { type: 'bearer' }).expect(200);
  });

  it('an expired session opens nothing', async () => {
    const u = await given.user();
    await db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [u.sessionId]);
    await request(t.url).get('/api/me').auth(u.token, { type: 'bearer' }).expect(401);
  });

  describe('in the browser, with the session cookie', () => {
    it('reads with the cookie alone, but changes need the CSRF header', async () => {
      const u = await given.user();
      const agent = request.agent(t.url);
      const login = await agent
        .post('/api/auth/login')
        .send({ username: u.username, password: u.password })
        .expect(200);
      await agent.get('/api/me').expect(200);
      const refused = await agent.post('/api/auth/logout').expect(403);
      expect(refused.body.message).toMatch(/security check/);
      await agent.post('/api/auth/logout').set('X-CSRF-Token', login.body.csrfToken).expect(204);
      await agent.get('/api/me').expect(401);
    });
  });
});
