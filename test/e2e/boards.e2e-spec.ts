import request from 'supertest';
import { DataSource } from 'typeorm';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import { Given, GivenUser } from '../support/given';
import { Posting } from '../support/posts';
import { TestApp, startApp, testDb } from '../support/app';
import { collectReleases, connect, until } from '../support/sockets';

describe('opening boards and writing information pages', () => {
  let t: TestApp;
  let db: DataSource;
  let given: Given;
  let c: ProvisionedCommunity;
  let top3: GivenUser;
  let staff: GivenUser;
  let member: GivenUser;

  beforeAll(async () => {
    t = await startApp({ POSTS_PER_HOUR: '1000' });
    db = await testDb();
    given = new Given(db);
    c = await given.community();
    top3 = await given.top3(c);
    staff = await given.staff(c);
    member = await given.member(c);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const send = (method: 'post' | 'put' | 'delete', path: string, who: GivenUser, body?: object) =>
    request(t.url)[method](path).auth(who.token, { type: 'bearer' }).send(body);

  it('the Top 3 open a private board; only its participants see it', async () => {
    const res = await send('post', `/api/communities/${c.id}/boards`, top3, {
      kind: 'private',
      name: 'Tuesday group',
      participantIds: [member.id],
    }).expect(201);
    expect(res.body).toMatchObject({ kind: 'private', slug: 'tuesday-group', top3Only: false });
    const other = await given.member(c);
    const list = (who: GivenUser) =>
      request(t.url).get(`/api/communities/${c.id}/boards`).auth(who.token, { type: 'bearer' }).expect(200);
    expect((await list(member)).body.items.map((b: { id: string }) => b.id)).toContain(res.body.id);
    expect((await list(top3)).body.items.map((b: { id: string }) => b.id)).toContain(res.body.id);
    expect((await list(other)).body.items.map((b: { id: string }) => b.id)).not.toContain(res.body.id);
    expect((await list(staff)).body.items.map((b: { id: string }) => b.id)).not.toContain(res.body.id);
  });

  it('staff open community and info boards, but not private ones; members open none', async () => {
    await send('post', `/api/communities/${c.id}/boards`, staff, { kind: 'community', name: 'Allotment' }).expect(201);
    const refused = await send('post', `/api/communities/${c.id}/boards`, staff, {
      kind: 'private',
      name: 'Secret',
    }).expect(403);
    expect(refused.body.message).toMatch(/Top 3/);
    await send('post', `/api/communities/${c.id}/boards`, member, { kind: 'community', name: 'Mine' }).expect(403);
  });

  it('participants must be active members of the same community', async () => {
    const outsider = await given.member(await given.community());
    await send('post', `/api/communities/${c.id}/boards`, top3, {
      kind: 'private',
      name: 'Mixed',
      participantIds: [outsider.id],
    }).expect(400);
    await send('post', `/api/communities/${c.id}/boards`, top3, {
      kind: 'private',
      name: 'Staffed',
      participantIds: [staff.id],
    }).expect(400);
  });

  it('a member added to a private board gets its posts live on the socket already open; one removed stops', async () => {
    const posting = new Posting(t.url, db);
    await posting.setDelay(c.id, 0);
    const joiner = await given.member(c);
    const { body: board } = await send('post', `/api/communities/${c.id}/boards`, top3, {
      kind: 'private',
      name: 'Growing group',
    }).expect(201);
    const { socket } = await connect(t.url, { token: joiner.token });
    const received = collectReleases(socket);

    await send('put', `/api/boards/${board.id}/participants`, top3, { participantIds: [top3.id, joiner.id] }).expect(
      200,
    );
    const first = await posting.publishedThread(top3, board.id, 'Welcome');
    await until(() => received.some((e) => e.data.post.id === first.postId));

    await send('put', `/api/boards/${board.id}/participants`, top3, { participantIds: [top3.id] }).expect(200);
    const second = await posting.publishedThread(top3, board.id, 'After you left');
    const marker = await posting.publishedThread(top3, c.boards.community, 'Marker');
    await until(() => received.some((e) => e.data.post.id === marker.postId));
    expect(received.map((e) => e.data.post.id)).not.toContain(second.postId);
    socket.close();
  });

  it('staff and Top 3 write information pages; members read them rendered safely', async () => {
    await send('put', `/api/boards/${c.boards.info}/pages/local-services`, staff, {
      title: 'Local services',
      body: 'Drop-in at the **library**, Tuesdays. <script>alert(1)</script>',
    }).expect(200);
    await send('put', `/api/boards/${c.boards.info}/pages/local-services`, top3, {
      title: 'Local services',
      body: 'Drop-in at the **library**, Tuesdays and Fridays.',
    }).expect(200);
    await send('put', `/api/boards/${c.boards.info}/pages/local-services`, member, { title: 'x', body: 'y' }).expect(
      403,
    );
    const pages = await request(t.url)
      .get(`/api/boards/${c.boards.info}/pages`)
      .auth(member.token, { type: 'bearer' })
      .expect(200);
    const page = pages.body.items.find((p: { slug: string }) => p.slug === 'local-services');
    expect(page.html).toBe('<p>Drop-in at the <strong>library</strong>, Tuesdays and Fridays.</p>');
    await send('delete', `/api/boards/${c.boards.info}/pages/local-services`, staff).expect(204);
    await send('delete', `/api/boards/${c.boards.info}/pages/local-services`, staff).expect(404);
  });

  it('pages live on the info board only, under plain names', async () => {
    await send('put', `/api/boards/${c.boards.community}/pages/about`, staff, { title: 'x', body: 'y' }).expect(404);
    await send('put', `/api/boards/${c.boards.community}/pages/about`, top3, { title: 'x', body: 'y' }).expect(400);
    await send('put', `/api/boards/${c.boards.info}/pages/Not%20A%20Slug`, staff, { title: 'x', body: 'y' }).expect(
      400,
    );
  });
});
