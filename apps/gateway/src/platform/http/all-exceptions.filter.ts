import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { DATABASE_AWAY, isDatabaseUnavailable } from './database-unavailable';
import { ErrorBody, ExplainedException, errorName, sentenceFrom } from './problem';
import { SlowDown } from './slow-down';

/** Every HTTP error leaves in one shape; a 5xx says nothing of its insides but an id for the logs. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    const body = toErrorBody(exception, this.logger);
    if (exception instanceof SlowDown) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    res.status(body.statusCode).json(body);
  }
}

/** Shapes any thrown thing into the error body; logs an unexpected one with its id. */
export function toErrorBody(exception: unknown, logger: Logger): ErrorBody {
  if (exception instanceof HttpException && (exception.getStatus() < 500 || exception.getStatus() === 503)) {
    const status = exception.getStatus();
    const extra = exception instanceof ExplainedException ? exception.extra : {};
    return { statusCode: status, error: errorName(status), message: sentenceFrom(exception), ...extra };
  }
  // body-parser and friends throw plain errors carrying a 4xx status.
  const status = (exception as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { statusCode: status, error: errorName(status), message: clientErrorSentence(exception, status) };
  }
  // The database is away (stopped, restarting): not a fault of ours to hide behind an id, and
  // the same process answers again once it is back.
  if (isDatabaseUnavailable(exception)) {
    logger.warn({ err: exception }, 'the database is unavailable');
    return { statusCode: 503, error: errorName(503), message: DATABASE_AWAY };
  }
  const errorId = randomUUID();
  logger.error({ errorId, err: exception }, 'unexpected error');
  return {
    statusCode: 500,
    error: 'Internal Server Error',
    message: `Something went wrong on our side; what was already saved is safe. Please try again, and if it keeps happening quote error ${errorId}.`,
    errorId,
  };
}

function clientErrorSentence(exception: unknown, status: number): string {
  const type = (exception as { type?: unknown }).type;
  if (type === 'entity.parse.failed') return 'The request body is not valid JSON.';
  if (type === 'entity.too.large' || status === 413) return 'The request body is too large.';
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return 'The request body must be UTF-8 JSON.';
  return 'The request could not be read.';
}
