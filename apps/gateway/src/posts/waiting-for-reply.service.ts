import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WaitingForReplyView } from '@p2p/contract';
import { Permission } from '@p2p/moderation';
import { DataSource } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { readableBoard } from '../boards/board-access.sql';
import { CommunitiesService } from '../communities/communities.service';
import { THREAD_COLUMNS, THREAD_FROM, ThreadRow, toThreadView } from '../entries/post-views';
import { UNANSWERED } from './unanswered';

/**
 * Nobody left unanswered: threads whose opening post nobody else has replied to in the
 * community's unanswered_after_hours, oldest first, on boards the member may read (members and
 * the Top 3; staff have their own way in to boards, by grant). Their authors are told once by
 * NotificationMaker.unansweredSweep.
 */
@Injectable()
export class WaitingForReplyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
  ) {}

  async list(auth: AuthContext, communityId: string): Promise<WaitingForReplyView> {
    await this.communities.authorize(auth, communityId, Permission.WritePosts);
    const rows = await this.db.query<ThreadRow[]>(
      `SELECT ${THREAD_COLUMNS} FROM ${THREAD_FROM} JOIN boards b ON b.id = t.board_id JOIN communities c ON c.id = t.community_id
        WHERE t.community_id = $1 AND ${UNANSWERED} AND ${readableBoard('b', '$2')}
        ORDER BY op.released_at, t.id LIMIT 100`,
      [communityId, auth.userId],
    );
    const [c] = await this.db.query<{ hours: number }[]>(
      `SELECT unanswered_after_hours AS hours FROM communities WHERE id = $1`,
      [communityId],
    );
    return { items: rows.map(toThreadView), afterHours: c.hours };
  }
}
