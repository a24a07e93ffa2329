import { HttpException, HttpStatus } from '@nestjs/common';

/** A kind 429: says how long to wait, in words and in Retry-After (the error filter sets it). */
export class SlowDown extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, HttpStatus.TOO_MANY_REQUESTS);
  }
}

export function inMinutes(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
