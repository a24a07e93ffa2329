import { NATIONAL_CRISIS_CONTACTS, type CrisisContactView } from '@p2p/contract';

/** A crisis contact as shown to members: always one tap away (the contract's shape). */
export type CrisisContact = CrisisContactView;

export interface CommunitySettings {
  /** The thinking space: how long a new post waits before anyone else sees it. */
  postingDelaySeconds: number;
  chatDelaySeconds: number;
  /** How many different members must flag an entry before it is hidden for review. */
  flagThreshold: number;
  /** Consecutive no-contact sessions that start a suspension. */
  suspensionAfterNoContact: number;
  suspensionMonths: number;
  crisisContacts: CrisisContact[];
  /** How a suspended member can reach the outreach team. */
  outreachContact: string;
}

/**
 * UK defaults, after P2P: the national lines. Each community adds its own (its local crisis team)
 * for its place (staff, in the community's settings); until then `GET /api/health` and
 * `community:check` say so to the operator.
 */
export const DEFAULT_CRISIS_CONTACTS: readonly CrisisContact[] = NATIONAL_CRISIS_CONTACTS;

export const DEFAULT_SETTINGS: Readonly<CommunitySettings> = Object.freeze({
  postingDelaySeconds: 300,
  chatDelaySeconds: 10,
  flagThreshold: 2,
  suspensionAfterNoContact: 3,
  suspensionMonths: 3,
  crisisContacts: [...DEFAULT_CRISIS_CONTACTS],
  outreachContact: 'Your community staff team will tell you how to reach the outreach worker.',
});

/** The bounds the database also enforces; the API and CLI check them first to explain themselves. */
export const SETTING_BOUNDS = Object.freeze({
  postingDelaySeconds: { min: 0, max: 86_400 },
  chatDelaySeconds: { min: 0, max: 600 },
  flagThreshold: { min: 1, max: 50 },
  suspensionAfterNoContact: { min: 1, max: 52 },
  suspensionMonths: { min: 1, max: 24 },
});
