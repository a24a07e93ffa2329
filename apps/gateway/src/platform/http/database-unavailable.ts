import { QueryFailedError } from 'typeorm';

/** What a person sees while PostgreSQL is away: nothing of the error, and what to do. */
export const DATABASE_AWAY =
  "The board can't reach its database just now. Anything already saved is safe; please try again in a minute.";

/**
 * Socket errors of the driver, and the SQLSTATEs of a server that is not there to answer:
 * class 08 (connection exception), 57P01-57P03 (shut down, crashed, starting up).
 */
const AWAY_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
]);
/** node-postgres says these without a code. */
const AWAY_MESSAGES = /Connection terminated|is not queryable|timeout exceeded when trying to connect/i;

/**
 * True when a request failed because the database could not be reached (stopped, restarting,
 * the connection cut), not because of anything in the request or a fault in our code: the answer
 * is then 503, and the same process serves again once the database is back.
 */
export function isDatabaseUnavailable(exception: unknown): boolean {
  const errors = [exception, exception instanceof QueryFailedError ? (exception.driverError as unknown) : null];
  return errors.some((e) => {
    if (!e || typeof e !== 'object') return false;
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (AWAY_CODES.has(code) || code.startsWith('08'))) return true;
    return typeof message === 'string' && AWAY_MESSAGES.test(message);
  });
}
