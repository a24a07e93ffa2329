import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The operator's own log: what the operator did about a person on a documented request (for now,
 * a subject-access export made for them). It is not the community's verbatim log: that a member
 * asked for their data is theirs, and the Top 3 and staff have no need to know it. The person
 * sees these records in their own export.
 */
export class OperatorActions1766000000000 implements MigrationInterface {
  name = 'OperatorActions1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE operator_actions (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        at              timestamptz NOT NULL DEFAULT now(),
        action          text NOT NULL CHECK (action IN ('subject-access-export')),
        subject_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        reference       text NOT NULL CHECK (length(reference) BETWEEN 1 AND 500)
      )`);
    await q.query(`CREATE INDEX operator_actions_subject ON operator_actions (subject_user_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE operator_actions`);
  }
}
