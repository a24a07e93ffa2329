import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Top 3 elections with a secret ballot. Who voted (election_voters) is kept apart from what was
 * voted (election_ballots): a ballot row has no voter, no time, and a random id, and every vote
 * re-deals the whole box in a transaction of its own, so neither system columns (xmin, ctid) nor
 * order can join a ballot to its voter.
 */
export class Elections1763950000000 implements MigrationInterface {
  name = 'Elections1763950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE elections (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        community_id         uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        kind                 text NOT NULL CHECK (kind IN ('full', 'by-election')),
        seats                integer NOT NULL CHECK (seats BETWEEN 1 AND 3),
        opened_by            uuid REFERENCES users (id) ON DELETE SET NULL,
        opened_at            timestamptz NOT NULL DEFAULT now(),
        nominations_close_at timestamptz NOT NULL,
        voting_close_at      timestamptz NOT NULL,
        counted_at           timestamptz,
        result               jsonb,
        CHECK (voting_close_at > nominations_close_at),
        CHECK ((counted_at IS NULL) = (result IS NULL))
      );
      CREATE UNIQUE INDEX elections_one_open_idx ON elections (community_id) WHERE counted_at IS NULL;

      CREATE TABLE election_nominations (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        election_id  uuid NOT NULL REFERENCES elections (id) ON DELETE CASCADE,
        candidate_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        nominated_by uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        accepted_at  timestamptz,
        created_at   timestamptz NOT NULL DEFAULT now(),
        UNIQUE (election_id, candidate_id)
      );

      -- Who has voted: enough to refuse a second vote, nothing about the choice.
      CREATE TABLE election_voters (
        election_id uuid NOT NULL REFERENCES elections (id) ON DELETE CASCADE,
        user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        PRIMARY KEY (election_id, user_id)
      );

      -- What was voted: no voter, no time, a random id.
      CREATE TABLE election_ballots (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        election_id uuid NOT NULL REFERENCES elections (id) ON DELETE CASCADE,
        choices     uuid[] NOT NULL CHECK (cardinality(choices) <= 3)
      );
      CREATE INDEX election_ballots_election_idx ON election_ballots (election_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE election_ballots;
      DROP TABLE election_voters;
      DROP TABLE election_nominations;
      DROP TABLE elections;
    `);
  }
}
