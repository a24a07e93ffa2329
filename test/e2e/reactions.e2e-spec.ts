import { PostReactionsEvent } from '@p2p/contract';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import { callerAt } from '../support/caller';
import { GivenUser } from '../support/given';
import { AppUnderTest, useApp } from '../support/use-app';
import { connect, until } from '../support/sockets';

describe('supportive reactions', () => {
  const app = useApp({ POSTS_PER_HOUR: '1000', REACTIONS_PER_HOUR: '12' });
  let c: ProvisionedCommunity;
  let author: GivenUser;
  let reader: GivenUser;
  let t: AppUnderTest['t'];
  let given: AppUnderTest['given'];
  let posting: AppUnderTest['posting'];

  beforeAll(async () => {
    ({ t, given, posting } = app);
    c = await given.community();
    author = await given.member(c);
    reader = await given.member(c);
    await posting.setDelay(c.id, 0);
  });

  const as = (who: GivenUser) => callerAt(t.url, who);

  it('counts reach every reader live, names reach nobody, and the thread page remembers your own', async () => {
    const { threadId, postId } = await posting.publishedThread(author, c.boards.community, 'A hard week');
    const seen: PostReactionsEvent[] = [];
    const { socket } = await connect(t.url, { token: author.token });
    socket.on('post.reactions', (e) => seen.push(e));

    const left = await as(reader).put(`/api/posts/${postId}/reactions/hear-you`).expect(200);
    expect(left.body).toEqual({ postId, counts: { 'hear-you': 1, strength: 0, thanks: 0 }, mine: ['hear-you'] });
    // Leaving it again changes nothing and tells nobody.
    await as(reader).put(`/api/posts/${postId}/reactions/hear-you`).expect(200);
    const other = await given.member(c);
    await as(other).put(`/api/posts/${postId}/reactions/hear-you`).expect(200);
    await as(other).put(`/api/posts/${postId}/reactions/strength`).expect(200);

    await until(() => seen.length === 3);
    expect(seen.map((e) => e.data.counts)).toEqual([
      { 'hear-you': 1, strength: 0, thanks: 0 },
      { 'hear-you': 2, strength: 0, thanks: 0 },
      { 'hear-you': 2, strength: 1, thanks: 0 },
    ]);
    expect(seen[0].data).toEqual({ postId, threadId, boardId: c.boards.community, counts: expect.any(Object) });
    expect(JSON.stringify(seen)).not.toContain(reader.id);
    expect(JSON.stringify(seen)).not.toContain(other.id);

    const page = await as(reader).get(`/api/threads/${threadId}/posts`).expect(200);
    expect(page.body.reactions).toEqual([
      { postId, counts: { 'hear-you': 2, strength: 1, thanks: 0 }, mine: ['hear-you'] },
    ]);
    expect(JSON.stringify(page.body.reactions)).not.toContain(other.id);

    const back = await as(reader).del(`/api/posts/${postId}/reactions/hear-you`).expect(200);
    expect(back.body).toEqual({ postId, counts: { 'hear-you': 1, strength: 1, thanks: 0 }, mine: [] });
    await until(() => seen.length === 4);
    socket.close();
  });

  it('only on posts on the board, by members, on other members’ posts', async () => {
    const { threadId, postId } = await posting.publishedThread(author, c.boards.community, 'Another week');
    await as(author)
      .put(`/api/posts/${postId}/reactions/thanks`)
      .expect(400, /other members/);
    await as(reader)
      .put(`/api/posts/${postId}/reactions/hugs`)
      .expect(400, /hear-you, strength, thanks/);
    await as(reader).put(`/api/posts/not-an-id/reactions/thanks`).expect(400);

    // A reply still in its thinking space is nobody else's to react to; it is not found.
    const waiting = await posting.setDelay(c.id, 600).then(() => posting.reply(author, threadId, 'Later'));
    await posting.setDelay(c.id, 0);
    await as(reader).put(`/api/posts/${waiting.body.id}/reactions/thanks`).expect(404);

    // Staff, even with a grant to read the board, see counts and leave none.
    const staff = await given.staff(c);
    const [t1, t2] = [await given.top3(c), await given.top3(c)];
    const asked = await as(staff)
      .post(`/api/communities/${c.id}/access-requests`, { boardId: c.boards.community, reason: 'asked', minutes: 60 })
      .expect(201);
    await as(t1).post(`/api/access-requests/${asked.body.id}/approve`, {}).expect(200);
    await as(t2).post(`/api/access-requests/${asked.body.id}/approve`, {}).expect(200);
    await as(reader).put(`/api/posts/${postId}/reactions/thanks`).expect(200);
    await as(staff).put(`/api/posts/${postId}/reactions/thanks`).expect(403);
    const staffPage = await as(staff).get(`/api/threads/${threadId}/posts`).expect(200);
    expect(staffPage.body.reactions).toEqual([{ postId, counts: { 'hear-you': 0, strength: 0, thanks: 1 }, mine: [] }]);

    // Taken down: no reactions in sight, and none can be left; restored, they come back.
    await as(t1).post(`/api/posts/${postId}/moderation`, { action: 'delete', reason: 'unkind' }).expect(200);
    expect((await as(reader).get(`/api/threads/${threadId}/posts`).expect(200)).body.reactions).toEqual([]);
    await as(reader)
      .put(`/api/posts/${postId}/reactions/thanks`)
      .expect(400, /not on the board/);
    await as(t1).post(`/api/posts/${postId}/moderation`, { action: 'restore', reason: 'we talked' }).expect(200);
    expect((await as(reader).get(`/api/threads/${threadId}/posts`).expect(200)).body.reactions).toEqual([
      { postId, counts: { 'hear-you': 0, strength: 0, thanks: 1 }, mine: ['thanks'] },
    ]);
  });

  it('a private board’s reactions reach only its members', async () => {
    const board = await given.privateBoard(c);
    await given.participant(board, author);
    await given.participant(board, reader);
    const { postId } = await posting.publishedThread(author, board, 'Small group');
    const outsider = await given.member(c);
    const outsiderSaw: unknown[] = [];
    const { socket } = await connect(t.url, { token: outsider.token });
    socket.on('post.reactions', (e) => outsiderSaw.push(e));
    const authorSaw: unknown[] = [];
    const { socket: authorSocket } = await connect(t.url, { token: author.token });
    authorSocket.on('post.reactions', (e) => authorSaw.push(e));

    await as(outsider).put(`/api/posts/${postId}/reactions/thanks`).expect(404);
    await as(reader).put(`/api/posts/${postId}/reactions/thanks`).expect(200);
    await until(() => authorSaw.length === 1);
    expect(outsiderSaw).toEqual([]);
    socket.close();
    authorSocket.close();
  });

  it('a member reacting a lot is slowed down, kindly', async () => {
    const { postId } = await posting.publishedThread(author, c.boards.community, 'Busy');
    const busy = await given.member(c);
    let last = 200;
    for (let i = 0; i < 14 && last === 200; i++) {
      last = (await as(busy).put(`/api/posts/${postId}/reactions/${i % 2 ? 'thanks' : 'strength'}`)).status;
    }
    const slowed = await as(busy).put(`/api/posts/${postId}/reactions/thanks`).expect(429);
    expect(slowed.body.message).toMatch(/react again in about/);
  });
});
