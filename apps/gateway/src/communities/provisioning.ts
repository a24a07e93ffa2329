import { BoardKind, CommunityRole, CommunitySettings, DEFAULT_SETTINGS } from '@p2p/moderation';
import { EntityManager } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import { CommunitiesRepository } from './communities.repository';

/**
 * Creating people, communities and memberships: shared by the API, the operator CLI and the demo
 * seed. Each function takes the caller's EntityManager so it joins the caller's transaction.
 */

/**
 * The CLI, the seed and the tests call these without Nest, so each call makes its repository;
 * every method it uses here runs in the EntityManager it is given.
 */
const storeOf = (em: EntityManager): CommunitiesRepository => new CommunitiesRepository(em.connection);

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
  const store = storeOf(em);
  if (await store.slugTaken(em, input.slug))
    throw new ProvisioningConflict(`A community called "${input.slug}" already exists.`);
  const communityId = await store.insertCommunity(em, input.slug, input.name, settings);

  const board = (kind: BoardKind, slug: string, name: string, description: string, top3Only = false) =>
    store.insertBoard(em, communityId, { kind, slug, name, description, top3Only });
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
  await store.insertFirstInfoPages(
    em,
    boards.info,
    crisisPage(settings),
    `${input.name} meets in person during the week. This board keeps us in touch between sessions. Posts wait a few minutes before they are shared, so there is time to think. The Top 3 look after the board, and what happens here can be brought back to the community meeting.`,
  );
  return { id: communityId, slug: input.slug, boards };
}

export interface NewUser {
  username: string;
  displayName?: string;
  password: string;
  isOperator?: boolean;
}

export async function createUser(em: EntityManager, input: NewUser, passwordHash?: string): Promise<string> {
  const username = input.username.trim().toLowerCase();
  const store = storeOf(em);
  if (await store.usernameTaken(em, username))
    throw new ProvisioningConflict(`The username "${username}" is already taken.`);
  return store.insertUser(em, {
    username,
    displayName: input.displayName ?? username,
    passwordHash: passwordHash ?? (await hashPassword(input.password)),
    isOperator: input.isOperator ?? false,
  });
}

export interface Admission {
  communityId: string;
  userId: string;
  role: CommunityRole;
  isTop3?: boolean;
}

/** Adds someone to a community; re-admitting someone who left makes them active again. */
export async function admitMember(em: EntityManager, a: Admission): Promise<string> {
  const store = storeOf(em);
  const existing = await store.existingMembership(em, a.communityId, a.userId);
  if (existing && existing.status !== 'left') {
    throw new ProvisioningConflict('That person is already part of this community.');
  }
  // Only members hold a Top 3 seat.
  return store.upsertMembership(em, {
    communityId: a.communityId,
    userId: a.userId,
    role: a.role,
    isTop3: a.role === CommunityRole.Member && (a.isTop3 ?? false),
  });
}
