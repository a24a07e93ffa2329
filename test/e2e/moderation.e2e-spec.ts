import request from 'supertest';
import { DataSource } from 'typeorm';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import { Given, GivenUser } from '../support/given';
import { Posting } from '../support/posts';
import { TestApp, startApp, testDb } from '../support/app';
import { connect, until } from '../support/sockets';

describe('flags, the Top 3 review and the verbatim log', () => {
  let t: TestApp;
  let db: DataSource;
  let given: Given;
  let posting: Posting;
  let c: ProvisionedCommunity;
  let author: GivenUser;
  let top3: GivenUser;
  let staff: GivenUser;

  beforeAll(async () => {
    t = await startApp({ POSTS_PER_HOUR: '1000' });
    db = await testDb();
    given = new Given(db);
    posting = new Posting(t.url, db);
    c = await given.community();
    author = await given.member(c);
    top3 = await given.top3(c);
    staff = await given.staff(c);
    await posting.setDelay(c.id, 0);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const post = (path: string, who: GivenUser, body: object = {}) =>
    request(t.url).post(path).auth(who.token, { type: 'bearer' }).send(body);
  const get = (path: string, who: GivenUser) => request(t.url).get(path).auth(who.token, { type: 'bearer' });

  it('flags from enough different members hide a post until a Top 3 member looks; the queue updates live', async () => {
    const { postId } = await posting.publishedThread(author, c.boards.community, 'Flag me');
    const { socket } = await connect(t.url, { token: top3.token });
    const changes: { data: { postId: string; why: string } }[] = [];
    socket.on('review.changed', (e) => changes.push(e));
    const reader = await given.member(c);
    const removed: unknown[] = [];
    const { socket: readerSocket } = await connect(t.url, { token: reader.token });
    readerSocket.on('post.removed', (e) => removed.push(e));

    const first = await given.member(c);
    const second = await given.member(c);
    await post(`/api/posts/${postId}/flags`, first, { reason: 'abuse' })
      .expect(201)
      .expect((r) => expect(r.body.hidden).toBe(false));
    await post(`/api/posts/${postId}/flags`, first, { reason: 'abuse' }).expect(409);
    // The thread says, to the one who flagged and to nobody else, that they already did.
    const [{ thread_id: threadId }] = await db.query(`SELECT thread_id FROM posts WHERE id = $1`, [postId]);
    expect((await get(`/api/threads/${threadId}/posts`, first).expect(200)).body.flaggedByMe).toEqual([postId]);
    expect((await get(`/api/threads/${threadId}/posts`, second).expect(200)).body.flaggedByMe).toEqual([]);
    await post(`/api/posts/${postId}/flags`, second, { reason: 'something-else', note: 'felt unkind' })
      .expect(201)
      .expect((r) => expect(r.body.hidden).toBe(true));

    await until(() => changes.some((e) => e.data.postId === postId && e.data.why === 'hidden'));
    await until(() => removed.length > 0);
    const shown = await get(`/api/posts/${postId}`, reader).expect(200);
    expect(shown.body).toMatchObject({
      status: 'hidden',
      body: '',
      notice: expect.stringMatching(/waiting for a Top 3 member/),
    });

    const queue = await get(`/api/communities/${c.id}/review-queue`, top3).expect(200);
    const item = queue.body.items.find((i: { post: { id: string } }) => i.post.id === postId);
    expect(item).toMatchObject({ why: 'hidden', post: { body: 'Hello all' } });
    expect(item.flags.map((f: { reason: string; note: string | null }) => [f.reason, f.note])).toEqual([
      ['abuse', null],
      ['something-else', 'felt unkind'],
    ]);
    socket.close();
    readerSocket.close();
  });

  it('flagging a lot in a short while gets a kind 429', async () => {
    const limited = await startApp({ FLAGS_PER_HOUR: '2' });
    try {
      const flagger = await given.member(c);
      const posts = [];
      for (let i = 0; i < 3; i++)
        posts.push((await posting.publishedThread(author, c.boards.community, `F${i}`)).postId);
      const flag = (pid: string) =>
        request(limited.url)
          .post(`/api/posts/${pid}/flags`)
          .auth(flagger.token, { type: 'bearer' })
          .send({ reason: 'abuse' });
      expect((await flag(posts[0])).status).toBe(201);
      expect((await flag(posts[1])).status).toBe(201);
      const third = await flag(posts[2]);
      expect(third.status).toBe(429);
      expect(third.body.message).toMatch(/looking out for the community/);
    } finally {
      await limited.close();
    }
  });

  it('"something else" needs a note; members of other boards cannot flag', async () => {
    const { postId } = await posting.publishedThread(author, c.boards.community);
    await post(`/api/posts/${postId}/flags`, author, { reason: 'something-else' }).expect(400);
    await post(`/api/posts/${postId}/flags`, staff, { reason: 'abuse' }).expect(404);
    const outsider = await given.member(await given.community());
    await post(`/api/posts/${postId}/flags`, outsider, { reason: 'abuse' }).expect(404);
  });

  it('a Top 3 member deletes a post: readers get a quiet placeholder, the log keeps the words verbatim, restore brings it back', async () => {
    const words = 'Exact words, with *emphasis* and a typo: teh.';
    const res = await posting.thread(author, c.boards.community, 'To be deleted', words);
    await posting.waitForStatus(res.body.post.id, 'published');
    const postId = res.body.post.id as string;
    await post(`/api/posts/${postId}/moderation`, top3, {
      action: 'delete',
      reason: 'unkind to another member',
      forMeeting: true,
    })
      .expect(200)
      .expect((r) => expect(r.body.status).toBe('removed'));
    const page = await get(`/api/threads/${res.body.thread.id}/posts`, author).expect(200);
    expect(page.body.items[0]).toMatchObject({
      id: postId,
      status: 'removed',
      body: '',
      notice: expect.stringMatching(/taken down/),
    });

    const log = await get(`/api/communities/${c.id}/log`, top3).expect(200);
    const record = log.body.items.find(
      (r: { postId: string; action: string }) => r.postId === postId && r.action === 'delete',
    );
    expect(record).toMatchObject({
      entryText: words,
      reason: 'unkind to another member',
      forMeeting: true,
      actor: { id: top3.id },
    });

    await post(`/api/posts/${postId}/moderation`, top3, { action: 'delete', reason: 'again' }).expect(409);
    await post(`/api/posts/${postId}/moderation`, top3, { action: 'restore', reason: 'talked it through' }).expect(200);
    const back = await get(`/api/posts/${postId}`, author).expect(200);
    expect(back.body).toMatchObject({ status: 'published', body: words });
  });

  it('members and staff cannot moderate', async () => {
    const { postId } = await posting.publishedThread(author, c.boards.community);
    await post(`/api/posts/${postId}/moderation`, author, { action: 'delete', reason: 'x' }).expect(403);
    await post(`/api/posts/${postId}/moderation`, staff, { action: 'delete', reason: 'x' }).expect(404);
    await get(`/api/communities/${c.id}/review-queue`, staff).expect(403);
  });

  it('the log is append-only in the database itself', async () => {
    await expect(db.query(`UPDATE moderation_log SET at = now() WHERE community_id = $1`, [c.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(
      db.query(
        `UPDATE moderation_log_texts SET words = 'softer'
          WHERE log_id IN (SELECT id FROM moderation_log WHERE community_id = $1)`,
        [c.id],
      ),
    ).rejects.toThrow(/can only be removed/);
    await expect(db.query(`DELETE FROM moderation_log WHERE community_id = $1`, [c.id])).rejects.toThrow(/append-only/);
  });

  it('verify finds a record altered behind the trigger’s back, and a checkpoint finds a rebuilt chain', async () => {
    const d = await given.community();
    const a = await given.member(d);
    const t3 = await given.top3(d);
    await posting.setDelay(d.id, 0);
    for (let i = 0; i < 3; i++) {
      const { postId } = await posting.publishedThread(a, d.boards.community, `Entry ${i}`);
      await post(`/api/posts/${postId}/moderation`, t3, { action: 'annotate', reason: `note ${i}` }).expect(200);
    }
    const good = await get(`/api/communities/${d.id}/log/verify`, t3).expect(200);
    expect(good.body).toMatchObject({ ok: true, entries: 3 });
    const checkpoint = good.body.checkpoint as string;

    // As a superuser: switch triggers off for this session and change one word.
    const qr = db.createQueryRunner();
    await qr.connect();
    try {
      await qr.query(`SET session_replication_role = replica`);
      await qr.query(
        `UPDATE moderation_log_texts SET words = replace(words, 'note 1', 'a softer note')
          WHERE log_id = (SELECT id FROM moderation_log WHERE community_id = $1 AND seq = 2)`,
        [d.id],
      );
    } finally {
      await qr.query(`SET session_replication_role = origin`);
      await qr.release();
    }
    const bad = await get(`/api/communities/${d.id}/log/verify`, t3).expect(200);
    expect(bad.body).toMatchObject({ ok: false, firstBrokenAt: 2, problem: expect.stringMatching(/altered/) });
    const staffD = await given.staff(d);
    const asStaff = await get(`/api/communities/${d.id}/log/verify?checkpoint=${checkpoint}`, staffD).expect(200);
    expect(asStaff.body.ok).toBe(false);
  });

  describe('staff never see private boards', () => {
    it('no record, count, pack item or report of a private board reaches staff by any route', async () => {
      const d = await given.community();
      const a = await given.member(d);
      const t3 = await given.top3(d);
      const s = await given.staff(d);
      await posting.setDelay(d.id, 0);
      const group = await given.privateBoard(d, 'Small group');
      await given.participant(group, a);
      const secret = await posting.publishedThread(a, group, 'Private title', 'Private words');
      const open = await posting.publishedThread(a, d.boards.community, 'Open words');
      await post(`/api/posts/${secret.postId}/moderation`, t3, {
        action: 'delete',
        reason: 'private reason',
        forMeeting: true,
      }).expect(200);
      await post(`/api/posts/${open.postId}/moderation`, t3, {
        action: 'annotate',
        reason: 'open note',
        forMeeting: true,
      }).expect(200);

      const staffLog = await get(`/api/communities/${d.id}/log`, s).expect(200);
      expect(staffLog.body.items.map((r: { reason: string }) => r.reason)).toEqual(['open note']);
      expect(JSON.stringify(staffLog.body)).not.toMatch(/Private words|Private title|private reason/);
      const top3Log = await get(`/api/communities/${d.id}/log`, t3).expect(200);
      expect(top3Log.body.items.map((r: { reason: string }) => r.reason).sort()).toEqual([
        'open note',
        'private reason',
      ]);

      const staffVerify = await get(`/api/communities/${d.id}/log/verify`, s).expect(200);
      expect(staffVerify.body).toEqual({
        ok: true,
        entries: 1,
        head: expect.any(String),
        checkpoint: expect.any(String),
      });
      const top3Verify = await get(`/api/communities/${d.id}/log/verify`, t3).expect(200);
      expect(top3Verify.body.private).toMatchObject({ ok: true, entries: 1 });

      const meeting = await post(`/api/communities/${d.id}/meetings`, s, { title: 'Tuesday' }).expect(201);
      const staffPack = await get(`/api/meetings/${meeting.body.id}/pack`, s).expect(200);
      expect(staffPack.body.items.map((i: { reason: string }) => i.reason)).toEqual(['open note']);
      const top3Pack = await get(`/api/meetings/${meeting.body.id}/pack`, t3).expect(200);
      expect(top3Pack.body.items.map((i: { reason: string }) => i.reason)).toEqual(['private reason', 'open note']);
      const html = await get(`/api/meetings/${meeting.body.id}/pack`, s).set('Accept', 'text/html').expect(200);
      expect(html.text).not.toContain('Private words');
      const md = await get(`/api/meetings/${meeting.body.id}/pack`, s).set('Accept', 'text/markdown').expect(200);
      expect(md.text).not.toContain('private reason');

      await post(`/api/communities/${d.id}/significant-events`, t3, { summary: 'x', postIds: [secret.postId] }).expect(
        400,
      );
      const privateLid = top3Log.body.items.find((r: { reason: string }) => r.reason === 'private reason').id;
      await post(`/api/communities/${d.id}/log/${privateLid}/for-meeting`, s, {}).expect(403);
    });
  });

  describe('meetings', () => {
    it('a pack lists what was marked since the last meeting, printable, and keeps the outcomes', async () => {
      const d = await given.community();
      const a = await given.member(d);
      const t3 = await given.top3(d);
      await posting.setDelay(d.id, 0);
      const { postId } = await posting.publishedThread(a, d.boards.community, 'Worth talking about');
      const mod = await post(`/api/posts/${postId}/moderation`, t3, {
        action: 'annotate',
        reason: 'bring this up',
      }).expect(200);
      void mod;
      const log = await get(`/api/communities/${d.id}/log`, t3).expect(200);
      await post(`/api/communities/${d.id}/log/${log.body.items[0].id}/for-meeting`, t3, {
        reason: 'for Tuesday',
      }).expect(201);

      const first = await post(`/api/communities/${d.id}/meetings`, t3, {}).expect(201);
      expect(first.body.items).toHaveLength(1);
      expect(first.body.items[0]).toMatchObject({ action: 'annotate', entryText: 'Hello all', outcome: null });
      const html = await get(`/api/meetings/${first.body.id}/pack`, t3).set('Accept', 'text/html').expect(200);
      expect(html.headers['content-type']).toMatch(/text\/html/);
      expect(html.text).toContain('<blockquote>Hello all</blockquote>');

      const done = await request(t.url)
        .put(`/api/meetings/${first.body.id}/items/${first.body.items[0].id}`)
        .auth(t3.token, { type: 'bearer' })
        .send({ outcome: 'Talked it through; all fine.' })
        .expect(200);
      expect(done.body.items[0].outcome).toBe('Talked it through; all fine.');

      const second = await post(`/api/communities/${d.id}/meetings`, t3, {}).expect(201);
      expect(second.body.items).toEqual([]);
    });
  });

  it('the printable pack renders every field inert: words, reasons, names and titles', async () => {
    const d = await given.community();
    const t3 = await given.top3(d);
    const a = await given.member(d);
    await db.query(`UPDATE users SET display_name = $2 WHERE id = $1`, [t3.id, '<img src=x onerror=alert(1)>']);
    await posting.setDelay(d.id, 0);
    const evil = '<script>alert("words")</script> [x](javascript:alert(1)) <a href="javascript:alert(2)">y</a>';
    const { postId } = await posting.publishedThread(a, d.boards.community, 'Title', evil);
    await post(`/api/posts/${postId}/moderation`, t3, {
      action: 'annotate',
      reason: '<svg onload=alert(3)>',
      forMeeting: true,
    }).expect(200);
    const meeting = await post(`/api/communities/${d.id}/meetings`, t3, { title: '<iframe src=//evil>' }).expect(201);
    const html = await get(`/api/meetings/${meeting.body.id}/pack`, t3).set('Accept', 'text/html').expect(200);
    expect(html.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(html.text).not.toMatch(/<(script|img|svg|iframe)\b/i);
    expect(html.text).not.toMatch(/<a\b/i);
    expect(html.text).toContain('&lt;script&gt;');
  });

  describe('significant events', () => {
    it('a Top 3 report reaches staff live; staff acknowledge; both are logged', async () => {
      const d = await given.community();
      const t3 = await given.top3(d);
      const s = await given.staff(d);
      const m = await given.member(d);
      const { socket } = await connect(t.url, { token: s.token });
      const { socket: memberSocket } = await connect(t.url, { token: m.token });
      const seen: { data: { id: string } }[] = [];
      const memberSeen: unknown[] = [];
      socket.on('significant-event.created', (e) => seen.push(e));
      memberSocket.on('significant-event.created', (e) => memberSeen.push(e));
      const report = await post(`/api/communities/${d.id}/significant-events`, t3, {
        summary: 'A member said they felt unsafe.',
      }).expect(201);
      await until(() => seen.some((e) => e.data.id === report.body.id));
      await post(`/api/significant-events/${report.body.id}/ack`, s)
        .expect(200)
        .expect((r) => expect(r.body.acknowledgedBy.id).toBe(s.id));
      await post(`/api/significant-events/${report.body.id}/ack`, s).expect(409);
      await post(`/api/significant-events/${report.body.id}/ack`, t3).expect(403);
      const log = await get(`/api/communities/${d.id}/log`, s).expect(200);
      expect(log.body.items.map((r: { action: string }) => r.action)).toEqual([
        'significant-event-ack',
        'significant-event',
      ]);
      expect(memberSeen).toEqual([]);
      socket.close();
      memberSocket.close();
    });
  });
});
