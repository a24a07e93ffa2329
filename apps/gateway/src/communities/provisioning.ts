import { BoardKind, CommunityRole, CommunitySettings, DEFAULT_SETTINGS } from '@p2p/moderation';
import { EntityManager } from 'typeorm';
import { hashPassword } from '../auth/passwords';

/**
 * Creating people, communities and memberships: shared by the API, the operator CLI and the demo
 * seed. Each function takes the caller's EntityManager so it joins the caller's transaction.
 */

export class ProvisioningConflict extends Error {}

export interface NewCommunity {
  slug: string;
  name: string;
  settings?: Partial<CommunitySettings>;
}

export interface ProvisionedCommunity {
  id: string;
  slug: string;
  boards: { community: string; top3: string; info: string };
}

const crisisPage = (settings: CommunitySettings): string =>
  [
    'If you are struggling right now, you do not have to wait for the next session. These people can help at any time:',
    '',
    ...settings.crisisContacts.map(
      (c) => `- **${c.name}**${c.phone ? `: ${c.phone}` : ''}${c.note ? ` — ${c.note}` : ''}`,
    ),
    '',
    'If you are in danger now, call 999.',
  ].join('\n');

/** A community with what every community starts with: its board, the Top 3's board and info pages. */
export async function createCommunity(em: EntityManager, input: NewCommunity): Promise<ProvisionedCommunity> {
  const given = Object.entries(input.settings ?? {}).filter(([, v]) => v !== undefined);
  const settings: CommunitySettings = { ...DEFAULT_SETTINGS, ...Object.fromEntries(given) };
  const taken = await em.query<unknown[]>(`SELECT 1 FROM communities WHERE slug = $1`, [input.slug]);
  if (taken.length > 0) throw new ProvisioningConflict(`A community called "${input.slug}" already exists.`);
  const [community] = await em.query<{ id: string }[]>(
    `INSERT INTO communities (slug, name, posting_delay_seconds, chat_delay_seconds, flag_threshold,
                              suspension_after_no_contact, suspension_months, crisis_contacts, outreach_contact)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      input.slug,
      input.name,
      settings.postingDelaySeconds,
      settings.chatDelaySeconds,
      settings.flagThreshold,
      settings.suspensionAfterNoContact,
      settings.suspensionMonths,
      JSON.stringify(settings.crisisContacts),
      settings.outreachContact,
    ],
  );

  const board = async (kind: BoardKind, slug: string, name: string, description: string, top3Only = false) => {
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO boards (community_id, kind, slug, name, description, top3_only) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [community.id, kind, slug, name, description, top3Only],
    );
    return row.id;
  };
  const boards = {
    community: await board(
      BoardKind.Community,
      'community',
      'Community board',
      'For everyone in the community, between sessions.',
    ),
    top3: await board(BoardKind.Private, 'top-3', 'Top 3', 'For the Top 3 to talk things through together.', true),
    info: await board(
      BoardKind.Info,
      'info',
      'Information',
      'About the community, local services and where to get help.',
    ),
  };
  await em.query(
    `INSERT INTO info_pages (board_id, slug, title, body, position) VALUES
       ($1, 'need-help-now', 'Need help now?', $2, 0),
       ($1, 'about', 'About this community', $3, 1)`,
    [
      boards.info,
      crisisPage(settings),
      `${input.name} meets in person during the week. This board keeps us in touch between sessions. Posts wait a few minutes before they are shared, so there is time to think. The Top 3 look after the board, and what happens here can be brought back to the community meeting.`,
    ],
  );
  return { id: community.id, slug: input.slug, boards };
}

export interface NewUser {
  username: string;
  displayName?: string;
  password: string;
  isOperator?: boolean;
}

export async function createUser(em: EntityManager, input: NewUser, passwordHash?: string): Promise<string> {
  const username = input.username.trim().toLowerCase();
  const taken = await em.query<unknown[]>(`SELECT 1 FROM users WHERE username = $1`, [username]);
  if (taken.length > 0) throw new ProvisioningConflict(`The username "${username}" is already taken.`);
  const [row] = await em.query<{ id: string }[]>(
    `INSERT INTO users (username, display_name, password_hash, is_operator) VALUES ($1, $2, $3, $4) RETURNING id`,
    [
      username,
      input.displayName ?? username,
      passwordHash ?? (await hashPassword(input.password)),
      input.isOperator ?? false,
    ],
  );
  return row.id;
}

export interface Admission {
  communityId: string;
  userId: string;
  role: CommunityRole;
  isTop3?: boolean;
}

/** Adds someone to a community; re-admitting someone who left makes them active again. */
export async function admitMember(em: EntityManager, a: Admission): Promise<string> {
  const [existing] = await em.query<{ id: string; status: string }[]>(
    `SELECT id, status FROM memberships WHERE community_id = $1 AND user_id = $2`,
    [a.communityId, a.userId],
  );
  if (existing && existing.status !== 'left') {
    throw new ProvisioningConflict('That person is already part of this community.');
  }
  const [row] = await em.query<{ id: string }[]>(
    `INSERT INTO memberships (community_id, user_id, role, is_top3) VALUES ($1, $2, $3, $4)
     ON CONFLICT (community_id, user_id) DO UPDATE
       SET role = EXCLUDED.role, is_top3 = EXCLUDED.is_top3, status = 'active', suspended_until = NULL, joined_at = now()
     RETURNING id`,
    [a.communityId, a.userId, a.role, a.role === CommunityRole.Member && (a.isTop3 ?? false)],
  );
  return row.id;
}
