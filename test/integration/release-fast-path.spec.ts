import { DataSource } from 'typeorm';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import {
  AheadRow,
  preparePublish,
  publishIfUnchanged,
  readAhead,
} from '../../apps/gateway/src/entries/release.repository';
import { createDataSource } from '../../apps/gateway/src/platform/database/data-source';
import { Given, GivenUser } from '../support/given';
import { ownDatabase } from '../support/app';

/**
 * The release fast path (posts/publish.ts): a post read and rendered ahead of its time is
 * published by one statement only if nothing it was rendered from has changed and its time has
 * come by the database's clock. Otherwise that statement must change nothing at all: no post, no
 * thread count, no event and no sequence number taken (a gap would stall every reader).
 */
describe('publishing a post read ahead of its release', () => {
  // A database of its own: the posts here are due and pending, and the other tests' gateways
  // would otherwise release them (their reconcilers release whatever is due) mid-assertion.
  let own: Awaited<ReturnType<typeof ownDatabase>>;
  let db: DataSource;
  let given: Given;
  let c: ProvisionedCommunity;
  let author: GivenUser;
  let threadId: string;

  beforeAll(async () => {
    own = await ownDatabase();
    db = await createDataSource(own.url).initialize();
    given = new Given(db);
    c = await given.community();
    author = await given.member(c);
    const [t] = await db.query<{ id: string }[]>(
      `INSERT INTO threads (board_id, community_id, author_id, title) VALUES ($1, $2, $3, 'Monday evening') RETURNING id`,
      [c.boards.community, c.id, author.id],
    );
    threadId = t.id;
    const opening = await pendingPost('Anyone around tonight?', { opening: true, inMs: -1 });
    const ahead = (await readAhead(db, opening))!;
    expect(await publishIfUnchanged(db, preparePublish(ahead), gateOf(ahead))).not.toBeNull();
  });
  afterAll(async () => {
    await db.destroy();
    await own.drop();
  });

  async function pendingPost(body: string, opts: { opening?: boolean; inMs?: number } = {}): Promise<string> {
    const [p] = await db.query<{ id: string }[]>(
      `INSERT INTO posts (thread_id, board_id, community_id, author_id, is_opening, body, release_at)
       VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp() + make_interval(secs => $7 / 1000.0)) RETURNING id`,
      [threadId, c.boards.community, c.id, author.id, opts.opening ?? false, body, opts.inMs ?? -1],
    );
    return p.id;
  }

  const gateOf = (row: AheadRow) => ({ rowVersion: row.row_version, guidelinesVersion: row.guidelines_version });

  /** Everything the statement may change, to show that a refused one changed none of it. */
  async function state(postId: string) {
    const [s] = await db.query<{ seq: string; events: string; post_count: number; status: string }[]>(
      `SELECT (SELECT last_event_seq FROM communities WHERE id = $1) AS seq,
              (SELECT count(*) FROM community_events WHERE community_id = $1) AS events,
              (SELECT post_count FROM threads WHERE id = $2) AS post_count,
              (SELECT status FROM posts WHERE id = $3) AS status`,
      [c.id, threadId, postId],
    );
    return s;
  }

  it('publishes an unchanged post whose time has come, and the live event is the stored one', async () => {
    const id = await pendingPost('See you all on Thursday.');
    const ahead = (await readAhead(db, id))!;
    expect(ahead.wait_ms).toBeLessThanOrEqual(0);
    const before = await state(id);

    const event = await publishIfUnchanged(db, preparePublish(ahead), gateOf(ahead));

    expect(event).not.toBeNull();
    expect(await state(id)).toEqual({
      seq: String(Number(before.seq) + 1),
      events: String(Number(before.events) + 1),
      post_count: before.post_count + 1,
      status: 'published',
    });
    const [stored] = await db.query<{ payload: unknown; type: string; seq: string }[]>(
      `SELECT payload, type, seq FROM community_events WHERE community_id = $1 AND post_id = $2`,
      [c.id, id],
    );
    expect(stored.type).toBe('post.released');
    expect(Number(stored.seq)).toBe(event!.seq);
    expect(stored.payload).toEqual(event!.payload);
    const [post] = await db.query<{ early: boolean; event_seq: string }[]>(
      `SELECT released_at < release_at AS early, event_seq FROM posts WHERE id = $1`,
      [id],
    );
    expect(post).toEqual({ early: false, event_seq: String(event!.seq) });
  });

  it.each([
    [
      'the author changed it after it was read',
      (id: string) =>
        db.query(`UPDATE posts SET body = 'Changed my mind', edited_at = clock_timestamp() WHERE id = $1`, [id]),
    ],
    [
      'the author took it back',
      (id: string) =>
        db.query(`UPDATE posts SET status = 'withdrawn', withdrawn_at = clock_timestamp() WHERE id = $1`, [id]),
    ],
    [
      'it was held for the Top 3 meanwhile',
      (id: string) =>
        db.query(`UPDATE posts SET status = 'held', review_since = clock_timestamp() WHERE id = $1`, [id]),
    ],
    [
      "the thread's title changed",
      () => db.query(`UPDATE threads SET title = 'Monday evening (moved)' WHERE id = $1`, [threadId]),
    ],
    [
      'the community changed its guidelines',
      async () => {
        const [g] = await db.query<{ v: number | null }[]>(
          `SELECT max(version) AS v FROM guideline_versions WHERE community_id = $1`,
          [c.id],
        );
        await db.query(
          `INSERT INTO guideline_versions (community_id, version, rules, created_by) VALUES ($1, $2, '[]', $3)`,
          [c.id, (g.v ?? 1) + 1, author.id],
        );
      },
    ],
  ])('changes nothing when %s', async (_what, change) => {
    const id = await pendingPost('A reply, waiting out its thinking space.');
    const ahead = (await readAhead(db, id))!;
    await change(id);
    const before = await state(id);

    expect(await publishIfUnchanged(db, preparePublish(ahead), gateOf(ahead))).toBeNull();
    expect(await state(id)).toEqual(before);
  });

  it('changes nothing before its time by the database clock, whatever the caller thinks', async () => {
    const id = await pendingPost('Not yet, please.', { inMs: 60_000 });
    const ahead = (await readAhead(db, id))!;
    expect(ahead.wait_ms).toBeGreaterThan(50_000);
    const before = await state(id);

    expect(await publishIfUnchanged(db, preparePublish(ahead), gateOf(ahead))).toBeNull();
    expect(await state(id)).toEqual({ ...before, status: 'pending' });
  });

  it('publishes once when two workers race with the same post', async () => {
    const id = await pendingPost('Only once, please.');
    const ahead = (await readAhead(db, id))!;
    const before = await state(id);

    const results = await Promise.all(
      Array.from({ length: 6 }, () => publishIfUnchanged(db, preparePublish(ahead), gateOf(ahead))),
    );

    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await state(id)).toEqual({
      seq: String(Number(before.seq) + 1),
      events: String(Number(before.events) + 1),
      post_count: before.post_count + 1,
      status: 'published',
    });
  });
});
