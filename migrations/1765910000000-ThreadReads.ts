import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How far each person has read each thread (the sequence number of the last post they were shown),
 * so a board can mark the threads with something new for them.
 */
export class ThreadReads1765910000000 implements MigrationInterface {
  name = 'ThreadReads1765910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE thread_reads (
        user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        thread_id uuid NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
        read_seq  bigint NOT NULL,
        read_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, thread_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE thread_reads`);
  }
}
