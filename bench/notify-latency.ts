/**
 * How soon a hold reaches the Top 3 by email, and how punctual the escalation ladder is.
 *
 * Ours: 20 communities of 10 members (3 of them Top 3, each with email turned on). Each round,
 * 200 imminent-risk posts are written over HTTP (10 per community, 20 a second); the guidelines
 * hold each at once, and each hold makes an email to each of the community's three Top 3
 * members. Latency = the moment the local SMTP server holds the email (this process' clock)
 * minus the hold's review_since (the database's clock, same machine). Then one hold per
 * community has both ladder steps brought forward to a due time two and three seconds ahead (as
 * the clock would bring them), and lateness = the moment the step's email arrives minus its due
 * time.
 *
 * The same holds also go to each Top 3 member's one device through Web Push, to a push service
 * this process runs over HTTPS (its certificate trusted by the gateway through
 * NODE_EXTRA_CA_CERTS): latency = arrival at the push service minus the hold.
 *
 * Baseline (same run): a bare nodemailer send from this process to the same SMTP server, 600 at
 * the same pace; latency = arrival minus the call.
 *
 * Three rounds; prints one table with each round and the spread.
 *
 *   SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register bench/notify-latency.ts
 */
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import selfsigned from 'selfsigned';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';
import { envInt, nowMs, say } from './lib/env';
import { startGateway } from './lib/gateway';
import { BenchRun, runBench } from './lib/harness';
import { fmt, summarize, table, writeResults } from './lib/stats';
import { SeededCommunity, postJson, seedCommunities } from './lib/seed';

const ROUNDS = envInt('BENCH_ROUNDS', 3, 1, 10);
const COMMUNITIES = 20;
const HOLDS_EACH = 10;
const PER_SECOND = 20;
const HARM = "I've decided I'm going to end it tonight after everyone's asleep. I've got everything ready.";

/** A local SMTP server that notes when each message arrived, by recipient. */
async function smtpServer(): Promise<{
  url: string;
  arrivals: { to: string; at: number; subject: string }[];
  stop(): Promise<void>;
}> {
  const arrivals: { to: string; at: number; subject: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (head.length < 2000) head += c.toString('utf8');
      });
      stream.on('end', () => {
        const at = nowMs();
        const subject = /^Subject: (.*)$/m.exec(head)?.[1] ?? '';
        for (const r of session.envelope.rcptTo) arrivals.push({ to: r.address, at, subject });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, arrivals, stop: () => new Promise((r) => server.close(() => r())) };
}

/** A push service on 127.0.0.1 over HTTPS with a certificate made here; notes each push's arrival by subscriber. */
async function pushService(): Promise<{
  url: string;
  caFile: string;
  arrivals: { user: string; at: number }[];
  stop(): Promise<void>;
}> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    notAfterDate: new Date(Date.now() + 86_400_000),
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'p2p-bench-push-'));
  const caFile = path.join(dir, 'push-ca.pem');
  writeFileSync(caFile, pems.cert);
  const arrivals: { user: string; at: number }[] = [];
  const server = createHttpsServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    req.resume();
    req.on('end', () => {
      arrivals.push({ user: (req.url ?? '').replace('/push/', ''), at: nowMs() });
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    caFile,
    arrivals,
    stop: () =>
      new Promise((r) =>
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          r();
        }),
      ),
  };
}

runBench('notify-latency', 900, async (run: BenchRun) => {
  const smtp = await smtpServer();
  run.onCleanup('stop the SMTP server', () => smtp.stop());
  const communities: SeededCommunity[] = await seedCommunities(run, {
    communities: COMMUNITIES,
    membersEach: 10,
    postingDelaySeconds: 0,
  });
  await run.db.query(
    `INSERT INTO notification_settings (user_id, email, email_on)
     SELECT m.user_id, m.user_id || '@bench.test', true FROM memberships m WHERE m.is_top3`,
  );
  await run.db.query(`UPDATE communities SET on_call_email = 'on-call-' || id || '@bench.test'`);
  // A push service of our own, over HTTPS (web-push speaks nothing else), trusted by the gateway
  // through NODE_EXTRA_CA_CERTS; each Top 3 member's one device is subscribed to it.
  const push = await pushService();
  run.onCleanup('stop the push service', () => push.stop());
  const subscribed = await run.db.query<{ user_id: string }[]>(`SELECT user_id FROM memberships WHERE is_top3`);
  for (const { user_id } of subscribed) {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    await run.db.query(`INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth) VALUES ($1, $2, $3, $4)`, [
      user_id,
      `${push.url}/push/${user_id}`,
      ecdh.getPublicKey().toString('base64url'),
      randomBytes(16).toString('base64url'),
    ]);
  }
  const gateway = await startGateway(run, {
    SMTP_URL: smtp.url,
    PUSH_ENDPOINT_HOSTS: '127.0.0.1',
    NODE_EXTRA_CA_CERTS: push.caFile,
  });
  run.onCleanup('stop the gateway', () => gateway.stop());

  const rows: string[][] = [];
  const summary = {
    ours50: [] as number[],
    ours99: [] as number[],
    push50: [] as number[],
    push99: [] as number[],
    bare50: [] as number[],
    bare99: [] as number[],
    late99: [] as number[],
    lateMax: [] as number[],
  };
  const ladderMinutes = (escalate: number, onCall: number) =>
    run.db.query(`UPDATE communities SET escalate_after_minutes = $1, on_call_after_minutes = $2`, [escalate, onCall]);
  for (let round = 1; round <= ROUNDS; round++) {
    // Ours: 200 holds at 20 a second (their ladders a day away, out of the way).
    await ladderMinutes(1440, 2880);
    const postIds: string[] = [];
    const seen = () => smtp.arrivals.filter((a) => a.subject.includes('needs a Top 3 member')).length;
    const base = seen();
    const pushBase = push.arrivals.length;
    const t0 = nowMs();
    for (let i = 0; i < COMMUNITIES * HOLDS_EACH; i++) {
      const c = communities[i % COMMUNITIES];
      const author = c.members[3 + (i % 7)];
      const wait = t0 + (i * 1000) / PER_SECOND - nowMs();
      if (wait > 0) await sleep(wait);
      const res = await postJson<{ post: { id: string; status: string } }>(
        `${gateway.url}/api/boards/${c.boards.community}/threads`,
        author.token,
        { title: 'Tonight', body: HARM },
      );
      if (res.status !== 202 || res.body.post.status !== 'held') throw new Error(`not held: ${res.status}`);
      postIds.push(res.body.post.id);
    }
    const expected = postIds.length * 3;
    for (const end = Date.now() + 120_000; seen() - base < expected && Date.now() < end;) await sleep(50);
    const holds = await run.db.query<{ id: string; community_id: string; at: number }[]>(
      `SELECT id, community_id, extract(epoch FROM review_since) * 1000 AS at FROM posts WHERE id = ANY($1::uuid[])`,
      [postIds],
    );
    const top3 = await run.db.query<{ community_id: string; user_id: string }[]>(
      `SELECT community_id, user_id FROM memberships WHERE is_top3`,
    );
    const inbox = new Map<string, number[]>();
    for (const a of smtp.arrivals.filter((x) => x.subject.includes('something on the board needs'))) {
      inbox.set(a.to, [...(inbox.get(a.to) ?? []), a.at]);
    }
    for (const end = Date.now() + 60_000; push.arrivals.length - pushBase < expected && Date.now() < end;)
      await sleep(50);
    const pushed = new Map<string, number[]>();
    for (const a of push.arrivals.slice(pushBase)) pushed.set(a.user, [...(pushed.get(a.user) ?? []), a.at]);
    // Each hold's emails and pushes: the earliest unused arrival for each Top 3 member after the hold.
    const ours: number[] = [];
    const ourPushes: number[] = [];
    const used = new Set<string>();
    for (const h of [...holds].sort((a, b) => a.at - b.at)) {
      for (const m of top3.filter((x) => x.community_id === h.community_id)) {
        for (const [kind, list, out] of [
          ['email', inbox.get(`${m.user_id}@bench.test`) ?? [], ours],
          ['push', pushed.get(m.user_id) ?? [], ourPushes],
        ] as const) {
          const i = list.findIndex((t, k) => t >= h.at && !used.has(`${kind}:${m.user_id}:${k}`));
          if (i >= 0) {
            used.add(`${kind}:${m.user_id}:${i}`);
            out.push(list[i] - Number(h.at));
          }
        }
      }
    }

    // Baseline: bare nodemailer, 600 sends at the same pace.
    const transport = nodemailer.createTransport({ url: smtp.url } as SMTPTransport.Options);
    const bare: number[] = [];
    const b0 = nowMs();
    await Promise.all(
      Array.from({ length: expected }, async (_, i) => {
        const wait = b0 + (i * 1000) / (PER_SECOND * 3) - nowMs();
        if (wait > 0) await sleep(wait);
        const to = `bare-${round}-${i}@bench.test`;
        const start = nowMs();
        await transport.sendMail({ from: 'bench@bench.test', to, subject: 'bare', text: 'bare' });
        const got = smtp.arrivals.find((a) => a.to === to);
        if (got) bare.push(got.at - start);
      }),
    );
    transport.close();

    // The ladder, in real minutes: one hold per community with the shortest ladder a community
    // can set (1 and 2 minutes); lateness = arrival of each step's email minus its due time.
    await ladderMinutes(1, 2);
    const ladderPosts: { id: string; communityId: string }[] = [];
    for (const c of communities) {
      const res = await postJson<{ post: { id: string } }>(
        `${gateway.url}/api/boards/${c.boards.community}/threads`,
        c.members[3].token,
        { title: 'Tonight', body: HARM },
      );
      ladderPosts.push({ id: res.body.post.id, communityId: c.id });
    }
    const ladderStart = nowMs();
    for (const end = Date.now() + 10_000; Date.now() < end; await sleep(100)) {
      const [{ n }] = await run.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM escalations WHERE post_id = ANY($1::uuid[])`,
        [ladderPosts.map((p) => p.id)],
      );
      if (n === ladderPosts.length * 2) break;
    }
    const due = await run.db.query<{ post_id: string; step: string; due: number }[]>(
      `SELECT post_id, step, extract(epoch FROM due_at) * 1000 AS due FROM escalations WHERE post_id = ANY($1::uuid[])`,
      [ladderPosts.map((p) => p.id)],
    );
    await sleep(Math.max(0, Math.max(...due.map((d) => Number(d.due))) - nowMs()) + 5000);
    const late: number[] = [];
    for (const d of due) {
      const communityId = ladderPosts.find((p) => p.id === d.post_id)!.communityId;
      const to =
        d.step === 'on-call'
          ? [`on-call-${communityId}@bench.test`]
          : top3.filter((x) => x.community_id === communityId).map((m) => `${m.user_id}@bench.test`);
      for (const address of to) {
        const first = smtp.arrivals.find(
          (a) =>
            a.to === address &&
            a.at >= ladderStart &&
            a.at >= Number(d.due) - 5000 &&
            (d.step === 'on-call' || a.at > Number(d.due) - 5000),
        );
        if (first) late.push(first.at - Number(d.due));
      }
    }

    const o = summarize(ours);
    const pu = summarize(ourPushes);
    summary.push50.push(pu.p50);
    summary.push99.push(pu.p99);
    const b = summarize(bare);
    const l = summarize(late);
    summary.ours50.push(o.p50);
    summary.ours99.push(o.p99);
    summary.bare50.push(b.p50);
    summary.bare99.push(b.p99);
    summary.late99.push(l.p99);
    summary.lateMax.push(l.max);
    rows.push([
      String(round),
      `${o.n}/${expected}`,
      fmt(o.p50),
      fmt(o.p99),
      `${pu.n}/${expected}`,
      fmt(pu.p50),
      fmt(pu.p99),
      fmt(b.p50),
      fmt(b.p99),
      `${l.n}/${due.filter((d) => d.step === 'on-call').length + due.filter((d) => d.step !== 'on-call').length * 3}`,
      fmt(l.p50),
      fmt(l.p99),
      fmt(l.max),
    ]);
    say(
      `round ${round}: ${o.n} hold emails p99 ${fmt(o.p99)} ms; ${pu.n} pushes p99 ${fmt(pu.p99)} ms; bare p99 ${fmt(b.p99)} ms; ladder p99 ${fmt(l.p99)} ms late`,
    );
  }
  const spread = (xs: number[]) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
  say('');
  say(
    table(
      [
        'round',
        'hold emails arrived',
        'hold → SMTP p50, ms',
        'p99, ms',
        'pushes arrived',
        'hold → push service p50, ms',
        'p99, ms',
        'bare nodemailer p50, ms (baseline)',
        'p99, ms',
        'ladder emails',
        'ladder late p50, ms',
        'p99, ms',
        'max, ms',
      ],
      [
        ...rows,
        [
          'spread',
          '',
          spread(summary.ours50),
          spread(summary.ours99),
          '',
          spread(summary.push50),
          spread(summary.push99),
          spread(summary.bare50),
          spread(summary.bare99),
          '',
          '',
          spread(summary.late99),
          spread(summary.lateMax),
        ],
      ],
    ),
  );
  say('');
  say('Goals: hold → SMTP and push service p99 ≤ 2,000 ms; each ladder step within 1,000 ms of its due time.');
  writeResults(run, { rows, summary });
});
