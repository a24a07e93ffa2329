import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MyDataView } from '@p2p/contract';
import { DataSource } from 'typeorm';
import { ModerationLog } from '../../apps/gateway/src/moderation/moderation-log.repository';
import { Given } from '../support/given';
import { runCli } from '../../apps/gateway/src/cli/cli';
import { DEMO_USERS, seedDemo } from '../../apps/gateway/src/cli/demo-seed';
import { testDb, testEnv } from '../support/app';

describe('the operator command line', () => {
  let db: DataSource;
  const out: string[] = [];
  const err: string[] = [];
  const cli = (...args: string[]) =>
    runCli(
      args,
      (l) => void out.push(l),
      (l) => void err.push(l),
    );

  beforeAll(async () => {
    process.env.DATABASE_URL = testEnv().DATABASE_URL;
    db = await testDb();
  });
  afterAll(() => db.destroy());
  beforeEach(() => {
    out.length = 0;
    err.length = 0;
  });

  it('creates a community, an account, and admits it as staff', async () => {
    const slug = `cli-${Date.now().toString(36)}`;
    expect(await cli('community:create', '--slug', slug, '--name', 'From the CLI', '--posting-delay', '60')).toBe(0);
    expect(await cli('user:create', '--username', `${slug}-staff`, '--password', 'long-enough-pw')).toBe(0);
    expect(await cli('member:admit', '--community', slug, '--username', `${slug}-staff`, '--role', 'staff')).toBe(0);
    const [row] = await db.query(
      `SELECT c.posting_delay_seconds, m.role, (SELECT count(*)::int FROM boards b WHERE b.community_id = c.id) AS boards
         FROM communities c JOIN memberships m ON m.community_id = c.id WHERE c.slug = $1`,
      [slug],
    );
    expect(row).toEqual({ posting_delay_seconds: 60, role: 'staff', boards: 3 });
  });

  it('tells the operator which communities have only the national crisis lines, and stops once one is added', async () => {
    const slug = `cli-local-${Date.now().toString(36)}`;
    expect(await cli('community:create', '--slug', slug, '--name', 'No local contact yet')).toBe(0);
    expect(out[1]).toBe(
      `Community ${slug} has only the national crisis lines. Ask its staff to add a local crisis team (PATCH /api/communities/{id}, crisisContacts), so members can reach someone near them.`,
    );
    const listed = async () => {
      out.length = 0;
      expect(await cli('community:check')).toBe(0);
      return out.some((l) => l.startsWith(`Community ${slug} has only`));
    };
    const contacts = (list: object[]) =>
      db.query(`UPDATE communities SET crisis_contacts = $2::jsonb WHERE slug = $1`, [slug, JSON.stringify(list)]);
    expect(await listed()).toBe(true);
    // A line with only a name (an old placeholder) is not a contact; a number is.
    const samaritans = { name: 'Samaritans', phone: '116 123' };
    await contacts([samaritans, { name: 'Local crisis team', note: 'to be added' }]);
    expect(await listed()).toBe(true);
    await contacts([samaritans, { name: 'Local crisis team', phone: '01900 000000' }]);
    expect(await listed()).toBe(false);
  });

  it('explains what went wrong in one sentence', async () => {
    expect(await cli('member:admit', '--community', 'no-such-place', '--username', 'nobody')).toBe(1);
    expect(err).toEqual(['There is no community called "no-such-place".']);
  });

  it('refuses a short password before touching the database', async () => {
    expect(await cli('user:create', '--username', 'shorty', '--password', 'short')).toBe(2);
    expect(err.join(' ')).toMatch(/at least 10 characters/);
  });

  it('checks a JSONL file against the guidelines, one result per line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'p2p-cli-'));
    const input = path.join(dir, 'in.jsonl');
    const output = path.join(dir, 'out.jsonl');
    writeFileSync(
      input,
      [
        { id: 'a', text: "I've decided I'm going to end it tonight. I've got everything ready." },
        { id: 'b', text: 'Thinking of you all today. See you Friday.' },
        { id: 'c', text: 'Text me on 07700 900123 if you want to talk outside of here.' },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    expect(await cli('guidelines:check', '--in', input, '--out', output)).toBe(0);
    const lines = readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.id, l.outcome])).toEqual([
      ['a', 'hold'],
      ['b', 'publish'],
      ['c', 'warn'],
    ]);
    expect(lines[0]).toMatchObject({
      category: 'imminent-harm-self',
      rule: 'imminent-harm-self',
      matched: expect.any(String),
    });
    expect(out.join(' ')).toMatch(/Checked 3 lines/);
  });

  it('verifies a community log, and fails loudly when it has been altered', async () => {
    const given = new Given(db);
    const c = await given.community();
    const log = new ModerationLog(db);
    for (let i = 0; i < 3; i++) {
      await db.transaction((em) =>
        log.append(em, { communityId: c.id, actorId: null, action: 'annotate', reason: `note ${i}` }),
      );
    }
    const [{ slug }] = await db.query(`SELECT slug FROM communities WHERE id = $1`, [c.id]);
    expect(await cli('log:verify', '--community', slug)).toBe(0);
    expect(out.join('\n')).toMatch(/open: ok, 3 records/);
    const qr = db.createQueryRunner();
    await qr.connect();
    await qr.query(`SET session_replication_role = replica`);
    await qr.query(
      `UPDATE moderation_log_texts SET words = replace(words, 'note', 'changed')
        WHERE log_id = (SELECT id FROM moderation_log WHERE community_id = $1 AND seq = 3)`,
      [c.id],
    );
    await qr.query(`SET session_replication_role = origin`);
    await qr.release();
    expect(await cli('log:verify', '--community', slug)).toBe(1);
    expect(out.join('\n')).toMatch(/open: BROKEN at record 3/);
  });

  it('seeds the demo community once, and only once', async () => {
    const first = await seedDemo(db);
    const second = await seedDemo(db);
    expect([first, second].filter(Boolean).length).toBeLessThanOrEqual(1);
    const rows = await db.query(
      `SELECT u.username, m.role, m.is_top3 FROM memberships m JOIN users u ON u.id = m.user_id
         JOIN communities c ON c.id = m.community_id WHERE c.slug = 'demo' ORDER BY u.username`,
    );
    expect(rows).toEqual(
      DEMO_USERS.filter((u) => u.role !== 'operator')
        .map((u) => ({
          username: u.username,
          role: u.role === 'staff' ? 'staff' : 'member',
          is_top3: u.role === 'top3',
        }))
        .sort((a, b) => a.username.localeCompare(b.username)),
    );
    const [op] = await db.query(`SELECT is_operator FROM users WHERE username = 'operator'`);
    expect(op.is_operator).toBe(true);
  });

  it("makes a person's export on a documented request, and keeps the request in the operator's log", async () => {
    const given = new Given(db);
    const c = await given.community();
    const member = await given.member(c);
    const [{ username }] = await db.query<{ username: string }[]>(`SELECT username FROM users WHERE id = $1`, [
      member.id,
    ]);
    const dir = mkdtempSync(path.join(tmpdir(), 'p2p-export-'));
    const out = path.join(dir, 'export.json');
    expect(
      await cli('member:export', '--username', username, '--request', 'Letter of 1 Dec, ref SAR-7', '--out', out),
    ).toBe(0);
    const data = JSON.parse(readFileSync(out, 'utf8')) as MyDataView;
    expect(data.profile.id).toBe(member.id);
    expect(data.operatorRequests).toEqual([
      expect.objectContaining({ action: 'subject-access-export', reference: 'Letter of 1 Dec, ref SAR-7' }),
    ]);
    const page = path.join(dir, 'export.html');
    expect(await cli('member:export', '--username', username, '--request', 'SAR-8', '--out', page)).toBe(0);
    expect(readFileSync(page, 'utf8')).toContain('Everything P2P Board holds about you');
    expect(await cli('member:export', '--username', username, '--request', ' ', '--out', page)).toBe(1);
    expect(err.join('\n')).toContain('--request should say where the request is documented');
    const logged = await db.query(`SELECT reference FROM operator_actions WHERE subject_user_id = $1 ORDER BY at`, [
      member.id,
    ]);
    expect(logged).toEqual([{ reference: 'Letter of 1 Dec, ref SAR-7' }, { reference: 'SAR-8' }]);
  });

  it("erases a person's account on a documented request, only when told it cannot be undone", async () => {
    const given = new Given(db);
    const c = await given.community();
    const member = await given.member(c);
    const [{ username }] = await db.query<{ username: string }[]>(`SELECT username FROM users WHERE id = $1`, [
      member.id,
    ]);
    expect(await cli('member:erase', '--username', username, '--request', 'Email of 2 Dec, ref ER-1')).toBe(1);
    expect(err.join('\n')).toContain('add --yes to confirm');
    expect(await cli('member:erase', '--username', username, '--request', 'Email of 2 Dec, ref ER-1', '--yes')).toBe(0);
    expect(out.join('\n')).toMatch(/Erased .*The operator's log keeps "Email of 2 Dec, ref ER-1"/);
    const [gone] = await db.query(
      `SELECT username, display_name, erased_at IS NOT NULL AS erased FROM users WHERE id = $1`,
      [member.id],
    );
    expect(gone).toEqual({
      username: expect.stringMatching(/^former-/),
      display_name: 'a former member',
      erased: true,
    });
    expect(
      await db.query(`SELECT action, reference FROM operator_actions WHERE subject_user_id = $1`, [member.id]),
    ).toEqual([{ action: 'erasure', reference: 'Email of 2 Dec, ref ER-1' }]);
    expect(await cli('member:erase', '--username', username, '--request', 'again', '--yes')).toBe(1);
  });
});
