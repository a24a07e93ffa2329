import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { AttendanceView, CommunitySessionView } from '@p2p/contract';
import { Permission } from '@p2p/moderation';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { AuthContext } from '../platform/http/auth-context';
import { CommunitiesService } from '../communities/communities.service';
import { AttendanceRepository } from './attendance.repository';
import { AttendanceDto, CreateSessionsDto, RepeatDto } from './governance.dto';
import { SuspensionsService } from './suspensions.service';

const MAX_SESSIONS = 200;

/** Staff run the community's sessions and record who came, who made contact, who did not. */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly communities: CommunitiesService,
    private readonly suspensions: SuspensionsService,
    private readonly sessions: AttendanceRepository,
  ) {}

  async create(
    auth: AuthContext,
    communityId: string,
    input: CreateSessionsDto,
  ): Promise<{ items: CommunitySessionView[] }> {
    await this.communities.authorize(auth, communityId, Permission.RecordAttendance);
    if (!!input.startsAt === !!input.repeat) {
      throw new BadRequestException('Send either startsAt for one session, or repeat for a series.');
    }
    const title = input.title ?? 'Community session';
    const times = input.startsAt ? [new Date(input.startsAt)] : expandRepeat(input.repeat!);
    const seriesId = input.repeat ? randomUUID() : null;
    const ids = await this.sessions.insertSessions(communityId, { title, times, seriesId, createdBy: auth.userId });
    return { items: await this.load(ids) };
  }

  async list(
    auth: AuthContext,
    communityId: string,
    from?: string,
    to?: string,
  ): Promise<{ items: CommunitySessionView[]; nextCursor: null }> {
    await this.communities.authorize(auth, communityId, Permission.RecordAttendance);
    const ids = await this.sessions.sessionIds(communityId, from ?? null, to ?? null);
    return { items: await this.load(ids), nextCursor: null };
  }

  async attendance(auth: AuthContext, sessionId: string): Promise<AttendanceView> {
    const session = await this.sessionFor(auth, sessionId);
    const rows = await this.sessions.marks(sessionId);
    return {
      session: (await this.load([session.id]))[0],
      items: rows.map((r) => ({
        userId: r.user_id,
        displayName: r.display_name,
        mark: r.mark,
        recordedAt: r.recorded_at.toISOString(),
      })),
    };
  }

  /** Records marks (changing a mark is allowed), then sweeps the community for suspensions due. */
  async record(auth: AuthContext, sessionId: string, input: AttendanceDto): Promise<AttendanceView> {
    const session = await this.sessionFor(auth, sessionId);
    const userIds = [...new Set(input.records.map((r) => r.userId))];
    if (userIds.length !== input.records.length)
      throw new BadRequestException('Each member can have one mark per session.');
    if ((await this.sessions.memberCount(session.community_id, userIds)) !== userIds.length)
      throw new BadRequestException('Attendance is recorded for members of this community only.');
    await this.sessions.recordMarks(sessionId, session.community_id, input.records, auth.userId);
    await this.suspensions.sweepCommunity(session.community_id, new Date());
    return this.attendance(auth, sessionId);
  }

  private async sessionFor(auth: AuthContext, sessionId: string): Promise<{ id: string; community_id: string }> {
    const session = await this.sessions.sessionForMember(sessionId, auth.userId);
    if (!session) throw new NotFoundException('We could not find that session.');
    await this.communities.authorize(auth, session.community_id, Permission.RecordAttendance);
    return session;
  }

  private async load(ids: string[]): Promise<CommunitySessionView[]> {
    const rows = await this.sessions.sessions(ids);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      startsAt: r.starts_at.toISOString(),
      seriesId: r.series_id,
      recorded: r.recorded,
    }));
  }
}

/** Tuesdays and Fridays at 10:00 London time, from one date to another, as instants (DST-aware). */
export function expandRepeat(r: RepeatDto): Date[] {
  const from = DateTime.fromISO(r.from, { zone: r.timezone });
  const until = DateTime.fromISO(r.until, { zone: r.timezone });
  if (!from.isValid || !until.isValid) {
    throw new BadRequestException(
      from.invalidReason === 'unsupported zone'
        ? `We do not know the timezone "${r.timezone}".`
        : 'from and until should be real dates.',
    );
  }
  if (until < from) throw new BadRequestException('until should not be before from.');
  const [hour, minute] = r.time.split(':').map(Number);
  const out: Date[] = [];
  for (let d = from; d <= until; d = d.plus({ days: 1 })) {
    if (r.weekdays.includes(d.weekday)) out.push(d.set({ hour, minute }).toUTC().toJSDate());
    if (out.length > MAX_SESSIONS)
      throw new BadRequestException(`That is more than ${MAX_SESSIONS} sessions; please add them in smaller runs.`);
  }
  return out;
}
