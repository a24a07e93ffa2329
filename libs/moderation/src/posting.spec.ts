import { Actor, CommunityRole, MembershipStatus, canChangePending } from '.';

const author: Actor = {
  userId: 'a',
  isOperator: false,
  membership: { role: CommunityRole.Member, status: MembershipStatus.Active, isTop3: false },
};
const t0 = new Date('2026-11-23T10:00:00Z');

describe('the thinking space', () => {
  const pending = { authorId: 'a', status: 'pending' as const, releaseAt: new Date(t0.getTime() + 60_000) };
  it.each([
    ['the author, while it waits', author, pending, t0, { allowed: true }],
    ['someone else', { ...author, userId: 'b' }, pending, t0, { allowed: false, reason: 'not-author' }],
    [
      'the author, once its time has come',
      author,
      pending,
      new Date(t0.getTime() + 60_000),
      { allowed: false, reason: 'already-shared' },
    ],
    [
      'the author, once shared',
      author,
      { ...pending, status: 'published' as const },
      t0,
      { allowed: false, reason: 'already-shared' },
    ],
    [
      'the author, after withdrawing',
      author,
      { ...pending, status: 'withdrawn' as const },
      t0,
      { allowed: false, reason: 'withdrawn' },
    ],
    [
      'a suspended author',
      { ...author, membership: { ...author.membership!, status: MembershipStatus.Suspended } },
      pending,
      t0,
      { allowed: false, reason: 'not-author' },
    ],
  ])('may %s change a pending post? ', (_who, actor, post, now, expected) => {
    expect(canChangePending(actor, post, now)).toEqual(expected);
  });
});
