import { DutyView, NotificationView, ReviewChangedEvent } from '@p2p/contract';
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

/**
 * Duty and escalation through the real gateway and a real SMTP server: the rota, taking an entry,
 * and the ladder of an imminent-risk hold nobody has taken. The ladder's minutes are real
 * minutes; the tests bring a step's time forward in the database, as the clock would.
 */
describe('duty and escalation', () => {
  let db: DataSource;
  let own: Awaited<ReturnType<typeof ownDatabase>>;
  let given: Given;
  let smtp: TestSmtp;
  let t: TestApp;
  let posting: Posting;
  const sockets: ClientSocket[] = [];

  const api = {
    get: (u: GivenUser, path: string) => request(t.url).get(path).auth(u.token, { type: 'bearer' }),
    post: (u: GivenUser, path: string, body: object = {}) =>
      request(t.url).post(path).auth(u.token, { type: 'bearer' }).send(body),
    put: (u: GivenUser, path: string, body: object) =>
      request(t.url).put(path).auth(u.token, { type: 'bearer' }).send(body),
    del: (u: GivenUser, path: string) => request(t.url).delete(path).auth(u.token, { type: 'bearer' }),
  };
  const address = (u: GivenUser) => `${u.username}@example.org`;
  const steps = (postId: string) =>
    db.query<{ step: string; outcome: string | null; due_at: Date }[]>(
      `SELECT step, outcome, due_at FROM escalations WHERE post_id = $1 ORDER BY step`,
      [postId],
    );
  const bringForward = (postId: string, step: string) =>
    db.query(`UPDATE escalations SET due_at = now() WHERE post_id = $1 AND step = $2`, [postId, step]);
  const logOf = (communityId: string, action: string) =>
    db.query<{ reason: string | null; entry_text: string | null }[]>(
      `SELECT t.words::jsonb->>'reason' AS reason, t.words::jsonb->>'entryText' AS entry_text FROM moderation_log l JOIN moderation_log_texts t ON t.log_id = l.id
        WHERE l.community_id = $1 AND l.action = $2 ORDER BY l.seq`,
      [communityId, action],
    );

  async function world(onCall: string | null = 'on-call@example.org') {
    const c = await given.community('Fellside');
    const [author, top, other, staff] = await Promise.all([
      given.member(c),
      given.top3(c),
      given.top3(c),
      given.staff(c),
    ]);
    await posting.setDelay(c.id, 1);
    await db.query(`UPDATE communities SET on_call_email = $2 WHERE id = $1`, [c.id, onCall]);
    return { c, author, top, other, staff };
  }
  const hold = async (c: ProvisionedCommunity, author: GivenUser): Promise<string> => {
    const res = await posting.thread(author, c.boards.community, 'Tonight', HARM);
    await posting.waitForStatus(res.body.post.id, 'held');
    await posting.waitFor(async () => (await steps(res.body.post.id)).length === 2);
    return res.body.post.id as string;
  };

  beforeAll(async () => {
    own = await ownDatabase();
    db = await createDataSource(own.url).initialize();
    given = new Given(db);
    smtp = await new TestSmtp().start();
    t = await startApp({ DATABASE_URL: own.url, SMTP_URL: smtp.url, POSTS_PER_HOUR: '1000', NOTIFY_SWEEP_MS: '200' });
    posting = new Posting(t.url, db);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
    await smtp.stop();
    await db.destroy();
    await own.drop();
  });

  it('an urgent hold nobody takes: every Top 3 member is told again by email whatever their settings, then the on-call contact, with no text and no name', async () => {
    const { c, author, top, other } = await world();
    // One has email turned off, one has quiet hours now: the ladder reaches both.
    await api.put(top, '/api/me/notification-settings', { email: address(top), emailOn: false }).expect(200);
    const hhmm = (ms: number) => new Date(Date.now() + ms).toISOString().slice(11, 16);
    await api
      .put(other, '/api/me/notification-settings', {
        email: address(other),
        emailOn: true,
        quietFrom: hhmm(-3_600_000),
        quietUntil: hhmm(3_600_000),
        timeZone: 'UTC',
      })
      .expect(200);
    const postId = await hold(c, author);
    const planned = await steps(postId);
    const [held] = await db.query<{ review_since: Date }[]>(`SELECT review_since FROM posts WHERE id = $1`, [postId]);
    expect(
      planned.map((s) => [s.step, Math.round((s.due_at.getTime() - held.review_since.getTime()) / 60_000)]),
    ).toEqual([
      ['every-top3', 10],
      ['on-call', 30],
    ]);
    expect(smtp.received).toEqual([]);

    await bringForward(postId, 'every-top3');
    await until(() => smtp.to(address(top)).length > 0 && smtp.to(address(other)).length > 0);
    for (const who of [top, other]) {
      const items = (await api.get(who, '/api/me/notifications').expect(200)).body.items as NotificationView[];
      expect(items.find((n) => n.kind === 'held-waiting')).toMatchObject({ urgent: true, link: { page: 'review' } });
    }
    await bringForward(postId, 'on-call');
    await until(() => smtp.to('on-call@example.org').length > 0);
    const [alert] = smtp.to('on-call@example.org');
    expect(alert.subject).toMatch(/^Fellside: an urgent review has been waiting since \d\d:\d\d$/);
    const authorName = (await db.query(`SELECT display_name FROM users WHERE id = $1`, [author.id]))[0].display_name;
    for (const leak of ['tonight', 'asleep', authorName, author.username]) {
      for (const mail of smtp.received) expect(mail.raw.toLowerCase()).not.toContain(leak.toLowerCase());
    }
    // The step is marked done when its transaction commits, a moment after the email is taken.
    await posting.waitFor(async () => (await steps(postId)).every((s) => s.outcome !== null));
    expect((await steps(postId)).map((s) => s.outcome)).toEqual(['sent', 'sent']);
    const logged = await logOf(c.id, 'escalate');
    expect(logged).toHaveLength(2);
    expect(logged.every((r) => r.entry_text === null)).toBe(true);
    // Once each, whatever the sweep does meanwhile.
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.to('on-call@example.org')).toHaveLength(1);
    expect(smtp.to(address(top)).filter((m) => m.text.includes('waiting for a while'))).toHaveLength(1);
  });

  it('a Top 3 member on a break is treated as not available: no email, but the others and the on-call contact are still reached', async () => {
    const { c, author, top, other } = await world();
    for (const who of [top, other]) {
      await api.put(who, '/api/me/notification-settings', { email: address(who), emailOn: true }).expect(200);
    }
    const tomorrow = new Date(Date.now() + 24 * 3_600_000).toISOString();
    await api.put(top, '/api/me/break', { until: tomorrow }).expect(200);
    const postId = await hold(c, author);
    await bringForward(postId, 'every-top3');
    await until(() => smtp.to(address(other)).some((m) => m.text.includes('waiting for a while')));
    await bringForward(postId, 'on-call');
    await until(() => smtp.to('on-call@example.org').some((m) => m.subject.startsWith('Fellside')));
    await posting.waitFor(async () => (await steps(postId)).every((s) => s.outcome !== null));
    expect((await steps(postId)).map((s) => s.outcome)).toEqual(['sent', 'sent']);
    // The one on a break was told only in the app, where it waits for them.
    expect(smtp.to(address(top))).toEqual([]);
    const items = (await api.get(top, '/api/me/notifications').expect(200)).body.items as NotificationView[];
    expect(items.map((n) => n.kind)).toEqual(expect.arrayContaining(['held', 'held-waiting']));
  });

  it('a Top 3 member who took a hold and then went on a break does not stop the ladder', async () => {
    const { c, author, top, other } = await world();
    await api.put(other, '/api/me/notification-settings', { email: address(other), emailOn: true }).expect(200);
    const postId = await hold(c, author);
    await api.post(top, `/api/posts/${postId}/take`).expect(200);
    const tomorrow = new Date(Date.now() + 24 * 3_600_000).toISOString();
    await api.put(top, '/api/me/break', { until: tomorrow }).expect(200);
    await bringForward(postId, 'every-top3');
    await until(() => smtp.to(address(other)).some((m) => m.text.includes('waiting for a while')));
    await bringForward(postId, 'on-call');
    await until(() => smtp.to('on-call@example.org').some((m) => m.subject.startsWith('Fellside')));
    await posting.waitFor(async () => (await steps(postId)).every((s) => s.outcome !== null));
    expect((await steps(postId)).map((s) => s.outcome)).toEqual(['sent', 'sent']);
  });

  it('"I\'m looking at this": the others see it live, a second taker is told who, and the ladder stops', async () => {
    const { c, author, top, other } = await world();
    const { socket } = await connect(t.url, { token: other.token });
    sockets.push(socket);
    const changes: ReviewChangedEvent[] = [];
    socket.on('review.changed', (e) => changes.push(e));
    const postId = await hold(c, author);

    const taken = await api.post(top, `/api/posts/${postId}/take`).expect(200);
    expect(taken.body.by.id).toBe(top.id);
    await until(() => changes.some((e) => e.data.why === 'taken'));
    expect(changes.find((e) => e.data.why === 'taken')!.data.takenBy).toEqual(taken.body.by);
    const refused = await api.post(other, `/api/posts/${postId}/take`).expect(409);
    expect(refused.body.message).toBe(`${taken.body.by.displayName} is already looking at this.`);
    await api.post(top, `/api/posts/${postId}/take`).expect(200);
    const queue = await api.get(other, `/api/communities/${c.id}/review-queue`).expect(200);
    expect(queue.body.items[0].taken.by.id).toBe(top.id);
    expect(await logOf(c.id, 'take')).toHaveLength(1);

    await bringForward(postId, 'every-top3');
    await bringForward(postId, 'on-call');
    await posting.waitFor(async () => (await steps(postId)).every((s) => s.outcome === 'not-needed'));
    expect(smtp.to('on-call@example.org').length).toBe(smtpOnCallBefore);
    // A member cannot take anything, and learns nothing.
    await api.post(author, `/api/posts/${postId}/take`).expect(403);
  });

  it('with no on-call contact set, the step says so in the log', async () => {
    const { c, author } = await world(null);
    const postId = await hold(c, author);
    await bringForward(postId, 'every-top3');
    await bringForward(postId, 'on-call');
    await posting.waitFor(async () => (await steps(postId)).every((s) => s.outcome !== null));
    expect((await steps(postId)).map((s) => s.outcome)).toEqual(['sent', 'no-contact']);
    expect((await logOf(c.id, 'escalate')).map((r) => r.reason)).toContain(
      'Waited 30 minutes, but no on-call contact is set to alert',
    );
  });

  it('a hold that is not about imminent harm has no ladder', async () => {
    const { c, author } = await world();
    const res = await posting.thread(author, c.boards.community, 'Dave', "You're a pathetic attention seeker, Dave.");
    await posting.waitForStatus(res.body.post.id, 'held');
    await new Promise((r) => setTimeout(r, 500));
    expect(await steps(res.body.post.id)).toEqual([]);
  });

  it('the rota: the Top 3 keep it, everyone sees who is on duty, and a Top 3 member on duty cannot silence an urgent alert', async () => {
    const { c, author, top, other, staff } = await world();
    const now = Date.now();
    const shift = await api
      .post(top, `/api/communities/${c.id}/duty`, {
        userId: other.id,
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 3_600_000).toISOString(),
      })
      .expect(201);
    await api
      .post(top, `/api/communities/${c.id}/duty`, {
        userId: top.id,
        startsAt: new Date(now + 86_400_000).toISOString(),
        endsAt: new Date(now + 90_000_000).toISOString(),
      })
      .expect(201);
    const seen = (await api.get(author, `/api/communities/${c.id}/duty`).expect(200)).body as DutyView;
    expect(seen.onDutyNow.map((s) => s.who.id)).toEqual([other.id]);
    expect(seen.shifts).toHaveLength(2);
    expect(seen.nextExpectedAt).toBe(new Date(now + 86_400_000).toISOString());
    expect((await logOf(c.id, 'duty-change')).length).toBe(2);
    // On a break, they are not on duty now, whatever the rota says; the shift stays on the rota.
    await api.put(other, '/api/me/break', { until: new Date(now + 86_400_000).toISOString() }).expect(200);
    const away = (await api.get(author, `/api/communities/${c.id}/duty`).expect(200)).body as DutyView;
    expect(away.onDutyNow).toEqual([]);
    expect(away.shifts).toHaveLength(2);
    await api.del(other, '/api/me/break').expect(200);

    // Refusals, each in one plain sentence.
    const bad = async (who: GivenUser, body: object, status: number, words: RegExp) => {
      const res = await api.post(who, `/api/communities/${c.id}/duty`, body).expect(status);
      expect(JSON.stringify(res.body)).toMatch(words);
    };
    const soon = (h: number) => new Date(now + h * 3_600_000).toISOString();
    await bad(author, { userId: author.id, startsAt: soon(1), endsAt: soon(2) }, 403, /./);
    await bad(staff, { userId: top.id, startsAt: soon(1), endsAt: soon(2) }, 403, /./);
    await bad(top, { userId: author.id, startsAt: soon(1), endsAt: soon(2) }, 400, /Only a Top 3 member/);
    await bad(top, { userId: top.id, startsAt: soon(2), endsAt: soon(1) }, 400, /end after it starts/);
    await bad(top, { userId: top.id, startsAt: soon(1), endsAt: soon(200) }, 400, /at most a week/);
    await bad(top, { userId: top.id, startsAt: 'tomorrow', endsAt: soon(1) }, 400, /startsAt should be a date/);

    // On duty, with email turned off and quiet hours now: an urgent hold still emails them at once.
    const hhmm = (ms: number) => new Date(Date.now() + ms).toISOString().slice(11, 16);
    await api
      .put(other, '/api/me/notification-settings', {
        email: address(other),
        emailOn: false,
        quietFrom: hhmm(-3_600_000),
        quietUntil: hhmm(3_600_000),
        timeZone: 'UTC',
      })
      .expect(200);
    await api.put(top, '/api/me/notification-settings', { email: address(top), emailOn: false }).expect(200);
    await hold(c, author);
    await until(() => smtp.to(address(other)).length > 0);
    // Off duty with email off: in the app only.
    expect(smtp.to(address(top))).toEqual([]);

    await api.del(author, `/api/duty/${shift.body.shifts[0].id}`).expect(403);
    const after = await api.del(top, `/api/duty/${seen.onDutyNow[0].id}`).expect(200);
    expect((after.body as DutyView).onDutyNow).toEqual([]);
    await api.del(top, `/api/duty/${seen.onDutyNow[0].id}`).expect(404);
  });

  it('the ladder: the Top 3 and staff agree it; members cannot; the on-call alert comes after the Top 3 are told again', async () => {
    const { c, author, top, staff } = await world();
    expect((await api.get(top, `/api/communities/${c.id}/escalation`).expect(200)).body).toEqual({
      escalateAfterMinutes: 10,
      onCallAfterMinutes: 30,
      onCallEmail: 'on-call@example.org',
      timeZone: 'Europe/London',
    });
    await api.get(author, `/api/communities/${c.id}/escalation`).expect(403);
    await api.put(author, `/api/communities/${c.id}/escalation`, { escalateAfterMinutes: 5 }).expect(403);
    const changed = await api
      .put(staff, `/api/communities/${c.id}/escalation`, { escalateAfterMinutes: 5, onCallAfterMinutes: 15 })
      .expect(200);
    expect(changed.body).toMatchObject({ escalateAfterMinutes: 5, onCallAfterMinutes: 15 });
    const refused = await api.put(top, `/api/communities/${c.id}/escalation`, { onCallAfterMinutes: 5 }).expect(400);
    expect(refused.body.message).toMatch(/make its minutes the larger/);
    await api.put(top, `/api/communities/${c.id}/escalation`, { onCallEmail: 'nope' }).expect(400);
    await api.put(top, `/api/communities/${c.id}/escalation`, { timeZone: 'Mars/Olympus' }).expect(400);
    expect(await logOf(c.id, 'escalation-settings')).toHaveLength(1);
    // New holds use the new minutes.
    const postId = await hold(c, author);
    const [held] = await db.query<{ review_since: Date }[]>(`SELECT review_since FROM posts WHERE id = $1`, [postId]);
    expect(
      (await steps(postId)).map((s) => Math.round((s.due_at.getTime() - held.review_since.getTime()) / 60_000)),
    ).toEqual([5, 15]);
  });

  it('"Tell the on-call contact": a Top 3 member alerts them now, content-free and logged; nobody else can', async () => {
    const { c, author, top, staff } = await world();
    const postId = await hold(c, author);
    const before = smtp.to('on-call@example.org').length;
    const sent = await api.post(top, `/api/posts/${postId}/on-call`).expect(200);
    expect(sent.body).toEqual({ sentTo: 'on-call@example.org' });
    await until(() => smtp.to('on-call@example.org').length === before + 1);
    const mail = smtp.to('on-call@example.org')[before];
    expect(mail.subject).toMatch(/^Fellside: an urgent review has been waiting since \d\d:\d\d$/);
    expect(mail.raw.toLowerCase()).not.toContain('tonight');
    expect((await logOf(c.id, 'escalate')).map((r) => r.reason)).toContain(
      'A Top 3 member alerted the on-call contact',
    );
    await api.post(author, `/api/posts/${postId}/on-call`).expect(403);
    await api.post(staff, `/api/posts/${postId}/on-call`).expect(403);

    const none = await world(null);
    const other = await hold(none.c, none.author);
    const refused = await api.post(none.top, `/api/posts/${other}/on-call`).expect(409);
    expect(refused.body.message).toMatch(/No on-call contact is set/);
  });

  it('"Message the author": a private word from the Top 3, told by notification, read with the crisis contacts; the log keeps only that it was sent', async () => {
    const { c, author, top, other, staff } = await world();
    const postId = await hold(c, author);
    const words = 'We have seen your post and we are here. Can we call you tonight?';
    await api.post(top, `/api/posts/${postId}/message-author`, { body: words }).expect(201);
    const mine = await api.get(author, '/api/me/top3-messages').expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ body: words, communityName: 'Fellside', crisisContacts: expect.any(Array) }),
    ]);
    expect(JSON.stringify(mine.body)).not.toContain(top.username);
    await posting.waitFor(async () =>
      ((await api.get(author, '/api/me/notifications')).body.items as NotificationView[]).some(
        (n) => n.kind === 'top3-message' && n.link.page === 'messages',
      ),
    );
    const logged = await logOf(c.id, 'message-author');
    expect(logged).toEqual([{ reason: 'The Top 3 sent the author a private message', entry_text: null }]);
    expect(
      JSON.stringify(
        await db.query(
          `SELECT * FROM moderation_log l JOIN moderation_log_texts t ON t.log_id = l.id WHERE l.community_id = $1`,
          [c.id],
        ),
      ),
    ).not.toContain('call you tonight');
    // Nobody else reads it, and only the Top 3 may send one.
    expect((await api.get(other, '/api/me/top3-messages').expect(200)).body.items).toEqual([]);
    await api.post(author, `/api/posts/${postId}/message-author`, { body: 'hi' }).expect(403);
    await api.post(staff, `/api/posts/${postId}/message-author`, { body: 'hi' }).expect(403);
    await api.post(top, `/api/posts/${postId}/message-author`, { body: '   ' }).expect(400);
  });

  let smtpOnCallBefore = 0;
  beforeEach(() => {
    smtpOnCallBefore = smtp.to('on-call@example.org').length;
  });
});
