import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff read no board content unless the community asks them in: a time-boxed grant to one
 * community board, opened by two different Top 3 members. Private boards can never be granted.
 */
export class StaffAccess1763940000000 implements MigrationInterface {
  name = 'StaffAccess1763940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE access_requests (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        community_id uuid NOT NULL,
        board_id     uuid NOT NULL,
        staff_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        reason       text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 2000),
        minutes      integer NOT NULL CHECK (minutes BETWEEN 15 AND 43200),
        status       text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'granted', 'refused', 'expired')),
        created_at   timestamptz NOT NULL DEFAULT now(),
        granted_at   timestamptz,
        expires_at   timestamptz,
        FOREIGN KEY (board_id, community_id) REFERENCES boards (id, community_id) ON DELETE CASCADE,
        CONSTRAINT granted_has_window CHECK (status NOT IN ('granted', 'expired') OR (granted_at IS NOT NULL AND expires_at IS NOT NULL))
      );
      CREATE INDEX access_requests_live_idx ON access_requests (board_id, staff_id) WHERE status = 'granted';

      -- A grant can never name a private board, whatever the code above it does.
      CREATE FUNCTION access_requests_not_private() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT kind FROM boards WHERE id = NEW.board_id) <> 'community' THEN
          RAISE EXCEPTION 'staff access can only be granted to a community board';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER access_requests_not_private BEFORE INSERT OR UPDATE ON access_requests
        FOR EACH ROW EXECUTE FUNCTION access_requests_not_private();

      CREATE TABLE access_approvals (
        request_id  uuid NOT NULL REFERENCES access_requests (id) ON DELETE CASCADE,
        top3_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        approved_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (request_id, top3_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE access_approvals;
      DROP TABLE access_requests;
      DROP FUNCTION access_requests_not_private();
    `);
  }
}
