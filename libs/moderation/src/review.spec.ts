import { REVIEW_ACTIONS, canDelete, reviewTransition } from './review';

const STATUSES = ['pending', 'published', 'withdrawn', 'held', 'hidden', 'removed'] as const;

describe('reviewTransition: what each Top 3 action does from each state', () => {
  const table = Object.fromEntries(
    REVIEW_ACTIONS.map((action) => [
      action,
      Object.fromEntries(
        STATUSES.map((s) => {
          const t = reviewTransition(action, s);
          return [s, t.allowed ? (t.to ?? 'unchanged') : 'refused'];
        }),
      ),
    ]),
  );

  it('is this table', () => {
    expect(table).toEqual({
      approve: {
        pending: 'refused',
        published: 'refused',
        withdrawn: 'refused',
        held: 'published',
        hidden: 'published',
        removed: 'refused',
      },
      delete: {
        pending: 'removed',
        published: 'removed',
        withdrawn: 'removed',
        held: 'removed',
        hidden: 'removed',
        removed: 'refused',
      },
      restore: {
        pending: 'refused',
        published: 'refused',
        withdrawn: 'refused',
        held: 'refused',
        hidden: 'refused',
        removed: 'published',
      },
      annotate: Object.fromEntries(STATUSES.map((s) => [s, 'unchanged'])),
    });
  });

  it('says why in a sentence when it refuses, and canDelete agrees with delete', () => {
    expect(reviewTransition('approve', 'published')).toEqual({
      allowed: false,
      refusal: 'This post is published, so there is nothing to approve.',
    });
    for (const s of STATUSES) expect(canDelete(s)).toBe(reviewTransition('delete', s).allowed);
  });
});
