import { CrisisPlanView } from '@p2p/contract';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { TestApp, startApp, testDb } from '../support/app';
import { Given } from '../support/given';
import { Posting } from '../support/posts';

jest.setTimeout(60_000);

const HARM = "I've decided I'm going to end it tonight after everyone's asleep. I've got everything ready.";
const PLAN = { whoToCall: 'My sister Jo', whatHelps: 'A bath and the radio', whereToGo: 'The crisis café on King St' };

/** A member's own crisis plan: theirs alone, and beside a held post for the Top 3 only if they choose. */
describe('the crisis plan', () => {
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

  it('only its owner reads and changes it; bad input gets a clear 400', async () => {
    const c = await given.community();
    const [member, other] = await Promise.all([given.member(c), given.member(c)]);
    const empty = await request(t.url).get('/api/me/crisis-plan').auth(member.token, { type: 'bearer' }).expect(200);
    expect(empty.body).toEqual({
      whoToCall: '',
      whatHelps: '',
      whereToGo: '',
      showTop3WhenHeld: false,
      updatedAt: null,
    });
    const saved = await request(t.url)
      .put('/api/me/crisis-plan')
      .auth(member.token, { type: 'bearer' })
      .send(PLAN)
      .expect(200);
    expect(saved.body).toMatchObject({ ...PLAN, showTop3WhenHeld: false });
    const theirs = await request(t.url).get('/api/me/crisis-plan').auth(other.token, { type: 'bearer' }).expect(200);
    expect(JSON.stringify(theirs.body)).not.toContain('Jo');
    await request(t.url)
      .put('/api/me/crisis-plan')
      .auth(member.token, { type: 'bearer' })
      .send({ whatHelps: 'x'.repeat(2001) })
      .expect(400);
    await request(t.url).get('/api/me/crisis-plan').expect(401);
  });

  it('the Top 3 see it beside a held post only if its author chose; staff never', async () => {
    const c = await given.community();
    const [author, top, staff] = await Promise.all([given.member(c), given.top3(c), given.staff(c)]);
    await posting.setDelay(c.id, 1);
    await request(t.url).put('/api/me/crisis-plan').auth(author.token, { type: 'bearer' }).send(PLAN).expect(200);
    const first = await posting.thread(author, c.boards.community, 'Tonight', HARM);
    await posting.waitForStatus(first.body.post.id, 'held');
    const queue = async () =>
      (
        await request(t.url)
          .get(`/api/communities/${c.id}/review-queue`)
          .auth(top.token, { type: 'bearer' })
          .expect(200)
      ).body.items as { post: { id: string }; authorPlan: CrisisPlanView | null }[];
    expect((await queue())[0].authorPlan).toBeNull();

    await request(t.url)
      .put('/api/me/crisis-plan')
      .auth(author.token, { type: 'bearer' })
      .send({ showTop3WhenHeld: true })
      .expect(200);
    expect((await queue())[0].authorPlan).toMatchObject(PLAN);

    // Staff: no route to it, and the review list is not theirs.
    await request(t.url).get(`/api/communities/${c.id}/review-queue`).auth(staff.token, { type: 'bearer' }).expect(403);
    const own = await request(t.url).get('/api/me/crisis-plan').auth(staff.token, { type: 'bearer' }).expect(200);
    expect(JSON.stringify(own.body)).not.toContain('Jo');

    // Once the post is decided, the plan leaves the list with it.
    await request(t.url)
      .post(`/api/posts/${first.body.post.id}/moderation`)
      .auth(top.token, { type: 'bearer' })
      .send({ action: 'delete', reason: 'Spoke with them.' })
      .expect(200);
    expect(await queue()).toEqual([]);
  });
});
