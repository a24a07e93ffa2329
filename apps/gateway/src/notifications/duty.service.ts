import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthorView, DutyView, EscalationSettingsView } from '@p2p/contract';
import { Permission } from '@p2p/moderation';
import { DataSource } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { knownTimeZone } from '../platform/database/data-source';
import { CommunitiesService } from '../communities/communities.service';
import { ModerationLog } from '../moderation/moderation-log.repository';
import { FanoutService } from '../platform/realtime/fanout.service';
import { EscalationSettingsDto, ShiftDto } from './duty.dto';
import { DutyRepository, ShiftRow } from './duty.repository';
import { EscalationRepository } from './escalation.repository';

/** How far ahead the rota is shown. */
const AHEAD_DAYS = 14;

/**
 * Who of the Top 3 is on duty when (the rota they keep), and the community's escalation ladder
 * with its on-call contact. Everyone in the community may see who is on duty and when someone is
 * next expected; only the Top 3 keep the rota; the Top 3 and staff agree the ladder.
 */
@Injectable()
export class DutyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly duty: DutyRepository,
    private readonly escalations: EscalationRepository,
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
    const rows = await this.duty.shiftsAhead(communityId, AHEAD_DAYS);
    const view = (r: ShiftRow) => ({
      id: r.id,
      who: { id: r.user_id, displayName: r.display_name } satisfies AuthorView,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
    });
    const later = rows.filter((r) => !r.now);
    const top3 = await this.duty.top3Ids(communityId);
    return {
      // Someone on a break sees nothing and is sent nothing: they are not on duty, whatever the rota says.
      onDutyNow: rows.filter((r) => r.now && !r.away).map(view),
      someoneOnline: await this.fanout.anyConnected(top3),
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
      const who = await this.duty.top3Name(em, communityId, input.userId);
      if (who === undefined) throw new BadRequestException('Only a Top 3 member of this community can be on the rota.');
      const shiftId = await this.duty.insertShift(em, {
        communityId,
        userId: input.userId,
        startsAt,
        endsAt,
        addedBy: auth.userId,
      });
      await this.log.append(em, {
        communityId,
        actorId: auth.userId,
        action: 'duty-change',
        reason: `${who} on duty`,
        details: { added: shiftId, userId: input.userId, startsAt, endsAt },
      });
    });
    return this.rotaOf(communityId);
  }

  async removeShift(auth: AuthContext, shiftId: string): Promise<DutyView> {
    const communityId = await this.duty.shiftCommunity(shiftId, auth.userId);
    if (communityId === undefined) throw new NotFoundException('We could not find that shift.');
    await this.communities.authorize(auth, communityId, Permission.KeepRota);
    await this.db.transaction(async (em) => {
      const gone = await this.duty.deleteShift(em, shiftId);
      if (!gone) throw new NotFoundException('We could not find that shift.');
      await this.log.append(em, {
        communityId,
        actorId: auth.userId,
        action: 'duty-change',
        reason: `${gone.display_name} off the rota`,
        details: { removed: shiftId, userId: gone.user_id, startsAt: gone.starts_at, endsAt: gone.ends_at },
      });
    });
    return this.rotaOf(communityId);
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
    if (!(await knownTimeZone(this.db, next.timeZone))) {
      throw new BadRequestException('We do not know that time zone; use a name such as Europe/London.');
    }
    await this.db.transaction(async (em) => {
      await this.escalations.saveSettings(em, communityId, next);
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
    const c = await this.escalations.settings(communityId);
    return {
      escalateAfterMinutes: c.escalate_after_minutes,
      onCallAfterMinutes: c.on_call_after_minutes,
      onCallEmail: c.on_call_email,
      timeZone: c.time_zone,
    };
  }
}
