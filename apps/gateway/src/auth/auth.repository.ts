import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  is_operator: boolean;
  password_hash: string;
}

/** A live session and whose it is. */
export interface LiveSessionRow {
  session_id: string;
  last_seen_at: Date;
  id: string;
  username: string;
  display_name: string;
  is_operator: boolean;
}

export interface SessionRow {
  id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  user_agent: string | null;
}

/**
 * The SQL of accounts and sessions. A session is found by its token's hash only; revoked and
 * expired sessions are never returned.
 */
@Injectable()
export class AuthRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async account(username: string): Promise<AccountRow | undefined> {
    const [user] = await this.db.query<AccountRow[]>(
      `SELECT id, username, display_name, is_operator, password_hash FROM users WHERE username = $1`,
      [username],
    );
    return user;
  }

  async openSession(userId: string, tokenHash: Buffer, expiresAt: Date, userAgent: string | null): Promise<string> {
    const [session] = await this.db.query<{ id: string }[]>(
      `INSERT INTO sessions (user_id, token_hash, expires_at, user_agent) VALUES ($1, $2, $3, $4) RETURNING id`,
      [userId, tokenHash, expiresAt, userAgent],
    );
    return session.id;
  }

  async liveSession(tokenHash: Buffer): Promise<LiveSessionRow | undefined> {
    const [row] = await this.db.query<LiveSessionRow[]>(
      `SELECT s.id AS session_id, s.last_seen_at, u.id, u.username, u.display_name, u.is_operator
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [tokenHash],
    );
    return row;
  }

  async touch(sessionId: string): Promise<void> {
    await this.db.query(`UPDATE sessions SET last_seen_at = now() WHERE id = $1`, [sessionId]);
  }

  async isLive(sessionId: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      `SELECT 1 FROM sessions WHERE id = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [sessionId],
    );
    return rows.length > 0;
  }

  /** The user's live sessions, newest first (at most 100). */
  liveSessionsOf(userId: string): Promise<SessionRow[]> {
    return this.db.query<SessionRow[]>(
      `SELECT id, created_at, last_seen_at, expires_at, user_agent FROM sessions
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
        ORDER BY created_at DESC, id LIMIT 100`,
      [userId],
    );
  }

  /** Revokes every live session of the user; returns their ids. */
  async revokeAll(userId: string): Promise<string[]> {
    const [rows] = await this.db.query<[{ id: string }[], number]>(
      `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
      [userId],
    );
    return rows.map((r) => r.id);
  }

  /** Revokes one of the user's sessions; false if it was not theirs or not live. */
  async revoke(sessionId: string, userId: string): Promise<boolean> {
    const [, count] = await this.db.query<[unknown, number]>(
      `UPDATE sessions SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [sessionId, userId],
    );
    return count > 0;
  }
}
