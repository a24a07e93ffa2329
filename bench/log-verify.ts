/**
 * How fast the moderation log's hash chain verifies: records per second through the real verify
 * path (ModerationLog.verify, what `cli log:verify` and GET /api/communities/:cid/log/verify
 * call) over a 1,000,000-record chain in PostgreSQL, against a plain in-memory SHA-256 chain over
 * the same number of records of the same size, in the same process.
 *
 * Building the chain: the real append path (ModerationLog.append, one transaction and a head-row
 * lock per record) would take a long time for a million records, so the chain is built in SQL by
 * a recursive CTE, 100,000 records per INSERT: record n's words (with a salt of its own) and its
 * chained content are written out in SQL as libs/moderation/src/log.ts encodes them (sorted keys,
 * no whitespace), the content carrying sha256(salt || words) and the hash being sha256(previous
 * hash || content), as textsDigest and chainHash compute them. Nothing checks that encoding but
 * the verification itself: the run fails unless the real verify answers ok for all 1,000,000.
 *
 * Also timed, to show where the verify time goes: the same pages fetched without verifying; and
 * ChainVerifier (the library's verify) and canonicalEncoding alone on 100,000 records already in
 * memory.
 *
 * Run: SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register bench/log-verify.ts
 */
import { createHash, randomFillSync } from 'node:crypto';
import type * as LogServiceModule from '../apps/gateway/src/moderation/moderation-log.repository';
import type * as Moderation from '../libs/moderation/src';
import { CpuReport, cpuMeter, disturbance, formatCpu } from './lib/cpu';
import { envInt, nowMs, say } from './lib/env';
import { awaitQuiet } from './lib/gateway';
import { runBench } from './lib/harness';
import { machineInfo } from './lib/machine';
import { fmt, round, table, writeResults } from './lib/stats';
import { seedCommunities } from './lib/seed';

const RECORDS = envInt('BENCH_RECORDS', 1_000_000, 1, 10_000_000);
const BATCH = envInt('BENCH_BATCH', 100_000, 1, 1_000_000);
const IN_MEMORY = envInt('BENCH_IN_MEMORY_RECORDS', 100_000, 1, 1_000_000);
const REPS = envInt('BENCH_REPS', 2, 1, 10);
const DETAILS = { rule: 'contact-details' };

/** Record n in SQL: each column, and the canonical encoding chainHash hashes. */
const FUNCTIONS = `
CREATE FUNCTION bench_log_at(n bigint) RETURNS timestamptz LANGUAGE sql STABLE
  AS $$ SELECT timestamptz '2026-01-01 00:00:00+00' + n * interval '37 milliseconds' $$;
CREATE FUNCTION bench_log_action(n bigint) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT (ARRAY['hold', 'flag', 'hide', 'approve', 'restore'])[1 + n % 5] $$;
CREATE FUNCTION bench_log_post(n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE
  AS $$ SELECT md5('post-' || n)::uuid $$;
CREATE FUNCTION bench_log_entry(n bigint) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT 'Words of post ' || n || ' as they stood: I have had a hard week and wanted to say so here. '
               || 'Thank you all for listening, it helps more than I can say.' $$;
CREATE FUNCTION bench_log_reason(n bigint) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT 'Held by the guidelines check (contact details), record ' || n $$;
CREATE FUNCTION bench_log_salt(n bigint) RETURNS bytea LANGUAGE sql IMMUTABLE
  AS $$ SELECT decode(md5('salt-' || n), 'hex') $$;
CREATE FUNCTION bench_log_words(n bigint) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT '{"details":${JSON.stringify(DETAILS)},"entryText":"' || bench_log_entry(n)
               || '","reason":"' || bench_log_reason(n) || '"}' $$;
CREATE FUNCTION bench_log_digest(n bigint) RETURNS bytea LANGUAGE sql IMMUTABLE
  AS $$ SELECT sha256(bench_log_salt(n) || convert_to(bench_log_words(n), 'UTF8')) $$;
CREATE FUNCTION bench_log_text(n bigint, cid uuid, aid uuid, bid uuid) RETURNS text LANGUAGE sql STABLE
  AS $$ SELECT '{"action":"' || bench_log_action(n) || '","actorId":"' || aid || '","at":"'
               || to_char(bench_log_at(n) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
               || '","boardId":"' || bid || '","chain":"open","communityId":"' || cid
               || '","forMeeting":false,"postId":"' || bench_log_post(n) || '","refersTo":null,"removes":null,"seq":' || n
               || ',"textsDigest":"' || encode(bench_log_digest(n), 'hex') || '"}' $$;
`;

/** Records [from, to] of the chain, continuing from `prev` (null before the first). */
const INSERT_BATCH = `
WITH RECURSIVE c(n, prev, hash) AS (
  SELECT $1::bigint, $2::bytea,
         sha256(coalesce($2::bytea, ''::bytea) || convert_to(bench_log_text($1::bigint, $4, $5, $6), 'UTF8'))
  UNION ALL
  SELECT n + 1, hash, sha256(hash || convert_to(bench_log_text(n + 1, $4, $5, $6), 'UTF8')) FROM c WHERE n < $3
)
INSERT INTO moderation_log (community_id, chain, seq, at, actor_id, action, board_id, post_id, for_meeting,
                            texts_digest, prev_hash, hash)
SELECT $4, 'open', n, bench_log_at(n), $5, bench_log_action(n), $6, bench_log_post(n), false,
       bench_log_digest(n), prev, hash
  FROM c`;

/** The words of records [from, to], kept apart from the chain as the gateway keeps them. */
const INSERT_WORDS = `
INSERT INTO moderation_log_texts (log_id, salt, words)
SELECT id, bench_log_salt(seq), bench_log_words(seq)
  FROM moderation_log WHERE community_id = $1 AND chain = 'open' AND seq BETWEEN $2 AND $3`;

interface Timed {
  seconds: number;
  recordsPerSecond: number;
}

const timed = (records: number, ms: number): Timed => ({
  seconds: round(ms / 1000, 2),
  recordsPerSecond: Math.round(records / (ms / 1000)),
});

runBench('log-verify', 1200, async (run) => {
  const machine = await machineInfo(run);
  const { ModerationLog, toStoredRecord, LOG_SELECT } = run.app<typeof LogServiceModule>(
    'apps/gateway/src/moderation/moderation-log.repository',
  );
  if (typeof toStoredRecord !== 'function' || typeof LOG_SELECT !== 'string') {
    throw new Error('The build under test predates the log words kept apart (LOG_SELECT): bench a later commit.');
  }
  const { ChainVerifier, canonicalEncoding } = run.app<typeof Moderation>('libs/moderation/src');
  const [community] = await seedCommunities(run, { communities: 1, membersEach: 1, postingDelaySeconds: 0 });
  const cid = community.id;
  const actor = community.members[0].id;
  const board = community.boards.community;
  const db = run.db;

  // The chain, built in SQL.
  await db.query(FUNCTIONS);
  say(`building a ${RECORDS.toLocaleString('en')}-record chain in SQL, ${BATCH.toLocaleString('en')} per INSERT ...`);
  let t0 = nowMs();
  let prev: Buffer | null = null;
  for (let from = 1; from <= RECORDS; from += BATCH) {
    const to = Math.min(RECORDS, from + BATCH - 1);
    await db.query(INSERT_BATCH, [from, prev, to, cid, actor, board]);
    await db.query(INSERT_WORDS, [cid, from, to]);
    const [last] = await db.query<{ hash: Buffer }[]>(
      `SELECT hash FROM moderation_log WHERE community_id = $1 AND chain = 'open' AND seq = $2`,
      [cid, to],
    );
    prev = last.hash;
    if (to % (BATCH * 2) === 0 || to === RECORDS) say(`  ${to.toLocaleString('en')} records`);
  }
  await db.query(`INSERT INTO moderation_log_heads (community_id, chain, seq, hash) VALUES ($1, 'open', $2, $3)`, [
    cid,
    RECORDS,
    prev,
  ]);
  const buildSeconds = round((nowMs() - t0) / 1000, 1);
  t0 = nowMs();
  await db.query(`VACUUM (ANALYZE) moderation_log`);
  await db.query(`VACUUM (ANALYZE) moderation_log_texts`);
  const vacuumSeconds = round((nowMs() - t0) / 1000, 1);
  const [{ bytes }] = await db.query<{ bytes: string }[]>(`SELECT pg_total_relation_size('moderation_log') AS bytes`);
  say(
    `built in ${buildSeconds} s (VACUUM ANALYZE ${vacuumSeconds} s); table with indexes ${fmt(Number(bytes) / 2 ** 20, 0)} MiB`,
  );

  // The records as the verify path sees them (the first IN_MEMORY, for the in-memory timings).
  const log = new ModerationLog(db);
  type Row = LogServiceModule.LogRow;
  const sample: Moderation.StoredLogRecord[] = [];
  for (let after = 0; sample.length < Math.min(IN_MEMORY, RECORDS);) {
    const rows = await db.query<Row[]>(
      `${LOG_SELECT} WHERE l.community_id = $1 AND l.chain = 'open' AND l.seq > $2 ORDER BY l.seq LIMIT 5000`,
      [cid, after],
    );
    for (const r of rows) if (sample.length < IN_MEMORY) sample.push(toStoredRecord(r));
    after = Number(rows[rows.length - 1].seq);
  }
  // What a record hashes: its chained content, and its words (under their salt) for the digest.
  const sizes = sample.map(
    (r) =>
      Buffer.byteLength(canonicalEncoding(r.content), 'utf8') +
      (r.texts && 'words' in r.texts ? Buffer.byteLength(r.texts.words, 'utf8') + 16 : 0),
  );
  const recordBytes = Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length);
  say(`records: ${recordBytes} bytes of canonical encoding on average (+ 32 bytes of previous hash each)`);

  const quiet = await awaitQuiet();
  const phases: Record<string, (Timed & { cpu: CpuReport })[]> = {};
  const measure = async (name: string, records: number, fn: () => unknown) => {
    const meter = cpuMeter({});
    const t = nowMs();
    await fn();
    const r = { ...timed(records, nowMs() - t), cpu: meter.stop() };
    (phases[name] ??= []).push(r);
    say(`  ${name}: ${fmt(r.seconds, 2)} s, ${r.recordsPerSecond.toLocaleString('en')} records/s`);
    say(`    ${formatCpu(r.cpu)}`);
    const d = disturbance(r.cpu);
    if (d) say(`    ${d}`);
    return r;
  };

  // Plain SHA-256 chain: RECORDS records of recordBytes each, in one buffer made beforehand.
  const plain = Buffer.allocUnsafe(RECORDS * recordBytes);
  randomFillSync(plain);
  let plainHead = '';
  const plainChain = () => {
    let h: Buffer | null = null;
    for (let i = 0; i < RECORDS; i++) {
      const hash = createHash('sha256');
      if (h) hash.update(h);
      hash.update(plain.subarray(i * recordBytes, (i + 1) * recordBytes));
      h = hash.digest();
    }
    plainHead = h!.toString('hex');
  };

  const results: Moderation.VerifyResult[] = [];
  say(`measuring (${REPS} rounds) ...`);
  for (let rep = 0; rep < REPS; rep++) {
    await measure('real verify: ModerationLog.verify (one binary COPY stream + ChainVerifier)', RECORDS, async () =>
      results.push(await log.verify(cid, 'open')),
    );
    await measure('baseline: plain in-memory SHA-256 chain', RECORDS, plainChain);
  }
  const bad = results.find((r) => !r.ok || r.entries !== RECORDS);
  if (bad) throw new Error(`the built chain does not verify: ${JSON.stringify(bad)}`);
  if (results[0].head !== prev?.toString('hex')) throw new Error('verify ended on a different head');

  say('where the verify time goes:');
  await measure('fetch only: the same 5,000-row pages, rows mapped, no hashing', RECORDS, async () => {
    let n = 0;
    for (let after = 0; ;) {
      const rows = await db.query<Row[]>(
        `${LOG_SELECT} WHERE l.community_id = $1 AND l.chain = $2 AND l.seq > $3 ORDER BY l.seq LIMIT 5000`,
        [cid, 'open', after],
      );
      for (const r of rows) n += toStoredRecord(r).content.seq > 0 ? 1 : 0;
      if (rows.length < 5000) break;
      after = Number(rows[rows.length - 1].seq);
    }
    if (n !== RECORDS) throw new Error(`fetched ${n}`);
  });
  await measure(`ChainVerifier alone, ${sample.length.toLocaleString('en')} records in memory`, sample.length, () => {
    const v = new ChainVerifier();
    for (const r of sample) v.add(r);
    if (!v.result().ok) throw new Error('in-memory verify failed');
  });
  await measure(`canonicalEncoding alone, ${sample.length.toLocaleString('en')} records`, sample.length, () => {
    let n = 0;
    for (const r of sample) n += canonicalEncoding(r.content).length;
    return n;
  });

  const best = (name: string) => Math.max(...phases[name].map((p) => p.recordsPerSecond));
  const real = best('real verify: ModerationLog.verify (one binary COPY stream + ChainVerifier)');
  const base = best('baseline: plain in-memory SHA-256 chain');
  say('');
  say(`Verifying a ${RECORDS.toLocaleString('en')}-record chain (records of ~${recordBytes} bytes):`);
  say(
    table(
      ['', 'seconds (each round)', 'records/s (each round)'],
      Object.entries(phases).map(([name, ps]) => [
        name,
        ps.map((p) => fmt(p.seconds, 2)).join(', '),
        ps.map((p) => p.recordsPerSecond.toLocaleString('en')).join(', '),
      ]),
    ),
  );
  say(`real verify / plain chain, best rounds: ${fmt(real / base, 3)} (${fmt(base / real, 1)}x slower)`);
  writeResults(run, {
    machine,
    params: { records: RECORDS, batch: BATCH, inMemory: IN_MEMORY, reps: REPS },
    built: {
      how: 'recursive CTE in SQL, sha256(prev || canonical encoding)',
      buildSeconds,
      vacuumSeconds,
      tableBytes: Number(bytes),
    },
    recordBytes,
    quietBefore: quiet,
    verify: results[0],
    plainHead,
    phases,
    ratio: real / base,
  });
});
