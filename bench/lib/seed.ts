/**
 * Seeding through the provisioning functions the API and the CLI use, with one precomputed
 * password hash and sessions inserted directly (as test/support/given.ts does): signing 1,000
 * people in over HTTP would only measure argon2 and trip the login rate limit.
 */
import { DataSource } from 'typeorm';
import type * as Passwords from '../../apps/gateway/src/auth/passwords';
import type * as Tokens from '../../apps/gateway/src/auth/tokens';
import type * as Provisioning from '../../apps/gateway/src/communities/provisioning';
import type * as Moderation from '../../libs/moderation/src';
import { nowMs, say } from './env';
import { BenchRun } from './harness';

export interface Member {
  id: string;
  token: string;
}

export interface SeededCommunity extends Provisioning.ProvisionedCommunity {
  members: Member[];
}

export async function seedCommunities(
  run: BenchRun,
  opts: { communities: number; membersEach: number; postingDelaySeconds: number },
): Promise<SeededCommunity[]> {
  // The code under test's own provisioning (see BenchRun.app).
  const { hashPassword } = run.app<typeof Passwords>('apps/gateway/src/auth/passwords');
  const { newToken, tokenHash } = run.app<typeof Tokens>('apps/gateway/src/auth/tokens');
  const { admitMember, createCommunity, createUser } = run.app<typeof Provisioning>(
    'apps/gateway/src/communities/provisioning',
  );
  const { CommunityRole } = run.app<typeof Moderation>('libs/moderation/src');
  const db = run.db;
  const t0 = nowMs();
  const hash = await hashPassword('bench-password-1');
  const out: SeededCommunity[] = [];
  for (let c = 0; c < opts.communities; c++) {
    const seeded = await db.transaction(async (em) => {
      const community = await createCommunity(em, {
        slug: `bench-${c}`,
        name: `Bench community ${c}`,
        settings: { postingDelaySeconds: opts.postingDelaySeconds },
      });
      const ids: string[] = [];
      for (let m = 0; m < opts.membersEach; m++) {
        const id = await createUser(em, { username: `c${c}-m${m}`, password: 'bench-password-1' }, hash);
        await admitMember(em, { communityId: community.id, userId: id, role: CommunityRole.Member, isTop3: m < 3 });
        ids.push(id);
      }
      const tokens = ids.map(() => newToken());
      await em.query(
        `INSERT INTO sessions (user_id, token_hash, expires_at)
         SELECT u, h, now() + interval '1 day' FROM unnest($1::uuid[], $2::bytea[]) AS s(u, h)`,
        [ids, tokens.map(tokenHash)],
      );
      return { ...community, members: ids.map((id, i) => ({ id, token: tokens[i] })) };
    });
    out.push(seeded);
  }
  // The delay is also set directly: createCommunity may apply its own bounds to settings.
  await db.query(`UPDATE communities SET posting_delay_seconds = $1`, [opts.postingDelaySeconds]);
  say(
    `seeded ${opts.communities} communities x ${opts.membersEach} members with sessions in ${((nowMs() - t0) / 1000).toFixed(1)} s`,
  );
  return out;
}

/** POSTs JSON with a bearer token; resolves with the status and parsed body. */
export async function postJson<T = unknown>(
  url: string,
  token: string,
  body: unknown,
): Promise<{ status: number; body: T; ms: number }> {
  const t0 = nowMs();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, ms: nowMs() - t0 };
}

/** Starts one thread per (community, index) over HTTP and waits until each opening post is published. */
export async function publishedThreads(
  url: string,
  db: DataSource,
  communities: SeededCommunity[],
  perCommunity: number,
): Promise<Map<string, string[]>> {
  const threads = new Map<string, string[]>();
  const postIds: string[] = [];
  for (const c of communities) {
    const ids: string[] = [];
    for (let i = 0; i < perCommunity; i++) {
      const author = c.members[i % c.members.length];
      const res = await postJson<{ thread: { id: string }; post: { id: string } }>(
        `${url}/api/boards/${c.boards.community}/threads`,
        author.token,
        { title: `Bench thread ${i}`, body: 'Opening a thread for the benchmark.' },
      );
      if (res.status !== 202) throw new Error(`thread not accepted: ${res.status} ${JSON.stringify(res.body)}`);
      ids.push(res.body.thread.id);
      postIds.push(res.body.post.id);
    }
    threads.set(c.id, ids);
  }
  const until = Date.now() + 60_000;
  for (;;) {
    const [{ n }] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM posts WHERE id = ANY($1::uuid[]) AND status = 'published'`,
      [postIds],
    );
    if (n === postIds.length) break;
    if (Date.now() > until) throw new Error(`only ${n} of ${postIds.length} opening posts were published`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return threads;
}
