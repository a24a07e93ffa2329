import request from 'supertest';
import { DataSource } from 'typeorm';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import { Given, GivenUser } from '../support/given';
import { Posting } from '../support/posts';
import { TestApp, startApp, testDb } from '../support/app';
import { collectReleases, connect, until } from '../support/sockets';

const HARM = "I've decided I'm going to end it tonight after everyone's asleep. I've got everything ready.";
const CONTACT = 'Text me on 07700 900123 if you want to talk outside of here.';
/** Talk of suicidal thoughts with no rule phrase in it: published by the rules alone, held by the scored model. */
const ONLY_THE_MODEL_HOLDS = 'I am so tired of everything. I think about dying every single night now.';

describe('community guidelines', () => {
  let t: TestApp;
  let db: DataSource;
  let given: Given;
  let posting: Posting;
  let c: ProvisionedCommunity;
  let author: GivenUser;
  let top3: GivenUser;

  beforeAll(async () => {
    t = await startApp({ POSTS_PER_HOUR: '1000' });
    db = await testDb();
    given = new Given(db);
    posting = new Posting(t.url, db);
    c = await given.community();
    author = await given.member(c);
    top3 = await given.top3(c);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const send = (method: 'post' | 'put' | 'patch', path: string, who: GivenUser, body: object) =>
    request(t.url)[method](path).auth(who.token, { type: 'bearer' }).send(body);
  const get = (path: string, who: GivenUser) => request(t.url).get(path).auth(who.token, { type: 'bearer' });

  it('every community starts with the default guidelines, readable by members', async () => {
    const res = await get(`/api/communities/${c.id}/guidelines`, author).expect(200);
    expect(res.body.version).toBe(1);
    const actions = Object.fromEntries(res.body.rules.map((r: { id: string; action: string }) => [r.id, r.action]));
    expect(actions).toMatchObject({
      'imminent-harm-self': 'hold',
      'imminent-harm-others': 'hold',
      'self-harm-account': 'hold',
      'contact-details': 'warn',
      abuse: 'hold',
    });
  });

  it('the check while composing says which rule and which words, and leaves figures of speech alone', async () => {
    const held = await send('post', `/api/communities/${c.id}/guidelines/check`, author, { text: HARM }).expect(200);
    expect(held.body).toMatchObject({
      outcome: 'hold',
      findings: expect.arrayContaining([expect.objectContaining({ category: 'imminent-harm-self' })]),
    });
    expect(HARM).toContain(held.body.findings[0].matched);
    const fine = await send('post', `/api/communities/${c.id}/guidelines/check`, author, {
      text: 'This heat is killing me.',
    }).expect(200);
    expect(fine.body.outcome).toBe('publish');
  });

  it('a post that breaks the guidelines is held: its author is told kindly with crisis contacts, the Top 3 get it live', async () => {
    await posting.setDelay(c.id, 0);
    const { socket: top3Socket } = await connect(t.url, { token: top3.token });
    const queue: { data: { postId: string; why: string } }[] = [];
    top3Socket.on('review.changed', (e) => queue.push(e));
    const { socket: authorSocket } = await connect(t.url, { token: author.token });
    const heldEvents: { data: { crisisContacts: { phone?: string }[]; post: { id: string } } }[] = [];
    authorSocket.on('post.held', (e) => heldEvents.push(e));
    const reader = await given.member(c);
    const { socket: readerSocket } = await connect(t.url, { token: reader.token });
    const readerSaw = collectReleases(readerSocket);

    const res = await posting.thread(author, c.boards.community, 'Tonight', HARM);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      status: 'held',
      post: { status: 'held' },
      message: expect.stringMatching(/waiting for a Top 3 member/),
    });
    expect(res.body.crisisContacts.map((x: { phone?: string }) => x.phone)).toEqual(
      expect.arrayContaining(['116 123', '999']),
    );
    const postId = res.body.post.id as string;

    await until(() => queue.some((e) => e.data.postId === postId && e.data.why === 'held'));
    await until(() => heldEvents.some((e) => e.data.post.id === postId));
    expect(heldEvents[0].data.crisisContacts.length).toBeGreaterThan(0);

    const items = await get(`/api/communities/${c.id}/review-queue`, top3).expect(200);
    const item = items.body.items.find((i: { post: { id: string } }) => i.post.id === postId);
    expect(item).toMatchObject({ why: 'held', post: { body: HARM } });
    expect(item.findings[0]).toMatchObject({ category: 'imminent-harm-self' });
    await get(`/api/posts/${postId}`, reader).expect(404);

    // The Top 3 approve it after talking with the author: now it is shared, live.
    await send('post', `/api/posts/${postId}/moderation`, top3, {
      action: 'approve',
      reason: 'spoke with them; they are safe',
    }).expect(200);
    await until(() => readerSaw.some((e) => e.data.post.id === postId));
    const log = await get(`/api/communities/${c.id}/log`, top3).expect(200);
    expect(
      log.body.items.filter((r: { postId: string }) => r.postId === postId).map((r: { action: string }) => r.action),
    ).toEqual(['approve', 'hold']);
    for (const s of [top3Socket, authorSocket, readerSocket]) s.close();
  });

  it('contact details get a gentle warning first; nothing is saved until the author sends it anyway', async () => {
    await posting.setDelay(c.id, 300);
    const { threadId } = await (async () => {
      await posting.setDelay(c.id, 0);
      const r = await posting.publishedThread(author, c.boards.community, 'Chat');
      await posting.setDelay(c.id, 300);
      return r;
    })();
    const before = await db.query(`SELECT count(*)::int AS n FROM posts WHERE thread_id = $1`, [threadId]);
    const warned = await send('post', `/api/threads/${threadId}/posts`, author, { body: CONTACT }).expect(422);
    expect(warned.body).toMatchObject({ statusCode: 422, guidelines: { outcome: 'warn', rule: 'contact-details' } });
    expect(warned.body.message).toMatch(/have another look/);
    const after = await db.query(`SELECT count(*)::int AS n FROM posts WHERE thread_id = $1`, [threadId]);
    expect(after).toEqual(before);
    const sent = await send('post', `/api/threads/${threadId}/posts`, author, {
      body: CONTACT,
      guidelinesAcknowledged: true,
    }).expect(202);
    expect(sent.body.status).toBe('pending');
  });

  it('the Top 3 change the guidelines: a new version, logged; members cannot; nonsense is refused', async () => {
    const d = await given.community();
    const t3 = await given.top3(d);
    const m = await given.member(d);
    const current = await get(`/api/communities/${d.id}/guidelines`, m).expect(200);
    const rules = current.body.rules.map((r: { id: string; action: string }) =>
      r.id === 'abuse' ? { ...r, action: 'warn' } : r,
    );
    const changed = await send('put', `/api/communities/${d.id}/guidelines`, t3, { rules }).expect(200);
    expect(changed.body.version).toBe(2);
    await send('put', `/api/communities/${d.id}/guidelines`, m, { rules }).expect(403);
    await send('put', `/api/communities/${d.id}/guidelines`, t3, {
      rules: [{ id: 'x', category: 'nonsense', action: 'hold' }],
    }).expect(400);
    const log = await get(`/api/communities/${d.id}/log`, t3).expect(200);
    expect(log.body.items[0]).toMatchObject({ action: 'guidelines-change', details: { from: 1, to: 2 } });
    const check = await send('post', `/api/communities/${d.id}/guidelines/check`, m, {
      text: "You're pathetic, nobody in this group can stand you. Just leave.",
    }).expect(200);
    expect(check.body.outcome).toBe('warn');
  });

  it('the Top 3 choose a careful reading for imminent-harm-self: it holds what the rules alone let through, and the log shows it', async () => {
    const d = await given.community();
    const t3 = await given.top3(d);
    const m = await given.member(d);
    const staff = await given.staff(d);
    const check = async () =>
      (await send('post', `/api/communities/${d.id}/guidelines/check`, m, { text: ONLY_THE_MODEL_HOLDS }).expect(200))
        .body as { outcome: string; version: number; findings: { rule: string; matched: string }[] };
    const current = await get(`/api/communities/${d.id}/guidelines`, m).expect(200);
    const readAs = (reading: string) =>
      current.body.rules.map((r: { category: string }) =>
        r.category === 'imminent-harm-self' ? { ...r, reading } : r,
      );

    expect(await check()).toMatchObject({ outcome: 'publish', version: 1 });

    const careful = await send('put', `/api/communities/${d.id}/guidelines`, t3, { rules: readAs('careful') }).expect(
      200,
    );
    expect(careful.body.rules.find((r: { id: string }) => r.id === 'imminent-harm-self').reading).toBe('careful');
    const held = await check();
    expect(held).toMatchObject({ outcome: 'hold', version: 2 });
    expect(held.findings[0].rule).toBe('imminent-harm-self');
    expect(ONLY_THE_MODEL_HOLDS).toContain(held.findings[0].matched);
    // Posting reads with the same set: the post waits for a Top 3 member.
    await posting.setDelay(d.id, 0);
    const post = await posting.thread(m, d.boards.community, 'Evenings', ONLY_THE_MODEL_HOLDS);
    expect(post.status).toBe(202);
    expect(post.body).toMatchObject({ status: 'held', message: expect.stringMatching(/waiting for a Top 3 member/) });

    await send('put', `/api/communities/${d.id}/guidelines`, t3, { rules: readAs('standard') }).expect(200);
    expect(await check()).toMatchObject({ outcome: 'publish', version: 3 });

    const log = await get(`/api/communities/${d.id}/log`, t3).expect(200);
    const changes = log.body.items.filter((r: { action: string }) => r.action === 'guidelines-change');
    expect(changes.map((r: { details: object }) => r.details)).toEqual([
      expect.objectContaining({ from: 2, to: 3, readings: { 'imminent-harm-self': 'standard' } }),
      expect.objectContaining({ from: 1, to: 2, readings: { 'imminent-harm-self': 'careful' } }),
    ]);
    // The reason, which the meeting pack prints, says it in words.
    expect(changes.map((r: { reason: string }) => r.reason)).toEqual([
      'version 2 to 3; "imminent-harm-self" now reads posts as standard',
      'version 1 to 2; "imminent-harm-self" now reads posts carefully',
    ]);

    // Only the Top 3 change it: not staff, not a plain member, and the set in force stays as it was.
    await send('put', `/api/communities/${d.id}/guidelines`, staff, { rules: readAs('careful') }).expect(403);
    await send('put', `/api/communities/${d.id}/guidelines`, m, { rules: readAs('careful') }).expect(403);
    expect(await check()).toMatchObject({ outcome: 'publish', version: 3 });

    const refused = await send('put', `/api/communities/${d.id}/guidelines`, t3, {
      rules: current.body.rules.map((r: { id: string }) => (r.id === 'abuse' ? { ...r, reading: 'careful' } : r)),
    }).expect(400);
    expect(refused.body.message).toBe(
      'Rule "abuse" has a reading, but only a rule with the category imminent-harm-self can choose how carefully it reads posts.',
    );
    const unknown = await send('put', `/api/communities/${d.id}/guidelines`, t3, { rules: readAs('strict') }).expect(
      400,
    );
    expect(unknown.body.message).toBe('Rule "imminent-harm-self" has the reading "strict"; use standard or careful.');
  });

  it('the API docs describe the reading and what it trades', async () => {
    const doc = await request(t.url).get('/api/docs-json').expect(200);
    const reading = doc.body.components.schemas.GuidelinesDto.properties.rules.items.properties.reading;
    expect(reading.enum).toEqual(['standard', 'careful']);
    expect(reading.description).toMatch(/^Only on the imminent-harm-self rule/);
    expect(reading.description).toContain('more posts waiting for the Top 3');
  });

  it('a post is checked again at release: rules that changed while it waited still apply', async () => {
    const d = await given.community();
    const t3 = await given.top3(d);
    const m = await given.member(d);
    await posting.setDelay(d.id, 2);
    const res = await send('post', `/api/boards/${d.boards.community}/threads`, m, {
      title: 'Numbers',
      body: CONTACT,
      guidelinesAcknowledged: true,
    }).expect(202);
    const current = await get(`/api/communities/${d.id}/guidelines`, m).expect(200);
    const rules = current.body.rules.map((r: { id: string; action: string }) =>
      r.id === 'contact-details' ? { ...r, action: 'hold' } : r,
    );
    await send('put', `/api/communities/${d.id}/guidelines`, t3, { rules }).expect(200);
    await posting.waitForStatus(res.body.post.id, 'held');
  });
});
