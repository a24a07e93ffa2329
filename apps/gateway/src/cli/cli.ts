import 'reflect-metadata';
import { Command, InvalidArgumentError } from 'commander';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CommunityRole } from '@p2p/moderation';
import { DEFAULT_GUIDELINES, checkJsonl } from '@p2p/guidelines';
import { ModerationLog } from '../moderation/moderation-log.repository';
import { DataSource } from 'typeorm';
import { AuthRepository } from '../auth/auth.repository';
import { MIN_PASSWORD_LENGTH } from '../auth/passwords';
import { GuidelinesRepository } from '../guidelines/guidelines.repository';
import { ProvisioningConflict, admitMember, createCommunity, createUser } from '../communities/provisioning';
import { CommunitiesRepository } from '../communities/communities.repository';
import { createDataSource } from '../platform/database/data-source';
import { migrate } from '../platform/database/migrate';
import { seedDemo } from './demo-seed';
import { exportHtml } from '../privacy/export-html';
import { eraseAccount, erasureStores } from '../privacy/erasure';
import { ExportRepository } from '../privacy/export.repository';
import { buildExport } from '../privacy/export.service';

/**
 * The operator's command line. It talks to the database only (no Redis, no server), so it works
 * while the board is stopped. Usage: npm run cli -- <command> [options]
 */

class CliError extends Error {}

/** DATABASE_URL, or the embedded database of a board started here with `npm start`. */
function databaseUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const local = path.resolve(process.cwd(), '.data/local.json');
  if (existsSync(local)) return (JSON.parse(readFileSync(local, 'utf8')) as { DATABASE_URL: string }).DATABASE_URL;
  throw new CliError(
    "DATABASE_URL is not set; point it at the board's PostgreSQL database (or start the board with npm start).",
  );
}

async function withDb<T>(work: (db: DataSource) => Promise<T>): Promise<T> {
  const db = await createDataSource(databaseUrl()).initialize();
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

async function communityId(db: DataSource, slug: string): Promise<string> {
  const id = await new CommunitiesRepository(db).communityIdBySlug(db.manager, slug);
  if (!id) throw new CliError(`There is no community called "${slug}".`);
  return id;
}

async function userId(db: DataSource, username: string): Promise<string> {
  const id = await new CommunitiesRepository(db).userIdByUsername(db.manager, username.toLowerCase());
  if (!id) throw new CliError(`There is no account called "${username}".`);
  return id;
}

const password = (value: string): string => {
  if (value.length < MIN_PASSWORD_LENGTH)
    throw new InvalidArgumentError(`use at least ${MIN_PASSWORD_LENGTH} characters.`);
  return value;
};

const NO_LOCAL_CONTACT = (slug: string): string =>
  `Community ${slug} has only the national crisis lines. Ask its staff to add a local crisis team (PATCH /api/communities/{id}, crisisContacts), so members can reach someone near them.`;

export function buildCli(print: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Command {
  const program = new Command('p2p').description('Operator commands for P2P Board.').exitOverride();

  program
    .command('migrate')
    .description('Apply pending database migrations.')
    .action(async () => {
      const ran = await migrate(databaseUrl());
      print(ran.length ? `Applied: ${ran.join(', ')}` : 'The database is up to date.');
    });

  program
    .command('community:create')
    .description('Create a community with its community board, Top 3 board and info pages.')
    .requiredOption('--slug <slug>', 'short name used in addresses, e.g. aspatria')
    .requiredOption('--name <name>', 'full name, e.g. "Aspatria Therapeutic Community"')
    .option('--posting-delay <seconds>', 'thinking-space delay for posts', (v) => Number.parseInt(v, 10))
    .action(async (o: { slug: string; name: string; postingDelay?: number }) => {
      const settings = o.postingDelay === undefined ? undefined : { postingDelaySeconds: o.postingDelay };
      const c = await withDb((db) =>
        db.transaction((em) => createCommunity(em, { slug: o.slug, name: o.name, settings })),
      );
      print(`Created community ${c.slug} (${c.id}).`);
      print(NO_LOCAL_CONTACT(c.slug));
    });

  program
    .command('community:check')
    .description('List the communities that have only the national crisis lines, no contact of their own.')
    .action(async () => {
      const without = await withDb((db) => new CommunitiesRepository(db).withoutLocalContact());
      if (without.length === 0) print('Every community has a crisis contact of its own.');
      for (const c of without) print(NO_LOCAL_CONTACT(c.slug));
    });

  program
    .command('user:create')
    .description('Create an account.')
    .requiredOption('--username <username>')
    .requiredOption('--password <password>', `at least ${MIN_PASSWORD_LENGTH} characters`, password)
    .option('--display-name <name>')
    .option('--operator', 'this account runs the deployment', false)
    .action(async (o: { username: string; password: string; displayName?: string; operator: boolean }) => {
      const id = await withDb((db) =>
        db.transaction((em) =>
          createUser(em, {
            username: o.username,
            password: o.password,
            displayName: o.displayName,
            isOperator: o.operator,
          }),
        ),
      );
      print(`Created account ${o.username.toLowerCase()} (${id}).`);
    });

  program
    .command('member:admit')
    .description('Add an account to a community as a member or staff.')
    .requiredOption('--community <slug>')
    .requiredOption('--username <username>')
    .option('--role <role>', 'member or staff', 'member')
    .option('--top3', 'give a member a Top 3 seat (before the first election)', false)
    .action(async (o: { community: string; username: string; role: string; top3: boolean }) => {
      if (o.role !== 'member' && o.role !== 'staff') throw new CliError('--role must be member or staff.');
      if (o.top3 && o.role !== 'member') throw new CliError('Only members can hold a Top 3 seat.');
      await withDb(async (db) => {
        const cid = await communityId(db, o.community);
        const uid = await userId(db, o.username);
        await db.transaction((em) =>
          admitMember(em, { communityId: cid, userId: uid, role: o.role as CommunityRole, isTop3: o.top3 }),
        );
      });
      print(
        `${o.username} is now ${o.role === 'staff' ? 'staff' : o.top3 ? 'a Top 3 member' : 'a member'} of ${o.community}.`,
      );
    });

  program
    .command('session:revoke-all')
    .description('End every session of an account (for example after a lost device).')
    .requiredOption('--username <username>')
    .action(async (o: { username: string }) => {
      const count = await withDb(async (db) => {
        const uid = await userId(db, o.username);
        return (await new AuthRepository(db).revokeAll(uid)).length;
      });
      print(
        `Ended ${count} session${count === 1 ? '' : 's'} of ${o.username}. Open sockets close at their next check.`,
      );
    });

  program
    .command('member:erase')
    .description(
      "Erase a person's account on a documented request, as they could themselves: their words leave the board " +
        "(by each community's policy) and the log (whose records stay and still verify), their name and settings go. " +
        "The operator's log keeps the request's reference. Cannot be undone.",
    )
    .requiredOption('--username <username>')
    .requiredOption('--request <reference>', 'where the request is documented (a ticket, a letter)')
    .option('--yes', 'confirm: this cannot be undone', false)
    .action(async (o: { username: string; request: string; yes: boolean }) => {
      const reference = o.request.trim();
      if (reference.length === 0 || reference.length > 500) {
        throw new CliError('--request should say where the request is documented, in up to 500 characters.');
      }
      if (!o.yes) throw new CliError(`Erasing ${o.username} cannot be undone: add --yes to confirm.`);
      // Pages open on the board learn of it from the events it writes (each gateway polls for them).
      const done = await withDb(async (db) => {
        const uid = await userId(db, o.username);
        await new AuthRepository(db).revokeAll(uid);
        return (await eraseAccount(db, erasureStores(db), uid, reference))?.done;
      });
      if (!done) throw new CliError(`${o.username} has already been erased.`);
      print(
        `Erased ${o.username}: ${done.entriesRemoved} entries lost their words, ${done.entriesKept} stay from a former ` +
          `member, ${done.logRecordsCleared} log records cleared (the log still verifies). ` +
          `The operator's log keeps "${reference}".`,
      );
    });

  program
    .command('member:export')
    .description(
      "Make a person's subject-access export on a documented request (as JSON, or an HTML page); " +
        "the operator's log keeps the request's reference, and the person sees it in their own export.",
    )
    .requiredOption('--username <username>')
    .requiredOption('--request <reference>', 'where the request is documented (a ticket, a letter)')
    .requiredOption('--out <file>', 'where to write it (.html for the page, otherwise JSON)')
    .action(async (o: { username: string; request: string; out: string }) => {
      const reference = o.request.trim();
      if (reference.length === 0 || reference.length > 500) {
        throw new CliError('--request should say where the request is documented, in up to 500 characters.');
      }
      const data = await withDb(async (db) => {
        const uid = await userId(db, o.username);
        const exports = new ExportRepository(db);
        await db.transaction((em) => exports.recordOperatorExport(em, uid, reference));
        return buildExport(exports, uid);
      });
      // Health data: readable by the operator's account only, and never over an existing file.
      writeFileSync(o.out, o.out.endsWith('.html') ? exportHtml(data) : JSON.stringify(data, null, 2), {
        mode: 0o600,
        flag: 'wx',
      });
      print(`Wrote everything held about ${o.username} to ${o.out}; the operator's log keeps "${reference}".`);
    });

  program
    .command('guidelines:check')
    .description(
      'Run the guidelines checker over a JSONL file of {id, text}; write {id, outcome, category, rule, matched}.',
    )
    .requiredOption('--in <file>', 'input JSONL')
    .requiredOption('--out <file>', 'output JSONL')
    .option('--community <slug>', "use this community's guidelines (default: the defaults)")
    .action(async (o: { in: string; out: string; community?: string }) => {
      const set = o.community
        ? await withDb(async (db) => {
            const cid = await communityId(db, o.community!);
            const row = await new GuidelinesRepository(db).latest(cid);
            return row ? { version: row.version, rules: row.rules } : DEFAULT_GUIDELINES;
          })
        : DEFAULT_GUIDELINES;
      const r = await checkJsonl(o.in, o.out, set);
      print(
        `Checked ${r.lines} lines with guidelines version ${set.version}: ${r.held} held, ${r.warned} warned, ${r.checkedIn} checked in, ${r.invalid} unreadable.`,
      );
    });

  program
    .command('log:verify')
    .description("Recompute a community's verbatim log chains and report the first broken record.")
    .requiredOption('--community <slug>')
    .option('--checkpoint <entries:head>', 'an earlier checkpoint of the open chain')
    .option('--private-checkpoint <entries:head>', 'an earlier checkpoint of the private boards chain')
    .action(async (o: { community: string; checkpoint?: string; privateCheckpoint?: string }) => {
      const results = await withDb(async (db) => {
        const cid = await communityId(db, o.community);
        const log = new ModerationLog(db);
        return {
          open: await log.verify(cid, 'open', parseCheckpoint(o.checkpoint)),
          private: await log.verify(cid, 'private', parseCheckpoint(o.privateCheckpoint)),
        };
      });
      for (const [chain, r] of Object.entries(results)) {
        print(
          r.ok
            ? `${chain}: ok, ${r.entries} records, checkpoint ${r.entries}:${r.head ?? ''}`
            : `${chain}: BROKEN at record ${r.firstBrokenAt}: ${r.problem}`,
        );
      }
      if (!results.open.ok || !results.private.ok) throw new CliError('The log does not verify.');
    });

  program
    .command('demo:seed')
    .description('Create the demo community and its users, if not there yet.')
    .action(async () => {
      const seeded = await withDb(seedDemo);
      print(seeded ? 'Seeded the demo community.' : 'The demo community is already there.');
    });

  return program;
}

function parseCheckpoint(raw?: string): { entries: number; head: string } | undefined {
  if (!raw) return undefined;
  const m = /^(\d+):([0-9a-f]{64})$/.exec(raw);
  if (!m) throw new CliError('A checkpoint looks like <entries>:<64 hex characters>.');
  return { entries: Number(m[1]), head: m[2] };
}

/** Runs the CLI; returns the exit code. Errors a person can fix are one sentence, not a stack. */
export async function runCli(
  argv: string[],
  print?: (line: string) => void,
  printError: (line: string) => void = (l) => void process.stderr.write(`${l}\n`),
): Promise<number> {
  const program = buildCli(print);
  program.configureOutput({ writeErr: (s) => printError(s.trimEnd()) });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return 0;
    if (code?.startsWith('commander.')) return 2;
    if (err instanceof CliError || err instanceof ProvisioningConflict) {
      printError(err.message);
      return 1;
    }
    const pgError = err as { code?: string; detail?: string; table?: string; constraint?: string };
    if (pgError.code === '23514') {
      printError(`That value is not allowed (${pgError.constraint ?? 'check failed'}).`);
      return 1;
    }
    throw err;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`The command failed: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
