import { ForbiddenException, Inject, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { DeviceSessionView } from '@p2p/contract';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { FanoutService } from '../platform/realtime/fanout.service';
import { AuthContext } from '../platform/http/auth-context';
import { AuthRepository } from './auth.repository';
import { LoginLimiter } from './login-limiter';
import { decoyHash, verifyPassword } from './passwords';
import { newToken, tokenHash } from './tokens';

const BAD_CREDENTIALS = "That username and password don't match. Please check them and try again.";
/** last_seen_at is written at most this often per session, to keep reads cheap. */
const TOUCH_EVERY_MS = 5 * 60_000;

export interface LoginResult {
  token: string;
  sessionId: string;
  expiresAt: Date;
  user: { id: string; username: string; displayName: string; isOperator: boolean };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly accounts: AuthRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limiter: LoginLimiter,
    private readonly fanout: FanoutService,
  ) {}

  async login(username: string, password: string, address: string, userAgent?: string): Promise<LoginResult> {
    const name = username.trim().toLowerCase();
    await this.limiter.beforeAttempt(address, name);
    const user = await this.accounts.account(name);
    const ok = await verifyPassword(user?.password_hash ?? (await decoyHash()), password);
    if (!user || !ok) {
      await this.limiter.failed(address, name);
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    await this.limiter.succeeded(address, name);

    const token = newToken();
    const expiresAt = new Date(Date.now() + this.config.sessionTtlMs);
    const sessionId = await this.accounts.openSession(
      user.id,
      tokenHash(token),
      expiresAt,
      userAgent?.slice(0, 300) ?? null,
    );
    return {
      token,
      sessionId,
      expiresAt,
      user: { id: user.id, username: user.username, displayName: user.display_name, isOperator: user.is_operator },
    };
  }

  /**
   * Asks a signed-in person for their password again before something that cannot be undone.
   * Wrong guesses count as failed sign-ins (same waits, same lockout), so a session left open on a
   * shared computer cannot be used to try passwords.
   */
  async confirmPassword(auth: AuthContext, password: string, address: string): Promise<void> {
    await this.limiter.beforeAttempt(address, auth.username);
    const user = await this.accounts.account(auth.username);
    const ok = user?.id === auth.userId && (await verifyPassword(user.password_hash, password));
    if (!ok) {
      await this.limiter.failed(address, auth.username);
      throw new ForbiddenException("That password doesn't match yours. Nothing has been changed.");
    }
    await this.limiter.succeeded(address, auth.username);
  }

  /** The live session behind a token, or null: revoked and expired sessions open nothing. */
  async authenticate(token: string, via: AuthContext['via']): Promise<AuthContext | null> {
    if (!token || token.length > 200) return null;
    const row = await this.accounts.liveSession(tokenHash(token));
    if (!row) return null;
    if (Date.now() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      await this.accounts.touch(row.session_id);
    }
    return {
      userId: row.id,
      username: row.username,
      displayName: row.display_name,
      isOperator: row.is_operator,
      sessionId: row.session_id,
      via,
    };
  }

  async isSessionLive(sessionId: string): Promise<boolean> {
    return this.accounts.isLive(sessionId);
  }

  async logout(auth: AuthContext): Promise<void> {
    await this.revoke(auth.userId, auth.sessionId, 'signed-out');
  }

  async listSessions(auth: AuthContext): Promise<DeviceSessionView[]> {
    const rows = await this.accounts.liveSessionsOf(auth.userId);
    return rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
      userAgent: r.user_agent,
      current: r.id === auth.sessionId,
    }));
  }

  /** Ends one of the caller's own sessions (a lost phone, a shared computer). */
  async revokeOwn(auth: AuthContext, sessionId: string): Promise<void> {
    const revoked = await this.revoke(auth.userId, sessionId, 'revoked');
    if (!revoked) throw new NotFoundException('We could not find that session among yours.');
  }

  /** Ends every live session of a user: used by operators and when an account is closed. */
  async revokeAllFor(userId: string): Promise<number> {
    const ids = await this.accounts.revokeAll(userId);
    for (const id of ids) this.endSockets(id, 'revoked');
    return ids.length;
  }

  private async revoke(userId: string, sessionId: string, reason: 'signed-out' | 'revoked'): Promise<boolean> {
    const revoked = await this.accounts.revoke(sessionId, userId);
    this.endSockets(sessionId, reason);
    return revoked;
  }

  private endSockets(sessionId: string, reason: 'signed-out' | 'revoked'): void {
    this.fanout.endSession(sessionId, {
      reason,
      message: reason === 'signed-out' ? 'You have signed out.' : 'This sign-in has been ended. Please sign in again.',
    });
  }
}
