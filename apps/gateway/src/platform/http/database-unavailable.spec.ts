import { Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { toErrorBody } from './all-exceptions.filter';
import { DATABASE_AWAY } from './database-unavailable';

const quiet = { warn: () => undefined, error: () => undefined } as unknown as Logger;
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const sqlError = (message: string, code?: string) =>
  new QueryFailedError('INSERT INTO posts ...', [], code ? withCode(message, code) : new Error(message));

// The shapes seen from node-postgres and TypeORM while PostgreSQL was stopped with
// `pg_ctl stop -m immediate` under load (test/faults/postgres-stop.fault-spec.ts), and the
// server's own words while it shuts down or starts up.
describe('an error answer while the database is away', () => {
  it.each([
    ['a new connection refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a connection cut mid-query', sqlError('read ECONNRESET', 'ECONNRESET')],
    ['a connection ended by the server', sqlError('Connection terminated unexpectedly')],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    ['the server shutting down', sqlError('terminating connection due to administrator command', '57P01')],
    ['the server starting up', sqlError('the database system is starting up', '57P03')],
    ['a connection exception', sqlError('connection failure', '08006')],
  ])('%s is a calm 503, not a 500', (_what, error) => {
    const body = toErrorBody(error, quiet);
    expect(body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: DATABASE_AWAY });
  });

  it.each([
    ['a broken query of ours', sqlError('syntax error at or near "SELEC"', '42601')],
    ['a constraint we did not expect', sqlError('duplicate key value violates unique constraint', '23505')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('%s is still a 500 with an error id', (_what, error) => {
    const body = toErrorBody(error, quiet);
    expect(body).toMatchObject({ statusCode: 500, errorId: expect.any(String) });
  });
});
