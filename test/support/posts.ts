import request from 'supertest';
import { DataSource } from 'typeorm';
import { GivenUser } from './given';

/** Helpers that post through the real API, as a member would. */
export class Posting {
  constructor(
    private readonly url: string,
    private readonly db: DataSource,
  ) {}

  async setDelay(communityId: string, seconds: number): Promise<void> {
    await this.db.query(`UPDATE communities SET posting_delay_seconds = $2 WHERE id = $1`, [communityId, seconds]);
  }

  async thread(who: GivenUser, boardId: string, title = 'A thread', body = 'Hello all'): Promise<request.Response> {
    return request(this.url)
      .post(`/api/boards/${boardId}/threads`)
      .auth(who.token, { type: 'bearer' })
      .send({ title, body });
  }

  async reply(who: GivenUser, threadId: string, body = 'A reply', key?: string): Promise<request.Response> {
    const req = request(this.url).post(`/api/threads/${threadId}/posts`).auth(who.token, { type: 'bearer' });
    if (key) void req.set('Idempotency-Key', key);
    return req.send({ body });
  }

  /** Starts a thread and waits for its opening post to be published. */
  async publishedThread(
    who: GivenUser,
    boardId: string,
    title = 'A thread',
    body = 'Hello all',
  ): Promise<{ threadId: string; postId: string }> {
    const res = await this.thread(who, boardId, title, body);
    if (res.status !== 202) throw new Error(`thread not accepted: ${res.status} ${JSON.stringify(res.body)}`);
    await this.waitForStatus(res.body.post.id, 'published');
    return { threadId: res.body.thread.id, postId: res.body.post.id };
  }

  async waitForStatus(postId: string, status: string, timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const [row] = await this.db.query<{ status: string }[]>(`SELECT status FROM posts WHERE id = $1`, [postId]);
      if (row?.status === status) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`post ${postId} did not become ${status}`);
  }

  async waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('timed out waiting');
  }
}
