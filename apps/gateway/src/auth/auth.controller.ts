import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { uuid } from '../platform/http/params';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { AuthService } from './auth.service';
import { AuthContext } from '../platform/http/auth-context';
import { LoginDto, LoginResponseDto, SessionDto } from './dto/login.dto';
import { CurrentAuth, Public } from './session.guard';
import { CSRF_COOKIE, SESSION_COOKIE } from './tokens';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with username and password; sets the session cookie too.' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'Username and password do not match.' })
  @ApiTooManyRequestsResponse({
    description:
      'Too many failed attempts from this address, or at this account from this address; Retry-After says how long to wait.',
  })
  async login(
    @Body() body: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponseDto> {
    const result = await this.auth.login(body.username, body.password, req.ip ?? 'unknown', req.get('user-agent'));
    const csrfToken = randomBytes(24).toString('base64url');
    const cookie: CookieOptions = {
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: '/',
      expires: result.expiresAt,
    };
    res.cookie(SESSION_COOKIE, result.token, { ...cookie, httpOnly: true });
    res.cookie(CSRF_COOKIE, csrfToken, cookie);
    return { token: result.token, csrfToken, expiresAt: result.expiresAt.toISOString(), user: result.user };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End this session; its open sockets are closed.' })
  async logout(@CurrentAuth() auth: AuthContext, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(auth);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.clearCookie(CSRF_COOKIE, { path: '/' });
  }

  @Get('sessions')
  @ApiBearerAuth()
  @ApiOperation({ summary: "The caller's live sessions." })
  @ApiOkResponse({ type: [SessionDto] })
  async sessions(@CurrentAuth() auth: AuthContext): Promise<{ items: SessionDto[] }> {
    return { items: await this.auth.listSessions(auth) };
  }

  @Delete('sessions/:sessionId')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: "End one of the caller's sessions, e.g. on a lost phone." })
  async revoke(
    @CurrentAuth() auth: AuthContext,
    @Param('sessionId', uuid('session id')) sessionId: string,
  ): Promise<void> {
    await this.auth.revokeOwn(auth, sessionId);
  }
}
