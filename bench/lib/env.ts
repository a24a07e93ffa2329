/** Where the benches run: the repository, the local PostgreSQL and Redis they may use, and small helpers. */
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/** Modules the benches load that moved in the renovation, with where an older build has them. */
export const FORMER_PATHS: Record<string, string> = {
  'apps/gateway/src/platform/database/migrate': 'apps/gateway/src/database/migrate',
  'apps/gateway/src/platform/database/data-source': 'apps/gateway/src/database/data-source',
  'apps/gateway/src/platform/http/pagination': 'apps/gateway/src/common/pagination',
  'apps/gateway/src/platform/redis/redis': 'apps/gateway/src/redis/redis',
  'apps/gateway/src/entries/post-views': 'apps/gateway/src/posts/post-views',
  'apps/gateway/src/moderation/moderation-log.repository': 'apps/gateway/src/moderation/moderation-log.repository',
};

/** Only ever this machine: a URL naming any other host is refused before anything connects. */
function local(url: string, what: string): string {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1') throw new Error(`${what} must point at 127.0.0.1 (got ${host}).`);
  return url;
}

export const ADMIN_URL = local(
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  'BENCH_DATABASE_URL',
);
export const REDIS_URL = local(process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379', 'BENCH_REDIS_URL');

export function envInt(name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} should be a whole number ${min}..${max}.`);
  return n;
}

export const say = (line: string): void => void process.stdout.write(`${line}\n`);

/** Wall-clock milliseconds with sub-millisecond resolution (same clock as Date.now()). */
export const nowMs = (): number => performance.timeOrigin + performance.now();
