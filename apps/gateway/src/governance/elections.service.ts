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
import { Permission, countBallots } from '@p2p/moderation';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { BoardsService } from '../boards/boards.service';
import { CommunitiesService } from '../communities/communities.service';
import { nextSeq, recordEvent } from '../platform/realtime/event-log';
import { ModerationLog } from '../moderation/moderation-log.repository';
import { FanoutService } from '../platform/realtime/fanout.service';
import { GovernanceJobs, Queues } from '../platform/queues/queues';
import { ElectionRow, ElectionsRepository } from './elections.repository';
import { BallotDto, OpenElectionDto } from './governance.dto';

export const TIE_RULE =
  'Most votes win. Candidates level on votes across the last seat are separated by lot: SHA-256 of ' +
  '"<election id>:<candidate id>", lowest first, fixed when the election opened and checkable by anyone.';

/** How long a counted election stays in the list, and how many the list holds at most. */
export const RECENT_DAYS = 90;
const RECENT_LIMIT = 10;

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
    private readonly elections: ElectionsRepository,
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
      const seats = input.kind === 'full' ? 3 : 3 - (await this.elections.seatsHeld(em, communityId));
      if (seats < 1)
        throw new BadRequestException(
          'All three Top 3 seats are filled, so there is nothing for a by-election to fill.',
        );
      const electionId = await this.elections.insert(em, {
        communityId,
        kind: input.kind,
        seats,
        openedBy: auth.userId,
        nominationsCloseAt: nominationsClose,
        votingCloseAt: votingClose,
      });
      await this.log.append(em, {
        communityId,
        actorId: auth.userId,
        action: 'election-open',
        details: {
          electionId,
          kind: input.kind,
          seats,
          nominationsCloseAt: nominationsClose,
          votingCloseAt: votingClose,
        },
      });
      const data: ElectionOpenedEvent['data'] = {
        electionId,
        kind: input.kind,
        nominationsCloseAt: nominationsClose.toISOString(),
        votingCloseAt: votingClose.toISOString(),
      };
      const opened = await recordEvent(em, await nextSeq(em, communityId), {
        communityId,
        type: 'election.opened',
        data,
      });
      return { id: electionId, event: opened };
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
    const ids = await this.elections.recentIds(communityId, auth.userId, RECENT_DAYS, RECENT_LIMIT);
    const items = await Promise.all(
      ids.map(async (id): Promise<ElectionListItemView> => {
        const e = await this.view(auth, id);
        return { ...e, result: e.phase === 'counted' ? await this.result(auth, id) : null };
      }),
    );
    return { items, nextCursor: null };
  }

  /** The election as a member sees it: phase, accepted candidates, and whether they have voted. */
  async view(auth: AuthContext, electionId: string): Promise<ElectionView> {
    const e = await this.electionFor(auth, electionId);
    const candidates = await this.elections.candidates(electionId);
    const voted = await this.elections.hasVoted(electionId, auth.userId);
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
      youHaveVoted: voted,
    };
  }

  async nominate(auth: AuthContext, electionId: string, candidateId: string): Promise<ElectionView> {
    const e = await this.electionFor(auth, electionId, Permission.Vote);
    if (e.phase !== 'nominating') throw new ConflictException('Nominations for this election have closed.');
    if (!(await this.elections.isActiveMember(e.community_id, candidateId)))
      throw new BadRequestException('Candidates are active members of this community.');
    const self = candidateId === auth.userId;
    await this.elections.nominate(electionId, candidateId, auth.userId, self ? new Date() : null);
    return this.view(auth, electionId);
  }

  /** A member accepts their own nomination; only then do they stand. */
  async accept(auth: AuthContext, electionId: string, nominationId: string): Promise<ElectionView> {
    const e = await this.electionFor(auth, electionId, Permission.Vote);
    if (e.phase !== 'nominating') throw new ConflictException('Nominations for this election have closed.');
    if (!(await this.elections.accept(electionId, nominationId, auth.userId)))
      throw new NotFoundException('There is no nomination of yours waiting to be accepted.');
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
    if ((await this.elections.standingCount(electionId, choices)) !== choices.length)
      throw new BadRequestException('Choose only from the candidates standing.');
    await this.elections.castBallot(electionId, auth.userId, choices);
    await this.elections.redeal(electionId);
    return { voted: true };
  }

  async result(auth: AuthContext, electionId: string): Promise<ElectionResultView> {
    const e = await this.electionFor(auth, electionId);
    if (!e.result) throw new ConflictException('The count happens when voting closes.');
    return e.result;
  }

  /** Counts every election whose voting has closed; safe to run on several nodes at once. */
  async countDue(now: Date): Promise<number> {
    let counted = 0;
    for (const id of await this.elections.dueIds(now)) if (await this.count(id, now)) counted++;
    return counted;
  }

  /** The count, once: the row lock and `counted_at` make a second count find nothing to do. */
  async count(electionId: string, now = new Date()): Promise<boolean> {
    const changed = await this.db.transaction(async (em) => {
      const e = await this.elections.lockForCount(em, electionId, now);
      if (!e) return null;
      const { candidates, ballots } = await this.elections.box(em, electionId);
      const result = { ...countBallots(electionId, candidates, ballots, e.seats), rule: TIE_RULE };
      await this.elections.saveResult(em, electionId, now, result);
      const affected = await this.elections.seat(em, e.community_id, e.kind, result.elected);
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
      await this.elections.stepDown(em, communityId, auth.userId);
      await this.log.append(em, { communityId, actorId: auth.userId, action: 'step-down', forMeeting: true });
    });
    await this.boards.refreshAccess(auth.userId, communityId);
    return { steppedDown: true };
  }

  private async electionFor(
    auth: AuthContext,
    electionId: string,
    permission = Permission.ReadCommunity,
  ): Promise<ElectionRow> {
    const e = await this.elections.forMember(electionId, auth.userId);
    if (!e) throw new NotFoundException('We could not find that election.');
    await this.communities.authorize(auth, e.community_id, permission);
    return e;
  }
}
