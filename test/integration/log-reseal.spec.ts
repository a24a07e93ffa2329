import { createHash, randomBytes } from 'node:crypto';
import { ChainVerifier } from '@p2p/moderation';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  LOG_SELECT,
  LogRow,
  toLogView,
  toStoredRecord,
} from '../../apps/gateway/src/moderation/moderation-log.repository';
import { migrationOptions } from '../../apps/gateway/src/platform/database/migrate';
import { migrations } from '../../migrations';

/**
 * The migration that moved the log's words apart re-seals chains written in the old form: it
 * checks each with the old rule, re-hashes it in the new one and closes it with a 'reseal' record
 * carrying the old head, so a log that was whole stays whole and one that was not says so.
 */
describe('re-sealing a log written in the old form', () => {
  const name = `p2p_reseal_${randomBytes(4).toString('hex')}`;
  let admin: Client;
  let db: Client;
  const url = new URL(process.env.P2P_TEST_ADMIN_URL!);
  url.pathname = `/${name}`;
  const before = migrations.findIndex((m) => m.name.startsWith('LogWords'));

  beforeAll(async () => {
    admin = new Client({ connectionString: process.env.P2P_TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const old = new DataSource({ ...migrationOptions(url.toString()), migrations: migrations.slice(0, before) });
    await old.initialize();
    await old.runMigrations({ transaction: 'each' });
    await old.destroy();
    db = new Client({ connectionString: url.toString() });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  function canonical(value: unknown): string {
    if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
    if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }

  /** Writes a chain as the gateway did before: the words and the actor's name inside the hash. */
  async function oldChain(communityId: string, actor: { id: string; name: string }, n: number): Promise<string> {
    let prev: Buffer | null = null;
    let firstId = '';
    for (let seq = 1; seq <= n; seq++) {
      // Record 2 marks record 1 for the meeting, as the gateway did: the link only in its details.
      const marks = seq === 2;
      const rec = {
        communityId,
        chain: 'open',
        seq,
        at: new Date(Date.UTC(2026, 10, 20, 10, seq)).toISOString(),
        actorId: actor.id,
        actorName: actor.name,
        action: marks ? 'mark-for-meeting' : 'annotate',
        boardId: null,
        postId: null,
        entryText: `words ${seq}`,
        reason: `note ${seq}`,
        details: marks ? { logId: firstId, markedAction: 'annotate' } : { n: seq, nested: { b: 1, a: 2 } },
        forMeeting: false,
      };
      const h = createHash('sha256');
      if (prev) h.update(prev);
      const hash = h.update(canonical(rec)).digest();
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO moderation_log (community_id, chain, seq, at, actor_id, actor_name, action, entry_text, reason,
                                     details, for_meeting, prev_hash, hash)
         VALUES ($1, 'open', $2, $3, $4, $5, $6, $7, $8, $9, false, $10, $11) RETURNING id`,
        [
          communityId,
          seq,
          rec.at,
          actor.id,
          actor.name,
          rec.action,
          rec.entryText,
          rec.reason,
          rec.details,
          prev,
          hash,
        ],
      );
      if (seq === 1) firstId = rows[0].id;
      prev = hash;
    }
    await db.query(`INSERT INTO moderation_log_heads (community_id, chain, seq, hash) VALUES ($1, 'open', $2, $3)`, [
      communityId,
      n,
      prev,
    ]);
    return prev!.toString('hex');
  }

  /** A record's hash by the old rule, from its row as the old form stored it. */
  function oldRecordHash(
    prev: Buffer | null,
    r: {
      community_id: string;
      chain: string;
      seq: string;
      at: Date;
      actor_id: string | null;
      actor_name: string | null;
      action: string;
      board_id: string | null;
      post_id: string | null;
      entry_text: string | null;
      reason: string | null;
      details: Record<string, unknown>;
      for_meeting: boolean;
      hash: Buffer;
    },
  ): Buffer {
    const h = createHash('sha256');
    if (prev) h.update(prev);
    return h
      .update(
        canonical({
          communityId: r.community_id,
          chain: r.chain,
          seq: Number(r.seq),
          at: r.at.toISOString(),
          actorId: r.actor_id,
          actorName: r.actor_name,
          action: r.action,
          boardId: r.board_id,
          postId: r.post_id,
          entryText: r.entry_text,
          reason: r.reason,
          details: r.details,
          forMeeting: r.for_meeting,
        }),
      )
      .digest();
  }

  const verify = async (communityId: string) => {
    const v = new ChainVerifier();
    const rows = await db.query<LogRow>(`${LOG_SELECT} WHERE l.community_id = $1 AND l.chain = 'open' ORDER BY l.seq`, [
      communityId,
    ]);
    rows.rows.forEach((r) => v.add(toStoredRecord(r)));
    return { result: v.result(), rows: rows.rows };
  };

  it('keeps a whole chain whole, says what it was, and keeps every word', async () => {
    const [{ id: user }] = (
      await db.query(
        `INSERT INTO users (username, display_name, password_hash) VALUES ('robin', 'Robin', 'x') RETURNING id`,
      )
    ).rows;
    const community = async (slug: string) =>
      (await db.query(`INSERT INTO communities (slug, name) VALUES ($1, $1) RETURNING id`, [slug])).rows[0]
        .id as string;
    const whole = await community('whole');
    const tampered = await community('tampered');
    const wholeHead = await oldChain(whole, { id: user, name: 'Robin' }, 2500);
    await oldChain(tampered, { id: user, name: 'Robin' }, 4);
    await db.query(`SET session_replication_role = replica`);
    await db.query(`UPDATE moderation_log SET reason = 'softer' WHERE community_id = $1 AND seq = 3`, [tampered]);
    await db.query(`SET session_replication_role = origin`);

    const ds = await new DataSource(migrationOptions(url.toString())).initialize();
    expect((await ds.runMigrations({ transaction: 'each' })).map((m) => m.name)).toContain('LogWords1766300000000');
    await ds.destroy();

    const a = await verify(whole);
    expect(a.result).toMatchObject({ ok: true, entries: 2501 });
    const last = a.rows[2500];
    expect(last).toMatchObject({ action: 'reseal', for_meeting: true });
    expect(toLogView(last).details).toEqual({ previousEntries: 2500, previousHead: wholeHead, previousCheck: 'whole' });
    // The mark now points at what it marks from the chain, so the link outlives the words.
    expect(a.rows[1]).toMatchObject({ action: 'mark-for-meeting', refers_to: a.rows[0].id });
    expect(a.rows[2].refers_to).toBeNull();
    expect(toLogView(a.rows[1233])).toMatchObject({
      entryText: 'words 1234',
      reason: 'note 1234',
      actor: { displayName: 'Robin' },
      details: { n: 1234, nested: { a: 2, b: 1 } },
    });
    const [head] = (await db.query(`SELECT seq, hash FROM moderation_log_heads WHERE community_id = $1`, [whole])).rows;
    expect([Number(head.seq), head.hash.equals(last.hash)]).toEqual([2501, true]);

    // A chain that was already broken is re-sealed too, and its closing record says what was found.
    const b = await verify(tampered);
    expect(b.result.ok).toBe(true);
    expect(toLogView(b.rows[4]).details).toMatchObject({ previousCheck: 'record 3 had been altered' });
    expect(toLogView(b.rows[4]).reason).toMatch(/record 3 had been altered/);

    // The words are now kept apart, and guarded: removed, never changed.
    await expect(db.query(`UPDATE moderation_log_texts SET words = 'x' WHERE log_id = $1`, [last.id])).rejects.toThrow(
      /can only be removed/,
    );
    await expect(db.query(`DELETE FROM moderation_log_texts WHERE log_id = $1`, [last.id])).rejects.toThrow(
      /can only be removed/,
    );

    // And back: undone, every chain is whole again by the old rule, its words back in its records.
    const back = await new DataSource(migrationOptions(url.toString())).initialize();
    while (
      (await back.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`))[0].name !== 'HardDays1766200000000'
    ) {
      await back.undoLastMigration({ transaction: 'each' });
    }
    await back.destroy();
    const old = await db.query<{ seq: string; prev_hash: Buffer | null; hash: Buffer; entry_text: string | null }>(
      `SELECT * FROM moderation_log WHERE community_id = $1 AND chain = 'open' ORDER BY seq`,
      [whole],
    );
    let prev: Buffer | null = null;
    for (const r of old.rows as unknown as Parameters<typeof oldRecordHash>[1][]) {
      expect(oldRecordHash(prev, r).equals(r.hash)).toBe(true);
      prev = r.hash;
    }
    expect(old.rows).toHaveLength(2501);
    expect(old.rows[1233].entry_text).toBe('words 1234');
  });
});
