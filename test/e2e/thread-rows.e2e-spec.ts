import request from 'supertest';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import { GivenUser } from '../support/given';
import { AppUnderTest, useApp } from '../support/use-app';

interface Row {
  id: string;
  preview?: string;
  unread?: boolean;
}

describe("a board's thread rows: a one-line preview and what is new for me", () => {
  const app = useApp({ POSTS_PER_HOUR: '1000' });
  let c: ProvisionedCommunity;
  let author: GivenUser;
  let reader: GivenUser;
  let t: AppUnderTest['t'];
  let db: AppUnderTest['db'];
  let given: AppUnderTest['given'];
  let posting: AppUnderTest['posting'];

  beforeAll(async () => {
    ({ t, db, given, posting } = app);
    c = await given.community();
    author = await given.member(c);
    reader = await given.member(c);
    await posting.setDelay(c.id, 0);
  });

  const rowOf = async (who: GivenUser, threadId: string, boardId = c.boards.community): Promise<Row | undefined> => {
    const res = await request(t.url).get(`/api/boards/${boardId}/threads`).auth(who.token, { type: 'bearer' });
    expect(res.status).toBe(200);
    return (res.body.items as Row[]).find((r) => r.id === threadId);
  };
  const markRead = (who: GivenUser, threadId: string, seq: unknown) =>
    request(t.url).put(`/api/threads/${threadId}/read`).auth(who.token, { type: 'bearer' }).send({ seq });
  const seqOf = async (postId: string) =>
    Number((await db.query(`SELECT event_seq FROM posts WHERE id = $1`, [postId]))[0].event_seq);

  it('a new thread is new to others and not to its author; reading it clears the mark until someone replies', async () => {
    const { threadId, postId } = await posting.publishedThread(
      author,
      c.boards.community,
      'Sundays',
      '**Sundays** are long.\n\n- no group\n- no [plans](https://example.org)',
    );
    expect(await rowOf(reader, threadId)).toMatchObject({
      preview: 'Sundays are long. no group no plans',
      unread: true,
    });
    expect(await rowOf(author, threadId)).toMatchObject({ unread: false });

    const read = await markRead(reader, threadId, await seqOf(postId)).expect(200);
    expect(read.body).toEqual({ threadId, readSeq: await seqOf(postId) });
    expect(await rowOf(reader, threadId)).toMatchObject({ unread: false });

    // The author's own reply leaves the author's row as it was; for the reader it is new, with its words.
    const reply = await posting.reply(author, threadId, 'Going for a walk helps a bit.');
    await posting.waitForStatus(reply.body.id, 'published');
    expect(await rowOf(reader, threadId)).toMatchObject({ preview: 'Going for a walk helps a bit.', unread: true });
    expect(await rowOf(author, threadId)).toMatchObject({ unread: false });

    // Reading never goes backwards, and never past the thread's last post.
    await markRead(reader, threadId, 1_000_000).expect(200, { threadId, readSeq: await seqOf(reply.body.id) });
    await markRead(reader, threadId, 0).expect(200, { threadId, readSeq: await seqOf(reply.body.id) });
    expect(await rowOf(reader, threadId)).toMatchObject({ unread: false });
  });

  it('the preview shows only what is on the board', async () => {
    const { threadId } = await posting.publishedThread(author, c.boards.community, 'Meds', 'New tablets this week.');
    const t1 = await given.top3(c);
    const shared = await posting.reply(reader, threadId, 'How are they going?');
    await posting.waitForStatus(shared.body.id, 'published');
    expect(await rowOf(author, threadId)).toMatchObject({ preview: 'How are they going?' });

    // Taken down: the row falls back to the latest post still on the board.
    await request(t.url)
      .post(`/api/posts/${shared.body.id}/moderation`)
      .auth(t1.token, { type: 'bearer' })
      .send({ action: 'delete', reason: 'posted in the wrong thread' })
      .expect(200);
    expect(await rowOf(author, threadId)).toMatchObject({ preview: 'New tablets this week.' });

    // A reply still in its thinking space is in no one's preview, its author's included.
    await posting.setDelay(c.id, 600);
    expect((await posting.reply(reader, threadId, 'Not shared yet')).status).toBe(202);
    await posting.setDelay(c.id, 0);
    expect(await rowOf(author, threadId)).toMatchObject({ preview: 'New tablets this week.' });
    expect(await rowOf(reader, threadId)).toMatchObject({ preview: 'New tablets this week.' });

    // A long post is cut at a word, with an ellipsis.
    const long = 'I keep thinking about what was said in the group on Tuesday and whether I should say more. '.repeat(
      4,
    );
    const longReply = await posting.reply(author, threadId, long);
    await posting.waitForStatus(longReply.body.id, 'published');
    const row = await rowOf(reader, threadId);
    expect(row!.preview!.length).toBeLessThanOrEqual(121);
    expect(row!.preview!.endsWith('…')).toBe(true);
  });

  it('marking read asks the same question as reading: unreadable threads are not found, bad input is a 400', async () => {
    const board = await given.privateBoard(c);
    await given.participant(board, author);
    const { threadId, postId } = await posting.publishedThread(author, board, 'Small group');
    const outsider = await given.member(c);
    const staff = await given.staff(c);
    const seq = await seqOf(postId);
    await markRead(outsider, threadId, seq).expect(404);
    await markRead(staff, threadId, seq).expect(404);
    expect(await db.query(`SELECT 1 FROM thread_reads WHERE thread_id = $1`, [threadId])).toEqual([]);
    await markRead(author, threadId, -1).expect(400);
    await markRead(author, threadId, 'many').expect(400);
    await markRead(author, threadId, 1.5).expect(400);
    await request(t.url).put(`/api/threads/not-an-id/read`).auth(author.token, { type: 'bearer' }).expect(400);
    expect(await rowOf(author, threadId, board)).toMatchObject({ preview: 'Hello all', unread: false });
  });

  it("the list of boards counts each board's recent threads with something new for me", async () => {
    const own = await given.community('Counting');
    const [writer, me] = [await given.member(own), await given.member(own)];
    await posting.setDelay(own.id, 0);
    const counts = async (who: GivenUser) => {
      const res = await request(t.url).get(`/api/communities/${own.id}/boards`).auth(who.token, { type: 'bearer' });
      expect(res.status).toBe(200);
      return Object.fromEntries(
        (res.body.items as { kind: string; newThreads: number }[]).map((b) => [b.kind, b.newThreads]),
      );
    };
    const first = await posting.publishedThread(writer, own.boards.community, 'One');
    await posting.publishedThread(writer, own.boards.community, 'Two');
    const old = await posting.publishedThread(writer, own.boards.community, 'Long ago');
    await db.query(`UPDATE threads SET last_post_at = now() - interval '40 days' WHERE id = $1`, [old.threadId]);

    expect(await counts(me)).toMatchObject({ community: 2, info: 0 });
    expect(await counts(writer)).toMatchObject({ community: 0 });
    await markRead(me, first.threadId, await seqOf(first.postId)).expect(200);
    expect(await counts(me)).toMatchObject({ community: 1 });
  });
});
