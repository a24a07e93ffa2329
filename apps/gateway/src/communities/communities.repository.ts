import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NATIONAL_CRISIS_CONTACTS } from '@p2p/contract';
import { BoardKind, CommunityRole, CommunitySettings, MembershipStatus } from '@p2p/moderation';
import { DataSource, EntityManager } from 'typeorm';
import { CommunityDto, SettingsDto } from './dto/community.dto';

export interface CommunityRow {
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

export interface MemberRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  status: string;
  is_top3: boolean;
  suspended_until: Date | null;
  joined_at: Date;
}

/** An active member as others in the community see them. */
export interface PersonRow {
  id: string;
  display_name: string;
  is_top3: boolean;
}

/** One of the caller's memberships, with its community. */
export interface MyMembershipRow {
  id: string;
  slug: string;
  name: string;
  role: string;
  status: string;
  is_top3: boolean;
  suspended_until: Date | null;
  outreach_contact: string;
}

const MEMBER_COLUMNS = `u.id, u.username, u.display_name, m.role, m.status, m.is_top3, m.suspended_until, m.joined_at`;

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

const NATIONAL_NUMBERS = NATIONAL_CRISIS_CONTACTS.map((c) => (c.phone ?? '').replace(/\s+/g, ''));

/**
 * The SQL of communities, their people and memberships: reading a community and its settings,
 * who belongs and in what standing, and creating communities (with their first boards and info
 * pages), accounts and memberships. Who may see a list of people is part of its query. Methods
 * that take an EntityManager run inside the caller's transaction.
 */
@Injectable()
export class CommunitiesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // Communities

  async community(communityId: string): Promise<CommunityRow | undefined> {
    const [row] = await this.db.query<CommunityRow[]>(`SELECT * FROM communities WHERE id = $1`, [communityId]);
    return row;
  }

  async exists(communityId: string): Promise<boolean> {
    const exists = await this.db.query<unknown[]>(`SELECT 1 FROM communities WHERE id = $1`, [communityId]);
    return exists.length > 0;
  }

  /** Changes the settings given (an undefined setting is left as it is); nothing runs if none is given. */
  async updateSettings(communityId: string, changes: SettingsDto): Promise<void> {
    const entries = Object.entries(changes).filter(([, v]) => v !== undefined) as [keyof SettingsDto, unknown][];
    if (entries.length > 0) {
      const sets = entries.map(([k], i) => `${settingColumns[k]} = $${i + 2}`).join(', ');
      const values = entries.map(([k, v]) => (k === 'crisisContacts' ? JSON.stringify(v) : v));
      await this.db.query(`UPDATE communities SET ${sets} WHERE id = $1`, [communityId, ...values]);
    }
  }

  /**
   * Communities whose crisis contacts are only the national lines: nobody has added a local crisis
   * team (or any other contact members can reach) yet. The operator is told, by `GET /api/health`
   * and `community:check`, so that members are not left with only a national number.
   */
  withoutLocalContact(): Promise<{ slug: string; name: string }[]> {
    return this.db.query(
      `SELECT c.slug, c.name FROM communities c
      WHERE NOT EXISTS (
        SELECT 1 FROM jsonb_array_elements(c.crisis_contacts) e
         WHERE (btrim(coalesce(e->>'phone', '')) <> '' OR btrim(coalesce(e->>'url', '')) <> '')
           AND regexp_replace(coalesce(e->>'phone', ''), '\\s', '', 'g') <> ALL($1::text[]))
      ORDER BY c.slug`,
      [NATIONAL_NUMBERS],
    );
  }

  // Memberships

  /** The caller's membership of the community, if they have one (in any standing). */
  async membership(
    communityId: string,
    userId: string,
  ): Promise<{ role: CommunityRole; status: MembershipStatus; is_top3: boolean } | undefined> {
    const [m] = await this.db.query<{ role: CommunityRole; status: MembershipStatus; is_top3: boolean }[]>(
      `SELECT role, status, is_top3 FROM memberships WHERE community_id = $1 AND user_id = $2`,
      [communityId, userId],
    );
    return m;
  }

  /** Everyone in the community, members and staff, by username after `afterUsername`. */
  membersPage(communityId: string, afterUsername: string | number | null, limit: number): Promise<MemberRow[]> {
    return this.db.query<MemberRow[]>(
      `SELECT ${MEMBER_COLUMNS}
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.community_id = $1 AND ($2::text IS NULL OR u.username > $2)
        ORDER BY u.username LIMIT $3`,
      [communityId, afterUsername, limit],
    );
  }

  /** The community's active members by name (at most 1000), only for an active member or staff of it. */
  activePeople(communityId: string, userId: string): Promise<PersonRow[]> {
    return this.db.query<PersonRow[]>(
      `SELECT u.id, u.display_name, m.is_top3
         FROM memberships m JOIN users u ON u.id = m.user_id
         JOIN memberships me ON me.community_id = m.community_id AND me.user_id = $2 AND me.status = 'active'
        WHERE m.community_id = $1 AND m.role = 'member' AND m.status = 'active'
        ORDER BY u.display_name, u.id LIMIT 1000`,
      [communityId, userId],
    );
  }

  async memberByUsername(communityId: string, username: string): Promise<MemberRow> {
    const [row] = await this.db.query<MemberRow[]>(
      `SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.community_id = $1 AND u.username = $2`,
      [communityId, username],
    );
    return row;
  }

  /** Every community the user belongs to, with their standing in it, by name. */
  myMemberships(userId: string): Promise<MyMembershipRow[]> {
    return this.db.query<MyMembershipRow[]>(
      `SELECT c.id, c.slug, c.name, m.role, m.status, m.is_top3, m.suspended_until, c.outreach_contact
         FROM memberships m JOIN communities c ON c.id = m.community_id
        WHERE m.user_id = $1 ORDER BY c.name, c.id`,
      [userId],
    );
  }

  /** The user's standing in each community where they are active (what their sockets may be sent). */
  activeStandings(userId: string): Promise<{ community_id: string; role: string; is_top3: boolean }[]> {
    return this.db.query<{ community_id: string; role: string; is_top3: boolean }[]>(
      `SELECT community_id, role, is_top3 FROM memberships WHERE user_id = $1 AND status = 'active'`,
      [userId],
    );
  }

  /** The user's memberships not ended by leaving, with any suspension's end. */
  currentMemberships(userId: string): Promise<{ status: string; suspended_until: Date | null }[]> {
    return this.db.query<{ status: string; suspended_until: Date | null }[]>(
      `SELECT status, suspended_until FROM memberships WHERE user_id = $1 AND status <> 'left'`,
      [userId],
    );
  }

  // Provisioning: communities, accounts and memberships are created inside the caller's transaction.

  async communityIdBySlug(em: EntityManager, slug: string): Promise<string | undefined> {
    const [row] = await em.query<{ id: string }[]>(`SELECT id FROM communities WHERE slug = $1`, [slug]);
    return row?.id;
  }

  async slugTaken(em: EntityManager, slug: string): Promise<boolean> {
    const taken = await em.query<unknown[]>(`SELECT 1 FROM communities WHERE slug = $1`, [slug]);
    return taken.length > 0;
  }

  async insertCommunity(em: EntityManager, slug: string, name: string, settings: CommunitySettings): Promise<string> {
    const [community] = await em.query<{ id: string }[]>(
      `INSERT INTO communities (slug, name, posting_delay_seconds, chat_delay_seconds, flag_threshold,
                              suspension_after_no_contact, suspension_months, crisis_contacts, outreach_contact)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        slug,
        name,
        settings.postingDelaySeconds,
        settings.chatDelaySeconds,
        settings.flagThreshold,
        settings.suspensionAfterNoContact,
        settings.suspensionMonths,
        JSON.stringify(settings.crisisContacts),
        settings.outreachContact,
      ],
    );
    return community.id;
  }

  async insertBoard(
    em: EntityManager,
    communityId: string,
    b: { kind: BoardKind; slug: string; name: string; description: string; top3Only: boolean },
  ): Promise<string> {
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO boards (community_id, kind, slug, name, description, top3_only) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [communityId, b.kind, b.slug, b.name, b.description, b.top3Only],
    );
    return row.id;
  }

  /** The info board's first two pages: "Need help now?" and "About this community". */
  async insertFirstInfoPages(
    em: EntityManager,
    infoBoardId: string,
    needHelpNow: string,
    about: string,
  ): Promise<void> {
    await em.query(
      `INSERT INTO info_pages (board_id, slug, title, body, position) VALUES
       ($1, 'need-help-now', 'Need help now?', $2, 0),
       ($1, 'about', 'About this community', $3, 1)`,
      [infoBoardId, needHelpNow, about],
    );
  }

  /** The account's id, by its (lower-case) username. */
  async userIdByUsername(em: EntityManager, username: string): Promise<string | undefined> {
    const [user] = await em.query<{ id: string }[]>(`SELECT id FROM users WHERE username = $1`, [username]);
    return user?.id;
  }

  async usernameTaken(em: EntityManager, username: string): Promise<boolean> {
    const taken = await em.query<unknown[]>(`SELECT 1 FROM users WHERE username = $1`, [username]);
    return taken.length > 0;
  }

  async insertUser(
    em: EntityManager,
    u: { username: string; displayName: string; passwordHash: string; isOperator: boolean },
  ): Promise<string> {
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO users (username, display_name, password_hash, is_operator) VALUES ($1, $2, $3, $4) RETURNING id`,
      [u.username, u.displayName, u.passwordHash, u.isOperator],
    );
    return row.id;
  }

  /** The user's membership of the community, if they have one (in any standing). */
  async existingMembership(
    em: EntityManager,
    communityId: string,
    userId: string,
  ): Promise<{ id: string; status: string } | undefined> {
    const [existing] = await em.query<{ id: string; status: string }[]>(
      `SELECT id, status FROM memberships WHERE community_id = $1 AND user_id = $2`,
      [communityId, userId],
    );
    return existing;
  }

  /** A new membership, or one that had ended made active again with the role given. */
  async upsertMembership(
    em: EntityManager,
    m: { communityId: string; userId: string; role: CommunityRole; isTop3: boolean },
  ): Promise<string> {
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO memberships (community_id, user_id, role, is_top3) VALUES ($1, $2, $3, $4)
     ON CONFLICT (community_id, user_id) DO UPDATE
       SET role = EXCLUDED.role, is_top3 = EXCLUDED.is_top3, status = 'active', suspended_until = NULL, joined_at = now()
     RETURNING id`,
      [m.communityId, m.userId, m.role, m.isTop3],
    );
    return row.id;
  }
}
