import { MyDataView } from '@p2p/contract';
import request from 'supertest';
import { useApp } from '../support/use-app';

jest.setTimeout(90_000);

const HARM = "I've decided I'm going to end it tonight after everyone's asleep. I've got everything ready.";

/**
 * Subject access: a member downloads everything held about them, whatever happened to it, as JSON
 * and as a page; nobody else's words or names come with it, and a ballot stays secret.
 */
describe('my data: the subject-access export', () => {
  const app = useApp({ POSTS_PER_HOUR: '1000' });

  it('holds every entry with what happened to it, flags, reactions, messages, plan and votes; no one else', async () => {
    const { t, db, given, posting } = app;
    const c = await given.community('Export');
    const [member, other, top, staff] = await Promise.all([
      given.member(c),
      given.member(c),
      given.top3(c),
      given.staff(c),
    ]);
    const [{ display_name: topName }] = await db.query<{ display_name: string }[]>(
      `SELECT display_name FROM users WHERE id = $1`,
      [top.id],
    );
    await posting.setDelay(c.id, 1);

    // Shared, with a reply from someone else (whose words must not come with it).
    const shared = await posting.publishedThread(member, c.boards.community, 'Plans', 'Shared <b>words</b>');
    const reply = await posting.reply(other, shared.threadId, "Someone else's words");
    await posting.waitForStatus(reply.body.id as string, 'published');
    // Taken back before anyone saw it.
    const taken = await posting.thread(member, c.boards.community, 'Oops', 'Taken back words');
    await request(t.url).delete(`/api/posts/${taken.body.post.id}`).auth(member.token, { type: 'bearer' }).expect(200);
    // Held by the guidelines; the Top 3 write to the author.
    const held = await posting.thread(member, c.boards.community, 'Tonight', HARM);
    await posting.waitForStatus(held.body.post.id as string, 'held');
    await request(t.url)
      .post(`/api/posts/${held.body.post.id}/message-author`)
      .auth(top.token, { type: 'bearer' })
      .send({ body: 'We are here for you.' })
      .expect(201);
    // Shared, then taken down by the Top 3.
    const down = await posting.publishedThread(member, c.boards.community, 'Later', 'Words taken down');
    await request(t.url)
      .post(`/api/posts/${down.postId}/moderation`)
      .auth(top.token, { type: 'bearer' })
      .send({ action: 'delete', reason: 'Names a person outside the community.' })
      .expect(200);
    // A flag, a reaction, a crisis plan.
    await request(t.url)
      .post(`/api/posts/${reply.body.id}/flags`)
      .auth(member.token, { type: 'bearer' })
      .send({ reason: 'something-else', note: 'Not sure about this' })
      .expect(201);
    await request(t.url)
      .put(`/api/posts/${reply.body.id}/reactions/thanks`)
      .auth(member.token, { type: 'bearer' })
      .expect(200);
    await request(t.url)
      .put('/api/me/crisis-plan')
      .auth(member.token, { type: 'bearer' })
      .send({ whoToCall: 'My sister', whatHelps: 'Tea', whereToGo: 'Home' })
      .expect(200);
    // A vote for `other`, cast as the ballot box keeps it: the voter in one table, the choice in another.
    const [{ id: eid }] = await db.query<{ id: string }[]>(
      `INSERT INTO elections (community_id, kind, seats, opened_by, nominations_close_at, voting_close_at)
       VALUES ($1, 'full', 3, $2, now() - interval '2 days', now() + interval '1 day') RETURNING id`,
      [c.id, top.id],
    );
    await db.query(`INSERT INTO election_voters (election_id, user_id) VALUES ($1, $2)`, [eid, member.id]);
    await db.query(`INSERT INTO election_ballots (election_id, choices) VALUES ($1, $2)`, [eid, [other.id]]);

    const res = await request(t.url).get('/api/me/export').auth(member.token, { type: 'bearer' }).expect(200);
    const data = res.body as MyDataView;
    const text = JSON.stringify(data);
    expect(data.format).toBe('p2p-board/subject-access/1');
    expect(data.profile.id).toBe(member.id);
    const byBody = Object.fromEntries(data.entries.map((e) => [e.body, e]));
    expect(byBody['Shared <b>words</b>']).toMatchObject({ status: 'published', whatHappened: 'Shared on the board.' });
    expect(byBody['Taken back words']).toMatchObject({
      status: 'withdrawn',
      whatHappened: 'You took it back before anyone saw it.',
    });
    expect(byBody[HARM]).toMatchObject({ status: 'held' });
    expect(byBody['Words taken down']).toMatchObject({
      status: 'removed',
      whatHappened: 'Shared, then taken down by the Top 3.',
    });
    expect(data.threadsStarted.map((th) => th.title).sort()).toEqual(['Later', 'Oops', 'Plans', 'Tonight']);
    expect(data.flagsRaised).toEqual([expect.objectContaining({ postId: reply.body.id, note: 'Not sure about this' })]);
    expect(data.reactionsLeft).toEqual([expect.objectContaining({ postId: reply.body.id, kind: 'thanks' })]);
    expect(data.crisisPlan).toMatchObject({ whoToCall: 'My sister' });
    expect(data.messagesFromTheTop3).toEqual([expect.objectContaining({ body: 'We are here for you.' })]);
    expect(data.memberships).toEqual([expect.objectContaining({ community: { id: c.id, name: 'Export' } })]);
    expect(data.signIns.length).toBeGreaterThan(0);

    // The log: what happened to their entries, and who by, by role only.
    const actions = data.logRecords.map((r) => `${r.action} by ${r.by}`);
    expect(actions).toEqual(expect.arrayContaining(['hold by the board', 'delete by a Top 3 member', 'flag by you']));
    expect(data.logRecords.find((r) => r.action === 'flag')).toMatchObject({ by: 'you', entryText: null });
    expect(data.logRecords.find((r) => r.action === 'delete')).toMatchObject({
      entryText: 'Words taken down',
      reason: 'Names a person outside the community.',
      actionWords: 'Taken down',
    });

    // The vote: which election, never for whom.
    expect(data.elections.votedIn).toEqual([expect.objectContaining({ electionId: eid })]);
    expect(text).not.toContain(other.id);

    // A push alert's address is the device's secret: the export names the push service only.
    const [{ id: nid }] = await db.query<{ id: string }[]>(`SELECT id FROM notifications WHERE user_id = $1 LIMIT 1`, [
      member.id,
    ]);
    await db.query(`INSERT INTO notification_sends (notification_id, channel, address) VALUES ($1, 'push', $2)`, [
      nid,
      'https://push.example.org/wpush/v2/secret-device-token',
    ]);
    const again = (await request(t.url).get('/api/me/export').auth(member.token, { type: 'bearer' }).expect(200))
      .body as MyDataView;
    expect(again.messagesSent).toEqual([expect.objectContaining({ channel: 'push', address: 'push.example.org' })]);
    expect(JSON.stringify(again)).not.toContain('secret-device-token');

    // A record about the member that is not about an entry of theirs: staff record that they left.
    await request(t.url)
      .post(`/api/communities/${c.id}/members/${other.id}/left`)
      .auth(staff.token, { type: 'bearer' })
      .expect(204);
    const leaver = (await request(t.url).get('/api/me/export').auth(other.token, { type: 'bearer' }).expect(200))
      .body as MyDataView;
    expect(leaver.logRecords).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'left', by: 'a staff member' })]),
    );

    // Nobody else's words or names.
    expect(text).not.toContain("Someone else's words");
    expect(text).not.toContain(topName);
    const theirs = await request(t.url).get('/api/me/export').auth(other.token, { type: 'bearer' }).expect(200);
    expect(JSON.stringify(theirs.body)).not.toContain('Taken back words');
    const staffs = await request(t.url).get('/api/me/export').auth(staff.token, { type: 'bearer' }).expect(200);
    expect(JSON.stringify(staffs.body)).not.toContain('Shared <b>words</b>');
    expect((staffs.body as MyDataView).entries).toEqual([]);
  });

  it('the page says the same, escaped and readable; both need signing in', async () => {
    const { t, given, posting } = app;
    const c = await given.community('Page');
    const member = await given.member(c);
    await posting.setDelay(c.id, 1);
    await posting.publishedThread(member, c.boards.community, 'Hello', '<script>alert(1)</script> hello');
    const page = await request(t.url).get('/api/me/export/page').auth(member.token, { type: 'bearer' }).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Everything P2P Board holds about you');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; hello');
    expect(page.text).not.toContain('<script>');
    expect(page.text).toContain('What you wrote');
    expect(page.text).toContain('never for whom');
    await request(t.url).get('/api/me/export').expect(401);
    await request(t.url).get('/api/me/export/page').expect(401);
  });
});
