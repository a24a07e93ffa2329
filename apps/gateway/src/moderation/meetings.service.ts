import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MeetingPack, MeetingSummaryView } from '@p2p/contract';
import { LogChain, Permission } from '@p2p/moderation';
import { DataSource } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { CommunitiesService } from '../communities/communities.service';
import { ModerationLog } from './moderation-log.repository';
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
  ) {}

  /** Opens a meeting: its pack gathers what was marked (or always belongs) since the last one. */
  async open(auth: AuthContext, communityId: string, title?: string): Promise<MeetingPack> {
    await this.communities.authorize(auth, communityId, Permission.ReadModerationLog);
    const meetingId = await this.db.transaction(async (em) => {
      await em.query(`SELECT id FROM communities WHERE id = $1 FOR UPDATE`, [communityId]);
      const [previous] = await em.query<{ opened_at: Date }[]>(
        `SELECT opened_at FROM meetings WHERE community_id = $1 ORDER BY opened_at DESC LIMIT 1`,
        [communityId],
      );
      const [meeting] = await em.query<{ id: string }[]>(
        `INSERT INTO meetings (community_id, title, opened_by, covers_from) VALUES ($1, $2, $3, $4) RETURNING id`,
        [
          communityId,
          title ?? `Community meeting, ${new Date().toISOString().slice(0, 10)}`,
          auth.userId,
          previous?.opened_at ?? null,
        ],
      );
      // A mark brings in the record it points at; anything appended "for the meeting" comes itself.
      await em.query(
        `INSERT INTO meeting_items (meeting_id, log_id, chain, position)
         SELECT $1, l.id, l.chain, row_number() OVER (ORDER BY l.at, l.id)
           FROM moderation_log l
          WHERE l.community_id = $2 AND ($3::timestamptz IS NULL OR l.at > $3)
            AND l.action <> 'mark-for-meeting'
            AND (l.for_meeting OR l.action = ANY($4::text[])
                 OR l.id IN (SELECT (m.details->>'logId')::uuid FROM moderation_log m
                              WHERE m.community_id = $2 AND m.action = 'mark-for-meeting'
                                AND ($3::timestamptz IS NULL OR m.at > $3)))`,
        [meeting.id, communityId, previous?.opened_at ?? null, ALWAYS_IN_PACK],
      );
      return meeting.id;
    });
    return this.pack(auth, meetingId);
  }

  async list(auth: AuthContext, communityId: string): Promise<{ items: MeetingSummaryView[]; nextCursor: null }> {
    await this.communities.authorize(auth, communityId, Permission.ReadModerationLog);
    const rows = await this.db.query<{ id: string; title: string; opened_at: Date }[]>(
      `SELECT id, title, opened_at FROM meetings WHERE community_id = $1 ORDER BY opened_at DESC LIMIT 100`,
      [communityId],
    );
    return {
      items: rows.map((r) => ({ id: r.id, title: r.title, openedAt: r.opened_at.toISOString() })),
      nextCursor: null,
    };
  }

  /** The pack as the caller may read it: staff never see items from private boards. */
  async pack(auth: AuthContext, meetingId: string): Promise<MeetingPack> {
    const meeting = await this.meetingFor(auth, meetingId);
    const chains = await this.reports.chainsFor(auth, meeting.community_id);
    const items = await this.db.query<
      {
        id: string;
        position: number;
        log_id: string;
        chain: LogChain;
        at: Date;
        action: string;
        actor_name: string | null;
        entry_text: string | null;
        reason: string | null;
        details: Record<string, unknown>;
        outcome: string | null;
        outcome_at: Date | null;
      }[]
    >(
      `SELECT i.id, i.position, i.log_id, i.chain, l.at, l.action, l.actor_name, l.entry_text, l.reason, l.details,
              i.outcome, i.outcome_at
         FROM meeting_items i JOIN moderation_log l ON l.id = i.log_id
        WHERE i.meeting_id = $1 AND i.chain = ANY($2::text[])
        ORDER BY i.position`,
      [meetingId, chains],
    );
    return {
      id: meeting.id,
      communityId: meeting.community_id,
      communityName: meeting.community_name,
      title: meeting.title,
      openedAt: meeting.opened_at.toISOString(),
      coversFrom: meeting.covers_from?.toISOString() ?? null,
      items: items.map((i) => ({
        id: i.id,
        position: i.position,
        logId: i.log_id,
        chain: i.chain,
        at: i.at.toISOString(),
        action: i.action,
        actor: i.actor_name,
        entryText: i.entry_text,
        reason: i.reason,
        details: i.details,
        outcome: i.outcome,
        outcomeAt: i.outcome_at?.toISOString() ?? null,
      })),
    };
  }

  /** After the meeting the Top 3 record what it decided; the pack keeps it and the log says so. */
  async recordOutcome(auth: AuthContext, meetingId: string, itemId: string, outcome: string): Promise<MeetingPack> {
    const meeting = await this.meetingFor(auth, meetingId);
    await this.communities.authorize(auth, meeting.community_id, Permission.ReviewEntries);
    await this.db.transaction(async (em) => {
      const [item] = await em.query<{ log_id: string; board_id: string | null; post_id: string | null }[]>(
        `SELECT i.log_id, l.board_id, l.post_id FROM meeting_items i JOIN moderation_log l ON l.id = i.log_id
          WHERE i.id = $1 AND i.meeting_id = $2 FOR UPDATE OF i`,
        [itemId, meetingId],
      );
      if (!item) throw new NotFoundException('That item is not in this meeting’s pack.');
      await em.query(`UPDATE meeting_items SET outcome = $2, outcome_by = $3, outcome_at = now() WHERE id = $1`, [
        itemId,
        outcome,
        auth.userId,
      ]);
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

  private async meetingFor(auth: AuthContext, meetingId: string) {
    const [meeting] = await this.db.query<
      {
        id: string;
        community_id: string;
        community_name: string;
        title: string;
        opened_at: Date;
        covers_from: Date | null;
      }[]
    >(
      `SELECT mt.id, mt.community_id, c.name AS community_name, mt.title, mt.opened_at, mt.covers_from
         FROM meetings mt JOIN communities c ON c.id = mt.community_id
         JOIN memberships m ON m.community_id = mt.community_id AND m.user_id = $2
        WHERE mt.id = $1`,
      [meetingId, auth.userId],
    );
    if (!meeting) throw new NotFoundException('We could not find that meeting.');
    await this.communities.authorize(auth, meeting.community_id, Permission.ReadModerationLog);
    return meeting;
  }
}
