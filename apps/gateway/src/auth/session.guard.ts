import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { AuthService } from './auth.service';
import { AuthContext } from '../platform/http/auth-context';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './tokens';

const PUBLIC = 'p2p:public';
/** Marks a route anyone may call, signed in or not. */
export const Public = () => SetMetadata(PUBLIC, true);

type AuthedRequest = Request & { auth?: AuthContext };

/** The signed-in caller; only on routes behind the session guard. */
export const CurrentAuth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().auth!;
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Every route needs a live session unless marked @Public(). A bearer token serves API clients and
 * sockets; the browser's httpOnly cookie also needs the CSRF header on anything that changes state.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const token = bearer ?? cookie;

    if (token) {
      req.auth = (await this.auth.authenticate(token, bearer ? 'bearer' : 'cookie')) ?? undefined;
    }
    if (isPublic) return true;
    if (!req.auth) {
      throw new UnauthorizedException('Please sign in to continue; your session may have ended.');
    }
    if (req.auth.via === 'cookie' && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      const expected = (req.cookies as Record<string, string> | undefined)?.[CSRF_COOKIE];
      if (typeof sent !== 'string' || !expected || !sameSecret(sent, expected)) {
        throw new ForbiddenException(
          'This request is missing its security check. Please reload the page and try again.',
        );
      }
    }
    return true;
  }
}
