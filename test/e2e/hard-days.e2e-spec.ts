import { HardDaysView } from '@p2p/contract';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import { createDataSource } from '../../apps/gateway/src/platform/database/data-source';
import { TestApp, ownDatabase, startApp } from '../support/app';
import { Given, GivenUser } from '../support/given';
import { Posting } from '../support/posts';
import { TestSmtp } from '../support/smtp';

jest.setTimeout(60_000);

const HARM = "I've decided I'm going to end it tonight after everyone's asleep. I've got everything ready.";
const DAY = 24 * 60 * 60 * 1000;

/**
 * Controls for hard days: muted words and a break, each the member's own; a break stops emails
 * and pushes to them (urgent ones too) while their in-app notifications still wait for them.
 */
describe('controls for hard days', () => {
  let db: DataSource;
  let own: Awaited<ReturnType<typeof ownDatabase>>;
  let given: Given;
  let smtp: TestSmtp;
  let t: TestApp;
  let posting: Posting;
  let c: ProvisionedCommunity;

  const as = (who: GivenUser) => ({
    get: () => request(t.url).get('/api/me/hard-days').auth(who.token, { type: 'bearer' }),
    mute: (words: unknown) =>
      request(t.url).put('/api/me/muted-words').auth(who.token, { type: 'bearer' }).send({ words }),
    takeBreak: (until: unknown) =>
      request(t.url).put('/api/me/break').auth(who.token, { type: 'bearer' }).send({ until }),
    endBreak: () => request(t.url).delete('/api/me/break').auth(who.token, { type: 'bearer' }),
  });
  const address = (u: GivenUser) => `${u.username}@example.org`;

  beforeAll(async () => {
    own = await ownDatabase();
    db = await createDataSource(own.url).initialize();
    given = new Given(db);
    smtp = await new TestSmtp().start();
    t = await startApp({ DATABASE_URL: own.url, SMTP_URL: smtp.url, POSTS_PER_HOUR: '1000', NOTIFY_SWEEP_MS: '300' });
    posting = new Posting(t.url, db);
    c = await given.community('Riverside');
    await posting.setDelay(c.id, 1);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await db.destroy();
    await own.drop();
  });

  it('muted words are the member’s own, saved in lower case once each; bad input gets a clear 400', async () => {
    const [member, other] = await Promise.all([given.member(c), given.member(c)]);
    expect((await as(member).get().expect(200)).body).toEqual({ mutedWords: [], breakUntil: null, onBreak: false });
    const saved = await as(member).mute([' Knife ', 'knife', 'hospital']).expect(200);
    expect((saved.body as HardDaysView).mutedWords).toEqual(['knife', 'hospital']);
    expect((await as(member).get().expect(200)).body.mutedWords).toEqual(['knife', 'hospital']);
    expect((await as(other).get().expect(200)).body.mutedWords).toEqual([]);

    for (const bad of ['knife', [''], ['   '], ['x'.repeat(41)], [3], Array.from({ length: 51 }, (_, i) => `w${i}`)]) {
      const res = await as(member).mute(bad).expect(400);
      expect(res.body.message).toMatch(/\w/);
    }
    await request(t.url).put('/api/me/muted-words').auth(member.token, { type: 'bearer' }).send({}).expect(400);
    expect((await as(member).get().expect(200)).body.mutedWords).toEqual(['knife', 'hospital']);
    await as(member).mute([]).expect(200);
    expect((await as(member).get().expect(200)).body.mutedWords).toEqual([]);

    await request(t.url).get('/api/me/hard-days').expect(401);
    await request(t.url)
      .put('/api/me/muted-words')
      .send({ words: ['a'] })
      .expect(401);
    await request(t.url)
      .put('/api/me/break')
      .send({ until: new Date(Date.now() + DAY).toISOString() })
      .expect(401);
    await request(t.url).delete('/api/me/break').expect(401);
  });

  it('a break starts, shows, and ends; an ended one is still given until it is cleared', async () => {
    const [member, other] = await Promise.all([given.member(c), given.member(c)]);
    const until = new Date(Date.now() + 3 * DAY).toISOString();
    const started = await as(member).takeBreak(until).expect(200);
    expect(started.body).toMatchObject({ breakUntil: until, onBreak: true });
    expect((await as(other).get().expect(200)).body).toMatchObject({ breakUntil: null, onBreak: false });

    for (const bad of ['tomorrow', 12, null, new Date(Date.now() - DAY).toISOString(), '2999-01-01T00:00:00Z']) {
      await as(member).takeBreak(bad).expect(400);
    }
    expect((await as(member).get().expect(200)).body.onBreak).toBe(true);

    // It ended by itself: the client says welcome back, then clears it.
    await db.query(`UPDATE member_preferences SET break_until = now() - interval '1 minute' WHERE user_id = $1`, [
      member.id,
    ]);
    const ended = (await as(member).get().expect(200)).body as HardDaysView;
    expect(ended.onBreak).toBe(false);
    expect(ended.breakUntil).not.toBeNull();
    expect((await as(member).endBreak().expect(200)).body).toEqual({
      mutedWords: [],
      breakUntil: null,
      onBreak: false,
    });
  });

  it('a Top 3 member on a break gets no email of an urgent hold, but the notification waits in the app; the others are told', async () => {
    const author = await given.member(c);
    const [resting, working] = await Promise.all([given.top3(c), given.top3(c)]);
    for (const who of [resting, working]) {
      await request(t.url)
        .put('/api/me/notification-settings')
        .auth(who.token, { type: 'bearer' })
        .send({ email: address(who), emailOn: true })
        .expect(200);
    }
    await as(resting)
      .takeBreak(new Date(Date.now() + DAY).toISOString())
      .expect(200);

    const held = await posting.thread(author, c.boards.community, 'Tonight', HARM);
    await posting.waitForStatus(held.body.post.id, 'held');
    await posting.waitFor(async () => smtp.to(address(working)).length > 0);

    const inApp = await request(t.url).get('/api/me/notifications').auth(resting.token, { type: 'bearer' }).expect(200);
    expect(inApp.body.items.map((n: { kind: string }) => n.kind)).toContain('held');
    const sends = await db.query(
      `SELECT s.id FROM notification_sends s JOIN notifications n ON n.id = s.notification_id WHERE n.user_id = $1`,
      [resting.id],
    );
    expect(sends).toEqual([]);
    expect(smtp.to(address(resting))).toEqual([]);
  });

  it('an email planned before a break began (held back by quiet hours) is skipped when due, not sent', async () => {
    const [member, top] = await Promise.all([given.member(c), given.top3(c)]);
    const hour = (h: number) => `${String((new Date().getUTCHours() + 24 + h) % 24).padStart(2, '0')}:00`;
    await request(t.url)
      .put('/api/me/notification-settings')
      .auth(member.token, { type: 'bearer' })
      .send({ email: address(member), emailOn: true, quietFrom: hour(-1), quietUntil: hour(2), timeZone: 'UTC' })
      .expect(200);
    const thread = await posting.publishedThread(
      member,
      c.boards.community,
      'Small wins',
      'Made it to the shop today.',
    );
    await posting.reply(top, thread.threadId, 'Well done, that is not small.');
    const sendsOf = () =>
      db.query<{ status: string; error: string | null }[]>(
        `SELECT s.status, s.error FROM notification_sends s JOIN notifications n ON n.id = s.notification_id
          WHERE n.user_id = $1`,
        [member.id],
      );
    await posting.waitFor(async () => (await sendsOf()).length > 0);
    expect((await sendsOf()).map((s) => s.status)).toEqual(['due']);

    await as(member)
      .takeBreak(new Date(Date.now() + DAY).toISOString())
      .expect(200);
    await db.query(
      `UPDATE notification_sends s SET due_at = now() FROM notifications n WHERE n.id = s.notification_id AND n.user_id = $1`,
      [member.id],
    );
    await posting.waitFor(async () => (await sendsOf())[0].status !== 'due');
    expect(await sendsOf()).toEqual([{ status: 'skipped', error: 'the person is taking a break' }]);
    expect(smtp.to(address(member))).toEqual([]);
  });
});
