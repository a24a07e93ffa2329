import { HttpException, HttpStatus } from '@nestjs/common';

/** The error body every client sees: a status, its name, and a sentence a person can act on. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  errorId?: string;
  [extra: string]: unknown;
}

export function errorName(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}

/** Turns Nest's varied exception payloads into one plain sentence. */
export function sentenceFrom(exception: HttpException): string {
  const response = exception.getResponse();
  const raw =
    typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? exception.message);
  const text = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
  const status = exception.getStatus();
  if (status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /.test(text)) {
    return `There is nothing at ${text.replace(/^Cannot /, '')}.`;
  }
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** A 4xx that carries more than a sentence, e.g. what the guidelines found. Extra fields join the body. */
export class ExplainedException extends HttpException {
  constructor(
    status: number,
    message: string,
    readonly extra: Record<string, unknown>,
  ) {
    super(message, status);
  }
}
