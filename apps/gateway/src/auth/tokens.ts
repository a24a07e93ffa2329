import { createHash, randomBytes } from 'node:crypto';

/** A session token is 32 random bytes; only its SHA-256 is stored, so a database leak opens nothing. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export const SESSION_COOKIE = 'p2p_session';
export const CSRF_COOKIE = 'p2p_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Reads one cookie from a raw Cookie header (sockets have no cookie-parser). */
export function cookieFrom(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
