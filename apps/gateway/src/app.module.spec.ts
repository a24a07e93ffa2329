import { Writable } from 'node:stream';
import pino from 'pino';
import { QueryFailedError } from 'typeorm';
import { withoutParameters } from './app.module';

describe('what the logs keep', () => {
  it('a failed query is logged with its SQL but never its values', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ serializers: { err: withoutParameters } }, sink);
    const err = new QueryFailedError(
      'INSERT INTO posts (body) VALUES ($1)',
      ['I feel awful tonight'],
      new Error('boom'),
    );
    logger.error({ err }, 'unexpected error');
    expect(lines.join('')).toContain('INSERT INTO posts');
    expect(lines.join('')).not.toContain('I feel awful tonight');
  });
});
