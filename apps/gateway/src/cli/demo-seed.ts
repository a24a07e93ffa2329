import { CommunityRole } from '@p2p/moderation';
import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import { CommunitiesRepository } from '../communities/communities.repository';
import { admitMember, createCommunity, createUser } from '../communities/provisioning';
import { withLock } from '../platform/database/data-source';

export const DEMO_PASSWORD = 'demo-password-1';
export const DEMO_COMMUNITY = 'demo';

/** Named in the README: outside checks sign in with these. */
export const DEMO_USERS = [
  { username: 'operator', displayName: 'Operator', role: 'operator' },
  { username: 'staff1', displayName: 'Sam (staff)', role: 'staff' },
  { username: 'top1', displayName: 'Alex', role: 'top3' },
  { username: 'top2', displayName: 'Jo', role: 'top3' },
  { username: 'top3', displayName: 'Chris', role: 'top3' },
  { username: 'member1', displayName: 'Robin', role: 'member' },
  { username: 'member2', displayName: 'Kim', role: 'member' },
  { username: 'member3', displayName: 'Lee', role: 'member' },
  { username: 'member4', displayName: 'Pat', role: 'member' },
] as const;

/** Seeds the demo community once; returns false when it was already there. */
export async function seedDemo(db: DataSource): Promise<boolean> {
  return db.transaction(async (em) => {
    // Two nodes starting at once must not both seed.
    await withLock(em, 'p2p:demo-seed');
    const communities = new CommunitiesRepository(db);
    if (await communities.slugTaken(em, DEMO_COMMUNITY)) return false;

    const community = await createCommunity(em, { slug: DEMO_COMMUNITY, name: 'Demo Therapeutic Community' });
    const hash = await hashPassword(DEMO_PASSWORD);
    for (const u of DEMO_USERS) {
      const userId =
        (await communities.userIdByUsername(em, u.username)) ??
        (await createUser(
          em,
          {
            username: u.username,
            displayName: u.displayName,
            password: DEMO_PASSWORD,
            isOperator: u.role === 'operator',
          },
          hash,
        ));
      if (u.role === 'operator') continue;
      await admitMember(em, {
        communityId: community.id,
        userId,
        role: u.role === 'staff' ? CommunityRole.Staff : CommunityRole.Member,
        isTop3: u.role === 'top3',
      });
    }
    return true;
  });
}
