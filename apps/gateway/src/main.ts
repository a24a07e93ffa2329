import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './platform/config/config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const app = await createApp(config);
  // SIGTERM/SIGINT: stop taking work, close sockets, let workers finish their jobs, then exit.
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
}

void main();
