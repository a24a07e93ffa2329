/**
 * PostgreSQL refuses to run as root. When we are root we pick, in this order:
 *   1. for an already initialised data dir: its owner, or a user namespace if root owns it;
 *   2. the `postgres` OS user, if it exists and can reach the binaries and the data dir;
 *   3. a user namespace (`unshare --user`), in which postgres runs as uid 65534 but its
 *      files stay owned by root on disk (no OS user needed, works under /root too);
 *   4. creating a `postgres` system user with useradd, as Debian's postgresql package would.
 * P2P_PG_ROOT_STRATEGY=user|userns forces 2/4 or 3 (for tests); P2P_PG_OS_USER changes
 * the OS user name (default `postgres`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Log, findOnPath, captureOutput } from './process';
import { type PgBinaries } from './pg-binaries';

const NOBODY_UID = 65534;

export type RunAs = { kind: 'self' } | { kind: 'uid'; uid: number; gid: number; name: string } | { kind: 'userns' };

export function describe(runAs: RunAs): string {
  if (runAs.kind === 'self') return 'the current user';
  if (runAs.kind === 'uid') return `OS user ${runAs.name} (uid ${runAs.uid})`;
  return 'uid 65534 inside a user namespace (files stay owned by root)';
}

export function lookupUser(name: string): { uid: number; gid: number } | null {
  const r = spawnSync('getent', ['passwd', name], { encoding: 'utf8' });
  const f = (r.stdout ?? '').trim().split(':');
  if (r.status !== 0 || f.length < 4) return null;
  return { uid: Number(f[2]), gid: Number(f[3]) };
}

export function userNameOf(uid: number): string {
  const r = spawnSync('getent', ['passwd', String(uid)], { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout ?? '').split(':')[0] : `uid ${uid}`;
}

export function createSystemUser(name: string, log: Log): { uid: number; gid: number } | null {
  if (!findOnPath('useradd')) return null;
  const groupExists = spawnSync('getent', ['group', name]).status === 0;
  const args = [
    '--system',
    groupExists ? `--gid=${name}` : '--user-group',
    '--no-create-home',
    '--home-dir=/var/lib/postgresql',
    '--shell=/bin/bash',
    '--comment=PostgreSQL administrator',
    name,
  ];
  log(`creating system user ${name} to run PostgreSQL (it refuses to run as root): useradd ${args.join(' ')}`);
  const r = spawnSync('useradd', args, { encoding: 'utf8' });
  if (r.status !== 0) log(`useradd failed: ${(r.stderr ?? '').trim()}`);
  return lookupUser(name);
}

/** Can uid/gid execute the binaries and reach (search) the folder that holds the data dir? */
export function canReach(uid: number, gid: number, bins: PgBinaries, dataDir: string): boolean {
  const r = spawnSync(
    '/bin/sh',
    ['-c', 'test -x "$1" && test -x "$2" && test -x "$3"', 'sh', bins.postgres, bins.initdb, path.dirname(dataDir)],
    { uid, gid, cwd: '/' },
  );
  return r.status === 0;
}

export function userNamespacesWork(): boolean {
  if (!findOnPath('unshare')) return false;
  const r = spawnSync('unshare', ['--user', `--map-user=${NOBODY_UID}`, `--map-group=${NOBODY_UID}`, 'true']);
  return r.status === 0;
}

export function chownR(dir: string, uid: number, gid: number): void {
  const r = spawnSync('chown', ['-R', `${uid}:${gid}`, dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`Could not give ${dir} to uid ${uid}: ${(r.stderr ?? '').trim()}`);
}

export function chooseRunAs(dataDir: string, initialised: boolean, bins: PgBinaries, log: Log): RunAs {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { kind: 'self' };
  const forced = process.env.P2P_PG_ROOT_STRATEGY; // 'user' | 'userns' | undefined
  const osUser = process.env.P2P_PG_OS_USER || 'postgres';
  const owner = initialised ? fs.statSync(dataDir).uid : null;

  // 1. keep running an existing cluster the way it was made: as its owner, or (root-owned)
  //    in a user namespace
  if (owner !== null && owner !== 0 && forced !== 'userns') {
    const gid = fs.statSync(dataDir).gid;
    if (canReach(owner, gid, bins, dataDir)) return { kind: 'uid', uid: owner, gid, name: userNameOf(owner) };
  }
  if (owner === 0 && forced !== 'user' && userNamespacesWork()) return { kind: 'userns' };
  const viaUser = (create: boolean): RunAs | null => {
    const ids = lookupUser(osUser) ?? (create ? createSystemUser(osUser, log) : null);
    if (!ids || ids.uid === 0) return null;
    if (!canReach(ids.uid, ids.gid, bins, dataDir)) {
      log(
        `OS user ${osUser} cannot reach ${bins.postgres} or ${path.dirname(dataDir)} (a private parent folder such as /root?)`,
      );
      return null;
    }
    return { kind: 'uid', uid: ids.uid, gid: ids.gid, name: osUser };
  };
  const viaUserns = (): RunAs | null => (userNamespacesWork() ? { kind: 'userns' } : null);

  const choice =
    forced === 'userns'
      ? viaUserns()
      : forced === 'user'
        ? viaUser(true)
        : (viaUser(false) ?? viaUserns() ?? viaUser(true));
  if (!choice) {
    throw new Error(
      `PostgreSQL cannot run as root and no other user can run it here: run npm start as a normal user, or create an OS user "${osUser}" that can read ${path.dirname(dataDir)} and node_modules, or set DATABASE_URL.`,
    );
  }
  // Make an existing cluster belong to the chosen user.
  if (initialised) {
    const want = choice.kind === 'uid' ? choice.uid : 0;
    if (owner !== want) {
      log(`changing owner of ${dataDir} to ${describe(choice)}`);
      chownR(dataDir, want, choice.kind === 'uid' ? choice.gid : 0);
    }
  }
  return choice;
}

export function spawnAs(runAs: RunAs, file: string, args: string[]): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  delete env.PGDATA;
  const common = { env, cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] as ('ignore' | 'pipe')[] };
  if (runAs.kind === 'userns') {
    return spawn(
      'unshare',
      ['--user', `--map-user=${NOBODY_UID}`, `--map-group=${NOBODY_UID}`, '--', file, ...args],
      common,
    );
  }
  if (runAs.kind === 'uid') return spawn(file, args, { ...common, uid: runAs.uid, gid: runAs.gid });
  return spawn(file, args, common);
}

export async function runToEnd(child: ChildProcess, what: string, log: Log): Promise<void> {
  const output = captureOutput(child, `[${what}]`, log);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (c) => resolve(c));
  });
  if (code !== 0) throw new Error(`${what} failed (exit ${String(code)}):\n${output()}`);
}
