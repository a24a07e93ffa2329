import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AttendanceMarkView, AttendanceView, CommunitySessionView } from '@p2p/contract';
import { Permission } from '@p2p/moderation';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { CommunitiesService } from '../communities/communities.service';
import { AttendanceDto, CreateSessionsDto, RepeatDto } from './governance.dto';
import { SuspensionsService } from './suspensions.service';

const MAX_SESSIONS = 200;

/** Staff run the community's sessions and record who came, who made contact, who did not. */
@Injectable()
export class AttendanceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
    private readonly suspensions: SuspensionsService,
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
    const rows = await this.db.query<{ id: string }[]>(
      `INSERT INTO community_sessions (community_id, title, starts_at, series_id, created_by)
       SELECT $1, $2, t, $4, $5 FROM unnest($3::timestamptz[]) AS t
       ON CONFLICT (community_id, starts_at) DO NOTHING RETURNING id`,
      [communityId, title, times, seriesId, auth.userId],
    );
    return { items: await this.load(rows.map((r) => r.id)) };
  }

  async list(
    auth: AuthContext,
    communityId: string,
    from?: string,
    to?: string,
  ): Promise<{ items: CommunitySessionView[]; nextCursor: null }> {
    await this.communities.authorize(auth, communityId, Permission.RecordAttendance);
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT id FROM community_sessions
        WHERE community_id = $1 AND ($2::timestamptz IS NULL OR starts_at >= $2) AND ($3::timestamptz IS NULL OR starts_at < $3)
        ORDER BY starts_at LIMIT 500`,
      [communityId, from ?? null, to ?? null],
    );
    return { items: await this.load(rows.map((r) => r.id)), nextCursor: null };
  }

  async attendance(auth: AuthContext, sessionId: string): Promise<AttendanceView> {
    const session = await this.sessionFor(auth, sessionId);
    const rows = await this.db.query<
      { user_id: string; display_name: string; mark: AttendanceMarkView['mark']; recorded_at: Date }[]
    >(
      `SELECT a.user_id, u.display_name, a.mark, a.recorded_at FROM attendance a JOIN users u ON u.id = a.user_id
        WHERE a.session_id = $1 ORDER BY u.display_name`,
      [sessionId],
    );
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
    const members = await this.db.query<{ user_id: string }[]>(
      `SELECT user_id FROM memberships WHERE community_id = $1 AND role = 'member' AND user_id = ANY($2::uuid[])`,
      [session.community_id, userIds],
    );
    if (members.length !== userIds.length)
      throw new BadRequestException('Attendance is recorded for members of this community only.');
    await this.db.query(
      `INSERT INTO attendance (session_id, community_id, user_id, mark, recorded_by)
       SELECT $1, $2, r.user_id, r.mark, $4 FROM jsonb_to_recordset($3::jsonb) AS r(user_id uuid, mark text)
       ON CONFLICT (session_id, user_id) DO UPDATE SET mark = EXCLUDED.mark, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
      [
        sessionId,
        session.community_id,
        JSON.stringify(input.records.map((r) => ({ user_id: r.userId, mark: r.mark }))),
        auth.userId,
      ],
    );
    await this.suspensions.sweepCommunity(session.community_id, new Date());
    return this.attendance(auth, sessionId);
  }

  private async sessionFor(auth: AuthContext, sessionId: string): Promise<{ id: string; community_id: string }> {
    const [session] = await this.db.query<{ id: string; community_id: string }[]>(
      `SELECT s.id, s.community_id FROM community_sessions s
        JOIN memberships m ON m.community_id = s.community_id AND m.user_id = $2 WHERE s.id = $1`,
      [sessionId, auth.userId],
    );
    if (!session) throw new NotFoundException('We could not find that session.');
    await this.communities.authorize(auth, session.community_id, Permission.RecordAttendance);
    return session;
  }

  private async load(ids: string[]): Promise<CommunitySessionView[]> {
    const rows = await this.db.query<
      { id: string; title: string; starts_at: Date; series_id: string | null; recorded: number }[]
    >(
      `SELECT s.id, s.title, s.starts_at, s.series_id, (SELECT count(*)::int FROM attendance a WHERE a.session_id = s.id) AS recorded
         FROM community_sessions s WHERE s.id = ANY($1::uuid[]) ORDER BY s.starts_at`,
      [ids],
    );
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
