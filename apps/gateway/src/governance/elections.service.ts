import { InjectQueue } from '@nestjs/bullmq';
import { BadRequestException, ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  BallotCastView,
  ElectionListItemView,
  ElectionOpenedEvent,
  ElectionResultView,
  ElectionView,
  SteppedDownView,
} from '@p2p/contract';
import { ElectionResult, Permission, countBallots } from '@p2p/moderation';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { BoardsService } from '../boards/boards.service';
import { CommunitiesService } from '../communities/communities.service';
import { nextSeq, recordEvent } from '../platform/realtime/event-log';
import { ModerationLog } from '../moderation/log.service';
import { FanoutService } from '../platform/realtime/fanout.service';
import { GovernanceJobs, Queues } from '../platform/queues/queues';
import { BallotDto, OpenElectionDto } from './governance.dto';

export const TIE_RULE =
  'Most votes win. Candidates level on votes across the last seat are separated by lot: SHA-256 of ' +
  '"<election id>:<candidate id>", lowest first, fixed when the election opened and checkable by anyone.';

/** How long a counted election stays in the list, and how many the list holds at most. */
export const RECENT_DAYS = 90;
const RECENT_LIMIT = 10;

interface ElectionRow {
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

const ELECTION_COLUMNS = `e.*, CASE WHEN e.counted_at IS NOT NULL OR now() >= e.voting_close_at THEN 'closed'
  WHEN now() >= e.nominations_close_at THEN 'voting' ELSE 'nominating' END AS phase`;

/**
 * Top 3 elections: nominations (accepted by the candidate), one secret vote per active member for
 * up to the number of seats, counting by the system when voting closes, and the Top 3 seats
 * following the result at once.
 */
@Injectable()
export class ElectionsService {
  private readonly logger = new Logger(ElectionsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
    private readonly boards: BoardsService,
    private readonly log: ModerationLog,
    private readonly fanout: FanoutService,
    @InjectQueue(Queues.governance) private readonly queue: Queue,
  ) {}

  async open(auth: AuthContext, communityId: string, input: OpenElectionDto): Promise<ElectionView> {
    await this.communities.authorize(auth, communityId, Permission.OpenElection);
    const nominationsClose = new Date(input.nominationsCloseAt);
    const votingClose = new Date(input.votingCloseAt);
    if (!(nominationsClose.getTime() > Date.now() && votingClose > nominationsClose)) {
      throw new BadRequestException('Nominations should close in the future, and voting after nominations close.');
    }
    const { id, event } = await this.db.transaction(async (em) => {
      const [{ held }] = await em.query<{ held: number }[]>(
        `SELECT count(*)::int AS held FROM memberships WHERE community_id = $1 AND is_top3 AND status = 'active'`,
        [communityId],
      );
      const seats = input.kind === 'full' ? 3 : 3 - held;
      if (seats < 1)
        throw new BadRequestException(
          'All three Top 3 seats are filled, so there is nothing for a by-election to fill.',
        );
      const [row] = await em
        .query<{ id: string }[]>(
          `INSERT INTO elections (community_id, kind, seats, opened_by, nominations_close_at, voting_close_at)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [communityId, input.kind, seats, auth.userId, nominationsClose, votingClose],
        )
        .catch((err: { code?: string }) => {
          if (err.code === '23505')
            throw new ConflictException('There is already an election under way in this community.');
          throw err;
        });
      await this.log.append(em, {
        communityId,
        actorId: auth.userId,
        action: 'election-open',
        details: {
          electionId: row.id,
          kind: input.kind,
          seats,
          nominationsCloseAt: nominationsClose,
          votingCloseAt: votingClose,
        },
      });
      const data: ElectionOpenedEvent['data'] = {
        electionId: row.id,
        kind: input.kind,
        nominationsCloseAt: nominationsClose.toISOString(),
        votingCloseAt: votingClose.toISOString(),
      };
      const opened = await recordEvent(em, await nextSeq(em, communityId), {
        communityId,
        type: 'election.opened',
        data,
      });
      return { id: row.id, event: opened };
    });
    this.fanout.deliver(event);
    await this.queue
      .add(
        GovernanceJobs.countElection,
        { electionId: id },
        { jobId: `count-${id}`, delay: Math.max(0, votingClose.getTime() - Date.now()) },
      )
      .catch(() => undefined);
    return this.view(auth, id);
  }

  /**
   * The community's elections a member or staff member can follow: any not yet counted, and those
   * counted in the last RECENT_DAYS, newest first, each as view() shows it with its result once
   * counted. Who may see them is in the query: an active membership of that community.
   */
  async list(auth: AuthContext, communityId: string): Promise<{ items: ElectionListItemView[]; nextCursor: null }> {
    await this.communities.authorize(auth, communityId, Permission.ReadCommunity);
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT e.id FROM elections e
         JOIN memberships m ON m.community_id = e.community_id AND m.user_id = $2 AND m.status = 'active'
        WHERE e.community_id = $1
          AND (e.counted_at IS NULL OR e.counted_at > now() - make_interval(days => $3))
        ORDER BY e.opened_at DESC LIMIT $4`,
      [communityId, auth.userId, RECENT_DAYS, RECENT_LIMIT],
    );
    const items = await Promise.all(
      rows.map(async ({ id }): Promise<ElectionListItemView> => {
        const e = await this.view(auth, id);
        return { ...e, result: e.phase === 'counted' ? await this.result(auth, id) : null };
      }),
    );
    return { items, nextCursor: null };
  }

  /** The election as a member sees it: phase, accepted candidates, and whether they have voted. */
  async view(auth: AuthContext, electionId: string): Promise<ElectionView> {
    const e = await this.electionFor(auth, electionId);
    const candidates = await this.db.query<
      { id: string; display_name: string; accepted: boolean; nomination_id: string }[]
    >(
      `SELECT n.candidate_id AS id, u.display_name, n.accepted_at IS NOT NULL AS accepted, n.id AS nomination_id
         FROM election_nominations n JOIN users u ON u.id = n.candidate_id WHERE n.election_id = $1 ORDER BY u.display_name`,
      [electionId],
    );
    const [voted] = await this.db.query<unknown[]>(
      `SELECT 1 FROM election_voters WHERE election_id = $1 AND user_id = $2`,
      [electionId, auth.userId],
    );
    return {
      id: e.id,
      communityId: e.community_id,
      kind: e.kind,
      seats: e.seats,
      phase: e.counted_at ? 'counted' : e.phase,
      nominationsCloseAt: e.nominations_close_at.toISOString(),
      votingCloseAt: e.voting_close_at.toISOString(),
      candidates: candidates.map((c) => ({
        id: c.id,
        displayName: c.display_name,
        accepted: c.accepted,
        nominationId: c.nomination_id,
      })),
      youHaveVoted: voted !== undefined,
    };
  }

  async nominate(auth: AuthContext, electionId: string, candidateId: string): Promise<ElectionView> {
    const e = await this.electionFor(auth, electionId, Permission.Vote);
    if (e.phase !== 'nominating') throw new ConflictException('Nominations for this election have closed.');
    const [candidate] = await this.db.query<unknown[]>(
      `SELECT 1 FROM memberships WHERE community_id = $1 AND user_id = $2 AND role = 'member' AND status = 'active'`,
      [e.community_id, candidateId],
    );
    if (!candidate) throw new BadRequestException('Candidates are active members of this community.');
    const self = candidateId === auth.userId;
    await this.db
      .query(
        `INSERT INTO election_nominations (election_id, candidate_id, nominated_by, accepted_at) VALUES ($1, $2, $3, $4)`,
        [electionId, candidateId, auth.userId, self ? new Date() : null],
      )
      .catch((err: { code?: string }) => {
        if (err.code === '23505') throw new ConflictException('That member has already been nominated.');
        throw err;
      });
    return this.view(auth, electionId);
  }

  /** A member accepts their own nomination; only then do they stand. */
  async accept(auth: AuthContext, electionId: string, nominationId: string): Promise<ElectionView> {
    const e = await this.electionFor(auth, electionId, Permission.Vote);
    if (e.phase !== 'nominating') throw new ConflictException('Nominations for this election have closed.');
    const [, count] = await this.db.query<[unknown, number]>(
      `UPDATE election_nominations SET accepted_at = now()
        WHERE id = $1 AND election_id = $2 AND candidate_id = $3 AND accepted_at IS NULL`,
      [nominationId, electionId, auth.userId],
    );
    if (count === 0) throw new NotFoundException('There is no nomination of yours waiting to be accepted.');
    return this.view(auth, electionId);
  }

  /**
   * One secret vote. The voter is recorded in one table and the choice in another, in one
   * transaction; a second transaction then re-deals the whole ballot box, so no system column or
   * order links a ballot to the transaction that cast it.
   */
  async vote(auth: AuthContext, electionId: string, input: BallotDto): Promise<BallotCastView> {
    const e = await this.electionFor(auth, electionId, Permission.Vote);
    if (e.phase !== 'voting') {
      throw new ConflictException(
        e.phase === 'nominating' ? 'Voting opens when nominations close.' : 'Voting has closed.',
      );
    }
    const choices = [...new Set(input.candidateIds)];
    if (choices.length !== input.candidateIds.length)
      throw new BadRequestException('Each candidate can be chosen once.');
    if (choices.length > e.seats)
      throw new BadRequestException(`Choose up to ${e.seats} candidate${e.seats === 1 ? '' : 's'}.`);
    const standing = await this.db.query<{ candidate_id: string }[]>(
      `SELECT candidate_id FROM election_nominations WHERE election_id = $1 AND accepted_at IS NOT NULL AND candidate_id = ANY($2::uuid[])`,
      [electionId, choices],
    );
    if (standing.length !== choices.length) throw new BadRequestException('Choose only from the candidates standing.');
    await this.db.transaction(async (em) => {
      await em
        .query(`INSERT INTO election_voters (election_id, user_id) VALUES ($1, $2)`, [electionId, auth.userId])
        .catch((err: { code?: string }) => {
          if (err.code === '23505')
            throw new ConflictException('You have already voted in this election. Each member votes once.');
          throw err;
        });
      await em.query(`INSERT INTO election_ballots (election_id, choices) VALUES ($1, $2)`, [electionId, choices]);
    });
    await this.redeal(electionId);
    return { voted: true };
  }

  async result(auth: AuthContext, electionId: string): Promise<ElectionResultView> {
    const e = await this.electionFor(auth, electionId);
    if (!e.result) throw new ConflictException('The count happens when voting closes.');
    return e.result;
  }

  /** Counts every election whose voting has closed; safe to run on several nodes at once. */
  async countDue(now: Date): Promise<number> {
    const due = await this.db.query<{ id: string }[]>(
      `SELECT id FROM elections WHERE counted_at IS NULL AND voting_close_at <= $1`,
      [now],
    );
    let counted = 0;
    for (const { id } of due) if (await this.count(id, now)) counted++;
    return counted;
  }

  /** The count, once: the row lock and `counted_at` make a second count find nothing to do. */
  async count(electionId: string, now = new Date()): Promise<boolean> {
    const changed = await this.db.transaction(async (em) => {
      const [e] = await em.query<ElectionRow[]>(
        `SELECT e.*, 'closed' AS phase FROM elections e WHERE id = $1 AND counted_at IS NULL AND voting_close_at <= $2 FOR UPDATE`,
        [electionId, now],
      );
      if (!e) return null;
      const candidates = await em.query<{ candidate_id: string }[]>(
        `SELECT candidate_id FROM election_nominations WHERE election_id = $1 AND accepted_at IS NOT NULL`,
        [electionId],
      );
      const ballots = await em.query<{ choices: string[] }[]>(
        `SELECT choices FROM election_ballots WHERE election_id = $1`,
        [electionId],
      );
      const result = {
        ...countBallots(
          electionId,
          candidates.map((c) => c.candidate_id),
          ballots.map((b) => b.choices),
          e.seats,
        ),
        rule: TIE_RULE,
      };
      await em.query(`UPDATE elections SET counted_at = $2, result = $3 WHERE id = $1`, [
        electionId,
        now,
        JSON.stringify(result),
      ]);
      const affected = await this.seatWinners(em, e, result.elected);
      await this.log.append(em, {
        communityId: e.community_id,
        actorId: null,
        action: 'election-result',
        reason: `${result.elected.length} elected from ${candidates.length} candidates; ${result.ballots} ballots`,
        details: {
          electionId,
          elected: result.elected,
          tallies: result.tallies,
          tieBrokenAmong: result.tieBrokenAmong,
        },
        forMeeting: true,
      });
      return { affected, communityId: e.community_id };
    });
    if (!changed) return false;
    for (const userId of changed.affected) await this.boards.refreshAccess(userId, changed.communityId);
    return true;
  }

  /** A Top 3 member steps down; the seat waits for a by-election. */
  async stepDown(auth: AuthContext, communityId: string): Promise<SteppedDownView> {
    await this.communities.authorize(auth, communityId, Permission.ReviewEntries);
    await this.db.transaction(async (em) => {
      await em.query(`UPDATE memberships SET is_top3 = false WHERE community_id = $1 AND user_id = $2`, [
        communityId,
        auth.userId,
      ]);
      await this.log.append(em, { communityId, actorId: auth.userId, action: 'step-down', forMeeting: true });
    });
    await this.boards.refreshAccess(auth.userId, communityId);
    return { steppedDown: true };
  }

  /** Roles follow the result: a full election replaces the Top 3; a by-election adds to it. */
  private async seatWinners(em: EntityManager, e: ElectionRow, elected: string[]): Promise<string[]> {
    const before = await em.query<{ user_id: string }[]>(
      `SELECT user_id FROM memberships WHERE community_id = $1 AND is_top3`,
      [e.community_id],
    );
    if (e.kind === 'full') {
      await em.query(`UPDATE memberships SET is_top3 = false WHERE community_id = $1 AND is_top3`, [e.community_id]);
    }
    await em.query(
      `UPDATE memberships SET is_top3 = true
        WHERE community_id = $1 AND user_id = ANY($2::uuid[]) AND role = 'member' AND status = 'active'`,
      [e.community_id, elected],
    );
    return [...new Set([...before.map((b) => b.user_id), ...elected])];
  }

  /** Re-deals the ballot box in a transaction of its own: fresh rows, fresh ids, random order. */
  private async redeal(electionId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`ballots:${electionId}`]);
      await em.query(
        `WITH old AS (DELETE FROM election_ballots WHERE election_id = $1 RETURNING choices)
         INSERT INTO election_ballots (election_id, choices) SELECT $1, choices FROM old ORDER BY random()`,
        [electionId],
      );
    });
  }

  private async electionFor(
    auth: AuthContext,
    electionId: string,
    permission = Permission.ReadCommunity,
  ): Promise<ElectionRow> {
    const [e] = await this.db.query<ElectionRow[]>(
      `SELECT ${ELECTION_COLUMNS} FROM elections e
        JOIN memberships m ON m.community_id = e.community_id AND m.user_id = $2 WHERE e.id = $1`,
      [electionId, auth.userId],
    );
    if (!e) throw new NotFoundException('We could not find that election.');
    await this.communities.authorize(auth, e.community_id, permission);
    return e;
  }
}
