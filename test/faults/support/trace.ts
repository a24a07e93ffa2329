/**
 * Where a killed release worker was, read from its trace (see release-worker.ts): one line per
 * SQL statement, "<connection> <B|C|R|P|Q>", written before the statement is sent, and
 * "<connection> D" once PostgreSQL has answered its COMMIT (or its one-statement release, P).
 *
 * - in-transaction: some connection had begun a transaction and not yet sent COMMIT or ROLLBACK,
 *   so PostgreSQL rolled that release back when the connection dropped;
 * - at-commit: some connection had sent COMMIT, or the release fast path's one-statement
 *   transaction, without an answer yet (it may or may not have taken effect: a retry must then
 *   find the post released, or release it, but never twice);
 * - outside: no release transaction was open (booting, waiting, between transactions).
 */
export type KillSite = 'in-transaction' | 'at-commit' | 'outside';

export function whereItDied(trace: string): KillSite {
  const state = new Map<string, 'open' | 'committing' | 'idle'>();
  for (const line of trace.split('\n')) {
    const [conn, kind] = line.split(' ');
    if (!conn || !kind) continue;
    if (kind === 'B') state.set(conn, 'open');
    else if (kind === 'C' || kind === 'P') state.set(conn, 'committing');
    else if (kind === 'R' || kind === 'D') state.set(conn, 'idle');
    else if (state.get(conn) !== 'open') state.set(conn, 'idle');
  }
  const states = [...state.values()];
  if (states.includes('open')) return 'in-transaction';
  if (states.includes('committing')) return 'at-commit';
  return 'outside';
}
