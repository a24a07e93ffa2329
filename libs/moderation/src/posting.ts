import { Actor, MembershipStatus } from './roles';

/** The facts about a post that the posting rules look at. */
export interface PostFacts {
  authorId: string;
  status: 'pending' | 'published' | 'withdrawn' | 'held' | 'hidden' | 'removed';
  releaseAt: Date;
}

/*
 * The thinking space: a new post waits the community's delay (the chat delay in chat rooms and
 * direct conversations) before anyone else sees it. The time is set once, by the database's clock,
 * when the post is written (apps/gateway/src/posts/posts.repository.ts, insertPost); editing does
 * not move it. Whether its author may still change it is the rule below.
 */

export type PendingChange =
  { allowed: true } | { allowed: false; reason: 'not-author' | 'already-shared' | 'withdrawn' | 'with-top3' };

/** Only the author, only while the post is still waiting. */
export function canChangePending(actor: Actor, post: PostFacts, now: Date): PendingChange {
  if (post.authorId !== actor.userId) return { allowed: false, reason: 'not-author' };
  if (post.status === 'withdrawn') return { allowed: false, reason: 'withdrawn' };
  if (post.status === 'held') return { allowed: false, reason: 'with-top3' };
  if (post.status !== 'pending' || post.releaseAt.getTime() <= now.getTime()) {
    return { allowed: false, reason: 'already-shared' };
  }
  if (actor.membership?.status !== MembershipStatus.Active) return { allowed: false, reason: 'not-author' };
  return { allowed: true };
}

/** Words shown when a change is refused. */
export const pendingChangeRefusal: Record<Exclude<PendingChange, { allowed: true }>['reason'], string> = {
  'not-author': 'Only the person who wrote a post can change it while it waits.',
  'already-shared': 'This post has already been shared with the community, so it can no longer be changed here.',
  withdrawn: 'This post was withdrawn, so there is nothing to change.',
  'with-top3': 'This post is with a Top 3 member now, so it cannot be changed while they look at it.',
};
