/**
 * The web benches' two sides: the working tree's client, served by the gateway under test, beside
 * the same pages as an earlier commit (BENCH_WEB_BASELINE, default f41237a, the last commit before
 * the client became an installable app) built and served them: that commit's own gateway, compiled
 * from a git archive, serving that commit's client. Both on the run's database.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Build, createBuild } from './build';
import { ROOT, say } from './env';
import { Child, freePort, startGateway } from './gateway';
import { BenchRun } from './harness';

export const BASELINE_REF = process.env.BENCH_WEB_BASELINE ?? 'f41237a';

const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');

/** Builds the web client of `ref` (or the working tree) into `out`, with the build's own Vite config. */
export function buildClient(out: string, ref?: string): string {
  let project = ROOT;
  if (ref) {
    project = mkdtempSync(path.join(os.tmpdir(), 'p2p-web-baseline-'));
    execFileSync('sh', [
      '-c',
      `git -C "$0" archive --format=tar "$1" apps/web libs/contract | tar -x -C "$2"`,
      ROOT,
      ref,
      project,
    ]);
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
  }
  mkdirSync(out, { recursive: true });
  execFileSync(
    process.execPath,
    [
      vite,
      'build',
      '-c',
      path.join(project, 'apps/web/vite.config.mts'),
      '--outDir',
      out,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (ref) rmSync(project, { recursive: true, force: true });
  return ref
    ? execFileSync('git', ['rev-parse', '--short', ref], { cwd: ROOT, encoding: 'utf8' }).trim()
    : 'working tree';
}

export interface WebSide {
  name: 'today' | 'baseline';
  /** Where its client came from, for the table. */
  source: string;
  gateway: Build;
}

/** Builds both sides and starts a gateway for each; cleaned up with the run. */
export async function webGatewaysSideBySide(
  run: BenchRun,
  baselineRef: string,
): Promise<{ builds: WebSide[]; gateways: Child[] }> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'p2p-web-bench-'));
  run.onCleanup('remove the client builds', () => rmSync(work, { recursive: true, force: true }));
  // The baseline gateway finds its client as it did then: dist/web beside the nearest package.json.
  // Not under node_modules/.cache: that gateway's sendFile refuses any path with a dot folder in it.
  const old = path.join(work, 'baseline');
  mkdirSync(old);
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(old, 'node_modules'));
  say('building the web client of the working tree, then the baseline gateway and client ...');
  const todayDir = path.join(work, 'today');
  const builds: WebSide[] = [
    { name: 'today', source: buildClient(todayDir), gateway: run.build },
    { name: 'baseline', source: '', gateway: await createBuild(old, baselineRef) },
  ];
  writeFileSync(path.join(old, 'package.json'), '{ "private": true }\n');
  builds[1].source = `commit ${buildClient(path.join(old, 'dist/web'), baselineRef)}`;
  const gateways: Child[] = [];
  for (const b of builds) {
    const port = await freePort();
    gateways.push(
      await startGateway(
        run,
        {
          ...(b.name === 'today' ? { WEB_CLIENT_DIR: todayDir } : {}),
          ALLOWED_ORIGINS: `http://127.0.0.1:${port}`,
          GUIDELINES_MODEL: 'false',
        },
        { port, build: b.gateway },
      ),
    );
  }
  return { builds, gateways };
}
