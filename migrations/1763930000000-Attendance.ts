import { MigrationInterface, QueryRunner } from 'typeorm';

/** The community's sessions, attendance per member, and suspensions with their automatic return. */
export class Attendance1763930000000 implements MigrationInterface {
  name = 'Attendance1763930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE community_sessions (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        title        text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 120),
        starts_at    timestamptz NOT NULL,
        series_id    uuid,
        created_by   uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        UNIQUE (community_id, starts_at),
        UNIQUE (id, community_id)
      );

      CREATE TABLE attendance (
        session_id   uuid NOT NULL,
        community_id uuid NOT NULL,
        user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        mark         text NOT NULL CHECK (mark IN ('attended', 'contact', 'no-contact')),
        recorded_by  uuid REFERENCES users (id) ON DELETE SET NULL,
        recorded_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, user_id),
        FOREIGN KEY (session_id, community_id) REFERENCES community_sessions (id, community_id) ON DELETE CASCADE
      );
      CREATE INDEX attendance_member_idx ON attendance (community_id, user_id);

      -- One suspension per completed run of no-contact sessions: sweeping twice, or two sweeps
      -- at once, cannot suspend twice.
      CREATE TABLE suspensions (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        community_id       uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        user_id            uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        trigger_session_id uuid REFERENCES community_sessions (id) ON DELETE SET NULL,
        starts_at          timestamptz NOT NULL,
        ends_at            timestamptz NOT NULL CHECK (ends_at > starts_at),
        ended_at           timestamptz,
        ended_by           uuid REFERENCES users (id) ON DELETE SET NULL,
        ended_reason       text CHECK (ended_reason IN ('period-over', 'staff', 'left')),
        UNIQUE (community_id, user_id, trigger_session_id)
      );
      CREATE UNIQUE INDEX suspensions_one_open_idx ON suspensions (community_id, user_id) WHERE ended_at IS NULL;
      CREATE INDEX suspensions_due_idx ON suspensions (ends_at) WHERE ended_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE suspensions;
      DROP TABLE attendance;
      DROP TABLE community_sessions;
    `);
  }
}
