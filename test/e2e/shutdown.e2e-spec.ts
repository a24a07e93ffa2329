import { DataSource } from 'typeorm';
import { Given } from '../support/given';
import { testDb, testEnv } from '../support/app';
import { spawnGateway } from '../support/process';
import { connect } from '../support/sockets';

describe('stopping a gateway', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await testDb();
  });
  afterAll(() => db.destroy());

  it('SIGTERM closes open sockets and the process ends by itself', async () => {
    const gateway = await spawnGateway(testEnv());
    const given = new Given(db);
    const member = await given.member(await given.community());
    const { socket } = await connect(gateway.url, { token: member.token });
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      gateway.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    gateway.child.kill('SIGTERM');
    expect(['io server disconnect', 'transport close']).toContain(await closed);
    const { code, signal } = await exited;
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
  });
});
