import { reachableContacts } from '@p2p/contract';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, CommunityRole, MembershipFacts, MembershipStatus, Permission, can } from '@p2p/moderation';
import { DataSource } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { MeDto } from '../auth/dto/login.dto';
import { Page, decodeCursor, toPage } from '../platform/http/pagination';
import { AdmitDto, CommunityDto, CreateCommunityDto, MemberDto, PersonDto, SettingsDto } from './dto/community.dto';
import { CommunitiesRepository, CommunityRow, MemberRow } from './communities.repository';
import { ProvisioningConflict, admitMember, createCommunity, createUser } from './provisioning';

const NOT_FOUND = "We couldn't find that community, or you are not part of it.";

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

@Injectable()
export class CommunitiesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: CommunitiesRepository,
  ) {}

  /** The caller as the rules see them in one community. */
  async actorFor(auth: AuthContext, communityId: string): Promise<Actor> {
    const m = await this.store.membership(communityId, auth.userId);
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
      if (!(await this.store.exists(communityId))) throw new NotFoundException(NOT_FOUND);
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
    await this.store.updateSettings(communityId, changes);
    return this.load(communityId);
  }

  async listMembers(auth: AuthContext, communityId: string, limit = 50, cursor?: string): Promise<Page<MemberDto>> {
    await this.authorize(auth, communityId, Permission.ListMembers);
    const after = decodeCursor(cursor, 1);
    const rows = await this.store.membersPage(communityId, after?.[0] ?? null, limit + 1);
    const page = toPage(rows, limit, (r) => [r.username]);
    return { nextCursor: page.nextCursor, items: page.items.map(toMember) };
  }

  /**
   * The community's active members, by the names they use on the board: whom a member can ask to
   * talk with or nominate. For members and staff of the community (checked in the query too).
   */
  async people(auth: AuthContext, communityId: string): Promise<{ items: PersonDto[] }> {
    await this.authorize(auth, communityId, Permission.ReadCommunity);
    const rows = await this.store.activePeople(communityId, auth.userId);
    return { items: rows.map((r) => ({ id: r.id, displayName: r.display_name, isTop3: r.is_top3 })) };
  }

  /** Staff admit members and add staff; an operator may add the first staff of a community. */
  async admit(auth: AuthContext, communityId: string, input: AdmitDto): Promise<MemberDto> {
    const permission = input.role === 'staff' ? Permission.AddStaff : Permission.AdmitMember;
    await this.authorize(auth, communityId, permission);
    const username = input.username.toLowerCase();
    try {
      await this.db.transaction(async (em) => {
        let userId = await this.store.userIdByUsername(em, username);
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
    return toMember(await this.store.memberByUsername(communityId, username));
  }

  /** The caller and every community they belong to, with their standing in each. */
  async me(auth: AuthContext): Promise<MeDto> {
    const rows = await this.store.myMemberships(auth.userId);
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
    const row = await this.store.community(communityId);
    if (!row) throw new NotFoundException(NOT_FOUND);
    return toCommunity(row);
  }
}
