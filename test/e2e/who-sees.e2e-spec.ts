import { MyDataView, ReviewQueueItemView, SeeingRole, WHO_SEES } from '@p2p/contract';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { runCli } from '../../apps/gateway/src/cli/cli';
import { GivenUser } from '../support/given';
import { testEnv } from '../support/app';
import { useApp } from '../support/use-app';

jest.setTimeout(120_000);

const HARM = "I've decided I'm going to end it tonight after everyone's asleep. I've got everything ready.";
const HARM_PRIVATE = "I'm going to kill myself tonight, I have the pills ready.";

/** One check of a cell: whether the person in that role sees the thing in this case. */
type Case = [expected: boolean, why: string, sees: () => Promise<boolean>];

/**
 * The "Who can see what" page is the table WHO_SEES; here every cell of it is checked against what
 * the API does: "yes" must be seen, "no" never, and "some" both ways (the case that allows it and
 * the case that does not). A row without its checks fails, so the page cannot say something the
 * code does not do.
 */
describe('who can see what: the page and the code say the same', () => {
  const app = useApp({ POSTS_PER_HOUR: '1000' });

  it('every cell of the table holds', async () => {
    const { t, db, given, posting } = app;
    const c = await given.community('Who sees');
    const [member, participant, outsider, top, otherTop, staff, operator] = await Promise.all([
      given.member(c),
      given.member(c),
      given.member(c),
      given.top3(c),
      given.top3(c),
      given.staff(c),
      given.operator(),
    ]);
    await posting.setDelay(c.id, 1);
    const privateBoard = await given.privateBoard(c);
    await given.participant(privateBoard, participant);
    await given.participant(privateBoard, member);
    const get = (u: GivenUser, path: string) => request(t.url).get(path).auth(u.token, { type: 'bearer' });
    const ok = async (u: GivenUser, path: string) => (await get(u, path)).status === 200;
    const has = async (u: GivenUser, path: string, words: string) => {
      const res = await get(u, path);
      return res.status === 200 && JSON.stringify(res.body).includes(words);
    };

    // What there is to see.
    await posting.publishedThread(member, c.boards.community, 'Open', 'On the community board');
    await posting.publishedThread(participant, privateBoard, 'Small', 'On the private board');
    const held = await posting.thread(member, c.boards.community, 'Tonight', HARM);
    await posting.waitForStatus(held.body.post.id as string, 'held');
    const heldPrivate = await posting.thread(participant, privateBoard, 'Pills', HARM_PRIVATE);
    await posting.waitForStatus(heldPrivate.body.post.id as string, 'held');
    const plan = { whoToCall: 'My brother Ed', whatHelps: 'Walking', whereToGo: 'The park' };
    await request(t.url)
      .put('/api/me/crisis-plan')
      .auth(member.token, { type: 'bearer' })
      .send({ ...plan, showTop3WhenHeld: true })
      .expect(200);
    await request(t.url)
      .put('/api/me/crisis-plan')
      .auth(participant.token, { type: 'bearer' })
      .send({ whoToCall: 'Nobody else should read this', whatHelps: 'Quiet', whereToGo: 'Home' })
      .expect(200);
    const draft = `/api/me/drafts/board:${c.boards.community}`;
    const draftWords = 'Half a thought I have not sent yet';
    await request(t.url).put(draft).auth(member.token, { type: 'bearer' }).send({ body: draftWords }).expect(200);
    const [{ id: room }] = await db.query<{ id: string }[]>(
      `INSERT INTO boards (community_id, kind, slug, name) VALUES ($1, 'direct', 'direct-who-sees', 'Two of us') RETURNING id`,
      [c.id],
    );
    await given.participant(room, member);
    await given.participant(room, participant);
    await db.query(`INSERT INTO chat_monitors (board_id, user_id) VALUES ($1, $2), ($1, $3)`, [
      room,
      top.id,
      otherTop.id,
    ]);
    const grant = async (boardId: string) =>
      db.query(
        `INSERT INTO access_requests (community_id, board_id, staff_id, reason, minutes, status, granted_at, expires_at)
         VALUES ($1, $2, $3, 'A check', 60, 'granted', now(), now() + interval '1 hour')`,
        [c.id, boardId, staff.id],
      );
    const threads = (b: string) => `/api/boards/${b}/threads`;
    const log = `/api/communities/${c.id}/log`;
    const queue = `/api/communities/${c.id}/review-queue`;
    const myData = async (u: GivenUser) => (await get(u, '/api/me/export')).body as MyDataView;
    const planBeside = async (authorId: string) => {
      const res = await get(top, queue);
      const item = (res.body.items as ReviewQueueItemView[]).find((i) => i.post.author.id === authorId);
      return item?.authorPlan !== null && item?.authorPlan !== undefined;
    };
    const exportRoutesTakeAnId = async () => {
      const doc = (await request(t.url).get('/api/docs-json')).body as { paths: Record<string, unknown> };
      return Object.keys(doc.paths).some((p) => p.includes('/export') && p.includes('{'));
    };
    const cli = (...args: string[]) => {
      process.env.DATABASE_URL = testEnv().DATABASE_URL;
      return runCli(
        args,
        () => undefined,
        () => undefined,
      );
    };
    const operatorExport = async (...request: string[]) => {
      const out = path.join(mkdtempSync(path.join(tmpdir(), 'p2p-who-sees-')), 'export.json');
      return (await cli('member:export', '--username', member.username, ...request, '--out', out)) === 0;
    };
    const ballotsNameAnyone = async () => {
      const cols = await db.query<{ column_name: string }[]>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'election_ballots'`,
      );
      return cols.some((col) => !['id', 'election_id', 'choices'].includes(col.column_name));
    };
    const nobodyCan: Case[] = [[false, 'a ballot has no column that could name its voter', ballotsNameAnyone]];
    const noScreen = (path: string): Case[] => [[false, 'the operator is no member', () => ok(operator, path)]];
    // Someone who shared a post, had it noted in the log, and then erased their account.
    const leaver = await given.member(c);
    const gone = 'Words of someone who has since left';
    const leaving = await posting.publishedThread(leaver, c.boards.community, 'Leaving', gone);
    await request(t.url)
      .post(`/api/posts/${leaving.postId}/moderation`)
      .auth(top.token, { type: 'bearer' })
      .send({ action: 'annotate', reason: 'Checked' })
      .expect(200);
    await request(t.url)
      .post('/api/me/erasure')
      .auth(leaver.token, { type: 'bearer' })
      .send({ password: leaver.password, confirm: 'erase my account' })
      .expect(200);
    const inDatabase = async () => {
      const rows = await db.query(
        `SELECT 1 FROM posts WHERE strpos(body, $1) > 0
         UNION ALL SELECT 1 FROM moderation_log_texts WHERE strpos(words, $1) > 0`,
        [gone],
      );
      return rows.length > 0;
    };
    const keeping = `/api/communities/${c.id}/keeping`;

    const cases: Record<string, Record<SeeingRole, () => Promise<Case[]>>> = {
      'community-boards': {
        member: async () => [[true, 'a member', () => ok(member, threads(c.boards.community))]],
        top3: async () => [[true, 'a Top 3 member', () => ok(top, threads(c.boards.community))]],
        staff: async () => [
          [false, 'without a grant', () => ok(staff, threads(c.boards.community))],
          [true, 'with a grant', async () => (await grant(c.boards.community), ok(staff, threads(c.boards.community)))],
        ],
        operator: async () => noScreen(threads(c.boards.community)),
      },
      'private-boards': {
        member: async () => [
          [true, 'on it', () => ok(participant, threads(privateBoard))],
          [false, 'not on it', () => ok(outsider, threads(privateBoard))],
        ],
        top3: async () => [
          [false, 'not on it', () => ok(top, threads(privateBoard))],
          [true, 'the Top 3 board', () => ok(top, threads(c.boards.top3))],
        ],
        staff: async () => [
          [
            false,
            'no grant can be made for it',
            async () => {
              // The database itself refuses such a grant; so there is nothing to ask for.
              const refused = await grant(privateBoard).then(
                () => false,
                () => true,
              );
              return !refused || (await ok(staff, threads(privateBoard)));
            },
          ],
        ],
        operator: async () => noScreen(threads(privateBoard)),
      },
      'direct-conversations': {
        member: async () => [
          [true, 'in it', () => ok(participant, `/api/communities/${c.id}/chat/rooms/${room}/messages`)],
          [false, 'not in it', () => ok(outsider, `/api/communities/${c.id}/chat/rooms/${room}/messages`)],
        ],
        top3: async () => [
          [true, 'monitoring', () => ok(top, `/api/communities/${c.id}/chat/rooms/${room}/messages`)],
          [
            false,
            'not monitoring',
            async () => {
              await db.query(`DELETE FROM chat_monitors WHERE board_id = $1 AND user_id = $2`, [room, otherTop.id]);
              return ok(otherTop, `/api/communities/${c.id}/chat/rooms/${room}/messages`);
            },
          ],
        ],
        staff: async () => [[false, 'staff', () => ok(staff, `/api/communities/${c.id}/chat/rooms/${room}/messages`)]],
        operator: async () => noScreen(`/api/communities/${c.id}/chat/rooms/${room}/messages`),
      },
      'held-words': {
        member: async () => [
          [true, 'their own', async () => JSON.stringify(await myData(member)).includes(HARM)],
          [false, "someone else's", async () => (await has(outsider, queue, HARM)) || (await has(outsider, log, HARM))],
        ],
        top3: async () => [
          [true, 'review list', async () => (await has(top, queue, HARM)) && (await has(top, queue, HARM_PRIVATE))],
        ],
        staff: async () => [
          [true, 'a community board, in the log', () => has(staff, log, HARM)],
          [
            false,
            'a private board',
            async () => (await has(staff, log, HARM_PRIVATE)) || (await has(staff, queue, HARM)),
          ],
        ],
        operator: async () => noScreen(log),
      },
      'verbatim-log': {
        member: async () => [[false, 'a member', () => ok(member, log)]],
        top3: async () => [[true, 'all of it', () => has(top, log, HARM_PRIVATE)]],
        staff: async () => [
          [true, 'the open chain', () => has(staff, log, HARM)],
          [false, 'private boards', () => has(staff, log, HARM_PRIVATE)],
        ],
        operator: async () => noScreen(log),
      },
      'crisis-plan': {
        member: async () => [
          [true, 'their own', () => has(member, '/api/me/crisis-plan', plan.whoToCall)],
          [false, "someone else's", () => has(outsider, '/api/me/crisis-plan', plan.whoToCall)],
        ],
        top3: async () => [
          [true, 'beside a held post, chosen', () => planBeside(member.id)],
          [false, 'not chosen', () => planBeside(participant.id)],
        ],
        staff: async () => [[false, 'staff', () => has(staff, queue, plan.whoToCall)]],
        operator: async () => [[false, 'not theirs', () => has(operator, '/api/me/crisis-plan', plan.whoToCall)]],
      },
      drafts: {
        member: async () => [
          [true, 'their own', () => has(member, draft, draftWords)],
          [false, "someone else's", () => has(outsider, draft, draftWords)],
        ],
        top3: async () => [
          [
            false,
            'a Top 3 member',
            async () => (await has(top, draft, draftWords)) || (await has(top, queue, draftWords)),
          ],
        ],
        staff: async () => [
          [false, 'staff', async () => (await has(staff, draft, draftWords)) || (await has(staff, log, draftWords))],
        ],
        operator: async () => [[false, 'the operator is no member', () => has(operator, draft, draftWords)]],
      },
      ballots: {
        member: async () => nobodyCan,
        top3: async () => nobodyCan,
        staff: async () => nobodyCan,
        operator: async () => nobodyCan,
      },
      'members-list': {
        member: async () => [[false, 'a member', () => ok(member, `/api/communities/${c.id}/members`)]],
        top3: async () => [[false, 'a Top 3 member', () => ok(top, `/api/communities/${c.id}/members`)]],
        staff: async () => [[true, 'staff', () => ok(staff, `/api/communities/${c.id}/members`)]],
        operator: async () => noScreen(`/api/communities/${c.id}/members`),
      },
      'significant-events': {
        member: async () => [[false, 'a member', () => ok(member, `/api/communities/${c.id}/significant-events`)]],
        top3: async () => [[true, 'Top 3', () => ok(top, `/api/communities/${c.id}/significant-events`)]],
        staff: async () => [[true, 'staff', () => ok(staff, `/api/communities/${c.id}/significant-events`)]],
        operator: async () => noScreen(`/api/communities/${c.id}/significant-events`),
      },
      keeping: {
        member: async () => [[true, 'a member', () => ok(member, keeping)]],
        top3: async () => [[true, 'a Top 3 member', () => ok(top, keeping)]],
        staff: async () => [[true, 'staff', () => ok(staff, keeping)]],
        operator: async () => noScreen(keeping),
      },
      'erased-words': {
        member: async () => [
          [false, 'on the board', () => has(member, `/api/threads/${leaving.threadId}/posts`, gone)],
        ],
        top3: async () => [[false, 'in the log', () => has(top, `/api/communities/${c.id}/log?limit=100`, gone)]],
        staff: async () => [[false, 'in the log', () => has(staff, `/api/communities/${c.id}/log?limit=100`, gone)]],
        operator: async () => [[false, 'in the database', inDatabase]],
      },
      'my-data': {
        member: async () => [
          [true, 'their own', async () => (await myData(member)).profile.id === member.id],
          [false, "someone else's: no route takes an id", exportRoutesTakeAnId],
        ],
        top3: async () => [
          [true, 'their own', async () => (await myData(top)).profile.id === top.id],
          [false, "someone else's", exportRoutesTakeAnId],
        ],
        staff: async () => [
          [true, 'their own', async () => (await myData(staff)).profile.id === staff.id],
          [false, "someone else's", exportRoutesTakeAnId],
        ],
        operator: async () => [
          [true, 'on a documented request', () => operatorExport('--request', 'SAR-1')],
          [false, 'without one', () => operatorExport()],
        ],
      },
    };

    expect(Object.keys(cases).sort()).toEqual(WHO_SEES.map((r) => r.id).sort());
    const wrong: string[] = [];
    for (const row of WHO_SEES) {
      for (const role of ['member', 'top3', 'staff', 'operator'] as const) {
        const cell = row[role];
        const checks = await cases[row.id][role]();
        const expected = checks.map(([e]) => e);
        const shape =
          cell.can === 'yes'
            ? expected.every(Boolean)
            : cell.can === 'no'
              ? expected.every((e) => !e)
              : expected.includes(true) && expected.includes(false);
        if (!shape) wrong.push(`${row.id}/${role}: the checks do not match "${cell.can}"`);
        for (const [e, why, sees] of checks) {
          if ((await sees()) !== e) wrong.push(`${row.id}/${role} (${why}): expected ${e ? 'seen' : 'not seen'}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
