import { NotificationView, ThreadView } from '@p2p/contract';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../apps/gateway/src/platform/database/data-source';
import { TestApp, ownDatabase, startApp } from '../support/app';
import { Given } from '../support/given';
import { Posting } from '../support/posts';

jest.setTimeout(60_000);

/**
 * Nobody left unanswered: an opening post nobody else has replied to in the community's hours is
 * on a list for members and the Top 3, and its author is told once. Its own database: the author's
 * notice is made by whichever gateway on a database looks first.
 */
describe('waiting for a reply', () => {
  let t: TestApp;
  let db: DataSource;
  let own: Awaited<ReturnType<typeof ownDatabase>>;
  let given: Given;
  let posting: Posting;

  beforeAll(async () => {
    own = await ownDatabase();
    db = await createDataSource(own.url).initialize();
    t = await startApp({ DATABASE_URL: own.url, POSTS_PER_HOUR: '1000', NOTIFY_SWEEP_MS: '200' });
    given = new Given(db);
    posting = new Posting(t.url, db);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
    await own.drop();
  });

  it('an unanswered thread is listed after the community’s hours, its author told once; a reply from someone else takes it off', async () => {
    const c = await given.community();
    const [author, reader, top, staff] = await Promise.all([
      given.member(c),
      given.member(c),
      given.top3(c),
      given.staff(c),
    ]);
    await posting.setDelay(c.id, 0);
    const lonely = await posting.publishedThread(author, c.boards.community, 'Anyone about?', 'Rough evening.');
    const answered = await posting.publishedThread(author, c.boards.community, 'Film night', 'Who is in?');
    const fresh = await posting.publishedThread(author, c.boards.community, 'Just now', 'Only just posted.');
    const ownReply = await posting.reply(author, lonely.threadId, 'Still here.');
    await posting.waitForStatus(ownReply.body.id, 'published');
    const reply = await posting.reply(reader, answered.threadId, 'Me!');
    await posting.waitForStatus(reply.body.id, 'published');
    // Thirteen hours ago, as far as the board is concerned (the community's default is twelve).
    await db.query(
      `UPDATE posts SET created_at = now() - interval '13 hours', release_at = now() - interval '13 hours',
                        released_at = now() - interval '13 hours' WHERE id = ANY($1)`,
      [[lonely.postId, answered.postId]],
    );

    const listFor = async (who: typeof author) =>
      (
        await request(t.url)
          .get(`/api/communities/${c.id}/waiting-for-reply`)
          .auth(who.token, { type: 'bearer' })
          .expect(200)
      ).body as { items: ThreadView[]; afterHours: number };
    for (const who of [reader, top]) {
      const list = await listFor(who);
      expect(list.afterHours).toBe(12);
      expect(list.items.map((i) => i.id)).toEqual([lonely.threadId]);
    }
    expect(fresh.threadId).not.toBe(lonely.threadId);
    await request(t.url)
      .get(`/api/communities/${c.id}/waiting-for-reply`)
      .auth(staff.token, { type: 'bearer' })
      .expect(403);

    const told = async () =>
      (
        (await request(t.url).get('/api/me/notifications').auth(author.token, { type: 'bearer' })).body
          .items as NotificationView[]
      ).filter((n) => n.kind === 'unanswered');
    await posting.waitFor(async () => (await told()).length === 1);
    await new Promise((r) => setTimeout(r, 600)); // a few more sweeps: still once
    const [notice] = await told();
    expect(await told()).toHaveLength(1);
    expect(notice.link).toEqual({ threadId: lonely.threadId, postId: lonely.postId });
    expect(notice.text).toBe(
      'Your thread is on the "waiting for a reply" list now, where everyone can see it. Someone will be along.',
    );

    const answer = await posting.reply(reader, lonely.threadId, 'I am. How are you doing?');
    await posting.waitForStatus(answer.body.id, 'published');
    expect((await listFor(reader)).items).toEqual([]);
  });
});
