import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Permission, suspensionEnds, suspensionTrigger } from '@p2p/moderation';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { CommunitiesService } from '../communities/communities.service';
import { ModerationLog } from '../moderation/moderation-log.repository';
import { FanoutService } from '../platform/realtime/fanout.service';
import { SuspensionsRepository, SweepMarkRow } from './suspensions.repository';

/**
 * Suspension after the community's number of no-contact sessions in a row, and the automatic
 * return at the end of the period. Every step is idempotent in the database: a unique key per
 * triggering run, and conditional updates that only the first sweep wins, so sweeping twice (or
 * on two nodes at once) never suspends, returns or logs twice.
 */
@Injectable()
export class SuspensionsService {
  private readonly logger = new Logger(SuspensionsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
    private readonly log: ModerationLog,
    private readonly fanout: FanoutService,
    private readonly suspensions: SuspensionsRepository,
  ) {}

  /** Every community: returns due, then suspensions due. `now` is a parameter so tests control time. */
  async sweepAll(now: Date): Promise<{ suspended: number; returned: number }> {
    const communities = await this.suspensions.communityIds();
    let suspended = 0;
    let returned = 0;
    for (const id of communities) {
      const r = await this.sweepCommunity(id, now);
      suspended += r.suspended;
      returned += r.returned;
    }
    return { suspended, returned };
  }

  async sweepCommunity(communityId: string, now: Date): Promise<{ suspended: number; returned: number }> {
    const returned = await this.returnsDue(communityId, now);
    const settings = await this.suspensions.settings(communityId);
    const marks = await this.suspensions.sweepMarks(communityId, now);
    const byMember = new Map<string, SweepMarkRow[]>();
    for (const m of marks) byMember.set(m.user_id, [...(byMember.get(m.user_id) ?? []), m]);
    let suspended = 0;
    for (const [userId, history] of byMember) {
      const trigger = suspensionTrigger(
        history.map((h) => ({ sessionId: h.session_id, startsAt: h.starts_at, mark: h.mark })),
        settings.after,
        history[0].since ?? undefined,
      );
      if (trigger && (await this.suspend(communityId, userId, trigger, now, suspensionEnds(now, settings.months))))
        suspended++;
    }
    return { suspended, returned };
  }

  /** Staff end a suspension early. */
  async endEarly(auth: AuthContext, communityId: string, userId: string, reason?: string): Promise<void> {
    await this.communities.authorize(auth, communityId, Permission.AdmitMember);
    const ended = await this.db.transaction((em) =>
      this.end(em, communityId, userId, 'staff', auth.userId, reason ?? 'ended early by staff'),
    );
    if (!ended) throw new ConflictException('This member is not suspended.');
  }

  /** The community records that a member has left. */
  async recordLeft(auth: AuthContext, communityId: string, userId: string, reason?: string): Promise<void> {
    await this.communities.authorize(auth, communityId, Permission.AdmitMember);
    await this.db.transaction(async (em) => {
      const status = await this.suspensions.lockMember(em, communityId, userId);
      if (status === undefined) throw new NotFoundException('That person is not a member of this community.');
      if (status === 'left') throw new ConflictException('This member has already left.');
      await this.suspensions.recordLeft(em, communityId, userId, auth.userId);
      await this.log.append(em, {
        communityId,
        actorId: auth.userId,
        action: 'left',
        reason: reason ?? null,
        details: { userId },
      });
    });
    this.fanout.endUserSockets(userId, { reason: 'revoked', message: 'Your membership of this community has ended.' });
  }

  private async suspend(
    communityId: string,
    userId: string,
    triggerSessionId: string,
    now: Date,
    until: Date,
  ): Promise<boolean> {
    const done = await this.db.transaction(async (em) => {
      if ((await this.suspensions.lockMembership(em, communityId, userId)) !== 'active') return false;
      const inserted = await this.suspensions.insert(em, {
        communityId,
        userId,
        triggerSessionId,
        startsAt: now,
        endsAt: until,
      });
      if (!inserted) return false;
      await this.suspensions.pauseMembership(em, communityId, userId, until);
      await this.log.append(em, {
        communityId,
        actorId: null,
        action: 'suspension',
        reason: 'no contact for the community’s number of sessions in a row',
        details: { userId, until: until.toISOString(), triggerSessionId },
      });
      return true;
    });
    if (done) {
      this.fanout.endUserSockets(userId, {
        reason: 'suspended',
        message: `Your place on the board is paused until ${until.toISOString().slice(0, 10)}. The outreach team is still there for you.`,
      });
    }
    return done;
  }

  private async returnsDue(communityId: string, now: Date): Promise<number> {
    const due = await this.suspensions.dueToReturn(communityId, now);
    let returned = 0;
    for (const userId of due) {
      if (
        await this.db.transaction((em) =>
          this.end(em, communityId, userId, 'period-over', null, 'the suspension period is over', now),
        )
      ) {
        returned++;
      }
    }
    if (returned > 0) this.logger.log({ communityId, returned }, 'members returned after their suspension');
    return returned;
  }

  /** Ends an open suspension once; the membership becomes active again. */
  private async end(
    em: EntityManager,
    communityId: string,
    userId: string,
    why: 'period-over' | 'staff',
    by: string | null,
    reason: string,
    now = new Date(),
  ): Promise<boolean> {
    if (!(await this.suspensions.endSuspension(em, communityId, userId, now, by, why))) return false;
    await this.suspensions.resumeMembership(em, communityId, userId);
    await this.log.append(em, { communityId, actorId: by, action: 'return', reason, details: { userId } });
    return true;
  }
}
