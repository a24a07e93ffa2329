import { PostReleasedEvent } from '@p2p/contract';
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../apps/gateway/src/platform/database/data-source';
import { testEnv } from '../support/app';
import { FrontProxy } from '../../scripts/front-proxy';
import { Given, GivenUser } from '../support/given';
import { Posting } from '../support/posts';
import { RunningCluster, spawnCluster } from '../support/process';
import { ClientSocket, collectReleases, connect, until } from '../support/sockets';

jest.setTimeout(120_000);

type Transport = 'polling' | 'websocket';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the front address', () => {
  const servers: http.Server[] = [];
  const proxies: FrontProxy[] = [];
  afterEach(async () => {
    for (const p of proxies.splice(0)) {
      p.dropConnections();
      await p.close();
    }
    for (const s of servers.splice(0)) s.close();
  });

  /** A stand-in process that answers with its name and the X-Forwarded-For it was given. */
  const upstream = async (name: string) => {
    const server = http.createServer((req, res) => res.end(`${name} ${String(req.headers['x-forwarded-for'])}`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    return { host: '127.0.0.1', port: (server.address() as AddressInfo).port };
  };
  const refusing = async () => {
    const { host, port } = await upstream('gone');
    servers.pop()!.close();
    return { host, port };
  };
  const front = async (upstreams: { host: string; port: number }[]) => {
    const proxy = new FrontProxy({ upstreams });
    proxies.push(proxy);
    return `http://127.0.0.1:${await proxy.listen(0, '127.0.0.1')}`;
  };

  it('says who really asked, whatever the client claims', async () => {
    const url = await front([await upstream('a')]);
    const res = await request(url).get('/api/x').set('X-Forwarded-For', '203.0.113.9').expect(200);
    expect(res.text).toBe('a 127.0.0.1');
  });

  it('goes round the processes, skips one that refuses, and says so plainly when none answers', async () => {
    const url = await front([await upstream('a'), await refusing(), await upstream('c')]);
    const names = [];
    for (let i = 0; i < 6; i++) names.push((await request(url).post('/api/x').send({})).text.split(' ')[0]);
    expect(new Set(names)).toEqual(new Set(['a', 'c']));

    const none = await front([await refusing(), await refusing()]);
    const res = await request(none).get('/api/health').expect(503);
    expect(res.body.message).toBe('The board is not available just now; please try again in a moment.');
  });
});

/**
 * `npm run cluster` as real OS processes: the script, three gateways (each with its socket.io Redis
 * adapter and BullMQ workers) and the one front address, on a database of its own that the script
 * migrates and seeds itself.
 */
describe('three gateway processes behind one address', () => {
  const admin = process.env.P2P_TEST_ADMIN_URL!;
  const dbName = `${process.env.P2P_TEST_DB_NAME}_cluster`;
  let cluster: RunningCluster;
  let db: DataSource;
  let given: Given;
  let front: Posting;
  const open: ClientSocket[] = [];

  beforeAll(async () => {
    const pg = new Client({ connectionString: admin });
    await pg.connect();
    await pg.query(`CREATE DATABASE ${dbName}`);
    await pg.end();
    const url = new URL(admin);
    url.pathname = `/${dbName}`;
    cluster = await spawnCluster(
      testEnv({
        DATABASE_URL: url.toString(),
        POSTS_PER_HOUR: '10000',
        RELEASE_RECONCILE_MS: '500',
        REALTIME_POLL_MS: '300',
      }),
    );
    db = await createDataSource(url.toString()).initialize();
    given = new Given(db);
    front = new Posting(cluster.url, db);
  }, 180_000);

  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });

  afterAll(async () => {
    await cluster?.stop();
    await db?.destroy();
    const pg = new Client({ connectionString: admin });
    await pg.connect();
    await pg.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await pg.end();
  });

  const gateway = (n: number) => cluster.gateways.get(n)!;

  const listen = async (who: GivenUser, url: string, transports?: Transport[]) => {
    const { socket, error } = await connect(url, { token: who.token, transports });
    if (error) throw error;
    open.push(socket);
    return collectReleases(socket);
  };

  const released = (received: PostReleasedEvent[], ids: string[]) =>
    received.map((e) => e.data.post.id).filter((id) => ids.includes(id));

  it('migrates and seeds once, then serves the demo community on the one address', async () => {
    expect([...cluster.gateways.keys()].sort()).toEqual([1, 2, 3]);
    expect(new Set([...cluster.gateways.values()].map((g) => g.pid)).size).toBe(3);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM communities WHERE slug = 'demo'`);
    expect(n).toBe(1);
    const login = await request(cluster.url)
      .post('/api/auth/login')
      .send({ username: 'member1', password: 'demo-password-1' })
      .expect(200);
    // Several requests in a row go round the processes; a session made on one is good on all.
    for (let i = 0; i < 6; i++) {
      await request(cluster.url).get('/api/me').auth(login.body.token, { type: 'bearer' }).expect(200);
    }
  });

  it('members on different processes hear each other: a post released through any one reaches all', async () => {
    const c = await given.community();
    const author = await given.member(c);
    await front.setDelay(c.id, 0);
    const inboxes = [
      await listen(await given.member(c), gateway(1).url),
      await listen(await given.member(c), gateway(2).url),
      await listen(await given.member(c), gateway(3).url),
      // Through the one address: long-polling only (needs stickiness), and polling upgraded to websocket.
      await listen(await given.member(c), cluster.url, ['polling']),
      await listen(await given.member(c), cluster.url, ['polling', 'websocket']),
    ];
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const { postId } = await new Posting(gateway(n).url, db).publishedThread(author, c.boards.community, `From ${n}`);
      ids.push(postId);
    }
    for (const inbox of inboxes) await until(() => released(inbox, ids).length >= 3);
    await sleep(300);
    for (const inbox of inboxes) expect(released(inbox, ids)).toEqual(ids);
  });

  it('100 posts waiting in three processes with workers in each: each released once, none early', async () => {
    const c = await given.community();
    const author = await given.member(c);
    await front.setDelay(c.id, 0);
    const { threadId } = await front.publishedThread(author, c.boards.community, 'A hundred replies');
    const inboxes = [];
    for (const n of [1, 2, 3]) inboxes.push(await listen(await given.member(c), gateway(n).url));
    await front.setDelay(c.id, 1);

    // Through the one address, so each process schedules a share of the releases.
    const ids: string[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const replies = await Promise.all(
        Array.from({ length: 10 }, (_, i) => front.reply(author, threadId, `waiting ${batch * 10 + i}`)),
      );
      for (const r of replies) {
        expect(r.status).toBe(202);
        ids.push(r.body.id as string);
      }
    }
    await front.waitFor(async () => {
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM posts WHERE id = ANY($1) AND status = 'published'`,
        [ids],
      );
      return n === 100;
    });
    const rows = await db.query<{ early: boolean; events: number }[]>(
      `SELECT p.released_at < p.release_at AS early,
              (SELECT count(*)::int FROM community_events e WHERE e.post_id = p.id) AS events
         FROM posts p WHERE p.id = ANY($1)`,
      [ids],
    );
    expect(rows.filter((r) => r.early)).toEqual([]);
    expect(rows.filter((r) => r.events !== 1)).toEqual([]);

    const inOrder = (
      await db.query<{ post_id: string }[]>(
        `SELECT post_id FROM community_events WHERE post_id = ANY($1) AND type = 'post.released' ORDER BY seq`,
        [ids],
      )
    ).map((r) => r.post_id);
    for (const inbox of inboxes) await until(() => released(inbox, ids).length >= 100);
    await sleep(500);
    for (const inbox of inboxes) expect(released(inbox, ids)).toEqual(inOrder);
  });

  it('a process killed with SIGKILL mid-load loses nothing: its members reconnect through the one address and catch up once, in order', async () => {
    const c = await given.community();
    const author = await given.member(c);
    await front.setDelay(c.id, 0);
    const { threadId } = await front.publishedThread(author, c.boards.community, 'Through a crash');
    await front.setDelay(c.id, 1);
    const victim = { ...gateway(2) };
    const [{ seq: startSeq }] = await db.query<{ seq: number }[]>(
      `SELECT coalesce(max(seq), 0)::int AS seq FROM community_events WHERE community_id = $1`,
      [c.id],
    );

    /** A client as API.md asks: keep the highest seq seen, and reconnect with it as `cursor`. */
    interface Follower {
      segments: PostReleasedEvent[][];
      reconnects: number;
      /** For each reconnect: was the killed process still down when it succeeded? */
      whileDown: boolean[];
      socket?: ClientSocket;
      failure?: Error;
    }
    let closing = false;
    const follow = async (who: GivenUser, transports: Transport[]): Promise<Follower> => {
      const f: Follower = { segments: [], reconnects: 0, whileDown: [] };
      const openStream = async (): Promise<void> => {
        const cursor = Math.max(startSeq, ...f.segments.flat().map((e) => e.seq));
        for (let attempt = 1; ; attempt++) {
          const { socket, error } = await connect(cluster.url, {
            token: who.token,
            cursor: { [c.id]: cursor },
            transports,
          });
          if (!error) {
            f.socket = socket;
            f.segments.push(collectReleases(socket));
            socket.once('disconnect', () => {
              if (closing) return;
              f.reconnects++;
              openStream().then(
                () => f.whileDown.push(gateway(2).pid === victim.pid),
                (err: Error) => (f.failure = err),
              );
            });
            return;
          }
          if (attempt >= 50) throw error;
          await sleep(200);
        }
      };
      await openStream();
      return f;
    };
    const followers: Follower[] = [];
    for (let i = 0; i < 6; i++)
      followers.push(await follow(await given.member(c), i % 2 === 0 ? ['websocket'] : ['polling']));

    // The author keeps posting through the one address; a request cut off by the kill is sent
    // again with the same Idempotency-Key, as a client should.
    const accepted: string[] = [];
    const run = randomBytes(4).toString('hex');
    for (let i = 0; i < 45; i++) {
      if (i === 15) process.kill(victim.pid, 'SIGKILL');
      for (let attempt = 1; ; attempt++) {
        const res = await front.reply(author, threadId, `through the crash ${i}`, `${run}-${i}`).catch(() => null);
        if (res?.status === 202) {
          accepted.push(res.body.id as string);
          break;
        }
        if (attempt >= 50)
          throw new Error(`reply ${i} was never accepted: ${res?.status} ${JSON.stringify(res?.body)}`);
        await sleep(100);
      }
    }
    expect(new Set(accepted).size).toBe(45);
    await front.waitFor(async () => {
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM posts WHERE thread_id = $1 AND status = 'published'`,
        [threadId],
      );
      return n === 46;
    });
    const inOrder = (
      await db.query<{ post_id: string }[]>(
        `SELECT post_id FROM community_events WHERE post_id = ANY($1) AND type = 'post.released' ORDER BY seq`,
        [accepted],
      )
    ).map((r) => r.post_id);
    expect(inOrder).toHaveLength(45);

    for (const f of followers) await until(() => released(f.segments.flat(), accepted).length >= 45, 30_000);
    await sleep(500);
    closing = true;
    for (const f of followers) {
      f.socket?.close();
      expect(f.failure).toBeUndefined();
      expect(released(f.segments.flat(), accepted)).toEqual(inOrder);
    }
    // The killed process had members, and only some: the others stayed on their processes.
    const moved = followers.filter((f) => f.reconnects > 0);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.length).toBeLessThan(followers.length);
    // They came back while it was still down, so through the one address to another process.
    expect(moved.flatMap((f) => f.whileDown).every(Boolean)).toBe(true);
    expect(isAlive(victim.pid)).toBe(false);

    // The script starts the killed gateway again, and it takes its share of the work.
    await until(() => gateway(2).pid !== victim.pid, 60_000);
    const inbox = await listen(await given.member(c), gateway(2).url);
    const after = await front.reply(author, threadId, 'after the restart');
    await until(() => released(inbox, [after.body.id as string]).length === 1);
  });

  it('SIGTERM stops every gateway and then the script', async () => {
    const pids = [...cluster.gateways.values()].map((g) => g.pid);
    const { code, signal } = await cluster.stop();
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    expect(pids.filter(isAlive)).toEqual([]);
    expect(cluster.output()).toMatch(/SIGTERM: closing sockets, draining workers, stopping the gateways/);
  });
});
