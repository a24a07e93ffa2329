import { CommunityRole } from '@p2p/moderation';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../apps/gateway/src/auth/passwords';
import { newToken, tokenHash } from '../../apps/gateway/src/auth/tokens';
import {
  ProvisionedCommunity,
  admitMember,
  createCommunity,
  createUser,
} from '../../apps/gateway/src/communities/provisioning';

export const TEST_PASSWORD = 'test-password-1';
let passwordHash: Promise<string> | undefined;

const suffix = () => randomBytes(4).toString('hex');

export interface GivenUser {
  id: string;
  username: string;
  password: string;
  /** A live session's bearer token. */
  token: string;
  sessionId: string;
}

/** Factories that insert real rows: given.member(community), given.top3(community), ... */
export class Given {
  constructor(private readonly db: DataSource) {}

  async community(name = 'Test community'): Promise<ProvisionedCommunity> {
    return this.db.transaction((em) => createCommunity(em, { slug: `c-${suffix()}`, name }));
  }

  async user(opts: { operator?: boolean; username?: string } = {}): Promise<GivenUser> {
    passwordHash ??= hashPassword(TEST_PASSWORD);
    const username = opts.username ?? `u-${suffix()}`;
    const id = await this.db.transaction(async (em) =>
      createUser(em, { username, password: TEST_PASSWORD, isOperator: opts.operator }, await passwordHash),
    );
    return { id, username, password: TEST_PASSWORD, ...(await this.session(id)) };
  }

  async session(userId: string): Promise<{ token: string; sessionId: string }> {
    const token = newToken();
    const [row] = await this.db.query<{ id: string }[]>(
      `INSERT INTO sessions (user_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '1 day') RETURNING id`,
      [userId, tokenHash(token)],
    );
    return { token, sessionId: row.id };
  }

  async member(c: { id: string }, opts: { top3?: boolean } = {}): Promise<GivenUser> {
    const u = await this.user();
    await this.db.transaction((em) =>
      admitMember(em, { communityId: c.id, userId: u.id, role: CommunityRole.Member, isTop3: opts.top3 }),
    );
    return u;
  }

  top3(c: { id: string }): Promise<GivenUser> {
    return this.member(c, { top3: true });
  }

  async staff(c: { id: string }): Promise<GivenUser> {
    const u = await this.user();
    await this.db.transaction((em) => admitMember(em, { communityId: c.id, userId: u.id, role: CommunityRole.Staff }));
    return u;
  }

  async suspended(c: { id: string }, until = new Date(Date.now() + 90 * 86_400_000)): Promise<GivenUser> {
    const u = await this.member(c);
    await this.db.query(
      `UPDATE memberships SET status = 'suspended', suspended_until = $3 WHERE community_id = $1 AND user_id = $2`,
      [c.id, u.id, until],
    );
    return u;
  }

  operator(): Promise<GivenUser> {
    return this.user({ operator: true });
  }

  async participant(boardId: string, user: { id: string }): Promise<void> {
    await this.db.query(`INSERT INTO board_participants (board_id, user_id) VALUES ($1, $2)`, [boardId, user.id]);
  }

  async privateBoard(c: { id: string }, name = 'Small group'): Promise<string> {
    const [row] = await this.db.query<{ id: string }[]>(
      `INSERT INTO boards (community_id, kind, slug, name) VALUES ($1, 'private', $2, $3) RETURNING id`,
      [c.id, `g-${suffix()}`, name],
    );
    return row.id;
  }
}
