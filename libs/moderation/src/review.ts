import { PostFacts } from './posting';

/** What a Top 3 member can do to an entry on the review list, or anywhere on the board. */
export const REVIEW_ACTIONS = ['approve', 'delete', 'restore', 'annotate'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

type Status = PostFacts['status'];

/**
 * Who may delete (take down), share, restore or annotate an entry, and what it becomes. The
 * permission to do any of them is Permission.ReviewEntries (the Top 3); this says which action
 * fits which state. `to: null` leaves the entry as it is (an annotation); a refusal says why.
 *
 * - approve: a held or hidden entry is shared (held ones for the first time).
 * - delete: any entry not already taken down is taken down (published, held or hidden).
 * - restore: only a taken-down entry comes back.
 * - annotate: a note in the log; the entry stays as it is.
 */
export function reviewTransition(
  action: ReviewAction,
  status: Status,
): { allowed: true; to: Status | null } | { allowed: false; refusal: string } {
  switch (action) {
    case 'annotate':
      return { allowed: true, to: null };
    case 'approve':
      return status === 'held' || status === 'hidden'
        ? { allowed: true, to: 'published' }
        : { allowed: false, refusal: `This post is ${status}, so there is nothing to approve.` };
    case 'delete':
      return canDelete(status)
        ? { allowed: true, to: 'removed' }
        : { allowed: false, refusal: 'This post has already been taken down.' };
    case 'restore':
      return status === 'removed'
        ? { allowed: true, to: 'published' }
        : { allowed: false, refusal: 'Only a post that was taken down can be restored.' };
  }
}

/** A Top 3 member may take down any entry that is not taken down already (the permission aside). */
export function canDelete(status: Status): boolean {
  return status !== 'removed';
}
