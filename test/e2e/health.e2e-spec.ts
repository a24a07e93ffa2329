import request from 'supertest';
import { TestApp, startApp } from '../support/app';

describe('health and docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('reports the database and Redis', async () => {
    const res = await request(t.url).get('/api/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      db: 'ok',
      redis: 'ok',
      guidelinesModel: 'off',
      communitiesWithoutLocalContact: expect.any(Number),
    });
  });

  it('serves the OpenAPI document with every route of the contract so far', async () => {
    const res = await request(t.url).get('/api/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/auth/login',
        '/api/auth/logout',
        '/api/me',
        '/api/communities',
        '/api/communities/{cid}',
        '/api/communities/{cid}/members',
        '/api/communities/{cid}/boards',
      ]),
    );
  });

  it('says 503 while Redis is unreachable', async () => {
    const broken = await startApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const res = await request(broken.url).get('/api/health').expect(503);
      expect(res.body).toEqual({
        status: 'unavailable',
        db: 'ok',
        redis: 'down',
        guidelinesModel: 'off',
        communitiesWithoutLocalContact: expect.any(Number),
      });
    } finally {
      await broken.close();
    }
  });
});
