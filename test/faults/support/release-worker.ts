/**
 * A release worker as a process of its own, for the kill test (release-worker-kill.fault-spec.ts).
 * It does what a gateway does with releases from the moment it boots: the reconciler's first pass
 * and then one every RELEASE_RECONCILE_MS, and a BullMQ worker running the real ReleaseProcessor
 * on the post-release queue. It is meant to die by SIGKILL at any moment.
 *
 * Every SQL statement it sends is first written, synchronously, to TRACE_FILE as
 * "<connection> <B|C|R|P|Q>" (START TRANSACTION, COMMIT, ROLLBACK, the release fast path's
 * one-statement transaction, anything else), and "D" once a COMMIT or that statement has been
 * answered. A write that has returned is in the kernel's hands and survives the
 * kill, so the file's last lines say where the process was when it died: inside a release
 * transaction, waiting for its COMMIT, or outside any.
 * Its first release transaction also prints "releasing" on stdout, and each answered COMMIT or
 * one-statement release "committed",
 * so the test can aim its kill.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import {
  AfterQueryEvent,
  EntitySubscriberInterface,
  Logger as TypeOrmLogger,
  QueryRunner,
  TransactionCommitEvent,
} from 'typeorm';
import { loadConfig } from '../../../apps/gateway/src/platform/config/config';
import { GATED_PUBLISH_STATEMENT } from '../../../apps/gateway/src/entries/release.repository';
import { releaseGraph } from './release-graph';

const trace = fs.openSync(process.env.TRACE_FILE ?? '/dev/null', 'a');
const runners = new WeakMap<QueryRunner, number>();
let announced = false;

let nextId = 1;
const idOf = (runner?: QueryRunner): number => {
  if (!runner) return 0;
  let id = runners.get(runner);
  if (id === undefined) runners.set(runner, (id = nextId++));
  return id;
};

class TraceLogger implements TypeOrmLogger {
  logQuery(query: string, _parameters?: unknown[], runner?: QueryRunner): void {
    const kind =
      query === 'START TRANSACTION'
        ? 'B'
        : query === 'COMMIT'
          ? 'C'
          : query === 'ROLLBACK'
            ? 'R'
            : query === GATED_PUBLISH_STATEMENT
              ? 'P'
              : 'Q';
    fs.writeSync(trace, `${idOf(runner)} ${kind} ${Math.round(performance.now())}\n`);
    if ((kind === 'B' || kind === 'P') && !announced) {
      announced = true;
      fs.writeSync(1, 'releasing\n');
    }
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/** "<connection> D" once PostgreSQL has answered a COMMIT or a one-statement release: that release is done. */
class TraceSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    done(event.queryRunner);
  }

  afterQuery(event: AfterQueryEvent<unknown>): void {
    if (event.query === GATED_PUBLISH_STATEMENT) done(event.queryRunner);
  }
}

function done(runner: QueryRunner): void {
  fs.writeSync(trace, `${idOf(runner)} D ${Math.round(performance.now())}\n`);
  fs.writeSync(1, 'committed\n');
}

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const graph = await releaseGraph(config, {
    dataSource: { logger: new TraceLogger(), logging: ['query'], subscribers: [TraceSubscriber] },
    // Short locks, so that a job held by a killed worker is found stalled and run again soon.
    worker: { concurrency: config.releaseConcurrency, lockDuration: 1000, stalledInterval: 500 },
  });
  graph.releases.onApplicationBootstrap();
  process.once('SIGTERM', () => void graph.close().then(() => process.exit(0)));
}

main().catch((err) => {
  process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
  process.exit(1);
});
