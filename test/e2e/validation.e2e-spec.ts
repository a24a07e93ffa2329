import request from 'supertest';
import { DataSource } from 'typeorm';
import { Given, GivenUser } from '../support/given';
import { TestApp, startApp, testDb } from '../support/app';

/** Bad input gets a clear 4xx sentence in the one error shape; never a 500, never a stack. */
describe('bad input', () => {
  let t: TestApp;
  let db: DataSource;
  let staff: GivenUser;
  let communityId: string;

  beforeAll(async () => {
    t = await startApp();
    db = await testDb();
    const given = new Given(db);
    const c = await given.community();
    communityId = c.id;
    staff = await given.staff(c);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const expectSentence = (body: Record<string, unknown>, status: number) => {
    expect(body).toEqual({
      statusCode: status,
      error: expect.any(String),
      message: expect.stringMatching(/^[A-Z].*[.!?]$/),
    });
    expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
  };

  it('an unknown field is a 400 that names it', async () => {
    const res = await request(t.url)
      .post('/api/auth/login')
      .send({ username: 'a', password: 'b', admin: true })
      .expect(400);
    expectSentence(res.body, 400);
    expect(res.body.message).toMatch(/admin is not a field we accept/);
  });

  it('a missing field is a 400 that names it', async () => {
    const res = await request(t.url).post('/api/auth/login').send({ username: 'someone' }).expect(400);
    expectSentence(res.body, 400);
    expect(res.body.message).toMatch(/password/);
  });

  it('a field of the wrong kind is a 400', async () => {
    const res = await request(t.url)
      .post('/api/auth/login')
      .send({ username: ['a'], password: { $gt: '' } })
      .expect(400);
    expectSentence(res.body, 400);
  });

  it('malformed JSON is a 400, not a 500', async () => {
    const res = await request(t.url)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": "a",')
      .expect(400);
    expectSentence(res.body, 400);
    expect(res.body.message).toBe('The request body is not valid JSON.');
  });

  it('a body that is not an object is a 400', async () => {
    for (const body of ['[]', '"text"', '42', 'null']) {
      const res = await request(t.url).post('/api/auth/login').set('Content-Type', 'application/json').send(body);
      expect([res.status, body]).toEqual([400, body]);
      expectSentence(res.body, 400);
    }
  });

  it('no body at all is a 400', async () => {
    const res = await request(t.url).post('/api/auth/login').expect(400);
    expectSentence(res.body, 400);
  });

  it('an oversize body is a 413', async () => {
    const res = await request(t.url)
      .post('/api/auth/login')
      .send({ username: 'a', password: 'x'.repeat(200_000) })
      .expect(413);
    expectSentence(res.body, 413);
  });

  it('an id that is not a UUID is a 400', async () => {
    const res = await request(t.url)
      .get('/api/communities/not-a-uuid')
      .auth(staff.token, { type: 'bearer' })
      .expect(400);
    expectSentence(res.body, 400);
    expect(res.body.message).toBe('The community id in the address is not a valid id.');
  });

  it('an unknown route is a 404 sentence', async () => {
    const res = await request(t.url).get('/api/nothing-here').expect(404);
    expectSentence(res.body, 404);
  });

  it('settings out of bounds are refused, and nothing already saved changes', async () => {
    const before = await request(t.url)
      .get(`/api/communities/${communityId}`)
      .auth(staff.token, { type: 'bearer' })
      .expect(200);
    const res = await request(t.url)
      .patch(`/api/communities/${communityId}`)
      .auth(staff.token, { type: 'bearer' })
      .send({ postingDelaySeconds: -5, flagThreshold: 2 })
      .expect(400);
    expectSentence(res.body, 400);
    expect(res.body.message).toMatch(/postingDelaySeconds/);
    const after = await request(t.url)
      .get(`/api/communities/${communityId}`)
      .auth(staff.token, { type: 'bearer' })
      .expect(200);
    expect(after.body).toEqual(before.body);
  });

  it('a nested crisis contact with an unknown field is refused by its path', async () => {
    const res = await request(t.url)
      .patch(`/api/communities/${communityId}`)
      .auth(staff.token, { type: 'bearer' })
      .send({ crisisContacts: [{ name: 'Samaritans', phone: '116 123', secret: 1 }] })
      .expect(400);
    expect(res.body.message).toMatch(/crisisContacts\.0\.secret is not a field we accept/);
  });

  it('null for a setting that needs a value is a 400, not a database error (found by the fuzzer)', async () => {
    for (const body of [{ outreachContact: null }, { postingDelaySeconds: null }, { crisisContacts: null }]) {
      const res = await request(t.url)
        .patch(`/api/communities/${communityId}`)
        .auth(staff.token, { type: 'bearer' })
        .send(body);
      expect([body, res.status]).toEqual([body, 400]);
    }
  });

  it('a bad page cursor is a 400', async () => {
    const res = await request(t.url)
      .get(`/api/communities/${communityId}/members?cursor=nonsense`)
      .auth(staff.token, { type: 'bearer' })
      .expect(400);
    expectSentence(res.body, 400);
  });

  it('text with a NUL character is a 400, not a database error', async () => {
    const res = await request(t.url).post('/api/auth/login').send({ username: 'a\u0000b', password: 'x' }).expect(400);
    expectSentence(res.body, 400);
    expect(res.body.message).toMatch(/NUL/);
  });

  it('after all of that the service still serves', async () => {
    await request(t.url).get('/api/health').expect(200);
  });
});
