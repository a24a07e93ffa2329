import { Inject, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DeviceSessionView } from '@p2p/contract';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { FanoutService } from '../platform/realtime/fanout.service';
import { AuthContext } from '../platform/http/auth-context';
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
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limiter: LoginLimiter,
    private readonly fanout: FanoutService,
  ) {}

  async login(username: string, password: string, address: string, userAgent?: string): Promise<LoginResult> {
    const name = username.trim().toLowerCase();
    await this.limiter.beforeAttempt(address, name);
    const [user] = await this.db.query<
      { id: string; username: string; display_name: string; is_operator: boolean; password_hash: string }[]
    >(`SELECT id, username, display_name, is_operator, password_hash FROM users WHERE username = $1`, [name]);
    const ok = await verifyPassword(user?.password_hash ?? (await decoyHash()), password);
    if (!user || !ok) {
      await this.limiter.failed(address, name);
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    await this.limiter.succeeded(address, name);

    const token = newToken();
    const expiresAt = new Date(Date.now() + this.config.sessionTtlMs);
    const [session] = await this.db.query<{ id: string }[]>(
      `INSERT INTO sessions (user_id, token_hash, expires_at, user_agent) VALUES ($1, $2, $3, $4) RETURNING id`,
      [user.id, tokenHash(token), expiresAt, userAgent?.slice(0, 300) ?? null],
    );
    return {
      token,
      sessionId: session.id,
      expiresAt,
      user: { id: user.id, username: user.username, displayName: user.display_name, isOperator: user.is_operator },
    };
  }

  /** The live session behind a token, or null: revoked and expired sessions open nothing. */
  async authenticate(token: string, via: AuthContext['via']): Promise<AuthContext | null> {
    if (!token || token.length > 200) return null;
    const [row] = await this.db.query<
      {
        session_id: string;
        last_seen_at: Date;
        id: string;
        username: string;
        display_name: string;
        is_operator: boolean;
      }[]
    >(
      `SELECT s.id AS session_id, s.last_seen_at, u.id, u.username, u.display_name, u.is_operator
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [tokenHash(token)],
    );
    if (!row) return null;
    if (Date.now() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      await this.db.query(`UPDATE sessions SET last_seen_at = now() WHERE id = $1`, [row.session_id]);
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
    const rows = await this.db.query<unknown[]>(
      `SELECT 1 FROM sessions WHERE id = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [sessionId],
    );
    return rows.length > 0;
  }

  async logout(auth: AuthContext): Promise<void> {
    await this.revoke(auth.userId, auth.sessionId, 'signed-out');
  }

  async listSessions(auth: AuthContext): Promise<DeviceSessionView[]> {
    const rows = await this.db.query<
      { id: string; created_at: Date; last_seen_at: Date; expires_at: Date; user_agent: string | null }[]
    >(
      `SELECT id, created_at, last_seen_at, expires_at, user_agent FROM sessions
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
        ORDER BY created_at DESC, id LIMIT 100`,
      [auth.userId],
    );
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
    const rows = await this.db.query<[{ id: string }[], number]>(
      `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
      [userId],
    );
    for (const { id } of rows[0]) this.endSockets(id, 'revoked');
    return rows[1];
  }

  private async revoke(userId: string, sessionId: string, reason: 'signed-out' | 'revoked'): Promise<boolean> {
    const [, count] = await this.db.query<[unknown, number]>(
      `UPDATE sessions SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [sessionId, userId],
    );
    this.endSockets(sessionId, reason);
    return count > 0;
  }

  private endSockets(sessionId: string, reason: 'signed-out' | 'revoked'): void {
    this.fanout.endSession(sessionId, {
      reason,
      message: reason === 'signed-out' ? 'You have signed out.' : 'This sign-in has been ended. Please sign in again.',
    });
  }
}
