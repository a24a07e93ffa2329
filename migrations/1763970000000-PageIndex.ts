import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pages of a thread list every post that was ever shared (published, hidden or removed, the last
 * two as notices), so the page index covers all of them: the old index, on published posts only,
 * no longer matched the query, and a deep thread fell back to sorting every post (found by
 * bench/page-depth.ts).
 */
export class PageIndex1763970000000 implements MigrationInterface {
  name = 'PageIndex1763970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX posts_thread_page_idx;
      CREATE INDEX posts_thread_page_idx ON posts (thread_id, event_seq) WHERE event_seq IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX posts_thread_page_idx;
      CREATE INDEX posts_thread_page_idx ON posts (thread_id, event_seq) WHERE status = 'published';
    `);
  }
}
