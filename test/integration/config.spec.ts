import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** The real entry point, run as a process: a bad environment stops it with one sentence. */
function runGateway(env: Record<string, string>) {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/gateway/src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', SWC_NODE_PROJECT: 'tsconfig.json', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('configuration errors stop the process', () => {
  it.each([
    [
      { REDIS_URL: 'redis://127.0.0.1:6379' },
      'Configuration: DATABASE_URL is not set; set it to a PostgreSQL URL such as postgres://postgres@127.0.0.1:5432/p2p.',
    ],
    [
      { DATABASE_URL: 'postgres://x@127.0.0.1/p2p', REDIS_URL: 'redis://127.0.0.1:6379', PORT: 'eighty' },
      'Configuration: PORT is not valid; set it to a port number from 0 to 65535.',
    ],
  ])('%j', (env, sentence) => {
    const result = runGateway(env);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(sentence);
  });
});
