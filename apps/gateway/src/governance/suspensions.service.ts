import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AttendanceMark, Permission, suspensionEnds, suspensionTrigger } from '@p2p/moderation';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { CommunitiesService } from '../communities/communities.service';
import { ModerationLog } from '../moderation/moderation-log.repository';
import { FanoutService } from '../platform/realtime/fanout.service';

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
  ) {}

  /** Every community: returns due, then suspensions due. `now` is a parameter so tests control time. */
  async sweepAll(now: Date): Promise<{ suspended: number; returned: number }> {
    const communities = await this.db.query<{ id: string }[]>(`SELECT id FROM communities`);
    let suspended = 0;
    let returned = 0;
    for (const { id } of communities) {
      const r = await this.sweepCommunity(id, now);
      suspended += r.suspended;
      returned += r.returned;
    }
    return { suspended, returned };
  }

  async sweepCommunity(communityId: string, now: Date): Promise<{ suspended: number; returned: number }> {
    const returned = await this.returnsDue(communityId, now);
    const [settings] = await this.db.query<{ after: number; months: number }[]>(
      `SELECT suspension_after_no_contact AS after, suspension_months AS months FROM communities WHERE id = $1`,
      [communityId],
    );
    const marks = await this.db.query<
      { user_id: string; session_id: string; starts_at: Date; mark: AttendanceMark; since: Date | null }[]
    >(
      `SELECT a.user_id, a.session_id, s.starts_at, a.mark,
              (SELECT max(coalesce(x.ended_at, x.starts_at)) FROM suspensions x
                WHERE x.community_id = a.community_id AND x.user_id = a.user_id) AS since
         FROM attendance a JOIN community_sessions s ON s.id = a.session_id
         JOIN memberships m ON m.community_id = a.community_id AND m.user_id = a.user_id AND m.status = 'active' AND m.role = 'member'
        WHERE a.community_id = $1 AND s.starts_at <= $2`,
      [communityId, now],
    );
    const byMember = new Map<string, typeof marks>();
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
      const [m] = await em.query<{ status: string }[]>(
        `SELECT status FROM memberships WHERE community_id = $1 AND user_id = $2 AND role = 'member' FOR UPDATE`,
        [communityId, userId],
      );
      if (!m) throw new NotFoundException('That person is not a member of this community.');
      if (m.status === 'left') throw new ConflictException('This member has already left.');
      await em.query(
        `UPDATE suspensions SET ended_at = now(), ended_by = $3, ended_reason = 'left'
          WHERE community_id = $1 AND user_id = $2 AND ended_at IS NULL`,
        [communityId, userId, auth.userId],
      );
      await em.query(
        `UPDATE memberships SET status = 'left', suspended_until = NULL, is_top3 = false WHERE community_id = $1 AND user_id = $2`,
        [communityId, userId],
      );
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
      const [m] = await em.query<{ status: string }[]>(
        `SELECT status FROM memberships WHERE community_id = $1 AND user_id = $2 FOR UPDATE`,
        [communityId, userId],
      );
      if (m?.status !== 'active') return false;
      const inserted = await em.query<{ id: string }[]>(
        `INSERT INTO suspensions (community_id, user_id, trigger_session_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING id`,
        [communityId, userId, triggerSessionId, now, until],
      );
      if (inserted.length === 0) return false;
      await em.query(
        `UPDATE memberships SET status = 'suspended', suspended_until = $3 WHERE community_id = $1 AND user_id = $2`,
        [communityId, userId, until],
      );
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
    const due = await this.db.query<{ user_id: string }[]>(
      `SELECT user_id FROM suspensions WHERE community_id = $1 AND ended_at IS NULL AND ends_at <= $2`,
      [communityId, now],
    );
    let returned = 0;
    for (const { user_id } of due) {
      if (
        await this.db.transaction((em) =>
          this.end(em, communityId, user_id, 'period-over', null, 'the suspension period is over', now),
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
    const [rows] = await em.query<[{ id: string }[], number]>(
      `UPDATE suspensions SET ended_at = $3, ended_by = $4, ended_reason = $5
        WHERE community_id = $1 AND user_id = $2 AND ended_at IS NULL RETURNING id`,
      [communityId, userId, now, by, why],
    );
    if (rows.length === 0) return false;
    await em.query(
      `UPDATE memberships SET status = 'active', suspended_until = NULL
        WHERE community_id = $1 AND user_id = $2 AND status = 'suspended'`,
      [communityId, userId],
    );
    await this.log.append(em, { communityId, actorId: by, action: 'return', reason, details: { userId } });
    return true;
  }
}
