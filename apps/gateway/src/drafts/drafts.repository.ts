import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface DraftRow {
  place: string;
  title: string | null;
  body: string;
  updated_at: Date;
}

/** The SQL of members' drafts: every query is keyed by the writer's own id, so none reads another's. */
@Injectable()
export class DraftsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async ofUser(userId: string, place: string): Promise<DraftRow | undefined> {
    const [row] = await this.db.query<DraftRow[]>(
      `SELECT place, title, body, updated_at FROM drafts WHERE user_id = $1 AND place = $2`,
      [userId, place],
    );
    return row;
  }

  /** Writes the whole draft (made the first time), stamped now; the draft as saved. */
  async save(userId: string, place: string, title: string | null, body: string): Promise<DraftRow> {
    const [row] = await this.db.query<DraftRow[]>(
      `INSERT INTO drafts (user_id, place, title, body, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (user_id, place) DO UPDATE SET title = $3, body = $4, updated_at = now()
       RETURNING place, title, body, updated_at`,
      [userId, place, title, body],
    );
    return row;
  }

  async remove(userId: string, place: string): Promise<void> {
    await this.db.query(`DELETE FROM drafts WHERE user_id = $1 AND place = $2`, [userId, place]);
  }
}
