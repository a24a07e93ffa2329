/**
 * What docker/smoke.sh checks once the stack is up, as a member's client would: health through the
 * front and on each gateway, sign-in, a post through gateway 1 released live on a socket connected
 * directly to gateway 2 (so through Redis, across containers), and the same post on a socket that
 * connected through the front the way a browser does (long-polling, then a websocket upgrade).
 *
 *   FRONT_URL=http://127.0.0.1:3000 GATEWAY1_URL=… GATEWAY2_URL=… \
 *     SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register docker/smoke-check.ts
 *
 * Every wait has a time limit; the process exits non-zero with one line saying what failed.
 */
import type { PostReleasedEvent, ServerToClientEvents } from '@p2p/contract';
import { Socket, io } from 'socket.io-client';

type ClientSocket = Socket<ServerToClientEvents>;

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value.replace(/\/$/, '');
};
const front = env('FRONT_URL');
const gateway1 = env('GATEWAY1_URL');
const gateway2 = env('GATEWAY2_URL');
const password = process.env.DEMO_PASSWORD ?? 'demo-password-1';
const releaseTimeoutMs = 60_000;

const say = (line: string) => console.log(`smoke-check: ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function call<T>(
  method: string,
  url: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: kept as text for the error message.
  }
  return { status: res.status, body: parsed as T };
}

async function expectStatus<T>(expected: number, what: string, ...args: Parameters<typeof call>): Promise<T> {
  const res = await call<T>(...args);
  if (res.status !== expected) {
    throw new Error(`${what}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  }
  return res.body;
}

async function health(base: string, name: string): Promise<void> {
  // The guidelines' sentence model loads in a worker thread after start: give it a minute.
  const until = Date.now() + 60_000;
  for (;;) {
    const body = await expectStatus<{ status: string; db: string; redis: string; guidelinesModel: string }>(
      200,
      `health of ${name}`,
      'GET',
      `${base}/api/health`,
    );
    if (body.status !== 'ok' || body.db !== 'ok' || body.redis !== 'ok' || body.guidelinesModel === 'unavailable') {
      throw new Error(`health of ${name}: ${JSON.stringify(body)}`);
    }
    if (body.guidelinesModel === 'ready') {
      say(`${name} healthy: ${JSON.stringify(body)}`);
      return;
    }
    if (Date.now() > until)
      throw new Error(`health of ${name}: the sentence model did not load: ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function signIn(base: string, username: string): Promise<string> {
  const body = await expectStatus<{ token: string }>(
    200,
    `sign-in of ${username}`,
    'POST',
    `${base}/api/auth/login`,
    undefined,
    {
      username,
      password,
    },
  );
  return body.token;
}

/** Connects and waits for stream.ready (caught up: live events follow). */
function listen(
  url: string,
  token: string,
  transports: ('polling' | 'websocket')[],
): Promise<{ socket: ClientSocket; released: PostReleasedEvent[] }> {
  const socket: ClientSocket = io(url, {
    path: '/socket.io',
    transports,
    auth: { token },
    reconnection: false,
    forceNew: true,
    timeout: 10_000,
  });
  const released: PostReleasedEvent[] = [];
  socket.on('post.released', (e) => released.push(e));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`socket to ${url} not ready within 15 s`));
    }, 15_000);
    socket.once('stream.ready', () => {
      clearTimeout(timer);
      resolve({ socket, released });
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(new Error(`socket to ${url} refused: ${error.message}`));
    });
  });
}

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(50);
  }
}

async function main(): Promise<void> {
  await health(front, 'front');
  await health(gateway1, 'gateway1');
  await health(gateway2, 'gateway2');

  // Staff shortens the thinking space so that the post is released within seconds.
  const staff = await signIn(front, 'staff1');
  const me = await expectStatus<{ memberships: { communityId: string; communitySlug: string }[] }>(
    200,
    'GET /api/me',
    'GET',
    `${front}/api/me`,
    staff,
  );
  const community = me.memberships.find((m) => m.communitySlug === 'demo');
  if (!community) throw new Error('staff1 is not in the demo community: was the stack seeded (SEED_DEMO=true)?');
  const cid = community.communityId;
  await expectStatus(200, 'PATCH the posting delay', 'PATCH', `${front}/api/communities/${cid}`, staff, {
    postingDelaySeconds: 1,
  });
  say(`signed in through the front as staff1; demo community ${cid}: posting delay set to 1 s`);

  // The poster uses gateway 1, the listeners gateway 2 (directly) and the front.
  const poster = await signIn(gateway1, 'member1');
  const listenerToken = await signIn(gateway2, 'member2');
  const browserToken = await signIn(front, 'member3');
  const onGateway2 = await listen(gateway2, listenerToken, ['websocket']);
  const onFront = await listen(front, browserToken, ['polling', 'websocket']);
  say('member2 listening on gateway2 (websocket), member3 through the front (polling, then upgrade)');

  try {
    const boards = await expectStatus<{ items: { id: string; slug: string }[] }>(
      200,
      'GET boards',
      'GET',
      `${gateway1}/api/communities/${cid}/boards`,
      poster,
    );
    const board = boards.items.find((b) => b.slug === 'community');
    if (!board) throw new Error(`no community board among ${boards.items.map((b) => b.slug).join(', ')}`);

    const title = `Smoke test ${new Date().toISOString()}`;
    const t0 = Date.now();
    const posted = await expectStatus<{ post: { id: string; releaseAt?: string } }>(
      202,
      'POST a thread through gateway1',
      'POST',
      `${gateway1}/api/boards/${board.id}/threads`,
      poster,
      { title, body: 'Posted through gateway 1 by docker/smoke.sh.' },
    );
    const postId = posted.post.id;
    say(`member1 posted ${postId} through gateway1 (202, release at ${posted.post.releaseAt ?? '?'})`);

    const heard = (r: PostReleasedEvent[]) => r.some((e) => e.data.post.id === postId);
    await until('post.released on gateway2', () => heard(onGateway2.released), releaseTimeoutMs);
    say(`post.released for ${postId} received on gateway2's socket ${Date.now() - t0} ms after posting`);
    await until('post.released through the front', () => heard(onFront.released), 10_000);
    const transport = onFront.socket.io.engine.transport.name;
    say(`post.released for ${postId} received through the front too (transport now ${transport})`);
  } finally {
    onGateway2.socket.close();
    onFront.socket.close();
  }
}

main().then(
  () => {
    say('all checks passed');
    process.exit(0);
  },
  (error: unknown) => {
    console.error(`smoke-check: FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
