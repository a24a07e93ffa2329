import 'reflect-metadata';
import { createApp } from '../apps/gateway/src/app.factory';
import { boardUrl, prepareLocalBoard, sayDemoSignIns } from './local-board';

/**
 * `npm start`: brings up everything the board needs on this machine, then the board itself.
 * With no DATABASE_URL it runs an embedded PostgreSQL (data in .data/postgres); with no REDIS_URL
 * it uses the Redis on 127.0.0.1:6379 or starts a private one. Then it migrates, seeds the demo
 * community on first start, and serves.
 */
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const { config, seeded, stopServices } = await prepareLocalBoard(say);

  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const url = boardUrl(config.host, config.port);
  say('');
  say(`P2P Board is running at ${url}  (API ${url}/api, docs ${url}/api/docs)`);
  sayDemoSignIns(seeded, say);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: closing sockets, draining workers, stopping...`);
    await app.close();
    await stopServices();
    process.exit(0);
  };
  // Like Nest's shutdown hooks (app.close closes sockets and drains workers), and then the services we started.
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`The board could not start: ${(err as Error).message}\n`);
  process.exit(1);
});
