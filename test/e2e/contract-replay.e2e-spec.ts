import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../apps/gateway/src/platform/database/data-source';
import { DEMO_PASSWORD, seedDemo } from '../../apps/gateway/src/cli/demo-seed';
import { TestApp, ownDatabase, startApp } from '../support/app';
import { ClientSocket, connect, until } from '../support/sockets';

/**
 * The public contract, held still: a scripted run of the demo community through the main HTTP
 * routes and the socket stream, compared with a recorded run (test/e2e/fixtures/demo-run.json).
 * Any change in a status, a field, a field's order, a message or an event shows here as a diff.
 * Ids, times, dates, hashes and session tokens are replaced by stable placeholders (ids in order of first appearance),
 * and numbers are rounded to three places, so the comparison is byte for byte on everything else.
 *
 * After a deliberate change to the contract, record again and review the diff:
 *   P2P_RECORD_CONTRACT=1 npx jest test/e2e/contract-replay.e2e-spec.ts
 */
const FIXTURE = path.join(__dirname, 'fixtures', 'demo-run.json');
const RECORD = process.env.P2P_RECORD_CONTRACT === '1';

const HARM = "I've decided I'm going to end it tonight after everyone's asleep. I've got everything ready.";

type Who = 'anonymous' | 'member1' | 'member2' | 'top1' | 'top2' | 'staff1';

interface Exchange {
  step: string;
  request: { as: Who; method: string; path: string; body?: unknown; accept?: string };
  response: { status: number; body: unknown };
}

/** Stable stand-ins for what differs between runs: ids, times, hashes, tokens, float noise. */
class Normaliser {
  private readonly ids = new Map<string, string>();
  text(s: string): string {
    let out = s.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (id) => {
      const known = this.ids.get(id.toLowerCase());
      if (known) return known;
      const next = `<id ${this.ids.size + 1}>`;
      this.ids.set(id.toLowerCase(), next);
      return next;
    });
    out = out.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/g, '<time>');
    out = out.replace(/\d{4}-\d{2}-\d{2}( \d{2}:\d{2}( UTC)?)?/g, '<date>');
    out = out.replace(/\b[0-9a-f]{64}\b/g, '<hash>');
    // Dates and times as people read them (meeting packs, sentences).
    out = out.replace(
      /\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}(,? (at )?\d{1,2}:\d{2}( ?[AP]M)?)?/g,
      '<date>',
    );
    return out;
  }

  value(v: unknown): unknown {
    if (typeof v === 'string') return this.text(v);
    if (typeof v === 'number') return Number.isInteger(v) ? v : Math.round(v * 1000) / 1000;
    if (Array.isArray(v)) return v.map((x) => this.value(x));
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [
          this.text(k),
          // Session secrets differ each run: their presence and place are the contract.
          /token$/i.test(k) && typeof x === 'string' ? `<${k}>` : this.value(x),
        ]),
      );
    }
    return v;
  }
}

describe('the public contract: a recorded run of the demo, replayed', () => {
  let own: { url: string; drop(): Promise<void> };
  let db: DataSource;
  let t: TestApp;

  beforeAll(async () => {
    own = await ownDatabase();
    db = await createDataSource(own.url).initialize();
    await seedDemo(db);
    // No thinking space, so the run does not wait on the clock; everything else as the demo has it.
    await db.query(`UPDATE communities SET posting_delay_seconds = 0, chat_delay_seconds = 0`);
    t = await startApp({ DATABASE_URL: own.url, POSTS_PER_HOUR: '1000', NOTIFY_SWEEP_MS: '200' });
  });
  afterAll(async () => {
    await t?.close();
    await db?.destroy();
    await own?.drop();
  });

  it('answers every step, and sends every event, exactly as recorded', async () => {
    const norm = new Normaliser();
    const tokens: Partial<Record<Who, string>> = {};
    const exchanges: Exchange[] = [];
    const raw: { method: string; url: string; status: number; body: unknown }[] = [];
    const ids: Record<string, string> = {};

    const call = async (
      step: string,
      as: Who,
      method: 'get' | 'post' | 'put' | 'patch' | 'delete',
      url: string,
      body?: unknown,
      accept?: string,
    ): Promise<request.Response> => {
      let req = request(t.url)[method](url);
      if (as !== 'anonymous') req = req.auth(tokens[as]!, { type: 'bearer' });
      if (accept) req = req.set('Accept', accept);
      const res = body === undefined ? await req : await req.send(body as object);
      const shown = res.type === 'application/json' ? res.body : res.text;
      if (res.type === 'application/json') raw.push({ method, url, status: res.status, body: res.body });
      exchanges.push({
        step,
        request: {
          as,
          method: method.toUpperCase(),
          path: norm.text(url),
          ...(body === undefined ? {} : { body: norm.value(body) }),
          ...(accept ? { accept } : {}),
        },
        response: { status: res.status, body: norm.value(shown) },
      });
      return res;
    };
    const published = (postId: string) =>
      until(async () => {
        const [row] = await db.query<{ status: string }[]>(`SELECT status FROM posts WHERE id = $1`, [postId]);
        return row?.status === 'published';
      });

    // Who is who: signing in names the demo's people, in this order.
    await call('health', 'anonymous', 'get', '/api/health');
    for (const who of ['member1', 'member2', 'top1', 'top2', 'staff1'] as const) {
      const res = await call(`sign in as ${who}`, 'anonymous', 'post', '/api/auth/login', {
        username: who,
        password: DEMO_PASSWORD,
      });
      tokens[who] = res.body.token as string;
    }
    await call('not signed in', 'anonymous', 'get', '/api/me');
    const me = await call('me', 'member1', 'get', '/api/me');
    ids.cid = me.body.memberships[0].communityId;

    // Live: a member reading the board and a Top 3 member, recording every stream event.
    const streams: Record<string, { event: string; payload: unknown }[]> = { member2: [], top1: [] };
    const sockets: ClientSocket[] = [];
    for (const who of ['member2', 'top1'] as const) {
      const { socket, error } = await connect(t.url, { token: tokens[who] });
      expect(error).toBeUndefined();
      socket.onAny((event: string, payload: unknown) => {
        if ((payload as { seq?: unknown })?.seq !== undefined) streams[who].push({ event, payload });
      });
      sockets.push(socket);
    }

    await call('the community', 'member1', 'get', `/api/communities/${ids.cid}`);
    const boards = await call('boards', 'member1', 'get', `/api/communities/${ids.cid}/boards`);
    ids.bid = boards.body.items.find((b: { kind: string }) => b.kind === 'community').id;
    await call('threads, none yet', 'member1', 'get', `/api/boards/${ids.bid}/threads`);
    await call('guidelines', 'member1', 'get', `/api/communities/${ids.cid}/guidelines`);
    await call('check a calm text', 'member1', 'post', `/api/communities/${ids.cid}/guidelines/check`, {
      text: 'Does anyone else find Sundays long?',
    });
    await call('check a text that announces harm', 'member1', 'post', `/api/communities/${ids.cid}/guidelines/check`, {
      text: HARM,
    });

    const started = await call('start a thread', 'member1', 'post', `/api/boards/${ids.bid}/threads`, {
      title: 'Sundays',
      body: 'Does anyone else find **Sundays** long?',
    });
    ids.tid = started.body.thread.id;
    ids.opening = started.body.post.id;
    await published(ids.opening);
    await call('threads, as another member', 'member2', 'get', `/api/boards/${ids.bid}/threads`);
    const page = await call('the thread', 'member2', 'get', `/api/threads/${ids.tid}/posts`);
    await call('mark it read', 'member2', 'put', `/api/threads/${ids.tid}/read`, { seq: page.body.items[0].seq });
    const reply = await call('reply', 'member2', 'post', `/api/threads/${ids.tid}/posts`, {
      body: 'Yes. A walk helps me.',
    });
    ids.reply = reply.body.id;
    await published(ids.reply);
    await call('react', 'member2', 'put', `/api/posts/${ids.opening}/reactions/hear-you`);
    await call('react to your own post', 'member1', 'put', `/api/posts/${ids.opening}/reactions/thanks`);
    await call('the thread with its reply and reactions', 'member1', 'get', `/api/threads/${ids.tid}/posts`);
    await call('a reply with a malformed field', 'member1', 'post', `/api/threads/${ids.tid}/posts`, {
      body: 'x',
      guidelinesAcknowledged: 'yes',
    });

    const held = await call('a post the guidelines hold', 'member1', 'post', `/api/boards/${ids.bid}/threads`, {
      title: 'Tonight',
      body: HARM,
    });
    ids.held = held.body.post.id;
    await call('the review list', 'top1', 'get', `/api/communities/${ids.cid}/review-queue`);
    await call('take it', 'top1', 'post', `/api/posts/${ids.held}/take`);
    await call('message the author', 'top1', 'post', `/api/posts/${ids.held}/message-author`, {
      body: 'We are here. Can we talk?',
    });
    await call('keep it off the board', 'top1', 'post', `/api/posts/${ids.held}/moderation`, {
      action: 'delete',
      reason: 'spoke with them; they are safe tonight',
      forMeeting: true,
    });
    await call('flag a reply', 'member1', 'post', `/api/posts/${ids.reply}/flags`, {
      reason: 'something-else',
      note: 'odd',
    });
    await call('flag it again', 'member1', 'post', `/api/posts/${ids.reply}/flags`, { reason: 'abuse' });
    await call('a flag with no reason', 'member1', 'post', `/api/posts/${ids.reply}/flags`, {});
    await call('a board nobody has', 'member1', 'get', `/api/boards/00000000-0000-4000-8000-000000000000/threads`);

    await call('the log, Top 3', 'top1', 'get', `/api/communities/${ids.cid}/log`);
    await call('the log, staff', 'staff1', 'get', `/api/communities/${ids.cid}/log`);
    await call('verify the log', 'top1', 'get', `/api/communities/${ids.cid}/log/verify`);
    const meeting = await call('open a meeting', 'top1', 'post', `/api/communities/${ids.cid}/meetings`, {});
    await call(
      'its pack, as Markdown',
      'staff1',
      'get',
      `/api/meetings/${meeting.body.id}/pack`,
      undefined,
      'text/markdown',
    );
    await call('messages from the Top 3', 'member1', 'get', '/api/me/top3-messages');
    await call('chat rooms', 'member1', 'get', `/api/communities/${ids.cid}/chat/rooms`);
    await call('elections', 'member1', 'get', `/api/communities/${ids.cid}/elections`);
    const people = await call('people', 'member1', 'get', `/api/communities/${ids.cid}/people`);
    ids.member1 = me.body.id;
    ids.member2 = people.body.items.find((p: { displayName: string }) => p.displayName === 'Kim').id;
    await call('the boards, with what is new', 'member2', 'get', `/api/communities/${ids.cid}/boards`);
    await call('threads waiting for a reply', 'member1', 'get', `/api/communities/${ids.cid}/waiting-for-reply`);
    await call('my notification settings', 'member1', 'get', '/api/me/notification-settings');
    await call('a post that is gone', 'member1', 'get', `/api/posts/${ids.held}`);

    await call('the meetings', 'top1', 'get', `/api/communities/${ids.cid}/meetings`);
    const session = await call('add a session', 'staff1', 'post', `/api/communities/${ids.cid}/sessions`, {
      title: 'Community day',
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    ids.sid = session.body.items[0].id;
    await call('record attendance', 'staff1', 'put', `/api/sessions/${ids.sid}/attendance`, {
      records: [{ userId: ids.member1, mark: 'attended' }],
    });
    await call('the attendance', 'staff1', 'get', `/api/sessions/${ids.sid}/attendance`);
    await call('name the on-call contact', 'top1', 'put', `/api/communities/${ids.cid}/escalation`, {
      onCallEmail: 'on-call@example.org',
    });
    // This gateway sends no email (as the notification settings above say), so the alert is refused,
    // in words that tell the Top 3 member to phone instead.
    await call('alert the on-call contact, with no email', 'top1', 'post', `/api/posts/${ids.reply}/on-call`);
    const small = await call('open a private board', 'top1', 'post', `/api/communities/${ids.cid}/boards`, {
      kind: 'private',
      name: 'Small group',
      participantIds: [ids.member1],
    });
    await call('who is on it', 'top1', 'put', `/api/boards/${small.body.id}/participants`, {
      participantIds: [ids.member1, ids.member2],
    });

    // A by-election for the seat left empty, on the real clock: nominations close a few seconds
    // after it opens, voting a few seconds later, and the system counts it then (nothing is moved
    // by hand).
    await call('step down', 'top2', 'post', `/api/communities/${ids.cid}/top3/step-down`);
    const opened = Date.now();
    const election = await call('open a by-election', 'top1', 'post', `/api/communities/${ids.cid}/elections`, {
      kind: 'by-election',
      nominationsCloseAt: new Date(opened + 5_000).toISOString(),
      votingCloseAt: new Date(opened + 8_000).toISOString(),
    });
    const eUrl = `/api/communities/${ids.cid}/elections/${election.body.id}`;
    await call('stand', 'member1', 'post', `${eUrl}/nominations`, { candidateId: ids.member1 });
    const nominated = await call('nominate another member', 'member1', 'post', `${eUrl}/nominations`, {
      candidateId: ids.member2,
    });
    const nid = nominated.body.candidates.find((c: { id: string }) => c.id === ids.member2).nominationId;
    await call('accept the nomination', 'member2', 'post', `${eUrl}/nominations/${nid}/accept`);
    await call('the election', 'member2', 'get', eUrl);
    await call('elections, one under way', 'member1', 'get', `/api/communities/${ids.cid}/elections`);
    const phase = async () =>
      ((await request(t.url).get(eUrl).auth(tokens.member1!, { type: 'bearer' })).body as { phase: string }).phase;
    await until(async () => (await phase()) === 'voting', 10_000);
    await call('vote', 'member1', 'post', `${eUrl}/ballots`, { candidateIds: [ids.member1] });
    await call('vote too', 'member2', 'post', `${eUrl}/ballots`, { candidateIds: [ids.member1] });
    await until(async () => (await phase()) === 'counted', 15_000);
    await call('the result', 'member2', 'get', `${eUrl}/result`);
    await call('elections, one counted', 'member1', 'get', `/api/communities/${ids.cid}/elections`);

    // The stream has said all it will once the Top 3 member has the community's last event.
    await until(async () => {
      const [{ last }] = await db.query<{ last: string }[]>(
        `SELECT last_event_seq AS last FROM communities WHERE id = $1`,
        [ids.cid],
      );
      return streams.top1.some((e) => (e.payload as { seq: number }).seq === Number(last));
    });
    await until(async () => {
      const [{ last }] = await db.query<{ last: string }[]>(
        `SELECT max(seq) AS last FROM community_events WHERE community_id = $1 AND audience = 'readers' AND user_id IS NULL`,
        [ids.cid],
      );
      return streams.member2.some((e) => (e.payload as { seq: number }).seq === Number(last));
    });
    sockets.forEach((s) => s.close());

    const run = {
      http: exchanges,
      stream: Object.fromEntries(
        Object.entries(streams).map(([who, events]) => [
          who,
          events.map((e) => ({ event: e.event, payload: norm.value(e.payload) })),
        ]),
      ),
    };
    // Every answer with a documented schema matches it (the OpenAPI document's views are the
    // contract's types, made by npm run contract:schemas).
    const doc = (await request(t.url).get('/api/docs-json')).body as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
      >;
      components: object;
    };
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
    const templates = Object.keys(doc.paths).map((p) => ({
      p,
      re: new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    }));
    const checked: string[] = [];
    for (const r of raw) {
      const path = r.url.split('?')[0];
      const template = templates.find((x) => x.re.test(path))?.p;
      const schema =
        template && doc.paths[template][r.method]?.responses[String(r.status)]?.content?.['application/json']?.schema;
      if (!schema) continue;
      const validate = ajv.compile(toJsonSchema({ ...schema, components: doc.components }) as object);
      expect({ [`${r.method} ${template}`]: validate(r.body) ? 'matches' : validate.errors }).toEqual({
        [`${r.method} ${template}`]: 'matches',
      });
      checked.push(`${r.method} ${template}`);
    }
    expect(checked.length).toBeGreaterThan(10);

    if (RECORD || !existsSync(FIXTURE)) {
      if (!RECORD) throw new Error(`No recorded run at ${FIXTURE}: record one with P2P_RECORD_CONTRACT=1.`);
      mkdirSync(path.dirname(FIXTURE), { recursive: true });
      writeFileSync(FIXTURE, `${JSON.stringify(run, null, 2)}\n`);
      return;
    }
    const recorded = JSON.parse(readFileSync(FIXTURE, 'utf8')) as typeof run;
    // Step by step first, for a readable failure; then the whole run.
    for (let i = 0; i < Math.max(recorded.http.length, run.http.length); i++) {
      expect(run.http[i]).toEqual(recorded.http[i]);
    }
    expect(run.stream).toEqual(recorded.stream);
    expect(JSON.stringify(run, null, 2)).toBe(JSON.stringify(recorded, null, 2));
  }, 60_000);
});

/** OpenAPI 3.0's `nullable` into JSON Schema, for ajv: the schema, or null. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const out = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, toJsonSchema(v)]));
  return nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}
