import request from 'supertest';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { CLIENT_EVENTS } from '../../apps/gateway/src/realtime/realtime.gateway';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import { Given, GivenUser } from '../support/given';
import { Posting } from '../support/posts';
import { TestApp, startApp, testDb } from '../support/app';
import { connect } from '../support/sockets';
import { ROLES, Role, TABLE } from './route-access.table';

/** Walks every HTTP route in the OpenAPI document with every kind of caller (route-access.table.ts). */
describe('who may call what: every route, every kind of caller', () => {
  let t: TestApp;
  let db: DataSource;
  let given: Given;
  let a: ProvisionedCommunity;
  const who = {} as Record<Exclude<Role, 'anonymous'>, GivenUser>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startApp({ POSTS_PER_HOUR: '10000' });
    db = await testDb();
    given = new Given(db);
    const posting = new Posting(t.url, db);
    a = await given.community('Walk A');
    const b = await given.community('Walk B');
    who.member = await given.member(a);
    who.top3 = await given.top3(a);
    const top3b = await given.top3(a);
    who.staff = await given.staff(a);
    who.grantedStaff = await given.staff(a);
    who.suspended = await given.suspended(a);
    who.outsider = await given.member(b);
    who.operator = await given.operator();
    await posting.setDelay(a.id, 0);
    const group = await given.privateBoard(a, 'Walk group');
    await given.participant(group, who.member);
    await posting.publishedThread(who.member, group, 'Walk private title', 'Words only the group may read');
    const published = await posting.publishedThread(who.member, a.boards.community, 'Walk thread');
    await posting.setDelay(a.id, 3600);
    const pending = await posting.reply(who.member, published.threadId, 'still waiting');
    const grant = await request(t.url)
      .post(`/api/communities/${a.id}/access-requests`)
      .auth(who.grantedStaff.token, { type: 'bearer' })
      .send({ boardId: a.boards.community, reason: 'walk', minutes: 60 });
    for (const approver of [who.top3, top3b]) {
      await request(t.url)
        .post(`/api/access-requests/${grant.body.id}/approve`)
        .auth(approver.token, { type: 'bearer' });
    }
    const victim = await given.member(a);
    const staffCall = (path: string, body: object, as: GivenUser = who.staff) =>
      request(t.url).post(path).auth(as.token, { type: 'bearer' }).send(body);
    const session = await staffCall(`/api/communities/${a.id}/sessions`, { startsAt: '2026-06-02T09:00:00.000Z' });
    await request(t.url)
      .post(`/api/posts/${published.postId}/moderation`)
      .auth(who.top3.token, { type: 'bearer' })
      .send({ action: 'annotate', reason: 'for the walk', forMeeting: true });
    const se = await staffCall(`/api/communities/${a.id}/significant-events`, { summary: 'walk' }, who.top3);
    const meeting = await staffCall(`/api/communities/${a.id}/meetings`, {}, who.top3);
    const [log] = await db.query<{ id: string }[]>(
      `SELECT id FROM moderation_log WHERE community_id = $1 AND chain = 'open' ORDER BY seq LIMIT 1`,
      [a.id],
    );
    const election = await staffCall(`/api/communities/${a.id}/elections`, {
      kind: 'full',
      nominationsCloseAt: new Date(Date.now() + 3_600_000).toISOString(),
      votingCloseAt: new Date(Date.now() + 7_200_000).toISOString(),
    });
    const nominated = await staffCall(
      `/api/communities/${a.id}/elections/${election.body.id}/nominations`,
      { candidateId: who.member.id },
      top3b,
    );
    const friend = await given.member(a);
    const rooms = await request(t.url)
      .get(`/api/communities/${a.id}/chat/rooms`)
      .auth(who.member.token, { type: 'bearer' });
    const dm = await staffCall(`/api/communities/${a.id}/chat/direct`, { withUserId: friend.id }, who.member);
    Object.assign(ids, {
      friend: friend.id,
      chatRoom: rooms.body.items[0].id,
      dm: dm.body.id,
      eid: election.body.id,
      nid: nominated.body.candidates[0].nominationId,
      info: a.boards.info,
      victim: victim.id,
      sid: session.body.items[0].id,
      se: se.body.id,
      mid: meeting.body.id,
      iid: meeting.body.items[0].id,
      lid: log.id,
      cid: a.id,
      bid: a.boards.community,
      tid: published.threadId,
      pid: published.postId,
      pendingPid: pending.body.id,
      group,
      grant: grant.body.id,
      shift: '7e57d0c0-0000-4000-8000-000000000001',
    });
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  it('every route in the API has a row in the table', async () => {
    const doc = await request(t.url).get('/api/docs-json').expect(200);
    const routes = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const missing = routes.filter((r) => !(r in TABLE));
    expect(missing).toEqual([]);
  });

  /** Path parameters from the world above; each route reaches a real row of community A. */
  const fill = (route: string): string => {
    const path = route.split(' ')[1];
    const id = route.includes('significant-events/') ? ids.se : route.includes('/duty/') ? ids.shift : ids.grant;
    const bid = route.includes('/participants') ? ids.group : route.includes('/pages') ? ids.info : ids.bid;
    return path
      .replace(':cid', ids.cid)
      .replace(':bid', bid)
      .replace(':tid', ids.tid)
      .replace(':pid', ids.pid)
      .replace(':sessionId', '00000000-0000-4000-8000-000000000000')
      .replace(':slug', 'walk-page')
      .replace(':place', `thread:${ids.tid}`)
      .replace(':kind', 'thanks')
      .replace(':lid', ids.lid)
      .replace(':mid', ids.mid)
      .replace(':iid', ids.iid)
      .replace(':sid', ids.sid)
      .replace(':uid', ids.victim)
      .replace(':eid', ids.eid)
      .replace(':nid', ids.nid)
      .replace(':rid', route.includes('/messages') ? ids.chatRoom : ids.dm)
      .replace(':id', id);
  };

  /** Some routes need their row back before each caller, so that only who is asking decides. */
  const before: Record<string, () => Promise<unknown>> = {
    'POST /api/posts/:pid/check-in/take': () =>
      db.query(
        `UPDATE posts SET check_in_findings = '[]', check_in_done_at = NULL, check_in_done_by = NULL,
                          taken_by = NULL, taken_at = NULL WHERE id = $1`,
        [ids.pid],
      ),
    // A check-in still open on the post, so that only who is asking decides.
    'POST /api/posts/:pid/check-in': () =>
      db.query(
        `UPDATE posts SET check_in_findings = '[]', check_in_done_at = NULL, check_in_done_by = NULL WHERE id = $1`,
        [ids.pid],
      ),
    // A shift on the rota to take off (the Top 3's turn takes it off; put it back for the next caller).
    'DELETE /api/duty/:id': () =>
      db.query(
        `INSERT INTO duty_shifts (id, community_id, user_id, starts_at, ends_at, added_by)
         VALUES ($1, $2, $3, now(), now() + interval '1 hour', $3) ON CONFLICT (id) DO NOTHING`,
        [ids.shift, ids.cid, who.top3.id],
      ),
    'DELETE /api/boards/:bid/pages/:slug': () =>
      db.query(
        `INSERT INTO info_pages (board_id, slug, title, body) VALUES ($1, 'walk-page', 'x', 'y') ON CONFLICT DO NOTHING`,
        [ids.info],
      ),
  };

  /** A valid body for each route, so that only who is asking decides the answer. */
  const bodies: Record<string, () => object> = {
    'POST /api/auth/login': () => ({
      username: `nobody-${Math.random().toString(36).slice(2, 8)}`,
      password: 'not-a-password',
    }),
    'POST /api/communities': () => ({ slug: `walk-${Math.random().toString(36).slice(2, 8)}`, name: 'Walk' }),
    'PATCH /api/communities/:cid': () => ({ flagThreshold: 2 }),
    'POST /api/communities/:cid/members': () => ({
      username: `walk-${Math.random().toString(36).slice(2, 10)}`,
      role: 'member',
      displayName: 'Walker',
      initialPassword: 'a-long-first-password',
    }),
    'POST /api/communities/:cid/boards': () => ({
      kind: 'community',
      name: `Walk ${Math.random().toString(36).slice(2, 6)}`,
    }),
    'PUT /api/boards/:bid/participants': () => ({ participantIds: [] }),
    'PUT /api/boards/:bid/pages/:slug': () => ({ title: 'x', body: 'y' }),
    'PUT /api/me/drafts/:place': () => ({ body: 'Still finding the words.' }),
    'POST /api/boards/:bid/threads': () => ({ title: 'Walking', body: 'Just walking through.' }),
    'POST /api/threads/:tid/posts': () => ({ body: 'A reply on the walk.' }),
    'PATCH /api/posts/:pid': () => ({ body: 'changed' }),
    'POST /api/posts/:pid/flags': () => ({ reason: 'something-else', note: 'walk' }),
    'PUT /api/threads/:tid/read': () => ({ seq: 1 }),
    'POST /api/posts/:pid/moderation': () => ({ action: 'annotate', reason: 'walk' }),
    'PUT /api/communities/:cid/guidelines': () => ({ rules: [] }),
    'POST /api/communities/:cid/guidelines/preview': () => ({ rules: [] }),
    'POST /api/communities/:cid/guidelines/check': () => ({ text: 'Hello everyone' }),
    'POST /api/communities/:cid/log/:lid/for-meeting': () => ({}),
    'POST /api/communities/:cid/significant-events': () => ({ summary: 'walk' }),
    'POST /api/communities/:cid/meetings': () => ({}),
    'PUT /api/meetings/:mid/items/:iid': () => ({ outcome: 'walk' }),
    'POST /api/communities/:cid/sessions': () => ({
      startsAt: new Date(Date.UTC(2027, 0, 1 + Math.floor(Math.random() * 300), 10)).toISOString(),
    }),
    'PUT /api/sessions/:sid/attendance': () => ({ records: [{ userId: who.member.id, mark: 'attended' }] }),
    'POST /api/communities/:cid/access-requests': () => ({ boardId: ids.bid, reason: 'walk', minutes: 30 }),
    'POST /api/communities/:cid/members/:uid/suspension/end': () => ({}),
    'POST /api/communities/:cid/members/:uid/left': () => ({}),
    'POST /api/communities/:cid/elections': () => ({
      kind: 'full',
      nominationsCloseAt: new Date(Date.now() + 3_600_000).toISOString(),
      votingCloseAt: new Date(Date.now() + 7_200_000).toISOString(),
    }),
    'POST /api/communities/:cid/elections/:eid/nominations': () => ({ candidateId: who.member.id }),
    'POST /api/communities/:cid/elections/:eid/ballots': () => ({ candidateIds: [] }),
    'POST /api/communities/:cid/chat/rooms': () => ({ name: 'Walk room' }),
    'POST /api/communities/:cid/chat/direct': () => ({ withUserId: ids.friend }),
    'POST /api/me/notifications/read': () => ({ all: true }),
    'PUT /api/me/notification-settings': () => ({ quietFrom: '22:00', quietUntil: '07:00' }),
    'POST /api/communities/:cid/duty': () => ({
      userId: who.top3.id,
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    }),
    'PUT /api/communities/:cid/escalation': () => ({ escalateAfterMinutes: 10 }),
    'PUT /api/communities/:cid/keeping': () => ({
      erasedEntries: 'placeholder',
      postsDays: null,
      chatDays: null,
      logDays: null,
    }),
    // POST /api/me/erasure is walked with no body: refused on its merits (400), so nobody is erased.
    'POST /api/posts/:pid/message-author': () => ({ body: 'Thinking of you.' }),
  };

  const classify = (status: number): 'ok' | number =>
    status < 300 || status === 400 || status === 409 || status === 422 ? 'ok' : status;

  // Hundreds of requests: a generous limit of its own on a busy machine (it asserts nothing about speed).
  it('every route answers each kind of caller as the table says, and never with a 500', async () => {
    const observed: Record<string, Record<string, 'ok' | number>> = {};
    for (const route of Object.keys(TABLE)) {
      const [method] = route.split(' ');
      observed[route] = {};
      for (const role of ROLES) {
        // Signing out would end the session the rest of the walk uses: give it one of its own.
        const token =
          role === 'anonymous'
            ? undefined
            : route === 'POST /api/auth/logout'
              ? (await given.session(who[role].id)).token
              : who[role].token;
        await before[route]?.();
        let req = request(t.url)[method.toLowerCase() as 'get'](fill(route));
        if (token) req = req.auth(token, { type: 'bearer' });
        const res = await req.send(bodies[route]?.() ?? {});
        expect([route, role, res.status]).not.toEqual([route, role, 500]);
        if (role === 'staff' || role === 'grantedStaff') {
          // Not a row, a name, an id or a count of a private board, in any answer to staff.
          expect([route, role, res.text]).not.toEqual([
            route,
            role,
            expect.stringMatching(new RegExp(`${ids.group}|Walk group|Walk private|only the group`)),
          ]);
        }
        observed[route][role] = classify(res.status);
      }
    }
    if (process.env.P2P_PRINT_WALK) process.stdout.write(JSON.stringify(observed, null, 1));
    expect(observed).toEqual(TABLE);
  }, 180_000);

  it('socket handshakes: members, Top 3 and staff connect; anonymous and suspended callers do not', async () => {
    expect([...CLIENT_EVENTS].sort()).toEqual(['chat.join', 'chat.leave', 'chat.send', 'typing']);
    const expected: Record<Role, boolean> = {
      anonymous: false,
      member: true,
      top3: true,
      staff: true,
      grantedStaff: true,
      suspended: false,
      outsider: true,
      operator: true,
    };
    // Of those connected, only the community's members may join its chat room.
    const mayJoin: Partial<Record<Role, boolean>> = {
      member: true,
      top3: true,
      staff: false,
      grantedStaff: false,
      outsider: false,
      operator: false,
    };
    for (const role of ROLES) {
      const { socket, error } = await connect(t.url, role === 'anonymous' ? {} : { token: who[role].token });
      expect([role, !error]).toEqual([role, expected[role]]);
      if (!error && role !== 'anonymous') {
        const reply = (await (socket as unknown as Socket)
          .timeout(5000)
          .emitWithAck('chat.join', { roomId: ids.chatRoom })) as { ok: boolean };
        expect([role, reply.ok]).toEqual([role, mayJoin[role]]);
        const bad = (await (socket as unknown as Socket).timeout(5000).emitWithAck('chat.send', { roomId: 7 })) as {
          ok: boolean;
        };
        expect([role, bad.ok]).toEqual([role, false]);
      }
      socket.close();
    }
  });
});
