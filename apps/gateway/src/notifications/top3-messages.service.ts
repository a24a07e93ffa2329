import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CreatedView, CrisisContactView, reachableContacts, Top3MessageView } from '@p2p/contract';
import { Permission } from '@p2p/moderation';
import { DataSource } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { CommunitiesService } from '../communities/communities.service';
import { ModerationLog } from '../moderation/moderation-log.repository';
import { NotificationSender, PlannedSend } from './notification-sender';
import { NotificationsService } from './notifications.service';

/**
 * "Message the author": a Top 3 member writes, on behalf of the Top 3, privately to the author
 * of an entry they are reviewing. The member is told by a notification and reads it with the
 * crisis contacts beside it, signed "the Top 3". The log keeps who sent it and when, not its words.
 */
@Injectable()
export class Top3MessagesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
    private readonly log: ModerationLog,
    private readonly notifications: NotificationsService,
    private readonly sender: NotificationSender,
  ) {}

  async send(auth: AuthContext, postId: string, body: string): Promise<CreatedView> {
    const [post] = await this.db.query<{ community_id: string; board_id: string; author_id: string }[]>(
      `SELECT p.community_id, p.board_id, p.author_id FROM posts p
        WHERE p.id = $1 AND EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = p.community_id AND m.user_id = $2)`,
      [postId, auth.userId],
    );
    if (!post) throw new NotFoundException('We could not find that post.');
    await this.communities.authorize(auth, post.community_id, Permission.ReviewEntries);
    if (post.author_id === auth.userId) throw new BadRequestException('This is your own post.');
    let made: { id: string; notification: string; sends: PlannedSend[] } | undefined;
    await this.db.transaction(async (em) => {
      const [message] = await em.query<{ id: string }[]>(
        `INSERT INTO top3_messages (community_id, post_id, to_user_id, from_user_id, body) VALUES ($1, $2, $3, $4, $5)
         RETURNING id`,
        [post.community_id, postId, post.author_id, auth.userId, body.trim()],
      );
      const [n] = await em.query<{ id: string }[]>(
        `INSERT INTO notifications (user_id, community_id, kind, urgent, post_id, source)
         VALUES ($1, $2, 'top3-message', false, $3, $4) RETURNING id`,
        [post.author_id, post.community_id, postId, `top3-message:${message.id}`],
      );
      await this.log.append(em, {
        communityId: post.community_id,
        actorId: auth.userId,
        action: 'message-author',
        boardId: post.board_id,
        postId,
        reason: 'The Top 3 sent the author a private message',
        details: { messageId: message.id },
      });
      made = { id: message.id, notification: n.id, sends: await this.sender.plan(em, [n.id]) };
    });
    await this.notifications.announce([made!.notification]);
    made!.sends.forEach((s) => void this.sender.queue(s));
    return { id: made!.id };
  }

  /** Messages to me from the Top 3 of my communities, newest first, each with its crisis contacts. */
  async mine(auth: AuthContext): Promise<{ items: Top3MessageView[] }> {
    const rows = await this.db.query<
      {
        id: string;
        community_id: string;
        name: string;
        body: string;
        created_at: Date;
        crisis_contacts: CrisisContactView[];
      }[]
    >(
      `SELECT m.id, m.community_id, c.name, m.body, m.created_at, c.crisis_contacts
         FROM top3_messages m JOIN communities c ON c.id = m.community_id
        WHERE m.to_user_id = $1 ORDER BY m.created_at DESC LIMIT 100`,
      [auth.userId],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        communityId: r.community_id,
        communityName: r.name,
        body: r.body,
        createdAt: r.created_at.toISOString(),
        crisisContacts: reachableContacts(r.crisis_contacts),
      })),
    };
  }
}
