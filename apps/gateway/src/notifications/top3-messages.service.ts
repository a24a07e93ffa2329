import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CreatedView, reachableContacts, Top3MessageView } from '@p2p/contract';
import { Permission } from '@p2p/moderation';
import { DataSource } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { CommunitiesService } from '../communities/communities.service';
import { ModerationLog } from '../moderation/moderation-log.repository';
import { PlannedSend } from './delivery.repository';
import { NotificationSender } from './notification-sender';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { Top3MessagesRepository } from './top3-messages.repository';

/**
 * "Message the author": a Top 3 member writes, on behalf of the Top 3, privately to the author
 * of an entry they are reviewing. The member is told by a notification and reads it with the
 * crisis contacts beside it, signed "the Top 3". The log keeps who sent it and when, not its words.
 */
@Injectable()
export class Top3MessagesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly messages: Top3MessagesRepository,
    private readonly repo: NotificationsRepository,
    private readonly communities: CommunitiesService,
    private readonly log: ModerationLog,
    private readonly notifications: NotificationsService,
    private readonly sender: NotificationSender,
  ) {}

  async send(auth: AuthContext, postId: string, body: string): Promise<CreatedView> {
    const post = await this.messages.postFor(postId, auth.userId);
    if (!post) throw new NotFoundException('We could not find that post.');
    await this.communities.authorize(auth, post.community_id, Permission.ReviewEntries);
    if (post.author_id === auth.userId) throw new BadRequestException('This is your own post.');
    let made: { id: string; notification: string; sends: PlannedSend[] } | undefined;
    await this.db.transaction(async (em) => {
      const messageId = await this.messages.insert(em, {
        communityId: post.community_id,
        postId,
        toUserId: post.author_id,
        fromUserId: auth.userId,
        body: body.trim(),
      });
      const notification = await this.repo.tellOfTop3Message(em, {
        userId: post.author_id,
        communityId: post.community_id,
        postId,
        source: `top3-message:${messageId}`,
      });
      await this.log.append(em, {
        communityId: post.community_id,
        actorId: auth.userId,
        action: 'message-author',
        boardId: post.board_id,
        postId,
        reason: 'The Top 3 sent the author a private message',
        details: { messageId },
      });
      made = { id: messageId, notification, sends: await this.sender.plan(em, [notification]) };
    });
    await this.notifications.announce([made!.notification]);
    made!.sends.forEach((s) => void this.sender.queue(s));
    return { id: made!.id };
  }

  /** Messages to me from the Top 3 of my communities, newest first, each with its crisis contacts. */
  async mine(auth: AuthContext): Promise<{ items: Top3MessageView[] }> {
    const rows = await this.messages.toUser(auth.userId);
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
