import request from 'supertest';
import { DataSource } from 'typeorm';
import { SessionEndedPayload } from '@p2p/contract';
import { SuspensionsService } from '../../apps/gateway/src/governance/suspensions.service';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import { Given, GivenUser } from '../support/given';
import { TestApp, startApp, testDb } from '../support/app';
import { connect } from '../support/sockets';

describe('sessions, attendance and suspension', () => {
  let t: TestApp;
  let db: DataSource;
  let given: Given;
  let sweeps: SuspensionsService;

  beforeAll(async () => {
    t = await startApp();
    db = await testDb();
    given = new Given(db);
    sweeps = t.app.get(SuspensionsService);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const send = (method: 'post' | 'put', path: string, who: GivenUser, body: object = {}) =>
    request(t.url)[method](path).auth(who.token, { type: 'bearer' }).send(body);
  const get = (path: string, who: GivenUser) => request(t.url).get(path).auth(who.token, { type: 'bearer' });

  async function sessionsFor(c: ProvisionedCommunity, staff: GivenUser, n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await send('post', `/api/communities/${c.id}/sessions`, staff, {
        startsAt: new Date(Date.UTC(2026, 0, 6 + i * 3, 10)).toISOString(),
      }).expect(201);
      ids.push(res.body.items[0].id as string);
    }
    return ids;
  }

  it('staff add repeating sessions: Tuesdays and Fridays at 10:00 London time, across the clock change', async () => {
    const c = await given.community();
    const staff = await given.staff(c);
    const res = await send('post', `/api/communities/${c.id}/sessions`, staff, {
      title: 'Community day',
      repeat: { weekdays: [2, 5], time: '10:00', timezone: 'Europe/London', from: '2026-03-24', until: '2026-04-03' },
    }).expect(201);
    expect(res.body.items.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      '2026-03-24T10:00:00.000Z',
      '2026-03-27T10:00:00.000Z',
      '2026-03-31T09:00:00.000Z',
      '2026-04-03T09:00:00.000Z',
    ]);
    await send('post', `/api/communities/${c.id}/sessions`, staff, {
      repeat: { weekdays: [2], time: '10:00', timezone: 'Mars/Olympus', from: '2026-03-24', until: '2026-04-03' },
    }).expect(400);
  });

  it('three no-contact sessions in a row suspend a member: sockets close, sign-in says until when, and it is logged once', async () => {
    const c = await given.community();
    const staff = await given.staff(c);
    const top3 = await given.top3(c);
    const member = await given.member(c);
    const sessions = await sessionsFor(c, staff, 3);
    const { socket } = await connect(t.url, { token: member.token });
    const ended = new Promise<SessionEndedPayload>((resolve) => socket.once('session.ended', resolve));
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    for (const [i, sid] of sessions.entries()) {
      await send('put', `/api/sessions/${sid}/attendance`, staff, {
        records: [{ userId: member.id, mark: 'no-contact' }],
      }).expect(200);
      const [m] = await db.query(`SELECT status FROM memberships WHERE community_id = $1 AND user_id = $2`, [
        c.id,
        member.id,
      ]);
      expect([i, m.status]).toEqual([i, i < 2 ? 'active' : 'suspended']);
    }
    expect(await ended).toMatchObject({ reason: 'suspended' });
    expect(await closed).toBe('io server disconnect');

    const me = await get('/api/me', member).expect(200);
    expect(me.body.memberships[0]).toMatchObject({
      status: 'suspended',
      suspendedUntil: expect.any(String),
      outreachContact: expect.any(String),
    });
    const refused = await connect(t.url, { token: member.token });
    expect(refused.error?.data?.code).toBe('suspended');
    await get(`/api/communities/${c.id}/boards`, member).expect(403);

    // Sweeping again, twice at once, changes nothing.
    await Promise.all([sweeps.sweepCommunity(c.id, new Date()), sweeps.sweepCommunity(c.id, new Date())]);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM suspensions WHERE community_id = $1`, [c.id]);
    expect(n).toBe(1);
    const log = await get(`/api/communities/${c.id}/log`, top3).expect(200);
    expect(log.body.items.filter((r: { action: string }) => r.action === 'suspension')).toHaveLength(1);
  });

  it('a member returns by themselves when the period is over (time moved on in the test, not waited for)', async () => {
    const c = await given.community();
    const staff = await given.staff(c);
    const member = await given.member(c);
    for (const sid of await sessionsFor(c, staff, 3)) {
      await send('put', `/api/sessions/${sid}/attendance`, staff, {
        records: [{ userId: member.id, mark: 'no-contact' }],
      }).expect(200);
    }
    const [{ suspended_until }] = await db.query(
      `SELECT suspended_until FROM memberships WHERE community_id = $1 AND user_id = $2`,
      [c.id, member.id],
    );
    const months = (suspended_until.getTime() - Date.now()) / (30.4 * 86_400_000);
    expect(months).toBeGreaterThan(2.9);
    expect(months).toBeLessThan(3.1);

    await sweeps.sweepCommunity(c.id, new Date(suspended_until.getTime() - 60_000));
    expect((await get('/api/me', member).expect(200)).body.memberships[0].status).toBe('suspended');
    const later = new Date(suspended_until.getTime() + 60_000);
    const [a, b] = await Promise.all([sweeps.sweepCommunity(c.id, later), sweeps.sweepCommunity(c.id, later)]);
    expect(a.returned + b.returned).toBe(1);
    expect((await get('/api/me', member).expect(200)).body.memberships[0]).toMatchObject({
      status: 'active',
      suspendedUntil: null,
    });
    const { error } = await connect(t.url, { token: member.token });
    expect(error).toBeUndefined();
    // The old run of no-contact sessions does not suspend them again.
    await sweeps.sweepCommunity(c.id, later);
    expect((await get('/api/me', member).expect(200)).body.memberships[0].status).toBe('active');
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM moderation_log WHERE community_id = $1 AND action = 'return'`,
      [c.id],
    );
    expect(n).toBe(1);
  });

  it('making contact breaks the run', async () => {
    const c = await given.community();
    const staff = await given.staff(c);
    const member = await given.member(c);
    const marks = ['no-contact', 'contact', 'no-contact'];
    const sessions = await sessionsFor(c, staff, 3);
    for (const [i, sid] of sessions.entries()) {
      await send('put', `/api/sessions/${sid}/attendance`, staff, {
        records: [{ userId: member.id, mark: marks[i] }],
      }).expect(200);
    }
    expect((await get('/api/me', member).expect(200)).body.memberships[0].status).toBe('active');
  });

  it('staff end a suspension early, and record that a member left', async () => {
    const c = await given.community();
    const staff = await given.staff(c);
    const paused = await given.member(c);
    for (const sid of await sessionsFor(c, staff, 3)) {
      await send('put', `/api/sessions/${sid}/attendance`, staff, {
        records: [{ userId: paused.id, mark: 'no-contact' }],
      }).expect(200);
    }
    await send('post', `/api/communities/${c.id}/members/${paused.id}/suspension/end`, staff, {
      reason: 'back in touch',
    }).expect(204);
    await send('post', `/api/communities/${c.id}/members/${paused.id}/suspension/end`, staff).expect(409);
    expect((await get('/api/me', paused).expect(200)).body.memberships[0].status).toBe('active');

    await send('post', `/api/communities/${c.id}/members/${paused.id}/left`, staff).expect(204);
    expect((await get('/api/me', paused).expect(200)).body.memberships[0].status).toBe('left');
    await get(`/api/communities/${c.id}/boards`, paused).expect(404);
  });

  it('only staff of the community run sessions and attendance', async () => {
    const c = await given.community();
    const staff = await given.staff(c);
    const member = await given.member(c);
    const [sid] = await sessionsFor(c, staff, 1);
    await send('post', `/api/communities/${c.id}/sessions`, member, { startsAt: new Date().toISOString() }).expect(403);
    await send('put', `/api/sessions/${sid}/attendance`, member, {
      records: [{ userId: member.id, mark: 'attended' }],
    }).expect(403);
    const otherStaff = await given.staff(await given.community());
    await send('put', `/api/sessions/${sid}/attendance`, otherStaff, {
      records: [{ userId: member.id, mark: 'attended' }],
    }).expect(404);
    await send('put', `/api/sessions/${sid}/attendance`, staff, {
      records: [{ userId: otherStaff.id, mark: 'attended' }],
    }).expect(400);
    await send('put', `/api/sessions/${sid}/attendance`, staff, {
      records: [{ userId: member.id, mark: 'maybe' }],
    }).expect(400);
  });
});
