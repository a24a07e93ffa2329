import { randomBytes } from 'node:crypto';
import {
  ENTRY_WORDS_REMOVED,
  ERASURE_CONFIRMATION,
  ErasureView,
  FORMER_MEMBER,
  LogRecordView,
  LogVerifyView,
  PostUpdatedEvent,
  PostView,
  THREAD_TITLE_REMOVED,
} from '@p2p/contract';
import request from 'supertest';
import { GivenUser } from '../support/given';
import { connect, until } from '../support/sockets';
import { callerAt } from '../support/caller';
import { useApp } from '../support/use-app';

jest.setTimeout(120_000);

const HARM = "I've decided I'm going to end it tonight after everyone's asleep. I've got everything ready.";

/**
 * Leaving and being forgotten: a member with a long history erases their account. Their words
 * leave every table (checked by reading them all), the log keeps its records and still verifies
 * on both chains, and a record changed afterwards is still found.
 */
describe('erasure: leaving and being forgotten', () => {
  const app = useApp({ POSTS_PER_HOUR: '1000' });
  const marker = () => `marigold${randomBytes(4).toString('hex')}`;

  const as = (who: GivenUser) => callerAt(app.t.url, who);

  /** Every row of every table in which this text still appears, as "table: count". */
  async function whereStill(text: string): Promise<string[]> {
    const tables = await app.db.query<{ name: string }[]>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const found: string[] = [];
    for (const { name } of tables) {
      const [{ n }] = await app.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM "${name}" t WHERE strpos(lower(t::text), lower($1)) > 0`,
        [text],
      );
      if (n > 0) found.push(`${name}: ${n}`);
    }
    return found;
  }

  it('a long history goes; the log keeps its records, still verifies, and still finds tampering', async () => {
    const { db, given, posting } = app;
    const c = await given.community('Erasure');
    const [leaver, other, top, top2, staff] = await Promise.all([
      given.member(c),
      given.member(c),
      given.top3(c),
      given.top3(c),
      given.staff(c),
    ]);
    const words = marker();
    await posting.setDelay(c.id, 1);

    // Many shared threads with replies from others, a reply of theirs in someone else's thread.
    const threads: { threadId: string; postId: string }[] = [];
    for (let i = 0; i < 12; i++) {
      threads.push(
        await posting.publishedThread(leaver, c.boards.community, `Week ${i} ${words}`, `Day ${i}: ${words}`),
      );
    }
    const othersThread = await posting.publishedThread(other, c.boards.community, 'Mine', 'Words of someone else');
    const theirReply = await posting.reply(leaver, othersThread.threadId, `A reply ${words}`);
    await posting.waitForStatus(theirReply.body.id as string, 'published');
    const answer = await posting.reply(other, threads[0].threadId, 'An answer that stays');
    await posting.waitForStatus(answer.body.id as string, 'published');
    // Held by the guidelines; a Top 3 member writes to them and notes it; another is taken down.
    const held = await posting.thread(leaver, c.boards.community, `Tonight ${words}`, `${HARM} ${words}`);
    await posting.waitForStatus(held.body.post.id as string, 'held');
    await as(top).post(`/api/posts/${held.body.post.id}/message-author`, { body: 'We are here.' }).expect(201);
    for (const t of threads.slice(0, 6)) {
      await as(top).post(`/api/posts/${t.postId}/moderation`, { action: 'annotate', reason: 'Checked, kindly' });
    }
    await as(top2)
      .post(`/api/posts/${threads[11].postId}/moderation`, { action: 'delete', reason: 'Names someone' })
      .expect(200);
    // On a private board (the log's other chain), a flag with a note, a reaction, a plan, a draft.
    const group = await given.privateBoard(c);
    for (const u of [leaver, other, top]) await given.participant(group, u);
    const privately = await posting.publishedThread(leaver, group, `Just us ${words}`, `Between us ${words}`);
    await as(top).post(`/api/posts/${privately.postId}/moderation`, { action: 'annotate', reason: 'Fine' }).expect(200);
    await as(leaver)
      .post(`/api/posts/${othersThread.postId}/flags`, { reason: 'something-else', note: `Unsure ${words}` })
      .expect(201);
    await as(leaver).put(`/api/posts/${answer.body.id}/reactions/thanks`).expect(200);
    await as(leaver)
      .put('/api/me/crisis-plan', { whoToCall: `Sister ${words}`, whatHelps: 'Tea', whereToGo: 'Home' })
      .expect(200);
    await as(leaver)
      .put(`/api/me/drafts/thread:${othersThread.threadId}`, { body: `Unsent ${words}` })
      .expect(200);
    await as(leaver)
      .put('/api/me/muted-words', { words: [words] })
      .expect(200);
    await as(top)
      .post(`/api/posts/${othersThread.postId}/moderation`, { action: 'annotate', reason: 'Names someone' })
      .expect(200);
    const before = (await as(top).get(`/api/communities/${c.id}/log/verify`).expect(200)).body as LogVerifyView;
    expect(before).toMatchObject({ ok: true });
    expect(await whereStill(words)).not.toEqual([]);

    // A clear confirmation: the words and the password, or nothing happens.
    const erase = (body: object) => as(leaver).post('/api/me/erasure', body);
    expect((await erase({ password: leaver.password, confirm: 'yes' }).expect(400)).body.message).toMatch(
      /type "erase my account"/,
    );
    expect(
      (await erase({ password: 'wrong password', confirm: ERASURE_CONFIRMATION }).expect(403)).body.message,
    ).toMatch(/Nothing has been changed/);
    await erase({ password: leaver.password }).expect(400);
    await as(leaver).get('/api/me/export').expect(200);

    const done = (await erase({ password: leaver.password, confirm: ERASURE_CONFIRMATION }).expect(200))
      .body as ErasureView;
    expect(done).toMatchObject({ erased: true, communities: 1, entriesKept: 0 });
    expect(done.entriesRemoved).toBe(15);
    // The hold, the message to them, six notes, the take-down, the private note, and their flag.
    expect(done.logRecordsCleared).toBe(11);

    // Their words and their name are nowhere in the database, in any table.
    expect(await whereStill(words)).toEqual([]);
    expect(await whereStill(leaver.username)).toEqual([]);
    // No way back in: the session is gone and the name no longer signs in.
    await as(leaver).get('/api/me').expect(401);
    await request(app.t.url)
      .post('/api/auth/login')
      .send({ username: leaver.username, password: leaver.password })
      .expect(401);

    // The board keeps the conversations: their entries in place, from a former member, with quiet words.
    const page = await as(other).get(`/api/threads/${threads[0].threadId}/posts`).expect(200);
    const [opening, reply] = page.body.items as PostView[];
    expect(opening).toMatchObject({
      author: { displayName: FORMER_MEMBER },
      body: '',
      notice: ENTRY_WORDS_REMOVED.erasure,
    });
    expect(reply).toMatchObject({ body: 'An answer that stays' });
    const list = await as(other).get(`/api/boards/${c.boards.community}/threads?limit=50`).expect(200);
    const row = (list.body.items as { id: string; title: string }[]).find((t) => t.id === threads[0].threadId);
    expect(row?.title).toBe(THREAD_TITLE_REMOVED.erasure);

    // The log keeps every record, without their words, and both chains still verify.
    const after = (await as(top).get(`/api/communities/${c.id}/log/verify`).expect(200)).body as LogVerifyView;
    expect(after).toMatchObject({ ok: true, private: { ok: true } });
    expect(after.entries).toBeGreaterThan(before.entries);
    const log = (await as(top).get(`/api/communities/${c.id}/log?limit=100`).expect(200)).body.items as LogRecordView[];
    const aboutThem = log.filter((r) => r.postId === threads[0].postId);
    expect(aboutThem.length).toBeGreaterThan(0);
    expect(aboutThem.every((r) => r.wordsRemoved === 'erasure' && r.entryText === null && r.reason === null)).toBe(
      true,
    );
    expect(
      log
        .filter((r) => r.action === 'erasure')
        .map((r) => r.chain)
        .sort(),
    ).toEqual(['open', 'private']);
    expect(log.find((r) => r.action === 'delete')?.actor?.displayName).not.toBe(FORMER_MEMBER);

    // Tampering is still found: words changed behind the trigger's back, or removed with no record.
    const qr = db.createQueryRunner();
    await qr.connect();
    const behindTheTrigger = async (sql: string, params: unknown[]) => {
      await qr.query(`SET session_replication_role = replica`);
      try {
        await qr.query(sql, params);
      } finally {
        await qr.query(`SET session_replication_role = origin`);
      }
    };
    try {
      const [kept] = await db.query<{ id: string; seq: string }[]>(
        `SELECT l.id, l.seq FROM moderation_log l JOIN moderation_log_texts t ON t.log_id = l.id
          WHERE l.community_id = $1 AND t.removed IS NULL AND l.post_id = $2`,
        [c.id, othersThread.postId],
      );
      await behindTheTrigger(
        `UPDATE moderation_log_texts SET words = replace(words, 'Names someone', 'Softer') WHERE log_id = $1`,
        [kept.id],
      );
      const altered = (await as(top).get(`/api/communities/${c.id}/log/verify`).expect(200)).body as LogVerifyView;
      expect(altered).toMatchObject({ ok: false, firstBrokenAt: Number(kept.seq) });
      expect(altered.problem).toMatch(/words of record \d+ have been altered/);
      await behindTheTrigger(
        `UPDATE moderation_log_texts SET words = replace(words, 'Softer', 'Names someone') WHERE log_id = $1`,
        [kept.id],
      );
      expect((await as(top).get(`/api/communities/${c.id}/log/verify`).expect(200)).body.ok).toBe(true);
      await behindTheTrigger(
        `UPDATE moderation_log_texts SET salt = NULL, words = NULL,
                removed = 'erasure', removed_at = now() WHERE log_id = $1`,
        [kept.id],
      );
      const quiet = (await as(staff).get(`/api/communities/${c.id}/log/verify`).expect(200)).body as LogVerifyView;
      expect(quiet).toMatchObject({ ok: false, firstBrokenAt: Number(kept.seq) });
      expect(quiet.problem).toMatch(/no erasure or retention record says so/);
    } finally {
      await qr.release();
    }
  });

  it('where the community keeps a leaver’s words, shared entries stay from a former member; the rest go', async () => {
    const { db, given, posting } = app;
    const c = await given.community('Keeps words');
    await db.query(`UPDATE communities SET erased_entries = 'former-member' WHERE id = $1`, [c.id]);
    const [leaver, other] = await Promise.all([given.member(c), given.member(c)]);
    await posting.setDelay(c.id, 1);
    const shared = await posting.publishedThread(leaver, c.boards.community, 'Stays', 'These words stay');
    const held = await posting.thread(leaver, c.boards.community, 'Held', HARM);
    await posting.waitForStatus(held.body.post.id as string, 'held');
    const done = (await as(leaver).post('/api/me/erasure', { password: leaver.password, confirm: 'Erase my account ' }))
      .body as ErasureView;
    expect(done).toMatchObject({ entriesKept: 1, entriesRemoved: 1 });
    const page = await as(other).get(`/api/threads/${shared.threadId}/posts`).expect(200);
    expect(page.body.items[0]).toMatchObject({ body: 'These words stay', author: { displayName: FORMER_MEMBER } });
    const [heldNow] = await db.query<{ body: string }[]>(`SELECT body FROM posts WHERE id = $1`, [held.body.post.id]);
    expect(heldNow.body).toBe(ENTRY_WORDS_REMOVED.erasure);
  });

  it('pages open elsewhere are told at once: each shared entry as it now reads', async () => {
    const { given, posting } = app;
    const c = await given.community('Open pages');
    const [leaver, reader] = await Promise.all([given.member(c), given.member(c)]);
    await posting.setDelay(c.id, 1);
    const shared = await posting.publishedThread(leaver, c.boards.community, 'Mondays', 'Words that go');
    const { socket, error } = await connect(app.t.url, { token: reader.token });
    if (error) throw error;
    const updates: PostUpdatedEvent[] = [];
    socket.on('post.updated', (e) => updates.push(e));
    await until(() => socket.connected);
    await as(leaver).post('/api/me/erasure', { password: leaver.password, confirm: ERASURE_CONFIRMATION }).expect(200);
    await until(() => updates.length > 0);
    socket.close();
    expect(updates.map((u) => u.data.post)).toEqual([
      expect.objectContaining({
        id: shared.postId,
        body: '',
        notice: ENTRY_WORDS_REMOVED.erasure,
        author: expect.objectContaining({ displayName: FORMER_MEMBER }),
      }),
    ]);
  });

  it('a monitor who leaves is no longer counted: a direct conversation pauses until two are there', async () => {
    const { given } = app;
    const c = await given.community('Monitors');
    const [ann, ben, t1, t2] = await Promise.all([given.member(c), given.member(c), given.top3(c), given.top3(c)]);
    const dm = (await as(ann).post(`/api/communities/${c.id}/chat/direct`, { withUserId: ben.id }).expect(201)).body
      .id as string;
    await as(t1).post(`/api/communities/${c.id}/chat/rooms/${dm}/monitors`).expect(200);
    const opened = await as(t2).post(`/api/communities/${c.id}/chat/rooms/${dm}/monitors`).expect(200);
    expect(opened.body).toMatchObject({ open: true });
    await as(t2).post('/api/me/erasure', { password: t2.password, confirm: ERASURE_CONFIRMATION }).expect(200);
    const rooms = await as(t1).get(`/api/communities/${c.id}/chat/direct`).expect(200);
    const room = (rooms.body.items as { id: string; open: boolean; monitors: { id: string }[] }[]).find(
      (r) => r.id === dm,
    );
    expect(room).toMatchObject({ open: false, monitors: [{ id: t1.id }] });
  });

  it('an operator account is not erased from the web; nobody erases someone else', async () => {
    const { given } = app;
    const operator = await given.operator();
    const res = await as(operator)
      .post('/api/me/erasure', { password: operator.password, confirm: ERASURE_CONFIRMATION })
      .expect(403);
    expect(res.body.message).toMatch(/another operator/);
    // The only erasure route is the caller's own; anything else is not found.
    await as(operator).post(`/api/users/${operator.id}/erasure`, {}).expect(404);
  });
});
