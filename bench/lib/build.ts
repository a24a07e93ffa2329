/** The code under test: a production build of the working tree or of a commit (BENCH_REF). */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, say } from './env';

export const BUILD_CACHE = path.join(ROOT, 'node_modules/.cache/p2p-bench');
const git = (...args: string[]): string => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

/** The code under test, compiled: `dir` holds apps/, libs/, migrations/ as .js (or .ts in source mode). */
export interface Build {
  dir: string;
  commit: string;
  dirty: boolean;
  source: string;
  gatewayArgs: string[];
  gatewayLabel: string;
}

/**
 * Where the gateway under test comes from:
 * - BENCH_REF=<git ref> (e.g. HEAD): `git archive` of that commit, compiled with its own
 *   tsconfig.build.json (tsc + tsc-alias, as `npm run build` does), under node_modules/.cache;
 * - default: the working tree, compiled the same way into node_modules/.cache (dist/ is left alone);
 * - BENCH_BUILD_DIR: a build made by bench/prepare.ts (run-all.sh builds once for all three);
 * - BENCH_GATEWAY=source: the working tree's TypeScript through @swc-node/register.
 * Builds made here are removed at the end of the run.
 */
/** What a build needs of its run (a BenchRun): an id for its folder, and a way to remove it at the end. */
interface BuildsFor {
  id: string;
  onCleanup(label: string, fn: () => void): void;
}

export async function prepareBuild(run: BuildsFor): Promise<Build> {
  if (process.env.BENCH_GATEWAY === 'source') {
    return {
      dir: ROOT,
      commit: safeGit('rev-parse', '--short', 'HEAD'),
      dirty: safeGit('status', '--porcelain', '--untracked-files=no') !== '',
      source: 'working tree',
      gatewayArgs: ['-r', '@swc-node/register', 'apps/gateway/src/main.ts'],
      gatewayLabel: 'TypeScript sources via @swc-node/register',
    };
  }
  const given = process.env.BENCH_BUILD_DIR;
  if (given) return readBuild(path.resolve(given));
  const dir = path.join(BUILD_CACHE, `build-${run.id}`);
  run.onCleanup('remove the build', () => rmSync(dir, { recursive: true, force: true }));
  return createBuild(dir, process.env.BENCH_REF);
}

function safeGit(...args: string[]): string {
  try {
    return git(...args);
  } catch {
    return 'unknown';
  }
}

function readBuild(root: string): Build {
  const file = path.join(root, 'bench-build.json');
  if (!existsSync(file)) throw new Error(`${root} is not a build made by bench/prepare.ts (no bench-build.json).`);
  const meta = JSON.parse(readFileSync(file, 'utf8')) as Omit<Build, 'gatewayArgs' | 'gatewayLabel' | 'dir'>;
  const dir = path.join(root, 'dist');
  const main = path.join(dir, 'apps/gateway/src/main.js');
  if (!existsSync(main)) throw new Error(`No built gateway at ${main}.`);
  return { ...meta, dir, gatewayArgs: [main], gatewayLabel: `built with tsc (${meta.source})` };
}

/** Compiles the working tree, or a commit when `ref` is given, into `root`/dist. */
export async function createBuild(root: string, ref?: string): Promise<Build> {
  mkdirSync(root, { recursive: true });
  const run = (cmd: string, args: string[], cwd: string) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`${cmd} ${args[0]} exited with ${code}`)),
      );
    });
  let project: string;
  let meta: { commit: string; dirty: boolean; source: string };
  if (ref) {
    const commit = git('rev-parse', '--short', `${ref}^{commit}`);
    say(`building commit ${commit} (${ref}) from a git archive into ${path.relative(ROOT, root)} ...`);
    const src = path.join(root, 'src');
    mkdirSync(src, { recursive: true });
    await run('sh', ['-c', `git -C "$0" archive --format=tar ${commit} | tar -x -C "$1"`, ROOT, src], ROOT);
    project = src;
    meta = { commit, dirty: false, source: `commit ${commit}` };
  } else {
    const commit = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    say(
      `building the working tree (HEAD ${commit}${dirty ? ' with uncommitted changes' : ''}) into ${path.relative(ROOT, root)} ...`,
    );
    project = ROOT;
    meta = {
      commit,
      dirty,
      source: dirty ? `working tree on ${commit}, with uncommitted changes` : `working tree, ${commit}`,
    };
  }
  const out = path.join(root, 'dist');
  const tsconfig = path.join(project, 'tsconfig.build.json');
  await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', tsconfig, '--outDir', out], project);
  await run(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsc-alias/dist/bin/index.js'), '-p', tsconfig, '--outDir', out],
    project,
  );
  writeFileSync(path.join(root, 'bench-build.json'), JSON.stringify(meta, null, 2));
  return readBuild(root);
}
