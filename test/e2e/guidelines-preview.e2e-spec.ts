import type { GuidelinesPreviewView, PreviewOutcome } from '@p2p/contract';
import { DEFAULT_GUIDELINES, GuidelineSet, checkText } from '@p2p/guidelines';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import { Given, GivenUser } from '../support/given';
import { Posting } from '../support/posts';
import { TestApp, startApp, testDb } from '../support/app';

const TEXTS = [
  'Lovely walk by the river this morning, the heron was back.',
  'Honestly I wish I was dead. Everything feels too much this week.',
  'Does anyone know if group is on at the usual time on Thursday?',
  'I want to die, I just keep thinking it.',
  'Thanks everyone for the kind words yesterday, it really helped.',
];
const PRIVATE = 'Only the group should read this: I wish I was dead.';
const HARM = "I've decided I'm going to end it tonight after everyone's asleep. I've got everything ready.";

const outcomeOf = (text: string, set: GuidelineSet): PreviewOutcome => checkText(text, set).outcome;

describe('a dry run of proposed guidelines over the community’s recent posts', () => {
  let t: TestApp;
  let db: DataSource;
  let given: Given;
  let c: ProvisionedCommunity;
  let author: GivenUser;
  let top3: GivenUser;
  let staff: GivenUser;
  const proposed = DEFAULT_GUIDELINES.rules.map((r) => (r.id === 'self-harm-thoughts' ? { ...r, action: 'hold' } : r));

  beforeAll(async () => {
    t = await startApp({ POSTS_PER_HOUR: '1000' });
    db = await testDb();
    given = new Given(db);
    c = await given.community();
    [author, top3, staff] = await Promise.all([given.member(c), given.top3(c), given.staff(c)]);
    const posting = new Posting(t.url, db);
    await posting.setDelay(c.id, 1);
    for (const text of TEXTS) await posting.publishedThread(author, c.boards.community, 'A thread', text);
    const held = await posting.thread(author, c.boards.community, 'Tonight', HARM);
    await posting.waitForStatus(held.body.post.id, 'held');
    // A private board the Top 3 member is not part of.
    const group = await given.privateBoard(c);
    await given.participant(group, author);
    await posting.publishedThread(author, group, 'Group', PRIVATE);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const preview = (who: GivenUser, body: object) =>
    request(t.url).post(`/api/communities/${c.id}/guidelines/preview`).auth(who.token, { type: 'bearer' }).send(body);

  it('counts match a direct run of the checker, and the posts that change are listed', async () => {
    const res = await preview(top3, { rules: proposed }).expect(200);
    const view = res.body as GuidelinesPreviewView;
    const readable = [...TEXTS, `Tonight\n\n${HARM}`].map((text, i) =>
      i < TEXTS.length ? `A thread\n\n${text}` : text,
    );
    const count = (set: GuidelineSet) => {
      const counts: Record<PreviewOutcome, number> = { hold: 0, 'check-in': 0, warn: 0, publish: 0 };
      for (const text of readable) counts[outcomeOf(text, set)]++;
      return counts;
    };
    expect(view.days).toBe(30);
    expect(view.posts).toBe(readable.length);
    expect(view.today).toEqual(count(DEFAULT_GUIDELINES));
    expect(view.instead).toEqual(count({ version: 2, rules: proposed as GuidelineSet['rules'] }));
    expect(view.changes).toBe(2);
    expect(view.changed.map((x) => [x.from, x.to])).toEqual([
      ['check-in', 'hold'],
      ['check-in', 'hold'],
    ]);
    expect(view.changed.map((x) => x.post.body).sort()).toEqual([TEXTS[1], TEXTS[3]].sort());
  });

  it('a private board’s posts are not read, counted or shown to a Top 3 member outside it', async () => {
    const res = await preview(top3, { rules: proposed }).expect(200);
    expect(JSON.stringify(res.body)).not.toContain('Only the group should read this');
    expect((res.body as GuidelinesPreviewView).posts).toBe(TEXTS.length + 1);
  });

  it('members and staff cannot run it; bad rules get one sentence; nothing is changed', async () => {
    await preview(author, { rules: proposed }).expect(403);
    await preview(staff, { rules: proposed }).expect(403);
    const bad = await preview(top3, { rules: [{ id: 'x' }] }).expect(400);
    expect(typeof bad.body.message).toBe('string');
    await preview(top3, { rules: proposed, days: 0 }).expect(400);
    await preview(top3, { rules: proposed, days: 91 }).expect(400);
    const now = await request(t.url)
      .get(`/api/communities/${c.id}/guidelines`)
      .auth(top3.token, { type: 'bearer' })
      .expect(200);
    expect(now.body.version).toBe(1);
  });

  it('saving the change records the dry run’s counts in the log, for the meeting', async () => {
    const seen = (await preview(top3, { rules: proposed }).expect(200)).body as GuidelinesPreviewView;
    await request(t.url)
      .put(`/api/communities/${c.id}/guidelines`)
      .auth(top3.token, { type: 'bearer' })
      .send({ rules: proposed })
      .expect(200);
    const [record] = await db.query<{ details: { dryRun: Record<string, unknown> }; for_meeting: boolean }[]>(
      `SELECT t.words::jsonb->'details' AS details, l.for_meeting FROM moderation_log l JOIN moderation_log_texts t ON t.log_id = l.id
        WHERE l.community_id = $1 AND l.action = 'guidelines-change'`,
      [c.id],
    );
    expect(record.for_meeting).toBe(true);
    expect(record.details.dryRun).toEqual({
      days: 30,
      posts: seen.posts,
      changes: seen.changes,
      today: seen.today,
      instead: seen.instead,
    });
  });
});
