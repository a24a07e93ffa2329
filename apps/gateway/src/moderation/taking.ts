import { ConflictException } from '@nestjs/common';
import { AuthorView } from '@p2p/contract';
import { EntityManager } from 'typeorm';
import { ReviewRepository, TakenColumns } from '../entries/review.repository';
import { ModerationLog } from './moderation-log.repository';

/**
 * "I'm looking at this", for a held entry or a check-in alike, inside the caller's transaction
 * with the post locked: taken by this Top 3 member now (and logged), or already theirs (nothing
 * changes), or refused with the name of the member who has it. `fresh` says whether it changed,
 * so that the caller tells the others.
 */
export async function takeLockedPost(
  em: EntityManager,
  store: { log: ModerationLog; review: ReviewRepository },
  post: { id: string; community_id: string; board_id: string } & TakenColumns,
  userId: string,
  details: Record<string, unknown> = {},
): Promise<{ by: AuthorView; at: string; fresh: boolean }> {
  if (post.taken_by && post.taken_at) {
    if (post.taken_by !== userId) throw new ConflictException(`${post.taken_name} is already looking at this.`);
    return {
      by: { id: post.taken_by, displayName: post.taken_name ?? '' },
      at: post.taken_at.toISOString(),
      fresh: false,
    };
  }
  const row = await store.review.take(em, post.id, userId);
  await store.log.append(em, {
    communityId: post.community_id,
    actorId: userId,
    action: 'take',
    boardId: post.board_id,
    postId: post.id,
    ...(Object.keys(details).length > 0 ? { details } : {}),
  });
  return { by: { id: userId, displayName: row.name }, at: row.taken_at.toISOString(), fresh: true };
}
