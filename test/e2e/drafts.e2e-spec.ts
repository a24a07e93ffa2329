import { DraftView } from '@p2p/contract';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { useApp } from '../support/use-app';

jest.setTimeout(60_000);

/** Drafts kept on the server while a member writes: theirs alone, and never lost by a bad save. */
describe('drafts', () => {
  const app = useApp();
  const as = (token: string) => ({
    get: (place: string) => request(app.t.url).get(`/api/me/drafts/${place}`).auth(token, { type: 'bearer' }),
    put: (place: string, body: object) =>
      request(app.t.url).put(`/api/me/drafts/${place}`).auth(token, { type: 'bearer' }).send(body),
    del: (place: string) => request(app.t.url).delete(`/api/me/drafts/${place}`).auth(token, { type: 'bearer' }),
  });

  it('saves, reads, replaces and deletes my own draft', async () => {
    const c = await app.given.community();
    const member = await app.given.member(c);
    const me = as(member.token);
    const place = `thread:${randomUUID()}`;

    const none = await me.get(place).expect(200);
    expect(none.body).toEqual<DraftView>({ place, title: null, body: '', updatedAt: null });

    const saved = await me.put(place, { body: 'Sundays are long for me too.' }).expect(200);
    expect(saved.body).toMatchObject({ place, title: null, body: 'Sundays are long for me too.' });
    expect(typeof saved.body.updatedAt).toBe('string');
    expect((await me.get(place).expect(200)).body).toEqual(saved.body);

    const newThread = `board:${randomUUID()}`;
    await me.put(newThread, { title: 'The weekend', body: '' }).expect(200);
    expect((await me.get(newThread).expect(200)).body).toMatchObject({ title: 'The weekend', body: '' });

    const replaced = await me.put(place, { body: 'Sundays are long for me too. I walk.' }).expect(200);
    expect(replaced.body.body).toBe('Sundays are long for me too. I walk.');
    expect((await me.get(place).expect(200)).body.body).toBe('Sundays are long for me too. I walk.');

    // An id in capitals is the same place.
    expect((await me.get(place.toUpperCase().replace('THREAD', 'thread')).expect(200)).body.body).toContain('I walk');

    await me.del(place).expect(204);
    expect((await me.get(place).expect(200)).body).toMatchObject({ body: '', updatedAt: null });
    await me.del(place).expect(204);
    // The other draft is untouched.
    expect((await me.get(newThread).expect(200)).body.title).toBe('The weekend');
  });

  it('nobody else reads, replaces or deletes it', async () => {
    const c = await app.given.community();
    const [member, other] = await Promise.all([app.given.member(c), app.given.member(c)]);
    const place = `room:${randomUUID()}`;
    await as(member.token).put(place, { body: 'Only mine.' }).expect(200);

    const theirs = await as(other.token).get(place).expect(200);
    expect(theirs.body).toMatchObject({ body: '', updatedAt: null });
    await as(other.token).put(place, { body: 'Theirs.' }).expect(200);
    await as(other.token).del(place).expect(204);
    expect((await as(member.token).get(place).expect(200)).body.body).toBe('Only mine.');
  });

  it('refuses bad input with a clear 400, and callers who are not signed in with a 401', async () => {
    const c = await app.given.community();
    const member = await app.given.member(c);
    const me = as(member.token);
    const place = `thread:${randomUUID()}`;

    for (const bad of ['somewhere', `post:${randomUUID()}`, 'thread:not-an-id', `thread:${randomUUID()}x`]) {
      const res = await me.get(encodeURIComponent(bad)).expect(400);
      expect(res.body.message).toMatch(/place in the address/);
    }
    expect((await me.put(place, {}).expect(400)).body.message).toMatch(/body/);
    expect((await me.put(place, { body: 'x'.repeat(20001) }).expect(400)).body.message).toMatch(/body/);
    expect((await me.put(place, { body: 'ok', title: 'x'.repeat(201) }).expect(400)).body.message).toMatch(/title/);
    expect((await me.put(place, { body: 'ok', userId: member.id }).expect(400)).body.message).toMatch(/userId/);
    // Nothing was kept by a refused save.
    expect((await me.get(place).expect(200)).body.updatedAt).toBeNull();

    await request(app.t.url).get(`/api/me/drafts/${place}`).expect(401);
    await request(app.t.url).put(`/api/me/drafts/${place}`).send({ body: 'x' }).expect(401);
    await request(app.t.url).delete(`/api/me/drafts/${place}`).expect(401);
  });

  it('goes once the words are accepted as a new thread or a reply', async () => {
    const c = await app.given.community();
    const member = await app.given.member(c);
    const me = as(member.token);
    await app.posting.setDelay(c.id, 0);
    const board = `board:${c.boards.community}`;
    await me.put(board, { title: 'Weekends', body: 'Finding the weekend hard.' }).expect(200);
    const started = await app.posting.thread(member, c.boards.community, 'Weekends', 'Finding the weekend hard.');
    expect(started.status).toBe(202);
    expect((await me.get(board).expect(200)).body.updatedAt).toBeNull();

    const { threadId } = await app.posting.publishedThread(member, c.boards.community, 'Open', 'Hello all');
    const thread = `thread:${threadId}`;
    await me.put(thread, { body: 'A reply, half written.' }).expect(200);
    // A draft elsewhere stays.
    const other = `thread:${randomUUID()}`;
    await me.put(other, { body: 'Somewhere else.' }).expect(200);
    await request(app.t.url)
      .post(`/api/threads/${threadId}/posts`)
      .auth(member.token, { type: 'bearer' })
      .send({ body: 'A reply, written.' })
      .expect(202);
    expect((await me.get(thread).expect(200)).body.updatedAt).toBeNull();
    expect((await me.get(other).expect(200)).body.body).toBe('Somewhere else.');
  });

  it('is in my export', async () => {
    const c = await app.given.community();
    const member = await app.given.member(c);
    const place = `thread:${randomUUID()}`;
    await as(member.token).put(place, { body: 'Half a thought.' }).expect(200);
    const exported = await request(app.t.url).get('/api/me/export').auth(member.token, { type: 'bearer' }).expect(200);
    expect(exported.body.drafts).toEqual([expect.objectContaining({ place, title: null, body: 'Half a thought.' })]);
  });
});
