import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LogChain } from '@p2p/moderation';
import { DataSource, EntityManager } from 'typeorm';

export interface MeetingRow {
  id: string;
  community_id: string;
  community_name: string;
  title: string;
  opened_at: Date;
  covers_from: Date | null;
}

export interface PackItemRow {
  id: string;
  position: number;
  log_id: string;
  chain: LogChain;
  at: Date;
  action: string;
  actor_name: string | null;
  /** The record's words as stored (null once removed). */
  words: string | null;
  removed: 'erasure' | 'retention' | null;
  outcome: string | null;
  outcome_at: Date | null;
}

/**
 * The SQL of community meetings and their packs. Which chains of the log a reader gets is decided
 * by the caller and kept in the query, so staff never load an item from a private board.
 * Methods that take an EntityManager run inside the caller's transaction.
 */
@Injectable()
export class MeetingsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * A new meeting whose pack gathers, since the last meeting opened, every log record marked
   * for the meeting (or appended "for the meeting") and those of the `always` actions. Locks the
   * community so two meetings opened at once do not both cover the same time.
   */
  async open(
    em: EntityManager,
    m: { communityId: string; title: string; openedBy: string; always: string[] },
  ): Promise<string> {
    await em.query(`SELECT id FROM communities WHERE id = $1 FOR UPDATE`, [m.communityId]);
    const [previous] = await em.query<{ opened_at: Date }[]>(
      `SELECT opened_at FROM meetings WHERE community_id = $1 ORDER BY opened_at DESC LIMIT 1`,
      [m.communityId],
    );
    const [meeting] = await em.query<{ id: string }[]>(
      `INSERT INTO meetings (community_id, title, opened_by, covers_from) VALUES ($1, $2, $3, $4) RETURNING id`,
      [m.communityId, m.title, m.openedBy, previous?.opened_at ?? null],
    );
    // A mark brings in the record it points at; anything appended "for the meeting" comes itself.
    await em.query(
      `INSERT INTO meeting_items (meeting_id, log_id, chain, position)
       SELECT $1, l.id, l.chain, row_number() OVER (ORDER BY l.at, l.id)
         FROM moderation_log l
        WHERE l.community_id = $2 AND ($3::timestamptz IS NULL OR l.at > $3)
          AND l.action <> 'mark-for-meeting'
          AND (l.for_meeting OR l.action = ANY($4::text[])
               OR l.id IN (SELECT m.refers_to FROM moderation_log m
                            WHERE m.community_id = $2 AND m.action = 'mark-for-meeting'
                              AND ($3::timestamptz IS NULL OR m.at > $3)))`,
      [meeting.id, m.communityId, previous?.opened_at ?? null, m.always],
    );
    return meeting.id;
  }

  /** The community's meetings, newest first (at most 100). */
  list(communityId: string): Promise<{ id: string; title: string; opened_at: Date }[]> {
    return this.db.query<{ id: string; title: string; opened_at: Date }[]>(
      `SELECT id, title, opened_at FROM meetings WHERE community_id = $1 ORDER BY opened_at DESC LIMIT 100`,
      [communityId],
    );
  }

  /** The meeting, if the caller belongs to its community. */
  async forMember(meetingId: string, userId: string): Promise<MeetingRow | undefined> {
    const [meeting] = await this.db.query<MeetingRow[]>(
      `SELECT mt.id, mt.community_id, c.name AS community_name, mt.title, mt.opened_at, mt.covers_from
         FROM meetings mt JOIN communities c ON c.id = mt.community_id
         JOIN memberships m ON m.community_id = mt.community_id AND m.user_id = $2
        WHERE mt.id = $1`,
      [meetingId, userId],
    );
    return meeting;
  }

  /** The pack's items from these chains of the log, in order. */
  packItems(meetingId: string, chains: LogChain[]): Promise<PackItemRow[]> {
    return this.db.query<PackItemRow[]>(
      `SELECT i.id, i.position, i.log_id, i.chain, l.at, l.action, u.display_name AS actor_name,
              t.words, t.removed, i.outcome, i.outcome_at
         FROM meeting_items i JOIN moderation_log l ON l.id = i.log_id
         LEFT JOIN moderation_log_texts t ON t.log_id = l.id
         LEFT JOIN users u ON u.id = l.actor_id
        WHERE i.meeting_id = $1 AND i.chain = ANY($2::text[])
        ORDER BY i.position`,
      [meetingId, chains],
    );
  }

  /** Locks an item of the meeting's pack, with the board and post its record names. */
  async lockItem(
    em: EntityManager,
    meetingId: string,
    itemId: string,
  ): Promise<{ log_id: string; board_id: string | null; post_id: string | null } | undefined> {
    const [item] = await em.query<{ log_id: string; board_id: string | null; post_id: string | null }[]>(
      `SELECT i.log_id, l.board_id, l.post_id FROM meeting_items i JOIN moderation_log l ON l.id = i.log_id
        WHERE i.id = $1 AND i.meeting_id = $2 FOR UPDATE OF i`,
      [itemId, meetingId],
    );
    return item;
  }

  async recordOutcome(em: EntityManager, itemId: string, outcome: string, userId: string): Promise<void> {
    await em.query(`UPDATE meeting_items SET outcome = $2, outcome_by = $3, outcome_at = now() WHERE id = $1`, [
      itemId,
      outcome,
      userId,
    ]);
  }
}
