/** The roles a person can hold in one community. Operators sit outside communities. */
export enum CommunityRole {
  Member = 'member',
  Staff = 'staff',
}

export enum MembershipStatus {
  Active = 'active',
  Suspended = 'suspended',
  Left = 'left',
}

export enum BoardKind {
  Community = 'community',
  Private = 'private',
  Info = 'info',
  /** A live chat room: read like the community board. */
  Chat = 'chat',
  /** A one-to-one conversation: the two members, and the Top 3 members monitoring it. */
  Direct = 'direct',
}

export interface MembershipFacts {
  role: CommunityRole;
  status: MembershipStatus;
  isTop3: boolean;
}

/** Who is acting: a signed-in user, and their membership of the community in question (if any). */
export interface Actor {
  userId: string;
  isOperator: boolean;
  membership: MembershipFacts | null;
}

export interface BoardFacts {
  kind: BoardKind;
  /** A private board whose readers are whoever currently holds a Top 3 seat. */
  top3Only: boolean;
  participantIds: readonly string[];
  /** Staff whose time-boxed grant to this (community) board is open now. */
  grantedStaffIds?: readonly string[];
  /** Direct conversations: the Top 3 members monitoring it now. */
  monitorIds?: readonly string[];
}
