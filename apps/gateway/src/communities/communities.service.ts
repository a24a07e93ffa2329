import { reachableContacts } from '@p2p/contract';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, CommunityRole, MembershipFacts, MembershipStatus, Permission, can } from '@p2p/moderation';
import { DataSource } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { MeDto } from '../auth/dto/login.dto';
import { Page, decodeCursor, toPage } from '../platform/http/pagination';
import { AdmitDto, CommunityDto, CreateCommunityDto, MemberDto, PersonDto, SettingsDto } from './dto/community.dto';
import { ProvisioningConflict, admitMember, createCommunity, createUser } from './provisioning';

const NOT_FOUND = "We couldn't find that community, or you are not part of it.";

interface CommunityRow {
  id: string;
  slug: string;
  name: string;
  posting_delay_seconds: number;
  chat_delay_seconds: number;
  flag_threshold: number;
  suspension_after_no_contact: number;
  suspension_months: number;
  crisis_contacts: CommunityDto['crisisContacts'];
  outreach_contact: string;
  direct_conversations: boolean;
}

const toCommunity = (r: CommunityRow): CommunityDto => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  postingDelaySeconds: r.posting_delay_seconds,
  chatDelaySeconds: r.chat_delay_seconds,
  flagThreshold: r.flag_threshold,
  suspensionAfterNoContact: r.suspension_after_no_contact,
  suspensionMonths: r.suspension_months,
  crisisContacts: reachableContacts(r.crisis_contacts),
  outreachContact: r.outreach_contact,
  directConversations: r.direct_conversations,
});

const MEMBER_COLUMNS = `u.id, u.username, u.display_name, m.role, m.status, m.is_top3, m.suspended_until, m.joined_at`;

interface MemberRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  status: string;
  is_top3: boolean;
  suspended_until: Date | null;
  joined_at: Date;
}

const toMember = (r: MemberRow): MemberDto => ({
  userId: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  status: r.status,
  isTop3: r.is_top3,
  suspendedUntil: r.suspended_until?.toISOString() ?? null,
  joinedAt: r.joined_at.toISOString(),
});

const settingColumns: Record<keyof SettingsDto, string> = {
  postingDelaySeconds: 'posting_delay_seconds',
  chatDelaySeconds: 'chat_delay_seconds',
  flagThreshold: 'flag_threshold',
  suspensionAfterNoContact: 'suspension_after_no_contact',
  suspensionMonths: 'suspension_months',
  crisisContacts: 'crisis_contacts',
  outreachContact: 'outreach_contact',
  directConversations: 'direct_conversations',
};

@Injectable()
export class CommunitiesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The caller as the rules see them in one community. */
  async actorFor(auth: AuthContext, communityId: string): Promise<Actor> {
    const [m] = await this.db.query<{ role: CommunityRole; status: MembershipStatus; is_top3: boolean }[]>(
      `SELECT role, status, is_top3 FROM memberships WHERE community_id = $1 AND user_id = $2`,
      [communityId, auth.userId],
    );
    const membership: MembershipFacts | null = m ? { role: m.role, status: m.status, isTop3: m.is_top3 } : null;
    return { userId: auth.userId, isOperator: auth.isOperator, membership };
  }

  /**
   * Checks a permission and explains a refusal. Someone outside the community learns nothing
   * about it, not even that it exists.
   */
  async authorize(auth: AuthContext, communityId: string, permission: Permission): Promise<Actor> {
    const actor = await this.actorFor(auth, communityId);
    if (can(actor, permission)) return actor;
    if (!actor.membership || actor.membership.status === MembershipStatus.Left) {
      if (!actor.isOperator) throw new NotFoundException(NOT_FOUND);
      const exists = await this.db.query<unknown[]>(`SELECT 1 FROM communities WHERE id = $1`, [communityId]);
      if (exists.length === 0) throw new NotFoundException(NOT_FOUND);
    }
    if (actor.membership?.status === MembershipStatus.Suspended) {
      throw new ForbiddenException(
        'Your place on the board is paused for now. You can still reach the outreach team; your sign-in page shows how and when the pause ends.',
      );
    }
    throw new ForbiddenException('This is not something your role in this community can do.');
  }

  async create(input: CreateCommunityDto): Promise<CommunityDto> {
    try {
      const created = await this.db.transaction((em) => createCommunity(em, input));
      return this.load(created.id);
    } catch (err) {
      if (err instanceof ProvisioningConflict) throw new ConflictException(err.message);
      throw err;
    }
  }

  async get(auth: AuthContext, communityId: string): Promise<CommunityDto> {
    await this.authorize(auth, communityId, Permission.ReadCommunity);
    return this.load(communityId);
  }

  async updateSettings(auth: AuthContext, communityId: string, changes: SettingsDto): Promise<CommunityDto> {
    await this.authorize(auth, communityId, Permission.ChangeSettings);
    const entries = Object.entries(changes).filter(([, v]) => v !== undefined) as [keyof SettingsDto, unknown][];
    if (entries.length > 0) {
      const sets = entries.map(([k], i) => `${settingColumns[k]} = $${i + 2}`).join(', ');
      const values = entries.map(([k, v]) => (k === 'crisisContacts' ? JSON.stringify(v) : v));
      await this.db.query(`UPDATE communities SET ${sets} WHERE id = $1`, [communityId, ...values]);
    }
    return this.load(communityId);
  }

  async listMembers(auth: AuthContext, communityId: string, limit = 50, cursor?: string): Promise<Page<MemberDto>> {
    await this.authorize(auth, communityId, Permission.ListMembers);
    const after = decodeCursor(cursor, 1);
    const rows = await this.db.query<MemberRow[]>(
      `SELECT ${MEMBER_COLUMNS}
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.community_id = $1 AND ($2::text IS NULL OR u.username > $2)
        ORDER BY u.username LIMIT $3`,
      [communityId, after?.[0] ?? null, limit + 1],
    );
    const page = toPage(rows, limit, (r) => [r.username]);
    return { nextCursor: page.nextCursor, items: page.items.map(toMember) };
  }

  /**
   * The community's active members, by the names they use on the board: whom a member can ask to
   * talk with or nominate. For members and staff of the community (checked in the query too).
   */
  async people(auth: AuthContext, communityId: string): Promise<{ items: PersonDto[] }> {
    await this.authorize(auth, communityId, Permission.ReadCommunity);
    const rows = await this.db.query<{ id: string; display_name: string; is_top3: boolean }[]>(
      `SELECT u.id, u.display_name, m.is_top3
         FROM memberships m JOIN users u ON u.id = m.user_id
         JOIN memberships me ON me.community_id = m.community_id AND me.user_id = $2 AND me.status = 'active'
        WHERE m.community_id = $1 AND m.role = 'member' AND m.status = 'active'
        ORDER BY u.display_name, u.id LIMIT 1000`,
      [communityId, auth.userId],
    );
    return { items: rows.map((r) => ({ id: r.id, displayName: r.display_name, isTop3: r.is_top3 })) };
  }

  /** Staff admit members and add staff; an operator may add the first staff of a community. */
  async admit(auth: AuthContext, communityId: string, input: AdmitDto): Promise<MemberDto> {
    const permission = input.role === 'staff' ? Permission.AddStaff : Permission.AdmitMember;
    await this.authorize(auth, communityId, permission);
    const username = input.username.toLowerCase();
    try {
      await this.db.transaction(async (em) => {
        const [user] = await em.query<{ id: string }[]>(`SELECT id FROM users WHERE username = $1`, [username]);
        let userId = user?.id;
        if (!userId) {
          if (!input.initialPassword) {
            throw new NotFoundException(
              `There is no account called "${username}" yet. To create one, send a displayName and an initialPassword too.`,
            );
          }
          userId = await createUser(em, { username, displayName: input.displayName, password: input.initialPassword });
        }
        await admitMember(em, { communityId, userId, role: input.role as CommunityRole });
      });
    } catch (err) {
      if (err instanceof ProvisioningConflict) throw new ConflictException(err.message);
      throw err;
    }
    const [row] = await this.db.query<MemberRow[]>(
      `SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.community_id = $1 AND u.username = $2`,
      [communityId, username],
    );
    return toMember(row);
  }

  /** The caller and every community they belong to, with their standing in each. */
  async me(auth: AuthContext): Promise<MeDto> {
    const rows = await this.db.query<
      {
        id: string;
        slug: string;
        name: string;
        role: string;
        status: string;
        is_top3: boolean;
        suspended_until: Date | null;
        outreach_contact: string;
      }[]
    >(
      `SELECT c.id, c.slug, c.name, m.role, m.status, m.is_top3, m.suspended_until, c.outreach_contact
         FROM memberships m JOIN communities c ON c.id = m.community_id
        WHERE m.user_id = $1 ORDER BY c.name, c.id`,
      [auth.userId],
    );
    return {
      id: auth.userId,
      username: auth.username,
      displayName: auth.displayName,
      isOperator: auth.isOperator,
      memberships: rows.map((r) => ({
        communityId: r.id,
        communitySlug: r.slug,
        communityName: r.name,
        role: r.role,
        status: r.status,
        isTop3: r.is_top3,
        suspendedUntil: r.suspended_until?.toISOString() ?? null,
        // While paused, how to reach the outreach team: the sign-in page shows it with the dates.
        outreachContact: r.status === 'suspended' ? r.outreach_contact : null,
      })),
    };
  }

  private async load(communityId: string): Promise<CommunityDto> {
    const [row] = await this.db.query<CommunityRow[]>(`SELECT * FROM communities WHERE id = $1`, [communityId]);
    if (!row) throw new NotFoundException(NOT_FOUND);
    return toCommunity(row);
  }
}
