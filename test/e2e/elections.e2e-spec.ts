import request from 'supertest';
import { DataSource } from 'typeorm';
import { ElectionsService } from '../../apps/gateway/src/governance/elections.service';
import { lotFor } from '@p2p/moderation';
import { Given, GivenUser } from '../support/given';
import { TestApp, startApp, testDb } from '../support/app';

describe('Top 3 elections', () => {
  let t: TestApp;
  let db: DataSource;
  let given: Given;
  let elections: ElectionsService;

  beforeAll(async () => {
    t = await startApp();
    db = await testDb();
    given = new Given(db);
    elections = t.app.get(ElectionsService);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const send = (path: string, who: GivenUser, body: object = {}) =>
    request(t.url).post(path).auth(who.token, { type: 'bearer' }).send(body);
  const get = (path: string, who: GivenUser) => request(t.url).get(path).auth(who.token, { type: 'bearer' });
  const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
  /** Moves the election's clock on: time is controlled by the test, never waited for. */
  const closeNominations = (eid: string) =>
    db.query(`UPDATE elections SET nominations_close_at = now() - interval '1 second' WHERE id = $1`, [eid]);
  const closeVoting = (eid: string) =>
    db.query(`UPDATE elections SET voting_close_at = now() - interval '1 second' WHERE id = $1`, [eid]);

  it('end to end: nominations accepted, secret votes, a tie broken by the stated lot, the Top 3 follow the result', async () => {
    const c = await given.community();
    const staff = await given.staff(c);
    const oldTop3 = await given.top3(c);
    const members = await Promise.all([1, 2, 3, 4, 5].map(() => given.member(c)));
    const [ann, bea, cal, dev, eli] = members;

    const opened = await send(`/api/communities/${c.id}/elections`, staff, {
      kind: 'full',
      nominationsCloseAt: inMinutes(60),
      votingCloseAt: inMinutes(120),
    }).expect(201);
    const eid = opened.body.id as string;
    expect(opened.body).toMatchObject({ phase: 'nominating', seats: 3 });
    await send(`/api/communities/${c.id}/elections`, staff, {
      kind: 'full',
      nominationsCloseAt: inMinutes(5),
      votingCloseAt: inMinutes(9),
    }).expect(409);

    // Ann stands herself; Bea nominates Cal, who must accept; Dev is nominated but never accepts.
    await send(`/api/communities/${c.id}/elections/${eid}/nominations`, ann, { candidateId: ann.id }).expect(201);
    await send(`/api/communities/${c.id}/elections/${eid}/nominations`, bea, { candidateId: bea.id }).expect(201);
    const nom = await send(`/api/communities/${c.id}/elections/${eid}/nominations`, bea, {
      candidateId: cal.id,
    }).expect(201);
    await send(`/api/communities/${c.id}/elections/${eid}/nominations`, eli, { candidateId: dev.id }).expect(201);
    await send(`/api/communities/${c.id}/elections/${eid}/nominations`, eli, { candidateId: eli.id }).expect(201);
    await send(`/api/communities/${c.id}/elections/${eid}/nominations`, ann, { candidateId: staff.id }).expect(400);
    const calNomination = nom.body.candidates.find((x: { id: string }) => x.id === cal.id).nominationId;
    await send(`/api/communities/${c.id}/elections/${eid}/nominations/${calNomination}/accept`, ann).expect(404);
    await send(`/api/communities/${c.id}/elections/${eid}/nominations/${calNomination}/accept`, cal).expect(200);

    await send(`/api/communities/${c.id}/elections/${eid}/ballots`, ann, { candidateIds: [ann.id] }).expect(409);
    await closeNominations(eid);
    await send(`/api/communities/${c.id}/elections/${eid}/ballots`, ann, { candidateIds: [dev.id] }).expect(400);
    await send(`/api/communities/${c.id}/elections/${eid}/ballots`, ann, {
      candidateIds: [ann.id, bea.id, cal.id, eli.id],
    }).expect(400);

    // Ann and Bea clear; Cal and Eli level on 2 votes for the last seat.
    const votes: [GivenUser, string[]][] = [
      [ann, [ann.id, bea.id, cal.id]],
      [bea, [ann.id, bea.id, eli.id]],
      [cal, [ann.id, bea.id, cal.id]],
      [dev, [eli.id]],
      [eli, []],
    ];
    for (const [voter, choice] of votes) {
      await send(`/api/communities/${c.id}/elections/${eid}/ballots`, voter, { candidateIds: choice }).expect(201);
    }
    const again = await send(`/api/communities/${c.id}/elections/${eid}/ballots`, ann, {
      candidateIds: [bea.id],
    }).expect(409);
    expect(again.body.message).toMatch(/already voted/);
    await send(`/api/communities/${c.id}/elections/${eid}/ballots`, staff, { candidateIds: [] }).expect(403);
    await get(`/api/communities/${c.id}/elections/${eid}/result`, ann).expect(409);

    await closeVoting(eid);
    await Promise.all([elections.countDue(new Date()), elections.countDue(new Date())]);
    const result = await get(`/api/communities/${c.id}/elections/${eid}/result`, staff).expect(200);
    const lastSeat = [cal.id, eli.id].sort((x, y) => (lotFor(eid, x) < lotFor(eid, y) ? -1 : 1))[0];
    expect([...result.body.elected].sort()).toEqual([ann.id, bea.id, lastSeat].sort());
    expect([...result.body.tieBrokenAmong].sort()).toEqual([cal.id, eli.id].sort());
    expect(result.body.ballots).toBe(5);
    expect(result.body.rule).toMatch(/SHA-256/);

    const top3 = await db.query<{ user_id: string }[]>(
      `SELECT user_id FROM memberships WHERE community_id = $1 AND is_top3`,
      [c.id],
    );
    expect(top3.map((r) => r.user_id).sort()).toEqual([ann.id, bea.id, lastSeat].sort());
    await get(`/api/communities/${c.id}/review-queue`, ann).expect(200);
    await get(`/api/communities/${c.id}/review-queue`, oldTop3).expect(403);
    const log = await db.query(
      `SELECT count(*)::int AS n FROM moderation_log WHERE community_id = $1 AND action = 'election-result'`,
      [c.id],
    );
    expect(log[0].n).toBe(1);
  });

  it('the secret ballot: nothing in the database links a voter to a choice', async () => {
    const c = await given.community();
    const staff = await given.staff(c);
    const voters = await Promise.all([1, 2, 3].map(() => given.member(c)));
    const opened = await send(`/api/communities/${c.id}/elections`, staff, {
      kind: 'full',
      nominationsCloseAt: inMinutes(60),
      votingCloseAt: inMinutes(120),
    }).expect(201);
    const eid = opened.body.id as string;
    for (const v of voters)
      await send(`/api/communities/${c.id}/elections/${eid}/nominations`, v, { candidateId: v.id }).expect(201);
    await closeNominations(eid);
    for (const v of voters)
      await send(`/api/communities/${c.id}/elections/${eid}/ballots`, v, { candidateIds: [v.id] }).expect(201);

    const columns = await db.query<{ column_name: string }[]>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'election_ballots' ORDER BY column_name`,
    );
    expect(columns.map((x) => x.column_name)).toEqual(['choices', 'election_id', 'id']);
    // Each vote's transaction is gone from the box: the ballots were re-dealt in one of their own.
    const voterTx = await db.query<{ xmin: string }[]>(
      `SELECT xmin::text FROM election_voters WHERE election_id = $1`,
      [eid],
    );
    const ballotTx = await db.query<{ xmin: string }[]>(
      `SELECT DISTINCT xmin::text FROM election_ballots WHERE election_id = $1`,
      [eid],
    );
    expect(ballotTx).toHaveLength(1);
    expect(voterTx.map((v) => v.xmin)).not.toContain(ballotTx[0].xmin);
    // And no route tells anyone what someone chose.
    const view = await get(`/api/communities/${c.id}/elections/${eid}`, voters[0]).expect(200);
    expect(view.body.youHaveVoted).toBe(true);
    expect(JSON.stringify(view.body)).not.toMatch(/choices|ballot/i);
  });

  it('a Top 3 member steps down and a by-election fills the one seat', async () => {
    const c = await given.community();
    const [t1, t2, t3] = await Promise.all([1, 2, 3].map(() => given.top3(c)));
    const hopeful = await given.member(c);
    await send(`/api/communities/${c.id}/elections`, t1, {
      kind: 'by-election',
      nominationsCloseAt: inMinutes(5),
      votingCloseAt: inMinutes(9),
    }).expect(400);
    await send(`/api/communities/${c.id}/top3/step-down`, t3).expect(200);
    const opened = await send(`/api/communities/${c.id}/elections`, t1, {
      kind: 'by-election',
      nominationsCloseAt: inMinutes(60),
      votingCloseAt: inMinutes(120),
    }).expect(201);
    expect(opened.body.seats).toBe(1);
    const eid = opened.body.id as string;
    await send(`/api/communities/${c.id}/elections/${eid}/nominations`, hopeful, { candidateId: hopeful.id }).expect(
      201,
    );
    await closeNominations(eid);
    await send(`/api/communities/${c.id}/elections/${eid}/ballots`, t2, { candidateIds: [hopeful.id] }).expect(201);
    await closeVoting(eid);
    await elections.countDue(new Date());
    const top3 = await db.query<{ user_id: string }[]>(
      `SELECT user_id FROM memberships WHERE community_id = $1 AND is_top3`,
      [c.id],
    );
    expect(top3.map((r) => r.user_id).sort()).toEqual([t1.id, t2.id, hopeful.id].sort());
  });

  it('suspended members neither vote nor stand', async () => {
    const c = await given.community();
    const staff = await given.staff(c);
    const paused = await given.suspended(c);
    const opened = await send(`/api/communities/${c.id}/elections`, staff, {
      kind: 'full',
      nominationsCloseAt: inMinutes(60),
      votingCloseAt: inMinutes(120),
    }).expect(201);
    await send(`/api/communities/${c.id}/elections/${opened.body.id}/nominations`, paused, {
      candidateId: paused.id,
    }).expect(403);
    const m = await given.member(c);
    await send(`/api/communities/${c.id}/elections/${opened.body.id}/nominations`, m, {
      candidateId: paused.id,
    }).expect(400);
  });
});
