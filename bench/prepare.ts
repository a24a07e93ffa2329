/**
 * Builds the gateway under test once, for bench/run-all.sh:
 *   node -r @swc-node/register bench/prepare.ts <dir>
 * The working tree by default, or the commit BENCH_REF names. The benchmarks then take it from
 * BENCH_BUILD_DIR=<dir>; run-all.sh removes it at the end.
 */
import path from 'node:path';
import { createBuild } from './lib/build';
import { say } from './lib/env';

const dir = process.argv[2];
if (!dir) {
  say('usage: node -r @swc-node/register bench/prepare.ts <dir>');
  process.exit(2);
}
createBuild(path.resolve(dir), process.env.BENCH_REF).then(
  (b) => say(`built ${b.source} into ${dir}`),
  (err: Error) => {
    say(`build failed: ${err.message}`);
    process.exit(1);
  },
);
