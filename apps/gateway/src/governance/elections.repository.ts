import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ElectionResult } from '@p2p/moderation';
import { DataSource, EntityManager } from 'typeorm';
import { withLock } from '../platform/database/data-source';

export interface ElectionRow {
  id: string;
  community_id: string;
  kind: 'full' | 'by-election';
  seats: number;
  opened_at: Date;
  nominations_close_at: Date;
  voting_close_at: Date;
  counted_at: Date | null;
  result: (ElectionResult & { rule: string }) | null;
  phase: 'nominating' | 'voting' | 'closed';
}

export interface CandidateRow {
  id: string;
  display_name: string;
  accepted: boolean;
  nomination_id: string;
}

const ELECTION_COLUMNS = `e.*, CASE WHEN e.counted_at IS NOT NULL OR now() >= e.voting_close_at THEN 'closed'
  WHEN now() >= e.nominations_close_at THEN 'voting' ELSE 'nominating' END AS phase`;

/** PostgreSQL's unique_violation: the answer becomes a 409 in words. */
const onDuplicate =
  (message: string) =>
  (err: Error & { code?: string }): never => {
    if (err.code === '23505') throw new ConflictException(message);
    throw err;
  };

/**
 * The SQL of elections: the election, its nominations, who has voted (one table) and the ballots
 * (another, never linked to a voter), and the Top 3 seats that follow a count. Who may see an
 * election is part of the query. Methods that take an EntityManager run inside the caller's
 * transaction.
 */
@Injectable()
export class ElectionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The election, with its phase by the database's clock, if the caller belongs to its community. */
  async forMember(electionId: string, userId: string): Promise<ElectionRow | undefined> {
    const [e] = await this.db.query<ElectionRow[]>(
      `SELECT ${ELECTION_COLUMNS} FROM elections e
        JOIN memberships m ON m.community_id = e.community_id AND m.user_id = $2 WHERE e.id = $1`,
      [electionId, userId],
    );
    return e;
  }

  /** Elections not yet counted, and those counted in the last `days`, newest first, for an active member. */
  async recentIds(communityId: string, userId: string, days: number, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT e.id FROM elections e
         JOIN memberships m ON m.community_id = e.community_id AND m.user_id = $2 AND m.status = 'active'
        WHERE e.community_id = $1
          AND (e.counted_at IS NULL OR e.counted_at > now() - make_interval(days => $3))
        ORDER BY e.opened_at DESC LIMIT $4`,
      [communityId, userId, days, limit],
    );
    return rows.map((r) => r.id);
  }

  async seatsHeld(em: EntityManager, communityId: string): Promise<number> {
    const [{ held }] = await em.query<{ held: number }[]>(
      `SELECT count(*)::int AS held FROM memberships WHERE community_id = $1 AND is_top3 AND status = 'active'`,
      [communityId],
    );
    return held;
  }

  /** A new election; refused in words if one is already under way. */
  async insert(
    em: EntityManager,
    e: {
      communityId: string;
      kind: string;
      seats: number;
      openedBy: string;
      nominationsCloseAt: Date;
      votingCloseAt: Date;
    },
  ): Promise<string> {
    const [row] = await em
      .query<{ id: string }[]>(
        `INSERT INTO elections (community_id, kind, seats, opened_by, nominations_close_at, voting_close_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [e.communityId, e.kind, e.seats, e.openedBy, e.nominationsCloseAt, e.votingCloseAt],
      )
      .catch(onDuplicate('There is already an election under way in this community.'));
    return row.id;
  }

  candidates(electionId: string): Promise<CandidateRow[]> {
    return this.db.query<CandidateRow[]>(
      `SELECT n.candidate_id AS id, u.display_name, n.accepted_at IS NOT NULL AS accepted, n.id AS nomination_id
         FROM election_nominations n JOIN users u ON u.id = n.candidate_id WHERE n.election_id = $1 ORDER BY u.display_name`,
      [electionId],
    );
  }

  async hasVoted(electionId: string, userId: string): Promise<boolean> {
    const [voted] = await this.db.query<unknown[]>(
      `SELECT 1 FROM election_voters WHERE election_id = $1 AND user_id = $2`,
      [electionId, userId],
    );
    return voted !== undefined;
  }

  async isActiveMember(communityId: string, userId: string): Promise<boolean> {
    const [row] = await this.db.query<unknown[]>(
      `SELECT 1 FROM memberships WHERE community_id = $1 AND user_id = $2 AND role = 'member' AND status = 'active'`,
      [communityId, userId],
    );
    return row !== undefined;
  }

  /** A nomination (accepted at once when members nominate themselves); refused if already made. */
  async nominate(electionId: string, candidateId: string, nominatedBy: string, acceptedAt: Date | null): Promise<void> {
    await this.db
      .query(
        `INSERT INTO election_nominations (election_id, candidate_id, nominated_by, accepted_at) VALUES ($1, $2, $3, $4)`,
        [electionId, candidateId, nominatedBy, acceptedAt],
      )
      .catch(onDuplicate('That member has already been nominated.'));
  }

  /** Accepts the candidate's own waiting nomination; false if there is none. */
  async accept(electionId: string, nominationId: string, candidateId: string): Promise<boolean> {
    const [, count] = await this.db.query<[unknown, number]>(
      `UPDATE election_nominations SET accepted_at = now()
        WHERE id = $1 AND election_id = $2 AND candidate_id = $3 AND accepted_at IS NULL`,
      [nominationId, electionId, candidateId],
    );
    return count > 0;
  }

  /** How many of these are standing (nominated and accepted). */
  async standingCount(electionId: string, candidateIds: string[]): Promise<number> {
    const rows = await this.db.query<unknown[]>(
      `SELECT candidate_id FROM election_nominations WHERE election_id = $1 AND accepted_at IS NOT NULL AND candidate_id = ANY($2::uuid[])`,
      [electionId, candidateIds],
    );
    return rows.length;
  }

  /**
   * One secret vote: the voter in one table, the choices in another, in one transaction; refused
   * if they have voted already. Then re-deal the box (redeal) so nothing links the two.
   */
  async castBallot(electionId: string, voterId: string, choices: string[]): Promise<void> {
    await this.db.transaction(async (em) => {
      await em
        .query(`INSERT INTO election_voters (election_id, user_id) VALUES ($1, $2)`, [electionId, voterId])
        .catch(onDuplicate('You have already voted in this election. Each member votes once.'));
      await em.query(`INSERT INTO election_ballots (election_id, choices) VALUES ($1, $2)`, [electionId, choices]);
    });
  }

  /** Re-deals the ballot box in a transaction of its own: fresh rows, fresh ids, random order. */
  async redeal(electionId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      await withLock(em, `ballots:${electionId}`);
      await em.query(
        `WITH old AS (DELETE FROM election_ballots WHERE election_id = $1 RETURNING choices)
         INSERT INTO election_ballots (election_id, choices) SELECT $1, choices FROM old ORDER BY random()`,
        [electionId],
      );
    });
  }

  async dueIds(now: Date): Promise<string[]> {
    const due = await this.db.query<{ id: string }[]>(
      `SELECT id FROM elections WHERE counted_at IS NULL AND voting_close_at <= $1`,
      [now],
    );
    return due.map((d) => d.id);
  }

  /** Locks an election due to be counted and not yet counted (nothing, for a second count). */
  async lockForCount(em: EntityManager, electionId: string, now: Date): Promise<ElectionRow | undefined> {
    const [e] = await em.query<ElectionRow[]>(
      `SELECT e.*, 'closed' AS phase FROM elections e WHERE id = $1 AND counted_at IS NULL AND voting_close_at <= $2 FOR UPDATE`,
      [electionId, now],
    );
    return e;
  }

  /** The candidates standing, and every ballot's choices. */
  async box(em: EntityManager, electionId: string): Promise<{ candidates: string[]; ballots: string[][] }> {
    const candidates = await em.query<{ candidate_id: string }[]>(
      `SELECT candidate_id FROM election_nominations WHERE election_id = $1 AND accepted_at IS NOT NULL`,
      [electionId],
    );
    const ballots = await em.query<{ choices: string[] }[]>(
      `SELECT choices FROM election_ballots WHERE election_id = $1`,
      [electionId],
    );
    return { candidates: candidates.map((c) => c.candidate_id), ballots: ballots.map((b) => b.choices) };
  }

  async saveResult(em: EntityManager, electionId: string, now: Date, result: object): Promise<void> {
    await em.query(`UPDATE elections SET counted_at = $2, result = $3 WHERE id = $1`, [
      electionId,
      now,
      JSON.stringify(result),
    ]);
  }

  /**
   * The Top 3 seats follow the result: a full election replaces the Top 3, a by-election adds to
   * it. Returns everyone whose seat may have changed (those who held one, and those elected).
   */
  async seat(em: EntityManager, communityId: string, kind: ElectionRow['kind'], elected: string[]): Promise<string[]> {
    const before = await em.query<{ user_id: string }[]>(
      `SELECT user_id FROM memberships WHERE community_id = $1 AND is_top3`,
      [communityId],
    );
    if (kind === 'full') {
      await em.query(`UPDATE memberships SET is_top3 = false WHERE community_id = $1 AND is_top3`, [communityId]);
    }
    await em.query(
      `UPDATE memberships SET is_top3 = true
        WHERE community_id = $1 AND user_id = ANY($2::uuid[]) AND role = 'member' AND status = 'active'`,
      [communityId, elected],
    );
    return [...new Set([...before.map((b) => b.user_id), ...elected])];
  }

  async stepDown(em: EntityManager, communityId: string, userId: string): Promise<void> {
    await em.query(`UPDATE memberships SET is_top3 = false WHERE community_id = $1 AND user_id = $2`, [
      communityId,
      userId,
    ]);
  }
}
