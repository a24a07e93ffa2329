import { getQueueToken } from '@nestjs/bullmq';
import {
  Ack,
  ENTRY_WORDS_REMOVED,
  KeepingView,
  LogRecordView,
  LogVerifyView,
  MeetingPack,
  MyDataView,
  PostView,
  THREAD_TITLE_REMOVED,
  WORDS_REMOVED,
} from '@p2p/contract';
import { Queue } from 'bullmq';
import type { Socket } from 'socket.io-client';
import { KeepingService } from '../../apps/gateway/src/privacy/keeping.service';
import { Queues, RetentionJobs } from '../../apps/gateway/src/platform/queues/queues';
import { GivenUser } from '../support/given';
import { connect } from '../support/sockets';
import { callerAt } from '../support/caller';
import { useApp } from '../support/use-app';

jest.setTimeout(90_000);

const DAY = 86_400_000;
const HARM = "I've decided I'm going to end it tonight after everyone's asleep. I've got everything ready.";

/**
 * Retention: the community says how long post texts, chat and the log's words are kept; an hourly
 * job applies it. Entries keep their place with quiet words, the log keeps its records and still
 * verifies, and the meeting pack says where words were removed under the policy.
 */
describe('retention: how long the community keeps things', () => {
  const app = useApp({ POSTS_PER_HOUR: '1000' });
  const as = (who: GivenUser) => callerAt(app.t.url, who);

  it('is set by the Top 3 or staff, read by members, checked, and logged for the meeting', async () => {
    const { given } = app;
    const c = await given.community('Keeping');
    const [member, top, staff] = await Promise.all([given.member(c), given.top3(c), given.staff(c)]);
    const none: KeepingView = { erasedEntries: 'placeholder', postsDays: null, chatDays: null, logDays: null };
    expect((await as(member).get(`/api/communities/${c.id}/keeping`).expect(200)).body).toEqual(none);
    const policy: KeepingView = { erasedEntries: 'former-member', postsDays: 365, chatDays: 30, logDays: 730 };
    await as(member).put(`/api/communities/${c.id}/keeping`, policy).expect(403);
    await as(top)
      .put(`/api/communities/${c.id}/keeping`, { ...policy, postsDays: 3 })
      .expect(400);
    await as(top)
      .put(`/api/communities/${c.id}/keeping`, { ...policy, logDays: 'soon' })
      .expect(400);
    await as(top).put(`/api/communities/${c.id}/keeping`, { postsDays: 365 }).expect(400);
    expect((await as(top).put(`/api/communities/${c.id}/keeping`, policy).expect(200)).body).toEqual(policy);
    await as(staff)
      .put(`/api/communities/${c.id}/keeping`, { ...policy, chatDays: null })
      .expect(200);
    const log = (await as(top).get(`/api/communities/${c.id}/log`).expect(200)).body.items as LogRecordView[];
    const changes = log.filter((r) => r.action === 'keeping-change');
    expect(changes.map((r) => r.reason)).toEqual([
      'How long things are kept: chat: 30 days to kept.',
      "How long things are kept: posts: kept to 365 days; chat: kept to 30 days; the log's words: kept to 730 days; " +
        "a leaver's shared entries: kept, from a former member.",
    ]);
    expect(changes.every((r) => r.forMeeting)).toBe(true);
    // Another community's members and staff cannot read or change it.
    const elsewhere = await given.staff(await given.community());
    await as(elsewhere).get(`/api/communities/${c.id}/keeping`).expect(404);
    await as(elsewhere).put(`/api/communities/${c.id}/keeping`, policy).expect(404);
  });

  it('removes words past their time, keeps what waits for a person, and leaves the log verifying', async () => {
    const { given, posting } = app;
    const c = await given.community('Retention');
    const [member, other, top, staff] = await Promise.all([
      given.member(c),
      given.member(c),
      given.top3(c),
      given.staff(c),
    ]);
    await posting.setDelay(c.id, 1);
    await app.db.query(`UPDATE communities SET chat_delay_seconds = 0 WHERE id = $1`, [c.id]);
    const shared = await posting.publishedThread(member, c.boards.community, 'An old week', 'Old words');
    const reply = await posting.reply(other, shared.threadId, 'An old answer');
    await posting.waitForStatus(reply.body.id as string, 'published');
    const held = await posting.thread(member, c.boards.community, 'Tonight', HARM);
    await posting.waitForStatus(held.body.post.id as string, 'held');
    const group = await given.privateBoard(c);
    for (const u of [member, top]) await given.participant(group, u);
    const privately = await posting.publishedThread(member, group, 'Just us', 'Private old words');
    await as(top).post(`/api/posts/${privately.postId}/moderation`, { action: 'annotate', reason: 'Fine' }).expect(200);
    const noted = await as(top)
      .post(`/api/posts/${shared.postId}/moderation`, { action: 'annotate', reason: 'Bring this up kindly' })
      .expect(200);
    const marked = (await as(top).get(`/api/communities/${c.id}/log`).expect(200)).body.items as LogRecordView[];
    const note = marked.find((r) => r.postId === shared.postId && r.action === 'annotate')!;
    await as(top).post(`/api/communities/${c.id}/log/${note.id}/for-meeting`, {}).expect(201);
    expect(noted.status).toBe(200);
    // A chat message.
    const rooms = await as(member).get(`/api/communities/${c.id}/chat/rooms`).expect(200);
    const roomId = (rooms.body.items as { id: string; kind: string }[]).find((r) => r.kind === 'chat')!.id;
    const { socket, error } = await connect(app.t.url, { token: member.token });
    if (error) throw error;
    const raw = socket as unknown as Socket;
    expect(((await raw.timeout(5000).emitWithAck('chat.join', { roomId })) as Ack<unknown>).ok).toBe(true);
    const sent = (await raw
      .timeout(5000)
      .emitWithAck('chat.send', { roomId, body: 'Old chat words', idempotencyKey: `k-${Date.now()}` })) as Ack<{
      id: string;
    }>;
    socket.close();
    const chatId = sent.ok ? sent.data.id : '';
    await posting.waitForStatus(chatId, 'published');

    await as(top)
      .put(`/api/communities/${c.id}/keeping`, {
        erasedEntries: 'placeholder',
        postsDays: 365,
        chatDays: 30,
        logDays: 90,
      })
      .expect(200);
    const keeping = app.t.app.get(KeepingService);
    // Before their time, nothing goes.
    expect(await keeping.applyAll(new Date(Date.now() + 20 * DAY))).toEqual({ entries: 0, chat: 0, logRecords: 0 });
    // A month on: chat only.
    expect(await keeping.applyAll(new Date(Date.now() + 40 * DAY))).toEqual({ entries: 0, chat: 1, logRecords: 0 });
    // Over a year on: posts and the log's words; the held entry, still waiting for a person, keeps its words.
    const later = await keeping.applyAll(new Date(Date.now() + 400 * DAY));
    expect(later).toMatchObject({ entries: 3 });
    expect(later.logRecords).toBeGreaterThanOrEqual(5);
    expect(await keeping.applyAll(new Date(Date.now() + 400 * DAY))).toEqual({ entries: 0, chat: 0, logRecords: 0 });

    const page = await as(other).get(`/api/threads/${shared.threadId}/posts`).expect(200);
    for (const p of page.body.items as PostView[]) {
      expect(p).toMatchObject({ body: '', notice: ENTRY_WORDS_REMOVED.retention });
    }
    const threads = await as(other).get(`/api/boards/${c.boards.community}/threads`).expect(200);
    const row = (threads.body.items as { id: string; title: string }[]).find((t) => t.id === shared.threadId);
    expect(row?.title).toBe(THREAD_TITLE_REMOVED.retention);
    const [heldNow] = await app.db.query<{ body: string }[]>(`SELECT body FROM posts WHERE id = $1`, [
      held.body.post.id,
    ]);
    expect(heldNow.body).toBe(HARM);
    const [chatNow] = await app.db.query<{ words_removed: string }[]>(`SELECT words_removed FROM posts WHERE id = $1`, [
      chatId,
    ]);
    expect(chatNow.words_removed).toBe('retention');
    // The writer's own copy says what became of them.
    const mine = (await as(member).get('/api/me/export').expect(200)).body as MyDataView;
    expect(mine.entries.find((e) => e.id === shared.postId)?.whatHappened).toBe(
      'Shared on the board. Its words were removed under the community’s retention policy.',
    );

    // The log still verifies on both chains; its records say why their words went.
    const verified = (await as(top).get(`/api/communities/${c.id}/log/verify`).expect(200)).body as LogVerifyView;
    expect(verified).toMatchObject({ ok: true, private: { ok: true } });
    expect((await as(staff).get(`/api/communities/${c.id}/log/verify`).expect(200)).body).toMatchObject({ ok: true });
    const log = (await as(top).get(`/api/communities/${c.id}/log?limit=100`).expect(200)).body.items as LogRecordView[];
    expect(log.find((r) => r.id === note.id)).toMatchObject({ wordsRemoved: 'retention', reason: null });
    expect(
      log
        .filter((r) => r.action === 'retention')
        .map((r) => r.chain)
        .sort(),
    ).toEqual(['open', 'private']);
    // The staff's view of the log never shows the private chain's retention record.
    const staffLog = (await as(staff).get(`/api/communities/${c.id}/log?limit=100`).expect(200)).body
      .items as LogRecordView[];
    expect(staffLog.some((r) => r.chain === 'private')).toBe(false);

    // The meeting pack says where words were removed under the policy.
    const meeting = await as(top).post(`/api/communities/${c.id}/meetings`, { title: 'Tuesday' }).expect(201);
    const pack = (await as(top).get(`/api/meetings/${meeting.body.id}/pack`).expect(200)).body as MeetingPack;
    const item = pack.items.find((i) => i.logId === note.id);
    expect(item).toMatchObject({ wordsRemoved: 'retention', entryText: null, reason: null });
    const printed = await as(top).get(`/api/meetings/${meeting.body.id}/pack`).set('accept', 'text/html').expect(200);
    expect(printed.text).toContain(WORDS_REMOVED.retention);
  });

  it('is applied by one repeatable job, scheduled on start', async () => {
    const queue = app.t.app.get<Queue>(getQueueToken(Queues.retention));
    await app.posting.waitFor(async () => (await queue.getJobSchedulers()).some((s) => s.key === RetentionJobs.apply));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.every])).toContainEqual([RetentionJobs.apply, 3_600_000]);
  });
});
