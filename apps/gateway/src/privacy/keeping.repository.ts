import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErasedEntriesPolicy, KeepingView } from '@p2p/contract';
import { DataSource, EntityManager } from 'typeorm';

interface KeepingRow {
  erased_entries: ErasedEntriesPolicy;
  keep_posts_days: number | null;
  keep_chat_days: number | null;
  keep_log_days: number | null;
}

const toView = (r: KeepingRow): KeepingView => ({
  erasedEntries: r.erased_entries,
  postsDays: r.keep_posts_days,
  chatDays: r.keep_chat_days,
  logDays: r.keep_log_days,
});

/** The SQL of a community's keeping policy. */
@Injectable()
export class KeepingRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async read(communityId: string): Promise<KeepingView | undefined> {
    const [row] = await this.db.query<KeepingRow[]>(
      `SELECT erased_entries, keep_posts_days, keep_chat_days, keep_log_days FROM communities WHERE id = $1`,
      [communityId],
    );
    return row && toView(row);
  }

  /** Locks the community's policy, and returns it as it was. */
  async lock(em: EntityManager, communityId: string): Promise<KeepingView> {
    const [row] = await em.query<KeepingRow[]>(
      `SELECT erased_entries, keep_posts_days, keep_chat_days, keep_log_days FROM communities WHERE id = $1 FOR UPDATE`,
      [communityId],
    );
    return toView(row);
  }

  async write(em: EntityManager, communityId: string, k: KeepingView): Promise<void> {
    await em.query(
      `UPDATE communities SET erased_entries = $2, keep_posts_days = $3, keep_chat_days = $4, keep_log_days = $5
        WHERE id = $1`,
      [communityId, k.erasedEntries, k.postsDays, k.chatDays, k.logDays],
    );
  }

  /** Communities that keep something for a limited time. */
  async limited(): Promise<{ id: string; keeping: KeepingView }[]> {
    const rows = await this.db.query<(KeepingRow & { id: string })[]>(
      `SELECT id, erased_entries, keep_posts_days, keep_chat_days, keep_log_days FROM communities
        WHERE keep_posts_days IS NOT NULL OR keep_chat_days IS NOT NULL OR keep_log_days IS NOT NULL
        ORDER BY id`,
    );
    return rows.map((r) => ({ id: r.id, keeping: toView(r) }));
  }
}
