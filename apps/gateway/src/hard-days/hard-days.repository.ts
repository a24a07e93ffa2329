import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface PreferencesRow {
  muted_words: string[];
  break_until: Date | null;
  on_break: boolean;
}

const COLUMNS = `muted_words, break_until, coalesce(break_until > clock_timestamp(), false) AS on_break`;

/** The SQL of members' controls for hard days (member_preferences), read and written by their owner only. */
@Injectable()
export class HardDaysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The member's settings, if they have ever set any. */
  async ofUser(userId: string): Promise<PreferencesRow | undefined> {
    const [row] = await this.db.query<PreferencesRow[]>(
      `SELECT ${COLUMNS} FROM member_preferences WHERE user_id = $1`,
      [userId],
    );
    return row;
  }

  /** Replaces the member's muted words; the settings as saved. */
  async saveMutedWords(userId: string, words: string[]): Promise<PreferencesRow> {
    const [row] = await this.db.query<PreferencesRow[]>(
      `INSERT INTO member_preferences (user_id, muted_words) VALUES ($1, $2::text[])
       ON CONFLICT (user_id) DO UPDATE SET muted_words = $2::text[], updated_at = now()
       RETURNING ${COLUMNS}`,
      [userId, words],
    );
    return row;
  }

  /** Sets (a time) or clears (null) the end of the member's break; the settings as saved. */
  async saveBreak(userId: string, until: Date | null): Promise<PreferencesRow> {
    const [row] = await this.db.query<PreferencesRow[]>(
      `INSERT INTO member_preferences (user_id, break_until) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET break_until = $2, updated_at = now()
       RETURNING ${COLUMNS}`,
      [userId, until],
    );
    return row;
  }
}
