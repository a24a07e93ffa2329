import request from 'supertest';
import { DataSource } from 'typeorm';
import { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';
import { createDataSource } from '../../apps/gateway/src/platform/database/data-source';
import { ownDatabase, testEnv } from '../support/app';
import { Given, GivenUser } from '../support/given';
import { Posting } from '../support/posts';
import { spawnGateway } from '../support/process';
import { TestPushService } from '../support/push-endpoint';
import { until } from '../support/sockets';

jest.setTimeout(90_000);

const HARM = "I've decided I'm going to end it tonight after everyone's asleep. I've got everything ready.";

/**
 * Web Push through a real gateway process and a push service of the test's own on 127.0.0.1,
 * over HTTPS with a certificate made for the test (the gateway trusts it through
 * NODE_EXTRA_CA_CERTS, as an operator would trust a private one). The push service decrypts each
 * push with the subscription's keys, as a browser would.
 */
describe('Web Push', () => {
  let db: DataSource;
  let own: Awaited<ReturnType<typeof ownDatabase>>;
  let pushService: TestPushService;
  let gateway: Awaited<ReturnType<typeof spawnGateway>>;
  let posting: Posting;
  let c: ProvisionedCommunity;
  let author: GivenUser;
  let top3: GivenUser;
  let member: GivenUser;

  const nameOf = async (u: GivenUser): Promise<string> =>
    (await db.query<{ display_name: string }[]>(`SELECT display_name FROM users WHERE id = $1`, [u.id]))[0]
      .display_name;

  beforeAll(async () => {
    own = await ownDatabase();
    db = await createDataSource(own.url).initialize();
    pushService = await new TestPushService().start();
    gateway = await spawnGateway(
      testEnv({
        DATABASE_URL: own.url,
        POSTS_PER_HOUR: '1000',
        NOTIFY_SWEEP_MS: '300',
        PUSH_ENDPOINT_HOSTS: '127.0.0.1',
        NODE_EXTRA_CA_CERTS: pushService.caFile,
      }),
    );
    const given = new Given(db);
    posting = new Posting(gateway.url, db);
    c = await given.community('Riverside');
    [author, top3, member] = await Promise.all([given.member(c), given.top3(c), given.member(c)]);
    await posting.setDelay(c.id, 1);
  });
  afterAll(async () => {
    await gateway.stop();
    await pushService.stop();
    await db.destroy();
    await own.drop();
  });

  it('Web Push: a device with alerts on gets a content-free push, signed with the board’s VAPID key; a device gone is forgotten', async () => {
    const phone = pushService.subscription();
    const laptop = pushService.subscription();
    const keys = await request(gateway.url)
      .get('/api/me/push-subscriptions')
      .auth(top3.token, { type: 'bearer' })
      .expect(200);
    expect(keys.body.publicKey).toMatch(/^[A-Za-z0-9_-]{80,100}$/);
    for (const device of [phone, laptop]) {
      await request(gateway.url)
        .post('/api/me/push-subscriptions')
        .auth(top3.token, { type: 'bearer' })
        .send(device)
        .expect(200);
    }
    pushService.forget(laptop.endpoint);

    const held = await posting.thread(author, c.boards.community, 'Tonight', HARM);
    await posting.waitForStatus(held.body.post.id, 'held');
    await until(() => pushService.to(phone.endpoint).length > 0);
    const [push] = pushService.to(phone.endpoint);
    expect(push.payload).toEqual({
      title: 'P2P Board',
      body: 'Something on the board needs a Top 3 member now. Please sign in and look at the review list.',
      url: `/c/${c.id}/review`,
      tag: expect.any(String),
      urgent: true,
      unread: 1,
    });
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    expect(push.headers.urgency).toBe('high');
    expect(push.headers.authorization).toMatch(new RegExp(`^vapid t=.+, k=${keys.body.publicKey}$`));
    const authorName = await nameOf(author);
    expect(JSON.stringify(push.payload).toLowerCase()).not.toMatch(
      new RegExp(`tonight|asleep|${authorName.toLowerCase()}`),
    );

    // The laptop's push service said 410: the board forgets that device.
    await posting.waitFor(async () => {
      const list = await request(gateway.url).get('/api/me/push-subscriptions').auth(top3.token, { type: 'bearer' });
      return list.body.endpoints.length === 1;
    });
    const list = await request(gateway.url)
      .get('/api/me/push-subscriptions')
      .auth(top3.token, { type: 'bearer' })
      .expect(200);
    expect(list.body.endpoints).toEqual([phone.endpoint]);

    // Turning alerts off is one's own; an address that is not a push service is refused.
    await request(gateway.url)
      .delete('/api/me/push-subscriptions')
      .query({ endpoint: phone.endpoint })
      .auth(member.token, { type: 'bearer' })
      .expect(200, { endpoints: [] });
    expect(
      (await request(gateway.url).get('/api/me/push-subscriptions').auth(top3.token, { type: 'bearer' })).body
        .endpoints,
    ).toEqual([phone.endpoint]);
    const refused = await request(gateway.url)
      .post('/api/me/push-subscriptions')
      .auth(member.token, { type: 'bearer' })
      .send({ endpoint: 'https://internal.example.org/admin', keys: phone.keys })
      .expect(400);
    await request(gateway.url)
      .post('/api/me/push-subscriptions')
      .auth(member.token, { type: 'bearer' })
      .send({ endpoint: phone.endpoint.replace('https:', 'http:'), keys: phone.keys })
      .expect(400);
    expect(refused.body.message).toBe('That push subscription is not from a push service this board can use.');
    await request(gateway.url)
      .post('/api/me/push-subscriptions')
      .auth(member.token, { type: 'bearer' })
      .send({ endpoint: phone.endpoint, keys: { p256dh: 'short', auth: '!' } })
      .expect(400);
    await request(gateway.url)
      .delete('/api/me/push-subscriptions')
      .query({ endpoint: phone.endpoint })
      .auth(top3.token, { type: 'bearer' })
      .expect(200, { endpoints: [] });
  });
});
