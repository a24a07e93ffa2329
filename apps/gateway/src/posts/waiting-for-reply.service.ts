import { Injectable } from '@nestjs/common';
import { WaitingForReplyView } from '@p2p/contract';
import { Permission } from '@p2p/moderation';
import { AuthContext } from '../platform/http/auth-context';
import { CommunitiesService } from '../communities/communities.service';
import { toThreadView } from '../entries/post-views';
import { PostsRepository } from '../entries/posts.repository';

/**
 * Nobody left unanswered: threads whose opening post nobody else has replied to in the
 * community's unanswered_after_hours, oldest first, on boards the member may read (members and
 * the Top 3; staff have their own way in to boards, by grant). Their authors are told once by
 * NotificationMaker.unansweredSweep.
 */
@Injectable()
export class WaitingForReplyService {
  constructor(
    private readonly communities: CommunitiesService,
    private readonly posts: PostsRepository,
  ) {}

  async list(auth: AuthContext, communityId: string): Promise<WaitingForReplyView> {
    await this.communities.authorize(auth, communityId, Permission.WritePosts);
    const { threads, afterHours } = await this.posts.unansweredThreads(communityId, auth.userId);
    return { items: threads.map(toThreadView), afterHours };
  }
}
