import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthorView, DutyView, EscalationSettingsView } from '@p2p/contract';
import { Permission } from '@p2p/moderation';
import { DataSource } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { CommunitiesService } from '../communities/communities.service';
import { ModerationLog } from '../moderation/moderation-log.repository';
import { FanoutService } from '../platform/realtime/fanout.service';
import { EscalationSettingsDto, ShiftDto } from './duty.dto';

/** How far ahead the rota is shown. */
const AHEAD_DAYS = 14;

interface ShiftRow {
  id: string;
  user_id: string;
  display_name: string;
  starts_at: Date;
  ends_at: Date;
}

/**
 * Who of the Top 3 is on duty when (the rota they keep), and the community's escalation ladder
 * with its on-call contact. Everyone in the community may see who is on duty and when someone is
 * next expected; only the Top 3 keep the rota; the Top 3 and staff agree the ladder.
 */
@Injectable()
export class DutyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
    private readonly log: ModerationLog,
    private readonly fanout: FanoutService,
  ) {}

  async rota(auth: AuthContext, communityId: string): Promise<DutyView> {
    await this.communities.authorize(auth, communityId, Permission.ReadCommunity);
    return this.rotaOf(communityId);
  }

  /** Who is on duty now and the shifts of the next two weeks; also used for the kind reply. */
  async rotaOf(communityId: string): Promise<DutyView> {
    const rows = await this.db.query<(ShiftRow & { now: boolean })[]>(
      `SELECT d.id, d.user_id, u.display_name, d.starts_at, d.ends_at, d.starts_at <= now() AS now
         FROM duty_shifts d JOIN users u ON u.id = d.user_id
         JOIN memberships m ON m.community_id = d.community_id AND m.user_id = d.user_id AND m.is_top3 AND m.status = 'active'
        WHERE d.community_id = $1 AND d.ends_at > now() AND d.starts_at < now() + make_interval(days => $2)
        ORDER BY d.starts_at, d.id LIMIT 200`,
      [communityId, AHEAD_DAYS],
    );
    const view = (r: ShiftRow) => ({
      id: r.id,
      who: { id: r.user_id, displayName: r.display_name } satisfies AuthorView,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
    });
    const later = rows.filter((r) => !r.now);
    const top3 = await this.db.query<{ user_id: string }[]>(
      `SELECT user_id FROM memberships WHERE community_id = $1 AND is_top3 AND status = 'active'`,
      [communityId],
    );
    return {
      onDutyNow: rows.filter((r) => r.now).map(view),
      someoneOnline: await this.fanout.anyConnected(top3.map((m) => m.user_id)),
      shifts: rows.map(view),
      nextExpectedAt: later.length > 0 ? later[0].starts_at.toISOString() : null,
    };
  }

  async addShift(auth: AuthContext, communityId: string, input: ShiftDto): Promise<DutyView> {
    await this.communities.authorize(auth, communityId, Permission.KeepRota);
    const [startsAt, endsAt] = [new Date(input.startsAt), new Date(input.endsAt)];
    if (!(endsAt > startsAt)) throw new BadRequestException('A shift should end after it starts.');
    if (endsAt.getTime() - startsAt.getTime() > 7 * 86_400_000) {
      throw new BadRequestException('A shift can be at most a week long; add another for the week after.');
    }
    if (endsAt.getTime() <= Date.now()) throw new BadRequestException('That shift has already ended.');
    await this.db.transaction(async (em) => {
      const [who] = await em.query<{ display_name: string }[]>(
        `SELECT u.display_name FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.community_id = $1 AND m.user_id = $2 AND m.is_top3 AND m.status = 'active'`,
        [communityId, input.userId],
      );
      if (!who) throw new BadRequestException('Only a Top 3 member of this community can be on the rota.');
      const [shift] = await em.query<{ id: string }[]>(
        `INSERT INTO duty_shifts (community_id, user_id, starts_at, ends_at, added_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [communityId, input.userId, startsAt, endsAt, auth.userId],
      );
      await this.log.append(em, {
        communityId,
        actorId: auth.userId,
        action: 'duty-change',
        reason: `${who.display_name} on duty`,
        details: { added: shift.id, userId: input.userId, startsAt, endsAt },
      });
    });
    return this.rotaOf(communityId);
  }

  async removeShift(auth: AuthContext, shiftId: string): Promise<DutyView> {
    const [shift] = await this.db.query<{ community_id: string }[]>(
      `SELECT d.community_id FROM duty_shifts d
         JOIN memberships m ON m.community_id = d.community_id AND m.user_id = $2 WHERE d.id = $1`,
      [shiftId, auth.userId],
    );
    if (!shift) throw new NotFoundException('We could not find that shift.');
    await this.communities.authorize(auth, shift.community_id, Permission.KeepRota);
    await this.db.transaction(async (em) => {
      // TypeORM answers a DELETE with [rows, count].
      const [[gone]] = await em.query<[ShiftRow[], number]>(
        `DELETE FROM duty_shifts d USING users u WHERE d.id = $1 AND u.id = d.user_id
         RETURNING d.id, d.user_id, u.display_name, d.starts_at, d.ends_at`,
        [shiftId],
      );
      if (!gone) throw new NotFoundException('We could not find that shift.');
      await this.log.append(em, {
        communityId: shift.community_id,
        actorId: auth.userId,
        action: 'duty-change',
        reason: `${gone.display_name} off the rota`,
        details: { removed: shiftId, userId: gone.user_id, startsAt: gone.starts_at, endsAt: gone.ends_at },
      });
    });
    return this.rotaOf(shift.community_id);
  }

  async escalation(auth: AuthContext, communityId: string): Promise<EscalationSettingsView> {
    await this.communities.authorize(auth, communityId, Permission.ChangeEscalation);
    return this.escalationOf(communityId);
  }

  async changeEscalation(
    auth: AuthContext,
    communityId: string,
    input: EscalationSettingsDto,
  ): Promise<EscalationSettingsView> {
    await this.communities.authorize(auth, communityId, Permission.ChangeEscalation);
    const current = await this.escalationOf(communityId);
    const next: EscalationSettingsView = {
      escalateAfterMinutes: input.escalateAfterMinutes ?? current.escalateAfterMinutes,
      onCallAfterMinutes: input.onCallAfterMinutes ?? current.onCallAfterMinutes,
      onCallEmail: input.onCallEmail === undefined ? current.onCallEmail : input.onCallEmail?.trim() || null,
      timeZone: input.timeZone ?? current.timeZone,
    };
    if (next.onCallAfterMinutes <= next.escalateAfterMinutes) {
      throw new BadRequestException(
        'The on-call contact should be alerted later than the Top 3 are told again: make its minutes the larger.',
      );
    }
    const [zone] = await this.db.query<{ ok: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = $1) AS ok`,
      [next.timeZone],
    );
    if (!zone.ok) throw new BadRequestException('We do not know that time zone; use a name such as Europe/London.');
    await this.db.transaction(async (em) => {
      await em.query(
        `UPDATE communities SET escalate_after_minutes = $2, on_call_after_minutes = $3, on_call_email = $4, time_zone = $5
          WHERE id = $1`,
        [communityId, next.escalateAfterMinutes, next.onCallAfterMinutes, next.onCallEmail, next.timeZone],
      );
      await this.log.append(em, {
        communityId,
        actorId: auth.userId,
        action: 'escalation-settings',
        details: { from: current, to: next },
      });
    });
    return next;
  }

  private async escalationOf(communityId: string): Promise<EscalationSettingsView> {
    const [c] = await this.db.query<
      {
        escalate_after_minutes: number;
        on_call_after_minutes: number;
        on_call_email: string | null;
        time_zone: string;
      }[]
    >(`SELECT escalate_after_minutes, on_call_after_minutes, on_call_email, time_zone FROM communities WHERE id = $1`, [
      communityId,
    ]);
    return {
      escalateAfterMinutes: c.escalate_after_minutes,
      onCallAfterMinutes: c.on_call_after_minutes,
      onCallEmail: c.on_call_email,
      timeZone: c.time_zone,
    };
  }
}
