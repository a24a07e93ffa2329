import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MeetingPack, MeetingSummaryView } from '@p2p/contract';
import { Permission, decodeWords } from '@p2p/moderation';
import { DataSource } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { CommunitiesService } from '../communities/communities.service';
import { ModerationLog } from './moderation-log.repository';
import { MeetingRow, MeetingsRepository } from './meetings.repository';
import { ReportsService } from './reports.service';

/** Always part of a pack, marked or not: the community hears about these in its meeting. */
const ALWAYS_IN_PACK = ['significant-event', 'suspension', 'return', 'election-result'];

/** Back into the community meeting: what was marked since the last one, and what it decided. */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
    private readonly reports: ReportsService,
    private readonly log: ModerationLog,
    private readonly meetings: MeetingsRepository,
  ) {}

  /** Opens a meeting: its pack gathers what was marked (or always belongs) since the last one. */
  async open(auth: AuthContext, communityId: string, title?: string): Promise<MeetingPack> {
    await this.communities.authorize(auth, communityId, Permission.ReadModerationLog);
    const meetingId = await this.db.transaction((em) =>
      this.meetings.open(em, {
        communityId,
        title: title ?? `Community meeting, ${new Date().toISOString().slice(0, 10)}`,
        openedBy: auth.userId,
        always: ALWAYS_IN_PACK,
      }),
    );
    return this.pack(auth, meetingId);
  }

  async list(auth: AuthContext, communityId: string): Promise<{ items: MeetingSummaryView[]; nextCursor: null }> {
    await this.communities.authorize(auth, communityId, Permission.ReadModerationLog);
    const rows = await this.meetings.list(communityId);
    return {
      items: rows.map((r) => ({ id: r.id, title: r.title, openedAt: r.opened_at.toISOString() })),
      nextCursor: null,
    };
  }

  /** The pack as the caller may read it: staff never see items from private boards. */
  async pack(auth: AuthContext, meetingId: string): Promise<MeetingPack> {
    const meeting = await this.meetingFor(auth, meetingId);
    const chains = await this.reports.chainsFor(auth, meeting.community_id);
    const items = await this.meetings.packItems(meetingId, chains);
    return {
      id: meeting.id,
      communityId: meeting.community_id,
      communityName: meeting.community_name,
      title: meeting.title,
      openedAt: meeting.opened_at.toISOString(),
      coversFrom: meeting.covers_from?.toISOString() ?? null,
      items: items.map((i) => {
        const words = decodeWords(i.words);
        return {
          id: i.id,
          position: i.position,
          logId: i.log_id,
          chain: i.chain,
          at: i.at.toISOString(),
          action: i.action,
          actor: i.actor_name,
          entryText: words.entryText,
          reason: words.reason,
          details: words.details,
          wordsRemoved: i.removed,
          outcome: i.outcome,
          outcomeAt: i.outcome_at?.toISOString() ?? null,
        };
      }),
    };
  }

  /** After the meeting the Top 3 record what it decided; the pack keeps it and the log says so. */
  async recordOutcome(auth: AuthContext, meetingId: string, itemId: string, outcome: string): Promise<MeetingPack> {
    const meeting = await this.meetingFor(auth, meetingId);
    await this.communities.authorize(auth, meeting.community_id, Permission.ReviewEntries);
    await this.db.transaction(async (em) => {
      const item = await this.meetings.lockItem(em, meetingId, itemId);
      if (!item) throw new NotFoundException('That item is not in this meeting’s pack.');
      await this.meetings.recordOutcome(em, itemId, outcome, auth.userId);
      await this.log.append(em, {
        communityId: meeting.community_id,
        actorId: auth.userId,
        action: 'meeting-outcome',
        boardId: item.board_id,
        postId: item.post_id,
        reason: outcome,
        details: { meetingId, logId: item.log_id },
      });
    });
    return this.pack(auth, meetingId);
  }

  private async meetingFor(auth: AuthContext, meetingId: string): Promise<MeetingRow> {
    const meeting = await this.meetings.forMember(meetingId, auth.userId);
    if (!meeting) throw new NotFoundException('We could not find that meeting.');
    await this.communities.authorize(auth, meeting.community_id, Permission.ReadModerationLog);
    return meeting;
  }
}
