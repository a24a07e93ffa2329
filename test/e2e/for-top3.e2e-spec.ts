import request from 'supertest';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import { GivenUser } from '../support/given';
import { AppUnderTest, useApp } from '../support/use-app';
import { until } from '../support/sockets';

const HARM = "I've decided I'm going to end it tonight after everyone's asleep. I've got everything ready.";

describe('a stopped draft sent to the Top 3 instead', () => {
  const app = useApp({ POSTS_PER_HOUR: '2', NOTIFY_SWEEP_MS: '300' });
  let c: ProvisionedCommunity;
  let top3: GivenUser;
  let t: AppUnderTest['t'];
  let given: AppUnderTest['given'];
  let posting: AppUnderTest['posting'];

  beforeAll(async () => {
    ({ t, given, posting } = app);
    c = await given.community();
    top3 = await given.top3(c);
    await posting.setDelay(c.id, 0);
  });

  const send = (who: GivenUser, path: string, body: object) =>
    request(t.url).post(path).auth(who.token, { type: 'bearer' }).send(body);
  const get = (who: GivenUser, path: string) => request(t.url).get(path).auth(who.token, { type: 'bearer' });
  const notificationsOf = async (who: GivenUser) =>
    (await get(who, '/api/me/notifications').expect(200)).body.items as {
      kind: string;
      urgent: boolean;
      link: { postId?: string };
    }[];

  it('over the posting limit, the words go to the Top 3 first: held for them, told kindly, never lost', async () => {
    const member = await given.member(c);
    const { threadId } = await posting.publishedThread(member, c.boards.community, 'Busy day');
    await send(member, `/api/threads/${threadId}/posts`, { body: 'One more thing' }).expect(202);
    const stopped = await send(member, `/api/threads/${threadId}/posts`, { body: 'And another' }).expect(429);
    expect(stopped.body.message).toMatch(/send it to the Top 3 now/);

    const asked = await send(member, `/api/threads/${threadId}/posts`, { body: 'And another', forTop3: true }).expect(
      202,
    );
    expect(asked.body).toMatchObject({
      status: 'held',
      message: expect.stringMatching(/^Thank you\. Your post is with the Top 3 now/),
      crisisContacts: expect.arrayContaining([expect.objectContaining({ name: expect.any(String) })]),
    });
    const postId = asked.body.id as string;

    // Nobody else sees it; the author sees it waiting.
    const reader = await given.member(c);
    const readerPage = await get(reader, `/api/threads/${threadId}/posts`).expect(200);
    expect(JSON.stringify(readerPage.body)).not.toContain('And another');
    const mine = await get(member, `/api/threads/${threadId}/posts`).expect(200);
    expect(mine.body.pending.map((p: { id: string; status: string }) => [p.id, p.status])).toEqual([[postId, 'held']]);

    // The Top 3 find it on the review list, marked as asked for, and are told (not urgently).
    const queue = await get(top3, `/api/communities/${c.id}/review-queue`).expect(200);
    expect(queue.body.items.find((i: { post: { id: string } }) => i.post.id === postId)).toMatchObject({
      why: 'held',
      askedByAuthor: true,
      findings: [],
    });
    await until(async () => (await notificationsOf(top3)).some((n) => n.link.postId === postId));
    expect((await notificationsOf(top3)).find((n) => n.link.postId === postId)).toMatchObject({
      kind: 'held',
      urgent: false,
    });
    const log = await get(top3, `/api/communities/${c.id}/log`).expect(200);
    expect(log.body.items.find((r: { postId: string; action: string }) => r.postId === postId)).toMatchObject({
      action: 'hold',
      reason: 'the author sent it to the Top 3 first',
    });

    // Shared by a Top 3 member, it goes on the board like any other.
    await send(top3, `/api/posts/${postId}/moderation`, { action: 'approve', reason: 'glad you wrote' }).expect(200);
    await posting.waitForStatus(postId, 'published');
  });

  it('words that announce imminent harm, sent to the Top 3, are still urgent', async () => {
    const member = await given.member(c);
    const res = await send(member, `/api/boards/${c.boards.community}/threads`, {
      title: 'Tonight',
      body: HARM,
      forTop3: true,
    }).expect(202);
    const postId = res.body.post.id as string;
    expect(res.body.post.status).toBe('held');
    await until(async () => (await notificationsOf(top3)).some((n) => n.link.postId === postId));
    expect((await notificationsOf(top3)).find((n) => n.link.postId === postId)).toMatchObject({ urgent: true });
    const queue = await get(top3, `/api/communities/${c.id}/review-queue`).expect(200);
    const item = queue.body.items.find((i: { post: { id: string } }) => i.post.id === postId);
    expect(item.askedByAuthor).toBe(true);
    expect(item.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ category: 'imminent-harm-self' })]),
    );
  });

  it('sending to the Top 3 has an allowance of its own, with kind words when it runs out', async () => {
    const member = await given.member(c);
    const { threadId } = await posting.publishedThread(member, c.boards.community, 'Asking');
    for (const n of [1, 2]) {
      await send(member, `/api/threads/${threadId}/posts`, { body: `Asking ${n}`, forTop3: true }).expect(202);
    }
    const slowed = await send(member, `/api/threads/${threadId}/posts`, { body: 'Asking 3', forTop3: true }).expect(
      429,
    );
    expect(slowed.body.message).toMatch(/sent the Top 3 a lot in a short while; they will read it all/);
    await send(member, `/api/threads/${threadId}/posts`, { body: 'x', forTop3: 'yes' }).expect(400);
  });
});
