import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import { Given, GivenUser } from '../support/given';
import { Posting } from '../support/posts';
import { TestApp, startApp, testDb } from '../support/app';

jest.setTimeout(120_000);

const EVERYDAY = 'Lovely walk by the river this morning, the heron was back.';
const HARM = "I've decided I'm going to end it tonight after everyone's asleep. I've got everything ready.";

/**
 * The sentence model in the real gateway: its worker thread, its place beside the rules, and
 * what happens when it cannot load. These use heads written for the test, which read every post
 * one way, so that what is checked is the wiring; how well the trained head reads is measured on
 * labelled posts by bench/board-eval.ts.
 */
describe('the guidelines read with the sentence model', () => {
  let db: DataSource;
  let given: Given;
  let dir: string;

  /** A head that reads every post as the given class, surely. */
  const headFile = (name: string, bias: [number, number, number]): string => {
    const file = path.join(dir, `${name}.json`);
    const zeros = () => new Array<number>(512).fill(0);
    writeFileSync(
      file,
      JSON.stringify({
        classes: ['harm', 'thoughts', 'other'],
        dimensions: 512,
        terms: [],
        idf: [],
        mean: zeros(),
        std: new Array<number>(512).fill(1),
        weights: [zeros(), zeros(), zeros()],
        bias,
        holdAt: 0.5,
        checkInAt: 0.5,
        trainedOn: { data: 'written for a test', sha256: '', rows: 0, encoder: 'any' },
      }),
    );
    return file;
  };

  beforeAll(async () => {
    db = await testDb();
    given = new Given(db);
    dir = mkdtempSync(path.join(tmpdir(), 'p2p-heads-'));
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  async function board(
    env: Record<string, string>,
  ): Promise<{ t: TestApp; c: ProvisionedCommunity; author: GivenUser; top3: GivenUser; posting: Posting }> {
    const t = await startApp({ POSTS_PER_HOUR: '1000', GUIDELINES_MODEL: 'true', ...env });
    const c = await given.community();
    const [author, top3] = await Promise.all([given.member(c), given.top3(c)]);
    const posting = new Posting(t.url, db);
    await posting.setDelay(c.id, 1);
    return { t, c, author, top3, posting };
  }
  const modelStatus = async (t: TestApp, want: string): Promise<void> => {
    const until = Date.now() + 60_000;
    for (;;) {
      const health = await request(t.url).get('/api/health');
      if (health.body.guidelinesModel === want) return;
      if (Date.now() > until) throw new Error(`the model is ${health.body.guidelinesModel}, not ${want}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  it('what the model reads as intent is held, and says it was the model', async () => {
    const { t, c, author, posting } = await board({ GUIDELINES_MODEL_HEAD: headFile('harm', [10, 0, 0]) });
    try {
      await modelStatus(t, 'ready');
      const res = await posting.thread(author, c.boards.community, 'A walk', EVERYDAY);
      expect(res.status).toBe(202);
      await posting.waitForStatus(res.body.post.id, 'held');
      const [row] = await db.query<{ guideline_findings: { reason: string }[] }[]>(
        `SELECT guideline_findings FROM posts WHERE id = $1`,
        [res.body.post.id],
      );
      expect(row.guideline_findings.map((f) => f.reason).join(' ')).toMatch(
        /the sentence model reads intent, a plan or an act \(\d+% sure\)/,
      );
    } finally {
      await t.close();
    }
  });

  it('what the model reads as hard thoughts is published and put on the check-in list', async () => {
    const { t, c, author, top3, posting } = await board({ GUIDELINES_MODEL_HEAD: headFile('thoughts', [0, 10, 0]) });
    try {
      await modelStatus(t, 'ready');
      const { postId } = await posting.publishedThread(author, c.boards.community, 'A walk', EVERYDAY);
      const list = await request(t.url)
        .get(`/api/communities/${c.id}/check-ins`)
        .auth(top3.token, { type: 'bearer' })
        .expect(200);
      expect(list.body.items.map((i: { post: { id: string } }) => i.post.id)).toContain(postId);
    } finally {
      await t.close();
    }
  });

  it('reads a post once, when it is written or edited: the release uses that reading while the text is the same', async () => {
    const { t, c, author, posting } = await board({ GUIDELINES_MODEL_HEAD: headFile('other', [0, 0, 10]) });
    try {
      await modelStatus(t, 'ready');
      await posting.setDelay(c.id, 5);
      const kept = await posting.thread(author, c.boards.community, 'A walk', EVERYDAY);
      const edited = await posting.thread(author, c.boards.community, 'A walk', EVERYDAY);
      expect([kept.status, edited.status]).toEqual([202, 202]);
      const stored = await db.query<{ meaning: { harm: number; sha256: string } | null }[]>(
        `SELECT meaning FROM posts WHERE id = ANY($1) ORDER BY created_at`,
        [[kept.body.post.id, edited.body.post.id]],
      );
      expect(stored.map((r) => r.meaning?.harm)).toEqual([expect.any(Number), expect.any(Number)]);
      expect(stored[0].meaning!.harm).toBeLessThan(0.01);

      // Were the release to read again, this head would let both out. Set both kept readings to
      // intent: the unchanged post is held by its kept reading; the edited one is read afresh.
      await db.query(`UPDATE posts SET meaning = jsonb_set(meaning, '{harm}', '0.99') WHERE id = ANY($1)`, [
        [kept.body.post.id, edited.body.post.id],
      ]);
      await request(t.url)
        .patch(`/api/posts/${edited.body.post.id}`)
        .auth(author.token, { type: 'bearer' })
        .send({ body: `${EVERYDAY} And a kingfisher.` })
        .expect(200);

      await posting.waitForStatus(kept.body.post.id, 'held');
      await posting.waitForStatus(edited.body.post.id, 'published');
      const [after] = await db.query<{ meaning: { harm: number } }[]>(`SELECT meaning FROM posts WHERE id = $1`, [
        edited.body.post.id,
      ]);
      expect(after.meaning.harm).toBeLessThan(0.01);
    } finally {
      await t.close();
    }
  });

  it('when the model cannot load: health says so, the rules read alone, and nothing is published early', async () => {
    const { t, c, author, posting } = await board({ GUIDELINES_MODEL_HEAD: path.join(dir, 'no-such-head.json') });
    try {
      await modelStatus(t, 'unavailable');
      const health = await request(t.url).get('/api/health').expect(200);
      expect(health.body).toMatchObject({ status: 'ok', db: 'ok', redis: 'ok', guidelinesModel: 'unavailable' });

      const held = await posting.thread(author, c.boards.community, 'Tonight', HARM);
      await posting.waitForStatus(held.body.post.id, 'held');

      await posting.setDelay(c.id, 3);
      const everyday = await posting.thread(author, c.boards.community, 'A walk', EVERYDAY);
      expect(everyday.status).toBe(202);
      await posting.waitForStatus(everyday.body.post.id, 'published');
      const [row] = await db.query<{ early: boolean }[]>(
        `SELECT released_at < release_at AS early FROM posts WHERE id = $1`,
        [everyday.body.post.id],
      );
      expect(row.early).toBe(false);
    } finally {
      await t.close();
    }
  });
});
