import { ConflictException } from '@nestjs/common';
import { AuthorView } from '@p2p/contract';
import { EntityManager } from 'typeorm';
import { ModerationLog } from './log.service';

/** Who has said "I'm looking at this" for a post, as read with it. */
export interface TakenColumns {
  taken_by: string | null;
  taken_at: Date | null;
  taken_name: string | null;
}

/** Reads who has taken a post (with the post locked by the caller). */
export const TAKEN_SELECT = `p.taken_by, p.taken_at, tk.display_name AS taken_name`;
export const TAKEN_JOIN = `LEFT JOIN users tk ON tk.id = p.taken_by`;

/**
 * "I'm looking at this", for a held entry or a check-in alike, inside the caller's transaction
 * with the post locked: taken by this Top 3 member now (and logged), or already theirs (nothing
 * changes), or refused with the name of the member who has it. `fresh` says whether it changed,
 * so that the caller tells the others.
 */
export async function takeLockedPost(
  em: EntityManager,
  log: ModerationLog,
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
  // TypeORM answers an UPDATE with [rows, count].
  const [[row]] = await em.query<[{ taken_at: Date; name: string }[], number]>(
    `UPDATE posts p SET taken_by = $2, taken_at = clock_timestamp() FROM users u
      WHERE p.id = $1 AND u.id = $2 RETURNING p.taken_at, u.display_name AS name`,
    [post.id, userId],
  );
  await log.append(em, {
    communityId: post.community_id,
    actorId: userId,
    action: 'take',
    boardId: post.board_id,
    postId: post.id,
    ...(Object.keys(details).length > 0 ? { details } : {}),
  });
  return { by: { id: userId, displayName: row.name }, at: row.taken_at.toISOString(), fresh: true };
}
