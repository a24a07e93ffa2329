import { SessionEndedPayload } from '@p2p/contract';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Given } from '../support/given';
import { ALLOWED_ORIGIN, TestApp, startApp, testDb } from '../support/app';
import { connect } from '../support/sockets';

describe('the realtime handshake', () => {
  let t: TestApp;
  let db: DataSource;
  let given: Given;

  beforeAll(async () => {
    t = await startApp();
    db = await testDb();
    given = new Given(db);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  it('a member with a live token connects', async () => {
    const c = await given.community();
    const m = await given.member(c);
    const { socket, error } = await connect(t.url, { token: m.token });
    expect(error).toBeUndefined();
    socket.close();
  });

  it('no token, or a made-up one, is refused', async () => {
    const none = await connect(t.url);
    expect(none.error?.data?.code).toBe('unauthenticated');
    const fake = await connect(t.url, { token: 'not-a-real-token' });
    expect(fake.error?.data?.code).toBe('unauthenticated');
  });

  it('a revoked session cannot open a socket', async () => {
    const u = await given.user();
    await request(t.url).post('/api/auth/logout').auth(u.token, { type: 'bearer' }).expect(204);
    const { error } = await connect(t.url, { token: u.token });
    expect(error?.data?.code).toBe('unauthenticated');
  });

  it('signing out closes that session’s open sockets, saying why, and leaves other sessions open', async () => {
    const c = await given.community();
    const m = await given.member(c);
    const other = await given.session(m.id);
    const { socket } = await connect(t.url, { token: m.token });
    const { socket: otherSocket } = await connect(t.url, { token: other.token });
    const ended = new Promise<SessionEndedPayload>((resolve) => socket.once('session.ended', resolve));
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await request(t.url).post('/api/auth/logout').auth(m.token, { type: 'bearer' }).expect(204);
    expect(await ended).toMatchObject({ reason: 'signed-out' });
    expect(await closed).toBe('io server disconnect');
    expect(otherSocket.connected).toBe(true);
    otherSocket.close();
  });

  it('a connection-state recovery attempt after sign-out is refused like any handshake', async () => {
    const u = await given.user();
    const { socket } = await connect(t.url, { token: u.token });
    const pid = socket.id;
    socket.close();
    await request(t.url).post('/api/auth/logout').auth(u.token, { type: 'bearer' }).expect(204);
    // What a socket.io client sends when it tries to recover its old session.
    const retry = await connect(t.url, { token: u.token, cursor: undefined });
    expect(retry.error?.data?.code).toBe('unauthenticated');
    const { io } = await import('socket.io-client');
    const recovering = io(t.url, {
      transports: ['websocket'],
      auth: { token: u.token, pid, offset: 'anything' },
      reconnection: false,
      forceNew: true,
    });
    const refused = await new Promise<{ data?: { code: string } }>((resolve) =>
      recovering.once('connect_error', resolve),
    );
    recovering.close();
    expect(refused.data?.code).toBe('unauthenticated');
  });

  it('a suspended member is refused, with the date their pause ends', async () => {
    const c = await given.community();
    const until = new Date(Date.now() + 30 * 86_400_000);
    const s = await given.suspended(c, until);
    const { error } = await connect(t.url, { token: s.token });
    expect(error?.data).toMatchObject({ code: 'suspended', suspendedUntil: until.toISOString() });
  });

  it('a page from a foreign origin is refused, even with a token', async () => {
    const u = await given.user();
    const { error } = await connect(t.url, { token: u.token, origin: 'https://evil.example' });
    expect(error).toBeDefined();
  });

  it('the session cookie works from our own origin only', async () => {
    const u = await given.user();
    const cookie = `p2p_session=${u.token}`;
    const ours = await connect(t.url, { cookie, origin: ALLOWED_ORIGIN });
    expect(ours.error).toBeUndefined();
    ours.socket.close();
    const noOrigin = await connect(t.url, { cookie });
    expect(noOrigin.error?.data?.code).toBe('origin-not-allowed');
  });
});
