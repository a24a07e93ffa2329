import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { NotificationCreatedPayload, NotificationView } from '@p2p/contract';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import { createDataSource } from '../../apps/gateway/src/platform/database/data-source';
import { TestApp, ownDatabase, startApp } from '../support/app';
import { Given, GivenUser } from '../support/given';
import { Posting } from '../support/posts';
import { TestSmtp } from '../support/smtp';
import { ClientSocket, connect, until } from '../support/sockets';

jest.setTimeout(60_000);

const HARM = "I've decided I'm going to end it tonight after everyone's asleep. I've got everything ready.";
const THOUGHTS = 'Another awful day. Honestly I wish I was dead.';

/**
 * Notifications through the real gateway, a real SMTP server on 127.0.0.1 and real sockets: who
 * is told what, that an email carries no post text and no name, quiet hours, marking read, and
 * that nobody reads anyone else's.
 */
describe('notifications', () => {
  let db: DataSource;
  let own: Awaited<ReturnType<typeof ownDatabase>>;
  let given: Given;
  let smtp: TestSmtp;
  let t: TestApp;
  let posting: Posting;
  let c: ProvisionedCommunity;
  let author: GivenUser;
  let top3: GivenUser;
  let top3NoEmail: GivenUser;
  let member: GivenUser;
  const sockets: ClientSocket[] = [];

  const notificationsOf = async (who: GivenUser): Promise<{ items: NotificationView[]; unread: number }> =>
    (await request(t.url).get('/api/me/notifications').auth(who.token, { type: 'bearer' }).expect(200)).body;
  const settings = (who: GivenUser, body: object) =>
    request(t.url).put('/api/me/notification-settings').auth(who.token, { type: 'bearer' }).send(body);
  const nameOf = async (u: GivenUser): Promise<string> =>
    (await db.query<{ display_name: string }[]>(`SELECT display_name FROM users WHERE id = $1`, [u.id]))[0]
      .display_name;
  const address = (u: GivenUser) => `${u.username}@example.org`;

  beforeAll(async () => {
    own = await ownDatabase();
    db = await createDataSource(own.url).initialize();
    given = new Given(db);
    smtp = await new TestSmtp().start();
    t = await startApp({
      DATABASE_URL: own.url,
      SMTP_URL: smtp.url,
      POSTS_PER_HOUR: '1000',
      NOTIFY_SWEEP_MS: '300',
    });
    posting = new Posting(t.url, db);
    c = await given.community('Riverside');
    [author, top3, top3NoEmail, member] = await Promise.all([
      given.member(c),
      given.top3(c),
      given.top3(c),
      given.member(c),
    ]);
    await posting.setDelay(c.id, 1);
    await settings(top3, { email: address(top3), emailOn: true }).expect(200);
    await settings(author, { email: address(author), emailOn: true }).expect(200);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
    await smtp.stop();
    await db.destroy();
    await own.drop();
  });

  it('a held post: every other Top 3 member is told at once in the app, by email if they chose, with no text and no name', async () => {
    const { socket } = await connect(t.url, { token: top3NoEmail.token });
    sockets.push(socket);
    const live: NotificationCreatedPayload[] = [];
    socket.on('notification.created', (p) => live.push(p));

    const held = await posting.thread(author, c.boards.community, 'Tonight', HARM);
    await posting.waitForStatus(held.body.post.id, 'held');

    await until(() => live.length > 0);
    expect(live[0].notification).toMatchObject({ kind: 'held', urgent: true, communityName: 'Riverside' });
    expect(live[0].notification.link).toEqual({ page: 'review', postId: held.body.post.id });
    expect(live[0].unread).toBe(1);

    const list = await notificationsOf(top3);
    expect(list.items.map((n) => [n.kind, n.urgent])).toEqual([['held', true]]);
    expect(list.unread).toBe(1);
    // The author is shown the kind reply on the spot; they are not notified of their own hold.
    expect((await notificationsOf(author)).items.filter((n) => n.kind === 'held')).toEqual([]);

    await until(() => smtp.to(address(top3)).length > 0);
    const [mail] = smtp.to(address(top3));
    expect(mail.subject).toBe('Riverside: something on the board needs a Top 3 member');
    expect(mail.text).toContain('Something on the board needs a Top 3 member now');
    expect(mail.text).toContain(`/c/${c.id}/review`);
    const authorName = await nameOf(author);
    for (const leak of ['tonight', 'asleep', 'everything ready', authorName, author.username]) {
      expect(mail.raw.toLowerCase()).not.toContain(leak.toLowerCase());
      expect(JSON.stringify(list).toLowerCase()).not.toContain(leak.toLowerCase());
    }
    // Nobody without email turned on gets one.
    expect(smtp.received.flatMap((m) => m.to)).not.toContain(address(top3NoEmail));
  });

  it('a post with hard thoughts puts a quiet check-in notification in front of the Top 3', async () => {
    await posting.publishedThread(author, c.boards.community, 'Rough one', THOUGHTS);
    await posting.waitFor(async () => (await notificationsOf(top3NoEmail)).items.some((n) => n.kind === 'check-in'));
    const item = (await notificationsOf(top3NoEmail)).items.find((n) => n.kind === 'check-in')!;
    expect(item).toMatchObject({ urgent: false, link: { page: 'check-ins' } });
    expect(item.text).toBe('Someone might like a quiet word. There is a new post on the check-in list.');
  });

  it('a reply by someone else tells the thread’s author; their own reply does not', async () => {
    const { threadId } = await posting.publishedThread(author, c.boards.community, 'Allotment', 'Beans are up.');
    const own = await posting.reply(author, threadId, 'And the peas.');
    await posting.waitForStatus(own.body.id, 'published');
    const other = await posting.reply(member, threadId, 'Lovely!');
    await posting.waitForStatus(other.body.id, 'published');
    await posting.waitFor(async () => (await notificationsOf(author)).items.some((n) => n.kind === 'reply'));
    const replies = (await notificationsOf(author)).items.filter((n) => n.kind === 'reply');
    expect(replies).toHaveLength(1);
    expect(replies[0].link).toEqual({ threadId, postId: other.body.id });
    await until(() => smtp.to(address(author)).some((m) => m.text.includes('Someone replied in your thread.')));
  });

  it('an election opening tells every member', async () => {
    const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    await request(t.url)
      .post(`/api/communities/${c.id}/elections`)
      .auth(top3.token, { type: 'bearer' })
      .send({ kind: 'full', nominationsCloseAt: at(2), votingCloseAt: at(4) })
      .expect(201);
    await posting.waitFor(async () => (await notificationsOf(member)).items.some((n) => n.kind === 'election'));
  });

  it('marks read, one or all; nobody can read or mark another person’s', async () => {
    const mine = await notificationsOf(top3);
    expect(mine.unread).toBeGreaterThan(0);
    // Another person's ids change nothing of theirs, and are not revealed.
    const byOther = await request(t.url)
      .post('/api/me/notifications/read')
      .auth(member.token, { type: 'bearer' })
      .send({ ids: mine.items.map((n) => n.id) })
      .expect(200);
    expect(byOther.body).toEqual({ unread: (await notificationsOf(member)).unread });
    expect((await notificationsOf(top3)).unread).toBe(mine.unread);

    await request(t.url)
      .post('/api/me/notifications/read')
      .auth(top3.token, { type: 'bearer' })
      .send({ ids: [mine.items[0].id] })
      .expect(200, { unread: mine.unread - 1 });
    await request(t.url)
      .post('/api/me/notifications/read')
      .auth(top3.token, { type: 'bearer' })
      .send({ all: true })
      .expect(200, { unread: 0 });
    expect((await notificationsOf(top3)).items.every((n) => n.readAt !== null)).toBe(true);

    await request(t.url).post('/api/me/notifications/read').auth(top3.token, { type: 'bearer' }).send({}).expect(400);
    await request(t.url)
      .post('/api/me/notifications/read')
      .auth(top3.token, { type: 'bearer' })
      .send({ ids: ['not-an-id'] })
      .expect(400);
    await request(t.url).get('/api/me/notifications').expect(401);
  });

  it('settings: clear refusals for bad input; email needs an address', async () => {
    const fresh = await given.member(c);
    const refused = async (body: object, words: RegExp) => {
      const res = await settings(fresh, body).expect(400);
      expect(JSON.stringify(res.body)).toMatch(words);
    };
    await refused({ emailOn: true }, /email address before turning email on/);
    await refused({ email: 'not an address' }, /email address such as/);
    await refused({ quietFrom: '25:00', quietUntil: '07:00' }, /time such as 22:00/);
    await refused({ quietFrom: '22:00' }, /both a start and an end/);
    await refused({ timeZone: 'Mars/Olympus' }, /time zone/);
    const ok = await settings(fresh, {
      email: 'me@example.org',
      emailOn: true,
      quietFrom: '22:00',
      quietUntil: '07:00',
      timeZone: 'Europe/London',
    }).expect(200);
    expect(ok.body).toEqual({
      email: 'me@example.org',
      emailOn: true,
      quietFrom: '22:00',
      quietUntil: '07:00',
      timeZone: 'Europe/London',
      emailAvailable: true,
    });
  });

  it('in quiet hours the email waits for their end; in the app it comes at once', async () => {
    const sleeper = await given.top3(c);
    // Quiet hours around now, wherever the clock is: from an hour ago to an hour ahead.
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    await settings(sleeper, {
      email: address(sleeper),
      emailOn: true,
      quietFrom: hhmm(new Date(Date.now() - 3_600_000)),
      quietUntil: hhmm(new Date(Date.now() + 3_600_000)),
      timeZone: 'UTC',
    }).expect(200);
    const held = await posting.thread(author, c.boards.community, 'Tonight', HARM);
    await posting.waitForStatus(held.body.post.id, 'held');
    await posting.waitFor(async () => (await notificationsOf(sleeper)).items.some((n) => n.kind === 'held'));
    const [send] = await db.query<{ status: string; wait_min: number }[]>(
      `SELECT s.status, (extract(epoch FROM s.due_at - now()) / 60)::float AS wait_min
         FROM notification_sends s JOIN notifications n ON n.id = s.notification_id WHERE n.user_id = $1`,
      [sleeper.id],
    );
    expect(send.status).toBe('due');
    expect(send.wait_min).toBeGreaterThan(55);
    expect(send.wait_min).toBeLessThan(62);
    expect(smtp.to(address(sleeper))).toEqual([]);
  });

  it('when the mail server refuses, the email is tried again; a lost job is found again in PostgreSQL', async () => {
    const later = await given.top3(c);
    await settings(later, { email: address(later), emailOn: true }).expect(200);
    smtp.refusing = true;
    const held = await posting.thread(author, c.boards.community, 'Tonight', HARM);
    await posting.waitForStatus(held.body.post.id, 'held');
    const sendOf = async () =>
      (
        await db.query<{ id: string; status: string; attempts: number }[]>(
          `SELECT s.id, s.status, s.attempts FROM notification_sends s JOIN notifications n ON n.id = s.notification_id
            WHERE n.user_id = $1`,
          [later.id],
        )
      )[0];
    await posting.waitFor(async () => ((await sendOf())?.attempts ?? 0) >= 1);
    expect((await sendOf()).status).toBe('due');
    smtp.refusing = false;
    // Redis forgets the job (a flush, a restart without persistence): PostgreSQL still says it is due.
    const queue = t.app.get<Queue>(getQueueToken('notify'));
    const { id } = await sendOf();
    await queue.remove(id);
    await db.query(`UPDATE notification_sends SET due_at = now() WHERE id = $1`, [id]);
    await until(() => smtp.to(address(later)).length > 0, 20_000);
    await posting.waitFor(async () => (await sendOf()).status === 'sent');
    expect(smtp.to(address(later))).toHaveLength(1);
  });
});
